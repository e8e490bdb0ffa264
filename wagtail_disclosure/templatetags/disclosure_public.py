"""Template tags of the public listings and forms."""

from django import template
from django.utils.translation import pgettext

register = template.Library()

# Punctuation a form label may end with, which must not be doubled before "：".
_TRAILING_PUNCTUATION = "。.：:；;，,、！!？? \u3000"


@register.simple_tag
def power_kinds(items):
    """``{% power_kinds items as kinds %}``: ``{item id: kind of power}`` for the
    administrative power items among ``items`` (one query, and none when there is no power
    item among them: the base page row tells the page type)."""
    from ..catalogue.choices import PowerKind
    from ..catalogue.power_items import power_kinds_of

    labels = dict(PowerKind.choices)
    return {pk: labels.get(kind, kind) for pk, kind in power_kinds_of(items).items()}


@register.filter
def lookup(mapping, key):
    """``{{ mapping|lookup:key }}``: ``mapping[key]``, or ``""``."""
    try:
        return mapping.get(key, "")
    except AttributeError:
        return ""


@register.simple_tag
def field_error(label, error):
    """One line of a form's error summary: the field's label without its closing punctuation
    (a label may be a sentence ending in 。), then the error, joined the way the language
    does it (“label: error” in English, “label：error” in Chinese)."""
    label = str(label).rstrip(_TRAILING_PUNCTUATION)
    return pgettext("field error", "%(label)s: %(error)s") % {"label": label, "error": error}
