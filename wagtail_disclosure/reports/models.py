"""Records the annual report counts that are not pages: reconsideration and litigation cases,
and the overrides editors put on a report's cells."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.models import Orderable

from . import format as fmt


class ReviewKind(models.TextChoices):
    RECONSIDERATION = "reconsideration", _("Administrative reconsideration")
    LAWSUIT_DIRECT = "lawsuit_direct", _("Lawsuit without prior reconsideration")
    LAWSUIT_AFTER_RECONSIDERATION = ("lawsuit_after_reconsideration",
                                     _("Lawsuit after reconsideration"))


class ReviewResult(models.TextChoices):
    PENDING = "pending", _("Not yet concluded")
    UPHELD = "upheld", _("Upheld")
    CORRECTED = "corrected", _("Corrected")
    OTHER = "other", _("Other result")


class ReviewCase(models.Model):
    """政府信息公开行政复议、行政诉讼: one case about the agency's disclosure work (table 四)."""

    kind = models.CharField(_("kind of case"), max_length=40, choices=ReviewKind.choices)
    case_number = models.CharField(_("case number"), max_length=100, blank=True)
    request = models.ForeignKey(
        "wagtail_disclosure.InformationRequest", verbose_name=_("request concerned"),
        null=True, blank=True, on_delete=models.SET_NULL, related_name="review_cases")
    organ = models.ForeignKey(
        "wagtail_disclosure.PublishingOrgan", verbose_name=_("organ"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
        help_text=_("The organ whose decision is challenged; taken from the request if empty."))
    filed_on = models.DateField(_("filed on"), db_index=True,
                                help_text=_("A case counts in the report of the year it was filed."))
    result = models.CharField(_("result of the case"), max_length=20, choices=ReviewResult.choices,
                              default=ReviewResult.PENDING)
    concluded_on = models.DateField(_("concluded on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    #: the site (agency) the case belongs to: its request's site, else the one chosen when it
    #: was entered (docs/how-to/multi-site.md)
    site = models.ForeignKey("wagtailcore.Site", verbose_name=_("site"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-filed_on", "-id"]
        verbose_name = _("reconsideration or lawsuit")
        verbose_name_plural = _("reconsiderations and lawsuits")

    def __str__(self):
        return self.case_number or f"{self.get_kind_display()} {self.filed_on}"

    def clean(self):
        errors = {}
        if self.result == ReviewResult.PENDING and self.concluded_on:
            errors["result"] = _("A concluded case needs its result.")
        if self.result != ReviewResult.PENDING and not self.concluded_on:
            errors["concluded_on"] = _("Enter the day the case was concluded.")
        if self.concluded_on and self.filed_on and self.concluded_on < self.filed_on:
            errors["concluded_on"] = _("A case cannot be concluded before it was filed.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.organ_id is None and self.request_id is not None:
            self.organ_id = self.request.organ_id
        if self.request_id is not None:
            self.site_id = self.request.site_id or self.site_id
        super().save(*args, **kwargs)


def _cell_choices():
    return fmt.cell_paths()


class AnnualReportOverride(Orderable):
    """An editor's value for one cell of a report's tables, with the reason (listed and flagged
    under the table)."""

    page = ParentalKey("wagtail_disclosure.AnnualReportPage", on_delete=models.CASCADE,
                       related_name="overrides")
    cell = models.CharField(_("cell"), max_length=80, choices=_cell_choices)
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=4,
                                validators=[MinValueValidator(0)])
    reason = models.TextField(_("reason"), help_text=_("Why the computed figure is not right. "
                                                       "Published under the table."))

    class Meta(Orderable.Meta):
        verbose_name = _("override")
        verbose_name_plural = _("overrides")

    def clean(self):
        if (self.value is not None and self.cell and not self.cell.startswith("proactive.fees.")
                and self.value != int(self.value)):
            raise ValidationError({"value": _("This cell counts things: enter a whole number.")})
        if self.reason is not None and not self.reason.strip():
            raise ValidationError({"reason": _("Give the reason for the override.")})

    @property
    def number(self):
        """The value as the table holds it: an int, or a float for 万元 amounts."""
        if self.cell.startswith("proactive.fees."):
            return float(self.value)
        return int(self.value)
