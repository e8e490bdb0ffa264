"""Create a report page from an imported report (``importers.parse_report``), all or nothing."""

from django.db import transaction
from django.utils.translation import gettext as _

from . import format as fmt
from .blocks import OFFICIAL_HEADINGS

STATED_LABELS = {
    "proactive_total": "主动公开政府信息数",
    "requests_received": "收到政府信息公开申请数",
    "fees_yuan": "收取费用（元）",
    "reconsiderations": "行政复议数",
    "lawsuits": "行政诉讼数",
}
STATED_UNITS = {"proactive_total": "条", "requests_received": "件", "fees_yuan": "元",
                "reconsiderations": "件", "lawsuits": "件"}

# The table blocks an imported 2021-format report gets, by official section number.
TABLES_BY_SECTION = {"二": ["proactive"], "三": ["requests"], "四": ["review"]}


def _stated_blocks(stats):
    from ..conf import get_channel_choices

    channel_names = dict(get_channel_choices(include_website=True))
    blocks = []
    for key, value in (stats.get("stated") or {}).items():
        if key in STATED_LABELS and value is not None:
            blocks.append(("figure", {"measure": key, "label": STATED_LABELS[key],
                                      "value": value, "unit": STATED_UNITS[key]}))
    for code, value in (stats.get("channels") or {}).items():
        if code != "total" and value is not None and code in channel_names:
            blocks.append(("figure", {"measure": f"channel:{code}",
                                      "label": f"{channel_names[code]}公开信息数",
                                      "value": value, "unit": "条"}))
    return blocks


def _body(result):
    body = []
    if result.preamble:
        body.append({"type": "preamble", "value": result.preamble})
    for heading, html in result.sections:
        content = [{"type": "paragraph", "value": html}] if html.strip() else []
        numeral = heading[:1]
        if result.format == fmt.FORMAT_2021:
            content += [{"type": "table", "value": {"table": key}}
                        for key in TABLES_BY_SECTION.get(numeral, ())]
        elif numeral == "二" and result.statistics.get("stated"):
            content.append({"type": "table", "value": {"table": "legacy"}})
        body.append({"type": "section", "value": {"heading": heading[:120], "content": content}})
    if not result.sections and not result.preamble:
        body.append({"type": "section", "value": {"heading": OFFICIAL_HEADINGS[0], "content": []}})
    return body


def default_title(result, year, organ):
    name = result.organ_name or (organ.name if organ else "")
    return result.title or f"{name}{year}年政府信息公开工作年度报告"


def create_report(result, parent, *, year=None, organ=None, publish=False, user=None):
    """A new ``AnnualReportPage`` under ``parent`` from an ``ImportResult``.

    The figures are stored as imported (``figures_source = "imported"``): the rules are run and
    their failures shown to the editor, never corrected. Raises ``ValueError`` with a clear
    message when the year is unknown; nothing is created then, or when anything else fails.
    """
    from .pages import AnnualReportPage

    year = year or result.year
    if not year:
        raise ValueError(_("The report's year could not be found in the file: give it with "
                           "--year."))
    stats = fmt.copy_statistics(result.statistics)
    stats["year"] = year
    stats["organs"] = [{"id": organ.pk, "name": organ.name}] if organ else []
    stats["checks"] = []
    page = AnnualReportPage(
        title=default_title(result, year, organ)[:255], year=year,
        report_format=result.format, figures=stats, figures_source="imported", live=False,
        organs=[organ] if organ is not None else [],
        body=_body(result), stated_figures=_stated_blocks(stats) if (
            result.format == fmt.FORMAT_LEGACY) else [])
    with transaction.atomic():
        parent.add_child(instance=page)
        revision = page.save_revision(user=user, log_action=True)
        if publish:
            revision.publish(user=user)
    return page
