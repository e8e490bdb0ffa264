"""The 无障碍阅读 / 适老化 toolbar (reading aids) of the public pages.

MIIT's《互联网网站适老化通用设计规范》(2021) asks for large text, high contrast and read-aloud
that do not depend on the visitor's operating system or browser settings, and for elderly
versions without pop-ups; 无障碍环境建设法 (2023) Art.32 moves publicly funded sites toward the
national accessibility standards. The package's ``base.html`` uses these tags; a site with its
own base template adds the whole toolbar in one line::

    {% load disclosure_reading_aids %}
    <body>
      {% reading_aids %}   {# the stylesheet, the script and the toolbar #}

or, so that a remembered choice is applied before anything is drawn, in two::

    <head> … {% reading_aids_head %} </head>
    <body> … {% reading_aids_toolbar %}

Everything is served from the package's static files (no third-party script, no network voice
service) and satisfies the strict Content-Security-Policy (no inline script or style). The
setting ``WAGTAIL_DISCLOSURE["READING_AIDS"] = False`` turns the tags into nothing.
See docs/reference/reading-aids.md.
"""

from django import template
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from ..conf import disclosure_settings

register = template.Library()

TOOLBAR_TEMPLATE = "wagtail_disclosure/includes/reading_aids.html"


def _enabled():
    return bool(disclosure_settings.READING_AIDS)


@register.simple_tag
def reading_aids_head():
    """The stylesheet and the script of the toolbar, for ``<head>``. The script is small and
    not deferred: it applies the visitor's remembered choice to ``<html>`` before the body
    is drawn, then sets up the toolbar once the document is parsed."""
    if not _enabled():
        return ""
    return format_html(
        '<link rel="stylesheet" href="{}">\n  <script src="{}"></script>',
        static("wagtail_disclosure/css/reading-aids.css"),
        static("wagtail_disclosure/js/reading-aids.js"),
    )


@register.simple_tag
def reading_aids_toolbar():
    """The toolbar itself, for the top of ``<body>`` (right after the skip link). It stays
    hidden until the script shows it: without scripts nothing that cannot work is offered."""
    if not _enabled():
        return ""
    return render_to_string(TOOLBAR_TEMPLATE)  # only translated strings: no context needed


@register.simple_tag
def reading_aids():
    """Both of the above in one line, for the top of ``<body>`` of a site's own base
    template (a stylesheet link and a script are allowed in the body)."""
    if not _enabled():
        return ""
    return mark_safe(f"{reading_aids_head()}\n{reading_aids_toolbar()}")
