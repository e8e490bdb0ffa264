"""The 年报 column and the annual report page."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import HttpResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField

from ..catalogue.indexing import SegmentedSearchField
from ..catalogue.pages import Page
from . import format as fmt
from . import statistics as computing
from .blocks import ReportBodyBlock, StatedFigureBlock, default_report_body
from .checks import ack_key, run_checks
from .forms import AnnualReportPageForm
from .panels import ReportFiguresPanel


class FiguresSource(models.TextChoices):
    COMPUTED = "computed", _("Computed from the site's data")
    IMPORTED = "imported", _("Imported from a published report")


class OrganFigures(models.TextChoices):
    """Where a report covering several organs takes each organ's figures from
    (``reports.government``)."""

    DATA = "data", _("Count each organ's figures from the data")
    REPORTS = "reports", _("Add up the organs' own published reports of the year")


class ReportFormat(models.TextChoices):
    FORMAT_2021 = fmt.FORMAT_2021, _("2021 national format (国办公开办函〔2021〕30号)")
    LEGACY = fmt.FORMAT_LEGACY, _("Legacy report (before 2021): stated figures")


def default_year():
    return timezone.localdate().year - 1


class AnnualReportIndexPage(Page):
    """年报: the column that lists the annual reports, newest first."""

    #: Anonymous views of this page type may be kept in the page cache (caching.page_cache).
    page_cache = True
    #: Listed pages: purged from a CDN on every change of the site (caching.purge).
    page_cache_purge_always = True

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    api_fields = [APIField("intro"), APIField("yearly_figures")]
    parent_page_types = ["wagtail_disclosure.DisclosureIndexPage"]
    subpage_types = ["wagtail_disclosure.AnnualReportPage"]
    template = "wagtail_disclosure/reports/annual_report_index_page.html"

    class Meta:
        verbose_name = _("annual reports column")
        verbose_name_plural = _("annual reports columns")

    def reports(self):
        from ..catalogue.tree_queries import children

        return (children(AnnualReportPage.objects.live().public(), self)
                .order_by("-year", "-first_published_at"))

    @cached_property
    def yearly_figures(self):
        """Requests received and concluded per year, from the published reports (oldest first).
        A legacy report gives what it stated; concluded is ``None`` where it stated nothing."""
        figures = yearly_headlines(self.reports().defer_streamfields()
                                   .prefetch_related("overrides"))
        return [{"year": year, **figures[year]} for year in sorted(figures)]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        from . import charts

        context["reports"] = self.reports()
        points = [(row["year"], row["received"], row["concluded"])
                  for row in self.yearly_figures if row["received"] is not None]
        if points:
            context["requests_chart"] = charts.requests_per_year_chart(points)
        return context


class AnnualReportPage(RoutablePageMixin, Page):
    """政府信息公开工作年度报告: one year's report, its tables computed from the site's data and
    frozen with each revision (``figures``)."""

    #: Anonymous views of this page type may be kept in the page cache (caching.page_cache).
    page_cache = True

    def get_cached_paths(self):
        """The paths a CDN may keep of this report: the page and its spreadsheet."""
        return ["/", "/xlsx/"]

    year = models.PositiveSmallIntegerField(
        _("year"), default=default_year,
        validators=[MinValueValidator(2008), MaxValueValidator(2100)],
        help_text=_("The year reported on (1 January to 31 December)."))
    report_format = models.CharField(_("format"), max_length=10, choices=ReportFormat.choices,
                                     default=fmt.FORMAT_2021)
    organs = ParentalManyToManyField(
        "wagtail_disclosure.PublishingOrgan", verbose_name=_("organs covered"), blank=True,
        related_name="+",
        help_text=_("Leave empty to cover every organ of the site. A government's report that "
                    "covers its departments sums their figures and adds a per-organ table."))
    organ_figures = models.CharField(
        _("figures of the organs covered"), max_length=10, choices=OrganFigures.choices,
        default=OrganFigures.DATA,
        help_text=_("For a report covering several organs. Their own reports: each organ's "
                    "figures as published in its own report of the year (on any site of this "
                    "installation); an organ without one is counted from the data."))
    body = StreamField(ReportBodyBlock(), verbose_name=_("body"), blank=True,
                       default=default_report_body)

    # The stored figures: frozen with each revision, so a published report never changes.
    figures = models.JSONField(_("stored figures"), null=True, blank=True, editable=False)
    figures_source = models.CharField(max_length=10, choices=FiguresSource.choices,
                                      default=FiguresSource.COMPUTED, editable=False)
    figures_computed_at = models.DateTimeField(null=True, blank=True, editable=False)

    # Table 二 figures the site cannot count.
    licensing_decisions = models.PositiveIntegerField(_("行政许可: decisions"), null=True,
                                                      blank=True)
    penalty_decisions = models.PositiveIntegerField(_("行政处罚: decisions"), null=True,
                                                    blank=True)
    coercion_decisions = models.PositiveIntegerField(_("行政强制: decisions"), null=True,
                                                     blank=True)
    fees_amount_wan = models.DecimalField(
        _("行政事业性收费: amount (万元)"), max_digits=14, decimal_places=4, null=True,
        blank=True, validators=[MinValueValidator(0)])
    # Table 四 entered by hand instead of counted from the cases: 12 numbers, totals computed.
    review_entered = models.JSONField(_("table 四 entered by hand"), null=True, blank=True)

    stated_figures = StreamField([("figure", StatedFigureBlock())], blank=True,
                                 verbose_name=_("figures stated in the report"))
    acknowledged_checks = models.JSONField(_("acknowledged check failures"), default=list,
                                           blank=True)

    base_form_class = AnnualReportPageForm
    parent_page_types = ["wagtail_disclosure.AnnualReportIndexPage"]
    subpage_types = []
    template = "wagtail_disclosure/reports/annual_report_page.html"
    exclude_fields_in_copy = ["figures", "figures_computed_at", "acknowledged_checks"]

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("year"), FieldPanel("report_format")]),
        FieldPanel("organs"),
        FieldPanel("organ_figures"),
        FieldPanel("body"),
    ]
    figures_panels = [
        ReportFiguresPanel(heading=_("Figures and checks")),
        MultiFieldPanel([
            FieldRowPanel([FieldPanel("licensing_decisions"), FieldPanel("penalty_decisions"),
                           FieldPanel("coercion_decisions")]),
            FieldPanel("fees_amount_wan"),
        ], heading=_("Table 二: entered figures"), help_text=_(
            "These come from other systems (licensing, enforcement, finance): enter them here. "
            "The published table notes that they were entered.")),
        FieldPanel("review_entered"),
        InlinePanel("overrides", heading=_("Overrides"), label=_("override")),
        FieldPanel("acknowledged_checks"),
        FieldPanel("stated_figures"),
    ]
    edit_handler = TabbedInterface([
        ObjectList(content_panels, heading=_("Content")),
        ObjectList(figures_panels, heading=_("Figures")),
        ObjectList(Page.promote_panels, heading=_("Promote")),
        ObjectList(Page.settings_panels, heading=_("Settings")),
    ])

    # segmented for Chinese search: the section's search finds the reports by any word
    search_fields = Page.search_fields + [SegmentedSearchField("title"),
                                          SegmentedSearchField("body")]
    api_fields = [APIField("year"), APIField("report_format"), APIField("organ_list"),
                  APIField("organ_figures"), APIField("body"), APIField("statistics")]

    class Meta:
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")

    # -- the figures ---------------------------------------------------------------------

    def organ_ids(self):
        return sorted(organ.pk for organ in self.organs.all())

    @property
    def organ_list(self):
        return [{"id": organ.pk, "name": organ.name} for organ in self.organs.all()]

    def figures_are_stale(self, organ_ids=None):
        """Whether computed figures are missing, or are for another year, other organs or
        (covering several organs) another source of their figures than the page's
        (``organ_ids``: the organs about to be saved, if not the page's own)."""
        if self.report_format != fmt.FORMAT_2021 or self.figures_source != FiguresSource.COMPUTED:
            return False
        if not self.figures:
            return True
        organ_ids = self.organ_ids() if organ_ids is None else sorted(organ_ids)
        stored_organs = sorted(organ["id"] for organ in self.figures.get("organs", ()))
        if self.figures.get("year") != self.year or stored_organs != organ_ids:
            return True
        return len(organ_ids) > 1 and (self.figures.get("organ_figures", OrganFigures.DATA)
                                       != self.organ_figures_for(organ_ids))

    def organ_figures_for(self, organ_ids):
        """The source of each organ's figures (``government``): the page's choice when it
        covers several organs, else counted from the data."""
        if len(organ_ids) > 1 and self.organ_figures == OrganFigures.REPORTS:
            return OrganFigures.REPORTS
        return OrganFigures.DATA

    def refresh_figures(self, organ_ids=None, figures=None):
        """Store figures computed from the site's data now (or ``figures``, computed already)
        on this instance."""
        organ_ids = self.organ_ids() if organ_ids is None else organ_ids
        self.figures = self.compute_figures(organ_ids) if figures is None else figures
        self.figures_source = FiguresSource.COMPUTED
        self.figures_computed_at = timezone.now()

    def live_figures(self, organ_ids=None):
        """The figures the site's data give today (for the diff against the stored ones)."""
        return self.compute_figures(self.organ_ids() if organ_ids is None else organ_ids)

    def figures_site_id(self):
        """The site whose data a report without organs counts, on a platform of several
        sites (docs/how-to/multi-site.md); None (every site's data) with one site, or before
        the page is in the tree."""
        from .. import sites

        if not sites.is_multi_site() or not self.url_path:
            return None
        return sites.site_id_for_page(self)

    def compute_figures(self, organ_ids):
        """The national tables' figures (``reports.statistics.compute``; for a government's
        report adding up its organs' own reports, ``reports.government.compute_from_reports``)
        and, under ``"assessment"``, the assessment report's figures of the year (考核评议,
        ``governance.assessment.report_figures``) that the report's 总体情况 may quote: all
        frozen together on the page."""
        from ..governance.assessment import report_figures
        from .government import compute_from_reports

        if self.organ_figures_for(organ_ids) == OrganFigures.REPORTS:
            figures = compute_from_reports(self.year, organ_ids, exclude=self.pk)
        else:
            figures = computing.compute(self.year, organ_ids, site_id=self.figures_site_id())
        # without organs, the report's site's data only (with organs, the organs decide)
        figures["assessment"] = report_figures(
            self.year, organ_ids, site_id=None if organ_ids else self.figures_site_id())
        return figures

    def figure_changes(self, live=None):
        """The cells where ``live`` figures (today's, by default) differ from the stored ones:
        ``[{"cell", "label", "stored", "live"}, …]``."""
        live = self.live_figures() if live is None else live
        labels = dict(fmt.cell_paths())
        return [{"cell": path, "label": labels.get(path, path), "stored": before, "live": after}
                for path, before, after in fmt.diff(
                    self.figures or fmt.empty_statistics(self.year), live)]

    def base_statistics(self, figures=None):
        """The stored figures (or ``figures``) with the entered ones filled in, before
        overrides."""
        if self.report_format == fmt.FORMAT_LEGACY:
            return self.legacy_statistics()
        figures = self.figures if figures is None else figures
        stats = fmt.copy_statistics(figures) if figures else fmt.empty_statistics(self.year)
        stats["format"], stats["year"] = fmt.FORMAT_2021, self.year
        entered = {"licensing": ("decisions", self.licensing_decisions),
                   "penalty": ("decisions", self.penalty_decisions),
                   "coercion": ("decisions", self.coercion_decisions),
                   "fees": ("amount_wan", None if self.fees_amount_wan is None
                            else float(self.fees_amount_wan))}
        for item, (measure, value) in entered.items():
            if value is not None or stats["proactive"][item][measure] is None:
                stats["proactive"][item][measure] = value
        if self.review_entered:
            stats["review_litigation"] = review_from_entered(self.review_entered)
        return stats

    def legacy_statistics(self):
        stats = fmt.copy_statistics(self.figures) if self.figures else fmt.empty_statistics(
            self.year, fmt.FORMAT_LEGACY)
        stats["format"], stats["year"] = fmt.FORMAT_LEGACY, self.year
        if not self.figures:
            stats["requests"], stats["review_litigation"] = [], None
        stated, channels, indicators = {}, {}, []
        for block in self.stated_figures:
            value = block.value["value"]
            number = int(value) if value == int(value) else float(value)
            measure = block.value["measure"] or ""
            if measure.startswith("channel:"):
                channels[measure.split(":", 1)[1]] = number
            elif measure:
                stated[measure] = number
            indicators.append({"label": block.value["label"], "value": number,
                               "unit": block.value["unit"], "measure": measure or None})
        if self.stated_figures:
            # table rows of a 2019-format import (with "values") stay with the figures
            rows = [i for i in stats.get("indicators") or () if "values" in i]
            stats["stated"], stats["indicators"] = stated, indicators + rows
            stats["channels"] = {"total": stated.get("proactive_total"), **channels}
        return stats

    def effective_statistics(self, with_checks=True):
        """What the report publishes: stored figures, entered figures, overrides, checks."""
        stats = self.base_statistics()
        applied = []
        if stats["format"] == fmt.FORMAT_2021:
            for override in self.overrides.all():
                if not fmt.is_valid_path(override.cell):
                    continue
                computed = fmt.get_cell(stats, override.cell)
                fmt.set_cell(stats, override.cell, override.number)
                applied.append({"cell": override.cell, "value": override.number,
                                "computed": computed, "reason": override.reason})
        stats["overrides"] = applied
        stats["checks"] = run_checks(stats, self.previous_statistics()) if with_checks else []
        return stats

    def previous_report(self):
        if not self.pk:
            return None
        return (AnnualReportPage.objects.live().sibling_of(self, inclusive=False)
                .filter(year=self.year - 1).order_by("-last_published_at").first())

    def previous_statistics(self):
        previous = self.previous_report()
        return previous.effective_statistics(with_checks=False) if previous else None

    @cached_property
    def statistics(self):
        """The page API's ``statistics`` (see ``docs/reference/report-statistics.md``)."""
        return self.effective_statistics()

    def headline_figures(self):
        stats = self.effective_statistics(with_checks=False)
        if stats["format"] == fmt.FORMAT_LEGACY:
            # a legacy report gives what it stated; a 2019-format table 三 where it has one
            rows = {row["key"]: row["values"][6] for row in stats.get("requests") or ()}
            has_table = any(rows.values())
            received = rows.get(fmt.NEW) if has_table else None
            if received is None:
                received = (stats.get("stated") or {}).get("requests_received")
            return {"received": received,
                    "concluded": rows.get(fmt.RESULTS_TOTAL) if has_table else None,
                    "on_time": None}
        received = concluded = None
        for row in stats.get("requests") or ():
            if row["key"] == fmt.NEW:
                received = row["values"][6]
            elif row["key"] == fmt.RESULTS_TOTAL:
                concluded = row["values"][6]
        return {"received": received, "concluded": concluded,
                "on_time": stats.get("on_time", {}).get("on_time")}

    def unacknowledged_failures(self, stats=None):
        stats = stats or self.statistics
        acknowledged = {ack_key(a) for a in self.acknowledged_checks or ()}
        return [c for c in stats["checks"]
                if not c["ok"] and ack_key(c) not in acknowledged]

    # -- public views --------------------------------------------------------------------

    def get_context(self, request, *args, **kwargs):
        from .tables import all_tables

        context = super().get_context(request, *args, **kwargs)
        stats = self.statistics
        context["statistics"] = stats
        context["report_tables"] = {table.key: table for table in all_tables(
            stats, channel_labels=channel_labels())}
        context["report_charts"] = self.report_charts(stats)
        # a report covering several organs shows its per-organ table, after the body when the
        # body does not place it
        context["breakdown_after_body"] = (
            "organ_breakdown" in context["report_tables"] and not self.body_places_table(
                "organ_breakdown"))
        return context

    def body_places_table(self, key):
        """Whether a table block of the body shows the table ``key``."""
        for block in self.body:
            if block.block_type != "section":
                continue
            for child in block.value.get("content") or ():
                if child.block_type == "table" and child.value.get("table") == key:
                    return True
        return False

    def report_charts(self, stats):
        from . import charts

        result = {}
        if stats["format"] == fmt.FORMAT_2021:
            result["outcomes_mix"] = charts.outcomes_mix_chart(stats, prefix=f"r{self.pk}-om")
        # this report first: it stands for its year, whatever its published siblings say
        reports = [self] if not self.pk else [self] + list(
            AnnualReportPage.objects.live().sibling_of(self).filter(year__lte=self.year)
            .exclude(pk=self.pk).defer_streamfields().prefetch_related("overrides"))
        by_year = yearly_headlines(reports)
        years = sorted(by_year)[-10:]
        on_time = [(y, by_year[y]["concluded"], by_year[y]["on_time"]) for y in years
                   if by_year[y]["on_time"] is not None]
        if on_time:
            result["on_time_rate"] = charts.on_time_rate_chart(on_time, prefix=f"r{self.pk}-ot")
        received = [(y, by_year[y]["received"], by_year[y]["concluded"])
                    for y in years if by_year[y]["received"] is not None]
        if received:
            result["requests_per_year"] = charts.requests_per_year_chart(
                received, prefix=f"r{self.pk}-ry")
        return result

    @path("")
    def report_view(self, request):
        return self.render(request)

    @path("xlsx/", name="xlsx")
    def xlsx_view(self, request):
        from .exports import statistics_workbook

        content = statistics_workbook(self.statistics, title=self.title,
                                      channel_labels=channel_labels())
        response = HttpResponse(content, content_type=(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
        response["Content-Disposition"] = (
            f'attachment; filename="annual-report-{self.year}-{self.pk}.xlsx"')
        return response


def yearly_headlines(reports):
    """``{year: headline figures}`` of ``reports``; the first report of a year stands for it."""
    by_year = {}
    for report in reports:
        if report.year not in by_year:
            by_year[report.year] = report.headline_figures()
    return by_year


def channel_labels():
    from ..conf import get_channel_choices

    return {code: str(label) for code, label in get_channel_choices(include_website=True)}


def review_from_entered(entered):
    """Table 四's 15 numbers from the 12 entered ones (totals computed)."""
    values = []
    for group in range(3):
        part = [int(v or 0) for v in list(entered)[group * 4:group * 4 + 4]]
        part += [0] * (4 - len(part))
        values += part + [sum(part)]
    return values
