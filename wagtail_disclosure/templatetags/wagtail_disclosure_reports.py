"""Template tags of the report page: the table and chart blocks find their data in the page's
context (``report_tables``, ``report_charts``), drawn once per page view."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def report_table(context, key):
    return (context.get("report_tables") or {}).get(key)


@register.simple_tag(takes_context=True)
def report_chart(context, key):
    return (context.get("report_charts") or {}).get(key)
