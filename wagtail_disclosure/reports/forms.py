"""The annual report's admin form: table 四 entered as a grid, check failures acknowledged
before publishing, figures computed on the first save."""

import json

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from . import format as fmt
from .checks import ack_key, failures
from .models import AnnualReportOverride

# The edit view's buttons that publish, or submit to a workflow that ends in publishing.
PUBLISHING_ACTIONS = ("action-publish", "action-submit", "action-workflow-action")


class ReviewFiguresWidget(forms.MultiWidget):
    template_name = "wagtail_disclosure/reports/admin/review_figures_widget.html"

    def __init__(self, attrs=None):
        super().__init__([forms.NumberInput(attrs={"min": 0, "step": 1})] * 12, attrs)

    def decompress(self, value):
        values = list(value or [])
        return (values + [None] * 12)[:12]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        subwidgets = context["widget"]["subwidgets"]
        context["rows"] = [
            {"label": label, "cells": list(zip(
                [result for _key, result in fmt.REVIEW_RESULTS[:4]],
                subwidgets[number * 4:number * 4 + 4]))}
            for number, (_key, label) in enumerate(fmt.REVIEW_GROUPS)]
        return context


class ReviewFiguresField(forms.MultiValueField):
    """Table 四 by hand: upheld, corrected, other, pending for each of the three groups. Each
    figure is a whole number from 0 to ``MAX_STATED`` (100,000,000, the importer's bound)."""

    widget = ReviewFiguresWidget

    def __init__(self, **kwargs):
        from .import_base import MAX_STATED

        fields = [forms.IntegerField(min_value=0, max_value=MAX_STATED, required=False)
                  for _n in range(12)]
        super().__init__(fields=fields, require_all_fields=False, required=False, **kwargs)

    def compress(self, data_list):
        if not data_list or all(value in (None, "") for value in data_list):
            return None
        return [int(value or 0) for value in data_list]


def _ack_value(check):
    return json.dumps([check["rule"], check["detail"]], ensure_ascii=False)


class AnnualReportPageForm(WagtailAdminPageForm):
    """Override this form (``base_form_class``) to add fields; keep ``super()`` calls."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "review_entered" in self.fields:
            self.fields["review_entered"] = ReviewFiguresField(
                label=_("Table 四 entered by hand"),
                help_text=_("Leave empty to count table 四 from the reconsideration and lawsuit "
                            "records. Totals are added up for you."))
        if "organs" in self.fields:
            self.fields["organs"].widget = forms.CheckboxSelectMultiple(
                choices=self.fields["organs"].choices)
        if "organ_figures" in self.fields:
            # a form posted without it (an older edit form, a script) keeps the stored choice
            self.fields["organ_figures"].required = False
            self.fields["organ_figures"].widget = forms.RadioSelect(
                choices=[c for c in self.fields["organ_figures"].choices if c[0]])
        if "acknowledged_checks" in self.fields:
            self._failures = failures(self.instance.effective_statistics()["checks"]) if (
                self.instance.pk) else []
            acknowledged = {ack_key(a) for a in self.instance.acknowledged_checks or ()}
            self.fields["acknowledged_checks"] = forms.MultipleChoiceField(
                label=_("Acknowledged check failures"), required=False,
                widget=forms.CheckboxSelectMultiple,
                choices=[(_ack_value(c), c["detail"]) for c in self._failures],
                initial=[_ack_value(c) for c in self._failures
                         if ack_key(c) in acknowledged],
                help_text=_("A report that breaks a rule of the format can be published only "
                            "when each failure is ticked here: the figures are then published "
                            "as they are. Prefer correcting the data or adding an override."))
            # The model form's initial data (the stored list of dicts) would shadow the field's
            # initial: tick the stored acknowledgements by their choice values.
            self.initial["acknowledged_checks"] = self.fields["acknowledged_checks"].initial

    def clean_organ_figures(self):
        return self.cleaned_data.get("organ_figures") or self.instance.organ_figures or "data"

    def clean_acknowledged_checks(self):
        values = self.cleaned_data.get("acknowledged_checks") or []
        acknowledged = []
        for value in values:
            rule, detail = json.loads(value)
            acknowledged.append({"rule": rule, "detail": detail})
        return acknowledged

    def is_publishing(self):
        return any(self.data.get(action) for action in PUBLISHING_ACTIONS)

    def _post_clean(self):
        super()._post_clean()
        if self.errors or not self.is_publishing() or not self.instance.pk:
            return
        page = self.instance
        organ_ids = self._organ_ids()
        stats = page.base_statistics(
            page.live_figures(organ_ids) if page.figures_are_stale(organ_ids) else None)
        for cell, value in self._pending_overrides():
            fmt.set_cell(stats, cell, value)
        from .checks import run_checks

        results = failures(run_checks(stats, page.previous_statistics()))
        acknowledged = {ack_key(a) for a in self.cleaned_data.get("acknowledged_checks") or ()}
        missing = [c for c in results if ack_key(c) not in acknowledged]
        if missing:
            message = _("This report breaks %(count)s rule(s) of the national format. Correct "
                        "the figures, or tick each failure under “Acknowledged check "
                        "failures” to publish them as they are. Failures that are new in this "
                        "edit appear there once you save a draft.") % {"count": len(missing)}
            field = "acknowledged_checks" if "acknowledged_checks" in self.fields else None
            self.add_error(field, message)

    def _organ_ids(self):
        """The organs about to be saved (``None`` when the form has no organs field)."""
        organs = self.cleaned_data.get("organs")
        return sorted(o.pk for o in organs) if organs is not None else None

    def _pending_overrides(self):
        formset = self.formsets.get("overrides") if hasattr(self, "formsets") else None
        if formset is None or not formset.is_valid():
            return []
        pending = []
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if not data or data.get("DELETE") or not fmt.is_valid_path(data.get("cell", "")):
                continue
            if data.get("value") is None:
                continue
            override = AnnualReportOverride(cell=data["cell"], value=data["value"])
            pending.append((override.cell, override.number))
        return pending

    def save(self, commit=True):
        page = self.instance  # already updated from the form by _post_clean
        organ_ids = self._organ_ids()
        if page.figures_are_stale(organ_ids):
            page.refresh_figures(organ_ids)
        return super().save(commit=commit)
