"""The admin page of one feedback message: what the visitor wrote (masked as the user may see
it), the clock, the answer and its email, the timeline, and the actions, each posting to its
own URL (``…/edit/<pk>/action/<name>/``)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from .. import sites
from . import feedback, feedback_forms, feedback_mail
from .choices import FeedbackStatus
from .models import Feedback

#: name: (form class or None, label)
ACTIONS = {
    "assign": (feedback_forms.AssignForm, gettext_lazy("Assign")),
    "answer": (feedback_forms.AnswerForm, gettext_lazy("Answer")),
    "publish": (feedback_forms.PublishForm, gettext_lazy("Publish on the feedback page")),
    "unpublish": (None, gettext_lazy("Remove from the feedback page")),
    "resend": (None, gettext_lazy("Send the answer by email again")),
    "close": (feedback_forms.CloseForm, gettext_lazy("Close without an answer")),
}


def available_actions(instance, user):
    """The actions ``user`` can take on the message now, in the order of ``ACTIONS``."""
    if not feedback.can_answer(user):
        return []
    is_open = instance.status in feedback.OPEN_STATUSES
    answered = instance.status == FeedbackStatus.ANSWERED
    offered = {
        "assign": is_open, "answer": is_open, "close": is_open, "publish": answered,
        "unpublish": instance.published,
        "resend": answered and bool(instance.email) and instance.answer_emailed_at is None,
    }
    return [name for name in ACTIONS if offered[name]]


def initial_data(name, instance):
    """The public wording is proposed from the message with personal data taken out."""
    if name == "publish":
        return {"public_question": instance.public_question
                or feedback.public_text(instance, instance.message),
                "public_answer": instance.public_answer
                or feedback.public_text(instance, instance.answer)}
    if name == "assign":
        return {"assignee": instance.assigned_to_id}
    return {}


def perform(name, instance, user, form):
    data = form.cleaned_data if form is not None else {}
    if name == "assign":
        return feedback.assign(instance, data["assignee"], user)
    if name == "answer":
        return feedback.answer(instance, data["answer"], user)
    if name == "publish":
        return feedback.publish(instance, data["public_question"], data["public_answer"], user)
    if name == "unpublish":
        return feedback.unpublish(instance, user)
    if name == "close":
        return feedback.close(instance, data["reason"], user)
    if name == "resend":
        sent = feedback_mail.deliver_answer(instance.pk)
        log(instance=instance, action=f"{feedback.LOG_PREFIX}.resend", user=user,
            data={"sent": sent})
        if not sent:
            instance.refresh_from_db()
            raise ValidationError(_("The email could not be sent: %(error)s") % {
                "error": instance.answer_email_error or "-"})
        return instance
    raise Http404


class FeedbackDetailView(WagtailAdminTemplateMixin, View):
    template_name = "wagtail_disclosure/governance/feedback/admin_detail.html"
    header_icon = "comment"
    viewset = None

    def dispatch(self, request, pk, action=None):
        if not feedback.can_view(request.user):
            raise PermissionDenied
        # another site's message is not found (docs/how-to/multi-site.md)
        self.object = get_object_or_404(sites.restrict_pages(Feedback.objects.select_related(
            "assigned_to", "answered_by", "page"), request.user, "page__url_path"), pk=pk)
        self.action = action
        return super().dispatch(request, pk=pk, action=action)

    def get_page_title(self):
        return _("Feedback %(reference)s") % {"reference": self.object.reference}

    def get_page_subtitle(self):
        return self.object.get_status_display()

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.viewset.get_url_name("index")),
             "label": self.viewset.menu_label},
            {"url": "", "label": self.object.reference}]

    def _forms(self, bound_name=None, bound_form=None):
        result = []
        for name in available_actions(self.object, self.request.user):
            form_class, label = ACTIONS[name]
            if name == bound_name:
                form = bound_form
            elif form_class is None:
                form = None
            else:
                form = form_class(initial=initial_data(name, self.object), prefix=name)
            result.append({"name": name, "label": label, "form": form,
                           "open": name == bound_name,
                           "url": reverse(self.viewset.get_url_name("action"),
                                          args=(self.object.pk, name))})
        return result

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(actions=self._forms()))

    def post(self, request, *args, **kwargs):
        name = self.action
        if name not in ACTIONS:
            raise Http404
        if not feedback.can_answer(request.user):
            raise PermissionDenied
        if name not in available_actions(self.object, request.user):
            messages.error(request, _("“%(action)s” is not possible while the feedback is "
                                      "“%(status)s”.") % {
                "action": ACTIONS[name][1], "status": self.object.get_status_display()})
            return redirect(self.viewset.get_url_name("edit"), self.object.pk)
        form_class = ACTIONS[name][0]
        form = form_class(request.POST, prefix=name) if form_class else None
        if form is None or form.is_valid():
            try:
                perform(name, self.object, request.user, form)
            except ValidationError as exc:
                if form is None:
                    messages.error(request, " ".join(exc.messages))
                    return redirect(self.viewset.get_url_name("edit"), self.object.pk)
                _add_errors(form, exc)
            else:
                messages.success(request, _("Done: %(action)s.") % {"action": ACTIONS[name][1]})
                return redirect(self.viewset.get_url_name("edit"), self.object.pk)
        self.object.refresh_from_db()
        return self.render_to_response(self.get_context_data(actions=self._forms(name, form)))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        instance, user = self.object, self.request.user
        context.update({
            "feedback": instance,
            "contact": feedback.contact_for(instance, user),
            "subject": feedback.text_for(instance, user, instance.subject),
            "message": feedback.text_for(instance, user, instance.message),
            "can_see_personal_data": feedback.can_see_personal_data(user),
            "due_on": feedback.answer_due_on(instance.received_at),
            "clock": _clock(instance),
            "timeline": (ModelLogEntry.objects.for_instance(instance)
                         .select_related("user").order_by("timestamp", "pk")),
        })
        return context


def _clock(instance):
    from .feedback_admin import clock_text

    return clock_text(instance)


def _add_errors(form, exc):
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)
