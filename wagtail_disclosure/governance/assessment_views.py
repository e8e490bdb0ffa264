"""The assessment report's admin view (考核评议): a filter form (period, organs), the table, and
its XLSX export. The figures come from :func:`governance.assessment.compute`."""

import io

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .. import sites
from ..sites_admin import chosen_site_ids, site_choice_field
from . import assessment

PERMISSION = "wagtail_disclosure.view_assessment"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def can_view(user):
    return bool(user and user.is_active and user.has_perm(PERMISSION))


# The columns of the table and the workbook: (figure key, label).
COLUMNS = (
    ("items_published", _("Items published")),
    ("items_on_time", _("Published on time")),
    ("items_late", _("Published late")),
    ("items_unknown", _("Timeliness unknown")),
    ("on_time_rate", _("On-time rate")),
    ("items_updated", _("Items updated")),
    ("requests_answered", _("Requests answered")),
    ("requests_answered_on_time", _("Answered on time")),
    ("requests_overdue", _("Requests overdue")),
    ("requests_answered_late", _("of which answered late")),
    ("requests_overdue_open", _("of which still open")),
    ("requests_extended", _("Requests extended")),
)
FEEDBACK_COLUMNS = (
    ("received", _("Feedback received")),
    ("answered", _("Feedback answered")),
    ("answered_in_time", _("Answered within the limit")),
)


class AssessmentFilterForm(forms.Form):
    """The period (bounded: at most ``MAX_PERIOD_DAYS``, years 2000–2100) and the organs."""

    start = forms.DateField(label=pgettext_lazy("period", "From"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=pgettext_lazy("period", "To"), required=False,
                          widget=forms.DateInput(attrs={"type": "date"}))
    organs = forms.ModelMultipleChoiceField(
        label=_("Organs"), required=False, queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty for every organ."))

    def __init__(self, *args, user=None, **kwargs):
        from ..catalogue.snippets import PublishingOrgan

        super().__init__(*args, **kwargs)
        self.user = user
        organs = PublishingOrgan.objects.order_by("name")
        if user is not None:
            # on a platform of several sites: the user's sites, one of them chosen or all
            site_field = site_choice_field(user)
            if site_field is not None:
                self.fields["site"] = site_field
                self.order_fields(["site", "start", "end", "organs"])
            if sites.staff_site_ids(user) is not sites.ALL_SITES:
                organs = organs.filter(pk__in=assessment.site_organ_ids(
                    sites.staff_site_ids(user)))
        self.fields["organs"].queryset = organs

    @property
    def site_ids(self):
        """The sites to count: the chosen one, else all the user's (None: every site)."""
        if self.user is None:
            return sites.ALL_SITES
        return chosen_site_ids(self.user, getattr(self, "cleaned_data", {}).get("site"))

    def _check_year(self, field):
        value = self.cleaned_data.get(field)
        if value is not None and not 2000 <= value.year <= 2100:
            raise forms.ValidationError(_("Enter a date between 2000 and 2100."))
        return value

    def clean_start(self):
        return self._check_year("start")

    def clean_end(self):
        return self._check_year("end")

    def clean(self):
        data = super().clean()
        start, end = assessment.default_period()
        data["start"] = data.get("start") or (start if "start" not in self.errors else None)
        data["end"] = data.get("end") or (end if "end" not in self.errors else None)
        if data["start"] and data["end"]:
            if data["end"] < data["start"]:
                self.add_error("end", _("The end of the period cannot be before its start."))
            elif (data["end"] - data["start"]).days >= assessment.MAX_PERIOD_DAYS:
                self.add_error("end", _("A period can cover at most five years."))
        return data


def _percent(rate):
    return "—" if rate is None else f"{rate * 100:.1f}%"


def table_rows(report):
    """``[(label, [cell, …]), …]`` for the organs and the total, the rate as a percentage and
    an unknown rate as "—"."""
    return [(_row_label(row), [_percent(row[key]) if key == "on_time_rate" else row[key]
                               for key, _label in COLUMNS])
            for row in _rows_with_total(report)]


def _rows_with_total(report):
    return report["rows"] + [dict(report["total"], organ=TOTAL)]


TOTAL = "total"


def _row_label(row):
    if row["organ"] == TOTAL:
        return _("Total")
    if row["organ"] is None:
        return _("(no organ)")
    return row["organ"]["name"]


def workbook(report):
    """The report as XLSX bytes: one sheet, figures as numbers, the rate as a percentage."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = str(_("Assessment"))[:31]
    sheet.append([str(_("Assessment report %(start)s to %(end)s") % {
        "start": report["start"].isoformat(), "end": report["end"].isoformat()})])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([])
    sheet.append([str(_("Organ"))] + [str(label) for _key, label in COLUMNS])
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    rate_column = 2 + [key for key, _label in COLUMNS].index("on_time_rate")
    for row in _rows_with_total(report):
        sheet.append([str(_row_label(row))] + [row[key] for key, _label in COLUMNS])
        rate_cell = sheet.cell(row=sheet.max_row, column=rate_column)
        if rate_cell.value is None:
            rate_cell.value = "—"
        else:
            rate_cell.number_format = "0.0%"
    sheet.append([])
    sheet.append([str(_("Feedback box (whole site)"))] + [str(label) for _k, label in
                                                         FEEDBACK_COLUMNS])
    sheet.append([""] + [report["feedback"][key] for key, _label in FEEDBACK_COLUMNS])
    sheet.append([])
    sheet.append([str(_("Limit: %(days)s working days (条例 Art.26); feedback answered within "
                        "%(months)s months.") % {"days": report["limit"],
                                                 "months": report["feedback_months"]})])
    sheet.column_dimensions["A"].width = 36
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


class AssessmentView(WagtailAdminTemplateMixin, TemplateView):
    """考核评议: the figures per organ for a period, with an XLSX export (``?export=xlsx``)."""

    template_name = "wagtail_disclosure/governance/assessment/report.html"
    page_title = _("Assessment report")
    header_icon = "list-ol"

    def dispatch(self, request, *args, **kwargs):
        if not can_view(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get(self, request, *args, **kwargs):
        form = AssessmentFilterForm(request.GET or None, user=request.user)
        report = None
        if not request.GET:
            report = assessment.compute(site_ids=form.site_ids)
        elif form.is_valid():
            report = assessment.compute(form.cleaned_data["start"], form.cleaned_data["end"],
                                        form.cleaned_data["organs"], site_ids=form.site_ids)
        if report is not None and request.GET.get("export") == "xlsx":
            response = HttpResponse(workbook(report), content_type=XLSX_TYPE)
            response["Content-Disposition"] = (
                f'attachment; filename="assessment-{report["start"]:%Y%m%d}-'
                f'{report["end"]:%Y%m%d}.xlsx"')
            return response
        status = 400 if report is None else 200
        return self.render_to_response(self.get_context_data(form=form, report=report),
                                       status=status)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = kwargs.get("report")
        if report:
            context["columns"] = [label for _key, label in COLUMNS]
            context["rows"] = table_rows(report)
            context["feedback_columns"] = FEEDBACK_COLUMNS
            context["feedback"] = [report["feedback"][key] for key, _l in FEEDBACK_COLUMNS]
            query = self.request.GET.copy()
            query["export"] = "xlsx"
            context["export_query"] = query.urlencode()
        context["today"] = timezone.localdate()
        return context
