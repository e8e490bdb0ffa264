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


# How a printed label names what it counts (channels first: "政府网站主动发布信息数" is a channel).
MEASURE_KEYWORDS = (
    ("channel:internal_report", "内部"), ("channel:weibo", "微博"), ("channel:wechat", "微信"),
    ("channel:gazette", "公报"), ("channel:press_conference", "发布会"),
    ("channel:website", "网站"), ("proactive_total", "主动公开"),
    ("reconsiderations", "复议"), ("lawsuits", "诉讼"), ("fees_yuan", "费"),
    ("requests_received", "申请"),
)


def _measure_values(stats):
    values = {key: value for key, value in (stats.get("stated") or {}).items()
              if value is not None}
    values.update({f"channel:{code}": value for code, value in (stats.get("channels") or {}).items()
                   if code != "total" and value is not None})
    return values


def _stated_blocks(stats):
    """The stated-figure blocks of a legacy report: every figure recognised, as printed, with
    what it counts where its label and value match a stated figure; stated figures the text
    gave only in words (e.g. 没有收到申请: 0) get a block of their own."""
    from ..conf import get_channel_choices

    known_channels = {f"channel:{code}" for code, _l in get_channel_choices(include_website=True)}
    pending = _measure_values(stats)
    blocks = []
    for indicator in stats.get("indicators") or ():
        if "values" in indicator or indicator.get("value") is None:
            continue  # a table row (kept in the figures), not one figure
        measure = next((key for key, word in MEASURE_KEYWORDS
                        if key in pending and word in indicator["label"]
                        and pending[key] == indicator["value"]), "")
        if measure:
            pending.pop(measure)
        blocks.append(("figure", {"measure": measure if measure in known_channels or not (
            measure.startswith("channel:")) else "", "label": indicator["label"][:200],
            "value": indicator["value"], "unit": (indicator.get("unit") or "")[:10]}))
    for key, value in pending.items():
        if key in STATED_LABELS:
            blocks.append(("figure", {"measure": key, "label": STATED_LABELS[key],
                                      "value": value, "unit": STATED_UNITS[key]}))
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
    if result.format == fmt.FORMAT_LEGACY:
        blocks = _stated_blocks(stats)
        # the blocks hold the figures from now on; table rows stay in the figures
        stats["indicators"] = [i for i in stats.get("indicators") or () if "values" in i]
    else:
        blocks = []
    taken = set(parent.get_children().values_list("slug", flat=True))
    slug = next(candidate for candidate in (
        f"{year}", *(f"{year}-{n}" for n in range(2, 1000))) if candidate not in taken)
    page = AnnualReportPage(
        title=default_title(result, year, organ)[:255], year=year, slug=slug,
        report_format=result.format, figures=stats, figures_source="imported", live=False,
        organs=[organ] if organ is not None else [],
        body=_body(result), stated_figures=blocks)
    with transaction.atomic():
        parent.add_child(instance=page)
        revision = page.save_revision(user=user, log_action=True)
        if publish:
            revision.publish(user=user)
    return page
