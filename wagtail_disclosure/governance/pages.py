"""The page types of the governance tools: the feedback box (意见箱)."""

import swapper
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField

swapper.set_app_prefix("wagtailcore", "wagtail")
Page = swapper.load_model("wagtailcore", "Page", require_ready=False)

#: The session entry holding the reference of the message this browser just sent.
FEEDBACK_SESSION_KEY = "wagtail_disclosure_feedback_sent"
#: The most published answers the page API lists (newest first); the page itself paginates.
API_MAX_ENTRIES = 100


class FeedbackPage(RoutablePageMixin, Page):
    """意见箱: visitors leave an opinion on the disclosure work; answers staff choose to publish
    are listed on the page, with the dates received and answered, without personal data."""

    intro = RichTextField(gettext_lazy("introduction"), blank=True)
    thank_you_text = RichTextField(gettext_lazy("text after sending"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("thank_you_text")]
    # Only what the page shows the public: the intro and the published questions and answers.
    api_fields = [APIField("intro"), APIField("published_questions")]

    parent_page_types = ["wagtail_disclosure.DisclosureIndexPage"]
    subpage_types = []
    template = "wagtail_disclosure/governance/feedback_page.html"

    class Meta:
        verbose_name = gettext_lazy("feedback box")
        verbose_name_plural = gettext_lazy("feedback boxes")

    @property
    def published_questions(self):
        """The published questions and answers (``feedback.public_entry``), newest first."""
        from .feedback import public_entry, published_for

        return [public_entry(entry) for entry in published_for(self)[:API_MAX_ENTRIES]]

    # -- the form ------------------------------------------------------------------------

    @path("")
    def form_view(self, request):
        from ..conf import disclosure_settings
        from ..requests import ratelimit
        from . import feedback
        from .feedback_forms import FeedbackForm

        status = 200
        if request.method == "POST":
            form = FeedbackForm(request.POST, request=request)
            if not ratelimit.hit(request, "feedback", disclosure_settings.FEEDBACK_RATE_LIMIT):
                form.is_valid()  # the typed text comes back, with the fields' own errors
                form.add_error(None, _("Too many messages have been sent from your network. "
                                       "Please try again later."))
                status = 429
            elif form.is_valid():
                sent = feedback.submit(form.cleaned_data, page=self)
                request.session[FEEDBACK_SESSION_KEY] = {"reference": sent.reference}
                return redirect(self.get_url(request) + self.reverse_subpage("sent"))
        else:
            form = FeedbackForm(request=request)
        response = TemplateResponse(request, self.get_template(request),
                                    self._form_context(request, form), status=status)
        # Kept by no cache: the form carries this visitor's CSRF token, and what they typed
        # when it comes back with errors.
        response["Cache-Control"] = "no-store"
        return response

    @path("sent/", name="sent")
    def sent_view(self, request):
        from .models import Feedback

        data = request.session.get(FEEDBACK_SESSION_KEY) or {}
        sent = Feedback.objects.filter(reference=str(data.get("reference", ""))[:32],
                                       page=self).first()
        if sent is None:
            return redirect(self.get_url(request))
        response = TemplateResponse(
            request, "wagtail_disclosure/governance/feedback/sent.html",
            {**self.get_context(request), "sent": sent,
             "answer_months": _answer_months()})
        response["Cache-Control"] = "no-store"
        return response

    def _form_context(self, request, form):
        from ..catalogue.filters import paginate
        from ..requests.forms import HONEYPOT_FIELD
        from .feedback import published_for

        number = request.GET.get("page", "1")
        page_obj = paginate(published_for(self), number if len(number) <= 9 else "1")
        return {**self.get_context(request), "form": form, "honeypot_field": HONEYPOT_FIELD,
                "page_obj": page_obj, "published": page_obj.object_list,
                "answer_months": _answer_months()}

    def serve_preview(self, request, mode_name):
        from .feedback_forms import FeedbackForm

        return TemplateResponse(request, self.get_template(request),
                                self._form_context(request, FeedbackForm(request=request)))


def _answer_months():
    from ..conf import disclosure_settings

    return disclosure_settings.FEEDBACK_ANSWER_MONTHS
