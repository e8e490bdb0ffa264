"""行政权力事项: the administrative power item page type."""

from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField

from .blocks import MaterialBlock, ProcessStepBlock
from .choices import ItemKind, PowerKind
from .pages import DisclosureItemPage, Page


class PowerItemPage(DisclosureItemPage):
    """行政权力事项: an administrative power with its legal basis and process.

    A power item is a catalogue item too (it has an index number and appears in column
    listings), of kind ``power_item``.
    """

    power_kind = models.CharField(_("kind of power"), max_length=20, choices=PowerKind.choices,
                                  default=PowerKind.LICENSING)
    power_code = models.CharField(_("item code"), max_length=64, blank=True,
                                  help_text=_("事项编码 in the power list, if any."))
    legal_basis = RichTextField(_("legal basis"), blank=True)
    required_materials = StreamField([("material", MaterialBlock())],
                                     verbose_name=_("required materials"), blank=True)
    process_steps = StreamField([("step", ProcessStepBlock())], verbose_name=_("process"),
                                blank=True)
    statutory_time_limit = models.CharField(_("statutory time limit"), max_length=100,
                                            blank=True)
    promised_time_limit = models.CharField(_("promised time limit"), max_length=100,
                                           blank=True)
    fees = models.CharField(_("fees"), max_length=255, blank=True,
                            help_text=_("e.g. free of charge"))
    enquiry_phone = models.CharField(_("enquiry phone"), max_length=50, blank=True)
    complaint_phone = models.CharField(_("complaint phone"), max_length=50, blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel([
            DisclosureItemPage.assigned_panel,
            FieldPanel("organ", heading=_("implementing organ")),
            FieldRowPanel([FieldPanel("power_kind"), FieldPanel("power_code")]),
            FieldRowPanel([FieldPanel("topic"), FieldPanel("document_number")]),
            FieldRowPanel([FieldPanel("formation_date"), FieldPanel("keywords")]),
        ], heading=_("The power")),
        FieldPanel("summary"),
        FieldPanel("legal_basis"),
        FieldPanel("required_materials"),
        FieldPanel("process_steps"),
        MultiFieldPanel([
            FieldRowPanel([FieldPanel("statutory_time_limit"), FieldPanel("promised_time_limit")]),
            FieldPanel("fees"),
            FieldRowPanel([FieldPanel("enquiry_phone"), FieldPanel("complaint_phone")]),
        ], heading=_("Time limits, fees and contacts")),
        FieldPanel("body", heading=_("further information")),
        InlinePanel("attachments", label=_("Attachments")),
        DisclosureItemPage.attribute_panel,
        DisclosureItemPage.import_panel,
        DisclosureItemPage.validity_panel,
        FieldPanel("channels"),
    ]

    api_fields = DisclosureItemPage.api_fields + [
        APIField("power_kind"), APIField("power_kind_label"), APIField("power_code"),
        APIField("implementing_organ"), APIField("legal_basis"), APIField("required_materials"),
        APIField("process_steps"), APIField("statutory_time_limit"),
        APIField("promised_time_limit"), APIField("fees"), APIField("enquiry_phone"),
        APIField("complaint_phone"),
    ]

    parent_page_types = ["wagtail_disclosure.DisclosureColumnPage"]
    subpage_types = []
    template = "wagtail_disclosure/power_item_page.html"

    class Meta:
        verbose_name = _("administrative power item")
        verbose_name_plural = _("administrative power items")

    def save(self, *args, **kwargs):
        self.kind = ItemKind.POWER_ITEM
        return super().save(*args, **kwargs)

    @property
    def power_kind_label(self):
        return str(self.get_power_kind_display())

    @property
    def implementing_organ(self):
        return self.publishing_organ

    def extra_search_text(self):
        return [strip_tags(self.legal_basis or ""), self.get_power_kind_display()]


def power_kinds_of(items):
    """``{item id: power kind code}`` for the administrative power items among ``items`` (a
    page of listing rows): one query, and none when no row is a power item (the base page
    row's content type tells). Shared by the listing templates and the catalogue API."""
    from .navigation import content_type_ids

    power_types = content_type_ids(PowerItemPage)
    ids = [item.pk for item in items if item.content_type_id in power_types]
    if not ids:
        return {}
    return dict(PowerItemPage.objects.filter(pk__in=ids).values_list("pk", "power_kind"))
