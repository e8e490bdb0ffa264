"""Site settings of the request process that editors change in the admin (设置 › 依申请公开)."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting

from ..sites_admin import SiteScopedSettingMixin
from .choices import LetterKind

_TEMPLATE_HELP = _("Leave blank to use the default text. Placeholders such as {tracking_number}, "
                   "{name}, {due_on} and {reasons} are filled in; see the officer's guide.")


class ReplyTemplateWarningPanel(HelpPanel):
    """A warning above the reply template when the site's edited text offers a lawsuit
    without reconsideration for every outcome (see ``letters.reply_template_problems``).
    Shown only when there is a problem; it is computed from the settings being edited."""

    def __init__(self, content="", **kwargs):
        kwargs.setdefault("classname", "help-block help-warning")
        super().__init__(content=content, **kwargs)

    class BoundPanel(HelpPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            from .letters import reply_template_problems

            problems = reply_template_problems(self.instance) if self.instance else []
            self.content = format_html(
                '<p><strong>{}</strong></p>{}', _("Check the reply template"),
                format_html_join("", "<p>{}</p>", ((problem,) for problem in problems))
            ) if problems else ""

        def is_shown(self):
            return bool(self.content) and super().is_shown()


_ISSUING_HELP = _(
    "Letters are printed with the issuing body at the head and above the seal line. Left "
    "blank, it is the organ the request is addressed to, else the office named in the "
    "section's guide, else the site's name: leave it blank on a site that answers for several "
    "organs. The remedy sentence of replies and closure notices names the reconsideration body "
    "and the court; left blank, it says “the reconsideration body with jurisdiction under the "
    "law” and “the people's court with jurisdiction”. Since 2024 (行政复议法 Art.23) a refusal "
    "or a partial disclosure must first be challenged by reconsideration; the {remedy} "
    "placeholder gives the right sentence for each outcome.")
_TEMPLATES_HELP = _(
    "Each letter starts from this text; the officer can change it before sending. Left blank, "
    "the default text in the site's language is used. {remedy} and {letter_number} are filled "
    "in when the letter is issued; {reasons} is what the officer writes. A letter's issuing "
    "body, number, addressee, date and seal line are printed around the text: do not repeat "
    "them in the template.")


#: Longest tracking-number prefix: with the longest number ``TRACKING_NUMBER_FORMAT`` may make
#: (30 characters, check E012) it fits ``InformationRequest.tracking_number`` (40).
TRACKING_PREFIX_MAX_LENGTH = 10


class RequestSettings(SiteScopedSettingMixin, BaseSiteSetting):
    """Letter templates and the notification address of a site's disclosure office."""

    tracking_number_prefix = models.CharField(
        _("tracking number prefix"), max_length=TRACKING_PREFIX_MAX_LENGTH, blank=True,
        validators=[RegexValidator(
            r"^[A-Z0-9]*$", _("Use upper-case letters A to Z and digits only."),
            code="invalid")],
        help_text=_("Put before this site's tracking numbers (e.g. LC gives LC2026-000001); "
                    "each prefix counts its own serials. On a platform hosting several "
                    "agencies, give each site its own prefix. Changing it applies to requests "
                    "received afterwards."))
    staff_email = models.EmailField(
        _("office email for notifications"), blank=True,
        help_text=_("New requests are announced to this address (besides the handlers)."))
    issuing_body = models.CharField(
        _("issuing body"), max_length=200, blank=True,
        help_text=_("The name printed at the head of letters and above the seal; blank: the "
                    "request's organ, else the office named in the section's guide, else the "
                    "site's name."))
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
        FieldPanel("tracking_number_prefix"),
        MultiFieldPanel([
            HelpPanel(content=_ISSUING_HELP),
            FieldPanel("issuing_body"),
            FieldPanel("reconsideration_body"),
            FieldPanel("court"),
        ], heading=_("Issuing body and remedies")),
        MultiFieldPanel([
            HelpPanel(content=_TEMPLATES_HELP),
            FieldPanel("acknowledgement_template"),
            FieldPanel("correction_notice_template"),
            FieldPanel("extension_notice_template"),
            FieldPanel("delay_notice_template"),
            FieldPanel("consultation_template"),
            FieldPanel("fee_notice_template"),
            ReplyTemplateWarningPanel(),
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

    if getattr(request_obj, "site_id", None) is not None:
        return request_obj.site
    page = request_obj.request_page
    if page is not None:
        site = page.get_site()
        if site is not None:
            return site
    return Site.objects.filter(is_default_site=True).first()


def settings_for(request_obj):
    """The request's site's settings (its ``site``, else its form page's site, else the default
    site's)."""
    site = _site_for(request_obj)
    if site is None:
        return None
    settings_obj = RequestSettings.for_site(site)
    settings_obj.site = site  # known already: no query when it is read
    return settings_obj


def _site_of(settings_obj):
    """The site of settings from :func:`settings_for` (cached there: no query), else None."""
    if settings_obj is None:
        return None
    return settings_obj._state.fields_cache.get("site")


def letter_template_for(kind, request_obj, settings_obj=None):
    """The site's template of a letter of ``kind``, else the default text (translated into the
    active language)."""
    from .letters import DEFAULT_TEMPLATES

    if settings_obj is None:
        settings_obj = settings_for(request_obj)
    if settings_obj is not None:
        text = getattr(settings_obj, RequestSettings.FIELD_BY_KIND[kind], "")
        if text.strip():
            return text
    return str(DEFAULT_TEMPLATES[kind])


def office_name_for(request_obj, site=None):
    """The disclosure office named in the section's 指南, else the site's name (``site``: the
    request's site when the caller has it)."""
    page = request_obj.request_page
    if page is not None:
        parent = page.get_parent()
        office = getattr(parent.specific, "office_name", "") if parent else ""
        if office:
            return office
    site = site or _site_for(request_obj)
    return site.site_name if site and site.site_name else ""


def issuing_body_for(request_obj, settings_obj=None):
    """The body that issues the request's letters (printed at their head and above the seal):
    the settings' issuing body, else the organ the request is addressed to, else the office
    of the section's 指南, else the site's name."""
    if settings_obj is None:
        settings_obj = settings_for(request_obj)
    name = (getattr(settings_obj, "issuing_body", "") or "").strip()
    if name:
        return name
    if request_obj.organ_id and request_obj.organ.name:
        return request_obj.organ.name
    return office_name_for(request_obj, site=_site_of(settings_obj))
