"""The blocks of a report's body: the official sections, with the statistics tables and charts
as blocks editors place where they belong."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks

from ..conf import disclosure_settings
from ..governance.assessment_blocks import AssessmentFiguresBlock

# The six headings of the 2021 format (国办公开办函〔2021〕30号), official text.
OFFICIAL_HEADINGS = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)

TABLE_CHOICES = [
    ("proactive", _("Table 二: proactive disclosure")),
    ("requests", _("Table 三: requests received and handled")),
    ("review", _("Table 四: reconsideration and litigation")),
    ("channels", _("Items published, per channel")),
    ("organ_breakdown", _("Per-organ breakdown")),
    ("legacy", _("Figures stated in a legacy report")),
]

CHART_CHOICES = [
    ("requests_per_year", _("Requests received and concluded per year")),
    ("outcomes_mix", _("Outcomes of the requests concluded")),
    ("on_time_rate", _("Requests concluded on time, per year")),
]

# The tables and charts each section of a new report starts with.
DEFAULT_SECTION_BLOCKS = {
    1: [("table", "proactive"), ("table", "channels")],
    2: [("table", "requests"), ("chart", "outcomes_mix"), ("chart", "on_time_rate")],
    3: [("table", "review")],
}

PREAMBLE = (
    "<p>本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和"
    "《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》"
    "（国办公开办函〔2021〕30号）要求编制。本报告中所列数据的统计期限自1月1日起至12月31日止。"
    "本报告电子版可在本网站政府信息公开专栏下载。如对本报告有疑问，请与本机关政府信息公开工作机构联系。</p>"
)


class ReportTableBlock(blocks.StructBlock):
    """One statistics table, drawn from the report's stored figures."""

    table = blocks.ChoiceBlock(choices=TABLE_CHOICES, label=_("table"))

    class Meta:
        icon = "table"
        label = _("Statistics table")
        template = "wagtail_disclosure/reports/blocks/table_block.html"


class ReportChartBlock(blocks.StructBlock):
    chart = blocks.ChoiceBlock(choices=CHART_CHOICES, label=_("chart"))

    class Meta:
        icon = "doc-full"
        label = _("Chart")
        template = "wagtail_disclosure/reports/blocks/chart_block.html"


class SectionContentBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(label=pgettext_lazy("annual report section", "Text"))
    table = ReportTableBlock()
    chart = ReportChartBlock()
    assessment = AssessmentFiguresBlock()


class ReportSectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), max_length=120)
    content = SectionContentBlock(label=pgettext_lazy("annual report section", "content"),
                                  required=False)

    class Meta:
        icon = "title"
        label = _("Section")
        template = "wagtail_disclosure/reports/blocks/section_block.html"


class ReportBodyBlock(blocks.StreamBlock):
    preamble = blocks.RichTextBlock(label=_("Preamble"), icon="pilcrow")
    section = ReportSectionBlock()


def _stated_measure_choices():
    choices = [
        ("proactive_total", _("Items published proactively (distinct)")),
        ("requests_received", _("Requests received")),
        ("fees_yuan", _("Fees collected (yuan)")),
        ("reconsiderations", _("Administrative reconsiderations")),
        ("lawsuits", _("Administrative lawsuits")),
        ("channel:website", _("Channel: government website")),
    ]
    choices += [(f"channel:{code}", _("Channel: %(channel)s") % {"channel": label})
                for code, label in disclosure_settings.PUBLICATION_CHANNELS]
    return choices


class StatedFigureBlock(blocks.StructBlock):
    """A figure a legacy report states (e.g. 主动公开信息数 55 条)."""

    measure = blocks.ChoiceBlock(
        choices=_stated_measure_choices, required=False, label=_("what it counts"),
        help_text=_("Leave empty for a figure of the report's own (it is kept as stated)."))
    label = blocks.CharBlock(label=_("label as printed"), max_length=200)
    value = blocks.DecimalBlock(label=_("value"), min_value=0, max_digits=16, decimal_places=2)
    unit = blocks.CharBlock(label=_("unit"), max_length=10, required=False,
                            help_text=_("条, 件, 次, 人, 元, 万元 …"))

    class Meta:
        icon = "list-ol"
        label = _("Stated figure")


def section_value(heading, content=()):
    return {"type": "section", "value": {
        "heading": heading,
        "content": [{"type": kind, "value": {"table" if kind == "table" else "chart": key}}
                    for kind, key in content]}}


def default_report_body():
    """A new report's body: the preamble and the six official sections, tables in place."""
    body = [{"type": "preamble", "value": PREAMBLE}]
    for number, heading in enumerate(OFFICIAL_HEADINGS):
        body.append(section_value(heading, DEFAULT_SECTION_BLOCKS.get(number, ())))
    return body
