"""Site settings of the request process that editors change in the admin (设置 › 依申请公开)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting

from .choices import LetterKind

_TEMPLATE_HELP = _("Leave blank to use the default text. Placeholders such as {tracking_number}, "
                   "{name}, {due_on} and {reasons} are filled in; see the officer's guide.")


class RequestSettings(BaseSiteSetting):
    """Letter templates and the notification address of a site's disclosure office."""

    staff_email = models.EmailField(
        _("office email for notifications"), blank=True,
        help_text=_("New requests are announced to this address (besides the handlers)."))
    issuing_body = models.CharField(
        _("issuing body"), max_length=200, blank=True,
        help_text=_("The name printed at the head of letters and above the seal; blank: the "
                    "office named in the section's guide, else the site's name."))
    reconsideration_body = models.CharField(
        _("reconsideration body (复议机关)"), max_length=200, blank=True,
        help_text=_("Where the applicant applies for administrative reconsideration "
                    "(placeholder {reconsideration_body})."))
    court = models.CharField(
        _("court"), max_length=200, blank=True,
        help_text=_("The people's court with jurisdiction (placeholder {court})."))
    delay_notice_template = models.TextField(_("delayed reply notice"), blank=True,
                                             help_text=_TEMPLATE_HELP)
    acknowledgement_template = models.TextField(_("acknowledgement"), blank=True,
                                                help_text=_TEMPLATE_HELP)
    correction_notice_template = models.TextField(_("correction notice"), blank=True,
                                                  help_text=_TEMPLATE_HELP)
    extension_notice_template = models.TextField(_("extension notice"), blank=True,
                                                 help_text=_TEMPLATE_HELP)
    consultation_template = models.TextField(_("letter to a third party"), blank=True,
                                             help_text=_TEMPLATE_HELP)
    fee_notice_template = models.TextField(_("fee notice"), blank=True, help_text=_TEMPLATE_HELP)
    reply_template = models.TextField(_("reply"), blank=True, help_text=_TEMPLATE_HELP)
    closure_template = models.TextField(_("closure notice"), blank=True,
                                        help_text=_TEMPLATE_HELP)

    panels = [
        FieldPanel("staff_email"),
        MultiFieldPanel([
            FieldPanel("issuing_body"),
            FieldPanel("reconsideration_body"),
            FieldPanel("court"),
        ], heading=_("Issuing body and remedies")),
        MultiFieldPanel([
            HelpPanel(content=_("Each letter starts from this text; the officer can change it "
                                "before sending.")),
            FieldPanel("acknowledgement_template"),
            FieldPanel("correction_notice_template"),
            FieldPanel("extension_notice_template"),
            FieldPanel("delay_notice_template"),
            FieldPanel("consultation_template"),
            FieldPanel("fee_notice_template"),
            FieldPanel("reply_template"),
            FieldPanel("closure_template"),
        ], heading=_("Letter templates")),
    ]

    class Meta:
        verbose_name = _("information request settings")

    FIELD_BY_KIND = {
        LetterKind.ACKNOWLEDGEMENT: "acknowledgement_template",
        LetterKind.CORRECTION_NOTICE: "correction_notice_template",
        LetterKind.EXTENSION_NOTICE: "extension_notice_template",
        LetterKind.DELAY_NOTICE: "delay_notice_template",
        LetterKind.CONSULTATION: "consultation_template",
        LetterKind.FEE_NOTICE: "fee_notice_template",
        LetterKind.REPLY: "reply_template",
        LetterKind.CLOSURE: "closure_template",
    }


def _site_for(request_obj):
    from wagtail.models import Site

    page = request_obj.request_page
    if page is not None:
        site = page.get_site()
        if site is not None:
            return site
    return Site.objects.filter(is_default_site=True).first()


def settings_for(request_obj):
    site = _site_for(request_obj)
    return RequestSettings.for_site(site) if site else None


def letter_template_for(kind, request_obj):
    from .letters import DEFAULT_TEMPLATES

    settings_obj = settings_for(request_obj)
    if settings_obj is not None:
        text = getattr(settings_obj, RequestSettings.FIELD_BY_KIND[kind], "")
        if text.strip():
            return text
    return DEFAULT_TEMPLATES[kind]


def office_name_for(request_obj):
    """The disclosure office named in the section's 指南, else the site's name."""
    page = request_obj.request_page
    if page is not None:
        parent = page.get_parent()
        office = getattr(parent.specific, "office_name", "") if parent else ""
        if office:
            return office
    site = _site_for(request_obj)
    return site.site_name if site and site.site_name else ""
