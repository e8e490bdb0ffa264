"""``RequestFormPage`` (依申请公开申请): the rules, the form, and the tracking page."""

from django.db import models
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField

from .. import resilience
from ..catalogue.pages import Page
from ..conf import disclosure_settings
from ..middleware import DiscardUploadsHandler, uploads_discarded
from ..sites import same_site_q, site_id_for_page
from . import ratelimit, services, tracking
from .choices import LetterKind
from .forms import HONEYPOT_FIELD, RequestForm, TrackForm
from .models import InformationRequest

SESSION_KEY = "wagtail_disclosure_submitted"


class RequestFormPage(RoutablePageMixin, Page):
    """The public request form and tracking page of a disclosure section."""

    intro = RichTextField(
        gettext_lazy("rules and instructions"), blank=True,
        help_text=gettext_lazy("What the applicant should know: who may apply, what to write, "
                               "the time limits, fees, how replies are sent."))
    privacy_notice = RichTextField(
        gettext_lazy("personal information notice"),
        help_text=gettext_lazy("What personal data is collected, why, how long it is kept and "
                               "who sees it. Applicants must agree to it."))
    confirmation_text = RichTextField(
        gettext_lazy("text after submitting"), blank=True,
        help_text=gettext_lazy("Shown with the tracking number and access code."))

    organ = models.ForeignKey(
        "wagtail_disclosure.PublishingOrgan", verbose_name=gettext_lazy("organ"), null=True,
        blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text=gettext_lazy("The organ that answers the requests sent with this form (the "
                               "annual report counts them there)."))

    content_panels = Page.content_panels + [
        FieldPanel("organ"), FieldPanel("intro"), FieldPanel("privacy_notice"), FieldPanel("confirmation_text"),
    ]
    api_fields = [APIField("intro"), APIField("privacy_notice"),
                  APIField("confirmation_text")]

    parent_page_types = ["wagtail_disclosure.DisclosureIndexPage"]
    subpage_types = []
    template = "wagtail_disclosure/requests/request_form_page.html"

    class Meta:
        verbose_name = gettext_lazy("information request form")
        verbose_name_plural = gettext_lazy("information request forms")

    # -- the form ------------------------------------------------------------------------

    @path("")
    def form_view(self, request):
        status = 200
        if request.method == "POST":
            # The limit is checked before the view reads the body; over it, the files are
            # dropped unread if nothing has parsed the body yet (the upload guard middleware
            # does the same before CsrfViewMiddleware, which parses it for every view).
            within_limit = ratelimit.hit(request, "submit",
                                         disclosure_settings.SUBMIT_RATE_LIMIT)
            if not within_limit:
                try:
                    request.upload_handlers = [DiscardUploadsHandler(request)]
                except AttributeError:  # already parsed
                    pass
            data = request.POST
            # Files the guard dropped (this client was over the limit when the body arrived)
            # refuse the submission too: it is never stored without the files that were sent.
            if not within_limit or uploads_discarded(request):
                # the typed text comes back; uploads are neither checked nor kept
                form = RequestForm(data, request=request)
                form.is_valid()
                form.add_error(None, _("Too many requests have been sent from your network. "
                                       "Please try again later, or apply in person or by "
                                       "post."))
                status = 429
            else:
                form = RequestForm(data, request.FILES, request=request)
                if form.is_valid():
                    try:
                        request_obj, code = services.submit(
                            form.cleaned_data, form.cleaned_data["attachments"], page=self,
                            consent=form.cleaned_data["consent"])
                    except OSError as exc:
                        # The disk is full: nothing was stored (docs/explanation/faults.md);
                        # the form comes back with what was typed and says so.
                        if not resilience.is_storage_full(exc):
                            raise
                        resilience.log_storage_full(request, exc)
                        form.add_error(None, resilience.storage_full_message())
                        status = 503
                    else:
                        request.session[SESSION_KEY] = {
                            "tracking_number": request_obj.tracking_number, "access_code": code}
                        return redirect(self.get_url(request)
                                        + self.reverse_subpage("submitted"))
        else:
            form = RequestForm(request=request)
        response = TemplateResponse(request, self.get_template(request), {
            **self.get_context(request), "form": form, "honeypot_field": HONEYPOT_FIELD,
        }, status=status)
        # Kept by no cache, shared or the browser's: the form carries this visitor's CSRF
        # token, and what an applicant typed when it comes back with errors.
        response["Cache-Control"] = "no-store"
        return response

    @path("submitted/", name="submitted")
    def submitted_view(self, request):
        data = request.session.get(SESSION_KEY)
        if not data:
            return redirect(self.get_url(request))
        # The access code is shown once: the first view takes it out of the session, which
        # keeps only which request this browser submitted (for the 登记回执); a reload shows
        # the page without the code, which is in the confirmation email.
        code = data.get("access_code")
        if code:
            request_obj = tracking.find_request(data["tracking_number"], code,
                                                site=site_id_for_page(self))
            if request_obj is not None:
                request.session[SESSION_KEY] = {"tracking_number": request_obj.tracking_number,
                                                "request_pk": request_obj.pk}
        else:
            request_obj = InformationRequest.objects.filter(
                same_site_q(site_id_for_page(self)),
                pk=data.get("request_pk"), tracking_number=data.get("tracking_number")).first()
        if request_obj is None:
            return redirect(self.get_url(request))
        # The 登记回执, printable here (the session proves the visitor is the applicant; the
        # access code never goes into a URL). Awaiting confirmation of receipt there is none.
        acknowledgements = tracking.applicant_sheets(request_obj, self, request,
                                                     kinds=[LetterKind.ACKNOWLEDGEMENT])
        response = TemplateResponse(request, "wagtail_disclosure/requests/submitted.html", {
            **self.get_context(request), "request_obj": request_obj,
            "access_code": code,
            "acknowledgement": acknowledgements[-1] if acknowledgements else None,
            "reply_days": disclosure_settings.REPLY_WORKING_DAYS,
            "max_extension": disclosure_settings.MAX_EXTENSION_WORKING_DAYS,
        })
        response["Cache-Control"] = "no-store"
        return response

    # -- tracking ------------------------------------------------------------------------

    @path("track/", name="track")
    def track_view(self, request):
        form, request_obj, status = TrackForm(), None, 200
        if request.method == "POST":
            form = TrackForm(request.POST)
            if not ratelimit.hit(request, "track", disclosure_settings.TRACK_RATE_LIMIT):
                form.is_valid()
                form.add_error(None, tracking.TOO_MANY_LOOKUPS_MESSAGE)
                status = 429
            elif form.is_valid():
                request_obj = tracking.find_request(form.cleaned_data["tracking_number"],
                                                    form.cleaned_data["access_code"],
                                                    site=site_id_for_page(self))
                if request_obj is None:
                    form.add_error(None, tracking.NOT_FOUND_MESSAGE)
        context = {**self.get_context(request), "form": form, "request_obj": request_obj}
        if request_obj is not None:
            context["sheets"] = tracking.applicant_sheets(request_obj, self, request)
        response = TemplateResponse(request, "wagtail_disclosure/requests/track.html", context,
                                    status=status)
        response["Cache-Control"] = "no-store"
        return response

    @path("track/document/<str:token>/", name="document")
    def document_view(self, request, token):
        """A letter's document, from a signed link of the tracking page valid for
        ``tracking.LINK_MAX_AGE`` seconds. Counted per client in ``DOCUMENT_RATE_LIMIT``
        before the token is even read: over the limit, the tracking page answers 429."""
        if not ratelimit.hit(request, "document", disclosure_settings.DOCUMENT_RATE_LIMIT):
            response = TemplateResponse(
                request, "wagtail_disclosure/requests/too_many_downloads.html",
                {**self.get_context(request), "message": tracking.TOO_MANY_DOWNLOADS_MESSAGE},
                status=429)
            response["Cache-Control"] = "no-store"
            return response
        document = tracking.document_from_token(token)
        if document is None:
            raise Http404(_("This link has expired. Look the request up again."))
        response = FileResponse(document.file.open("rb"), as_attachment=True,
                                filename=document.title)
        response["Cache-Control"] = "no-store"
        return response

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["track_url"] = (self.get_url(request) or "") + self.reverse_subpage("track")
        return context

    def serve_preview(self, request, mode_name):
        return TemplateResponse(request, self.get_template(request), {
            **self.get_context(request), "form": RequestForm(request=request),
            "honeypot_field": HONEYPOT_FIELD})
