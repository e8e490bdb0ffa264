"""The back office of information requests: a Wagtail ``ModelViewSet`` (依申请公开 menu).

- the listing (filters, CSV/XLSX export, personal data masked unless permitted);
- "new" is the form for requests received by post, in person, by fax or email;
- "edit" is the request's processing page: timeline, deadlines, and the actions as forms;
- a request cannot be deleted: it is withdrawn or closed instead.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import pgettext_lazy
from django.views.generic import FormView, View
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import HistoryView, IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import ModelLogEntry

from .. import sites
from ..admin_permissions import RuleBasedPermissionPolicy
from ..conf import disclosure_settings
from . import clock, forms, permissions, services
from .choices import ExtensionStatus, LetterKind, Status
from .filters import InformationRequestFilterSet
from .letters import letter_sheet, render_letter
from .models import InformationRequest, LetterDocument, RequestAttachment, RequestLetter


#: requests are never deleted; processing is a permission of its own
permission_policy = RuleBasedPermissionPolicy(
    InformationRequest, can_view=permissions.can_view, can_change=permissions.can_process)

try:  # Wagtail 8: views that are not the viewset's own (the history) look the policy up here
    from wagtail.permissions import register_permission_policy
except ImportError:  # Wagtail 7.4: the viewset's permission_policy is used
    register_permission_policy = None
if register_permission_policy is not None:
    register_permission_policy(InformationRequest, permission_policy)


# -- the listing ---------------------------------------------------------------------------


class MaskedColumn(Column):
    """A column of personal data, masked unless the user may see it in full."""

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        user = parent_context["request"].user
        context["value"] = permissions.masked_fields(instance, user)[self.name] or ""
        return context


class DeadlineColumn(Column):
    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        if instance.awaiting_reply:
            left = clock.working_days_left(timezone.localdate(), instance.due_on,
                                           clock.calendar_for(instance))
            note = (_("%(days)s working days overdue") % {"days": -left} if left < 0
                    else _("%(days)s working days left") % {"days": left})
            if instance.due_provisional:
                note += " · " + _("provisional")
            context["value"] = f"{instance.due_on:%Y-%m-%d} ({note})"
        return context


class RequestIndexView(IndexView):
    default_ordering = "due_on"

    def order_queryset(self, queryset):
        # Many requests share a due date: the primary key makes the order, and so the pages,
        # stable.
        return _with_pk(super().order_queryset(queryset))

    def get_edit_url(self, instance):
        return reverse(self.edit_url_name, args=(instance.pk,))

    def get_base_queryset(self):
        # the listing and its CSV/XLSX export: the requests of the user's sites only
        return sites.restrict(super().get_base_queryset(), self.request.user).select_related(
            "handler")

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV:
            return neutralise_spreadsheet_formula(value)
        return value  # XLSX: Wagtail already writes formulas back as text

    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        masked = permissions.masked_fields(item, self.request.user)
        for field in ("name", "id_number", "phone", "email", "address"):
            if field in row:
                row[field] = masked[field]
        if "description" in row:  # the applicant may have written their phone in it
            row["description"] = permissions.text_masker(item, self.request.user)(
                row["description"])
        return row


# What a spreadsheet application reads as the start of a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def neutralise_spreadsheet_formula(value):
    """A text cell that a spreadsheet would run as a formula (``=HYPERLINK(…)``, ``+1+1``,
    ``@SUM(…)``; also the full-width forms, which some spreadsheets convert) gets a leading
    apostrophe, so that it is shown as the text the applicant typed. Other values unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def visible_requests(user):
    """The requests ``user`` may open: those of their sites (``sites.staff_site_ids``)."""
    return sites.restrict(InformationRequest.objects.all(), user)


def _with_pk(queryset):
    ordering = list(queryset.query.order_by)
    if ordering and not any(field.lstrip("-") in ("pk", "id") for field in ordering):
        return queryset.order_by(*ordering, "pk")
    return queryset


#: The one-time session entry holding a paper request's access code between its registration
#: and the first view of its processing page, which takes it out.
STAFF_CODE_SESSION_KEY = "wagtail_disclosure_registered"


class StaffRequestCreateView(WagtailAdminTemplateMixin, FormView):
    """A request received by post, in person, by fax or email, entered by staff."""

    form_class = forms.StaffRequestForm
    template_name = "wagtail_disclosure/requests/admin/create.html"
    page_title = gettext_lazy("Register a request received by post, in person, by fax or email")
    header_icon = "mail"
    viewset = None

    def dispatch(self, request, *args, **kwargs):
        if not (permissions.can_process(request.user)
                or request.user.has_perm("wagtail_disclosure.add_informationrequest")):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.viewset.get_url_name("index")),
             "label": self.viewset.menu_label},
            {"url": "", "label": self.page_title}]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request,
                "sites": sites.sites_for_staff(self.request.user)}

    def form_valid(self, form):
        data = form.cleaned_data
        request_obj, code = services.submit(
            data, data["attachments"], channel=data["channel"], received_on=data["received_on"],
            user=self.request.user, consent=bool(data.get("consent")))
        # The access code is shown once, on the processing page this redirects to (see
        # RequestDetailView.pop_access_code). Never in a message: the messages cookie (or the
        # session copy of it) would keep it in clear until read, nor in the URL, which lands
        # in logs and the browser's history.
        self.request.session[STAFF_CODE_SESSION_KEY] = {"pk": request_obj.pk,
                                                        "access_code": code}
        messages.success(self.request, _("Request %(number)s was registered.") % {
            "number": request_obj.tracking_number})
        return redirect(self.viewset.get_url_name("edit"), request_obj.pk)


# -- the processing page -------------------------------------------------------------------


ACTIONS = {
    # name: (form class, permission check, label). The statuses an action is offered in are
    # the ones the service allows (services.ACTION_STATUSES).
    "confirm_receipt": (forms.ConfirmReceiptForm, "process", gettext_lazy("Confirm receipt")),
    "start": (None, "process", gettext_lazy("Start processing")),
    "assign": (forms.AssignForm, "process", gettext_lazy("Assign a handler")),
    "correction_notice": (forms.CorrectionNoticeForm, "process",
                          gettext_lazy("Send a correction notice")),
    "correction_received": (forms.CorrectionReceivedForm, "process",
                            gettext_lazy("Record the corrected request")),
    "lapse_correction": (forms.LapseCorrectionForm, "process",
                         gettext_lazy("Close: not corrected without good reason")),
    "correction_more_time": (forms.CorrectionMoreTimeForm, "process",
                             gettext_lazy("Give more time to correct")),
    "consultation": (forms.ConsultationForm, "process", gettext_lazy("Consult a third party")),
    "consultation_received": (forms.ConsultationReceivedForm, "process",
                              gettext_lazy("Record the third party's receipt of the letter")),
    "end_consultation": (forms.EndConsultationForm, "process",
                         gettext_lazy("End a consultation")),
    "extension": (forms.ExtensionForm, "process", gettext_lazy("Extend the deadline")),
    "delay": (forms.DelayForm, "process", gettext_lazy("Delay the reply (Art.35)")),
    "decide_extension": (forms.DecideExtensionForm, "approve",
                         gettext_lazy("Approve or reject the extension")),
    "fee_notice": (forms.FeeNoticeForm, "process", gettext_lazy("Issue a fee notice")),
    "fee_received": (forms.FeeReceivedForm, "process",
                     gettext_lazy("Record the applicant's receipt of the fee notice")),
    "payment": (forms.PaymentForm, "process", gettext_lazy("Record a payment")),
    "reply": (forms.ReplyForm, "process", gettext_lazy("Reply")),
    "delivery": (forms.DeliveryForm, "process", gettext_lazy("Record delivery of the reply")),
    "withdraw": (forms.WithdrawForm, "process", gettext_lazy("Record a withdrawal")),
    "close": (forms.CloseForm, "process", pgettext_lazy("information request action", "Close")),
    "publish_item": (forms.PublishAsItemForm, "process",
                     gettext_lazy("Publish the information as a proactive item")),
}


def _has(user, check):
    return permissions.can_approve(user) if check == "approve" else permissions.can_process(user)


def _initial(name, request_obj, user=None):
    """The action form's initial data. A pre-filled letter text is masked as ``user`` may see
    the applicant's data (``permissions.text_masker``); :func:`perform` puts the real values
    back into the letter such a user submits (``permissions.text_unmasker``). A published
    item's title (proposed from the description) goes on the public site: every personal
    value in it is ``***`` for every user (``permissions.public_text_redactor``)."""
    initial = _initial_data(name, request_obj)
    if initial.get("body"):
        initial["body"] = permissions.text_masker(request_obj, user)(initial["body"])
    if initial.get("title"):
        initial["title"] = permissions.public_text_redactor(request_obj)(initial["title"])
    return initial


def _initial_data(name, request_obj):
    calendar = clock.calendar_for(request_obj)
    today = timezone.localdate()
    if name == "correction_notice":
        due = clock.correction_period_deadline(today, calendar=calendar).date
        body = render_letter(LetterKind.CORRECTION_NOTICE, request_obj, correction_due_on=due,
                             reasons="{reasons}")
        return {"correction_due_on": due, "body": body}
    if name == "consultation":
        return {"body": render_letter(LetterKind.CONSULTATION, request_obj,
                                      third_party="{third_party}"),
                "started_on": today}
    if name == "reply":
        return {"body": render_letter(LetterKind.REPLY, request_obj,
                                      reasons="{reasons}"),
                "delivery": request_obj.delivery, "answered_on": today}
    if name == "fee_notice":
        # {amount} and {pay_by} are filled in when the notice is issued: the pay-by date
        # counts from the applicant's receipt of it.
        return {"items_before": services.items_already_this_month(request_obj),
                "body": render_letter(LetterKind.FEE_NOTICE, request_obj, pay_by="{pay_by}",
                                      amount="{amount}", reasons="",
                                      payment_working_days=(
                                          disclosure_settings.FEE_PAYMENT_WORKING_DAYS))}
    if name == "correction_more_time":
        due = clock.correction_period_deadline(today, calendar=calendar).date
        return {"correction_due_on": due, "body": render_letter(
            LetterKind.CORRECTION_NOTICE, request_obj, correction_due_on=due,
            reasons="{reasons}")}
    if name in ("confirm_receipt",):
        return {"on": today}
    if name == "correction_received":
        return {"received_on": today}
    if name == "delivery":
        return {"delivery": request_obj.reply_delivery or request_obj.delivery,
                "delivered_on": today}
    if name == "publish_item":
        return {"title": request_obj.description[:120]}
    if name == "close":
        if not request_obj.is_open:
            return {"body": ""}
        return {"body": render_letter(LetterKind.CLOSURE, request_obj,
                                      reasons="{reasons}")}
    if name == "decide_extension":
        pending = request_obj.extensions.filter(status=ExtensionStatus.PENDING).first()
        return {"extension": pending.pk if pending else None}
    return {}


def _form_kwargs(name, request_obj):
    from django.contrib.auth import get_user_model

    if name == "assign":
        return {"handlers": get_user_model().objects.filter(
            pk__in=permissions.users_with_permission("process_informationrequest",
                                                     request_obj.site_id)
            .values("pk"))}
    if name in ("end_consultation", "consultation_received"):
        return {"consultations": request_obj.consultations.filter(ended_on__isnull=True)}
    if name == "delay":
        return {"max_days": disclosure_settings.MAX_DELAY_WORKING_DAYS,
                "due_on": request_obj.due_on, "calendar": clock.calendar_for(request_obj)}
    if name == "fee_received":
        return {"notices": request_obj.fee_notices.filter(paid_on__isnull=True)}
    if name == "extension":
        return {"max_days": max(1, disclosure_settings.MAX_EXTENSION_WORKING_DAYS
                                - request_obj.extension_days)}
    if name == "decide_extension":
        return {"extensions": request_obj.extensions.filter(status=ExtensionStatus.PENDING)}
    if name == "payment":
        return {"notices": request_obj.fee_notices.filter(paid_on__isnull=True)}
    return {}


def available_actions(request_obj, user):
    """The actions this user can take on the request now, in the order of ``ACTIONS``."""
    names = []
    for name, (_form, check, _label) in ACTIONS.items():
        statuses = services.ACTION_STATUSES.get(name)  # decide_extension: any status
        if not _has(user, check) or (statuses is not None
                                      and request_obj.status not in statuses):
            continue
        if not _offered(name, request_obj):
            continue
        names.append(name)
    return names


def _offered(name, request_obj):
    """The conditions besides the status under which an action form is shown."""
    if name == "reply":  # the service refuses while a consultation is open
        return request_obj.status != Status.CONSULTING
    if name == "decide_extension":
        return request_obj.extensions.filter(status=ExtensionStatus.PENDING).exists()
    if name in ("extension", "delay", "fee_notice"):
        # Refused once the reply deadline has passed: a late reply stays late.
        if not services.reply_period_runs(request_obj):
            return False
        if name == "extension":
            return request_obj.extension_days < disclosure_settings.MAX_EXTENSION_WORKING_DAYS
        return True
    if name == "lapse_correction":
        return bool(request_obj.correction_due_on
                    and request_obj.correction_due_on < timezone.localdate())
    if name == "consultation_received":
        return request_obj.consultations.filter(ended_on__isnull=True,
                                                received_on__isnull=True).exists()
    if name == "fee_received":
        return request_obj.fee_notices.filter(paid_on__isnull=True,
                                              received_on__isnull=True).exists()
    if name == "correction_notice":  # 一次性告知: once only
        return not request_obj.letters.filter(kind=LetterKind.CORRECTION_NOTICE).exists()
    return True


def perform(name, request_obj, user, form):
    """Run the action ``name`` with the form's data. A letter's text comes back from a user who
    may not see personal data with the masked forms they were shown (``张*``): where those are
    unchanged, the stored and sent letter gets the real values (``permissions.text_unmasker``),
    so the applicant receives a correct letter while that user never saw their data."""
    data = dict(form.cleaned_data) if form is not None else {}
    if data.get("body"):
        data["body"] = permissions.text_unmasker(request_obj, user)(data["body"])
    if name == "confirm_receipt":
        return services.confirm_receipt(request_obj, user, data["on"])
    if name == "start":
        return services.start_processing(request_obj, user)
    if name == "lapse_correction":
        return services.lapse_correction(request_obj, user)
    if name == "correction_more_time":
        return services.give_more_time_to_correct(request_obj, user, data["correction_due_on"],
                                                  data["body"])
    if name == "consultation_received":
        return services.record_consultation_receipt(data["consultation"], user,
                                                    data["received_on"])
    if name == "delay":
        return services.request_delay(request_obj, user, data["until"], data["reason"])
    if name == "fee_received":
        return services.record_fee_notice_receipt(data["notice"], user, data["received_on"])
    if name == "assign":
        return services.assign(request_obj, data["handler"], user)
    if name == "correction_notice":
        return services.send_correction_notice(request_obj, user, data["body"],
                                               data["correction_due_on"])
    if name == "correction_received":
        return services.record_correction(request_obj, user, data["received_on"],
                                          data.get("description"))
    if name == "consultation":
        return services.start_consultation(request_obj, user, data["third_party"],
                                           data["started_on"], data["body"],
                                           delivery=data.get("delivery", ""),
                                           received_on=data.get("received_on"))
    if name == "end_consultation":
        return services.end_consultation(data["consultation"], user, data["ended_on"],
                                         data.get("result", ""))
    if name == "extension":
        return services.request_extension(request_obj, user, data["days"], data["reason"])
    if name == "decide_extension":
        return services.decide_extension(data["extension"], user,
                                         approve=data["decision"] == "approve")
    if name == "fee_notice":
        return services.issue_fee_notice(request_obj, user, data["method"], data["quantity"],
                                         data.get("items_before") or 0, data["body"],
                                         delivery=data.get("delivery", ""),
                                         received_on=data.get("received_on"))
    if name == "payment":
        return services.record_payment(data["notice"], user, data["paid_on"])
    if name == "reply":
        return services.record_reply(request_obj, user, data["outcome"], data["body"],
                                     data.get("documents") or [], data["delivery"],
                                     data.get("delivered_on"), data["answered_on"])
    if name == "delivery":
        return services.record_delivery(request_obj, user, data["delivered_on"],
                                        data["delivery"])
    if name == "withdraw":
        return services.withdraw(request_obj, user, data["on"])
    if name == "close":
        return services.close(request_obj, user, data["outcome"], data.get("body", ""))
    if name == "publish_item":
        from .publishing import publish_as_item

        return publish_as_item(request_obj, user, data["column"], data["title"], data["organ"])
    raise Http404


class RequestDetailView(WagtailAdminTemplateMixin, View):
    """The processing page of one request; each action posts to its own URL."""

    template_name = "wagtail_disclosure/requests/admin/detail.html"
    header_icon = "mail"
    viewset = None

    def dispatch(self, request, pk, action=None):
        if not permissions.can_view(request.user):
            raise PermissionDenied
        # another site's request is not found (404), as if it did not exist
        self.object = get_object_or_404(visible_requests(request.user), pk=pk)
        self.action = action
        return super().dispatch(request, pk=pk, action=action)

    def get_page_title(self):
        return _("Request %(number)s") % {"number": self.object.tracking_number}

    def get_page_subtitle(self):
        return self.object.get_status_display()

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.viewset.get_url_name("index")),
             "label": self.viewset.menu_label},
            {"url": "", "label": self.object.tracking_number}]

    def _forms(self, bound_name=None, bound_form=None):
        result = []
        for name in available_actions(self.object, self.request.user):
            form_class, _check, label = ACTIONS[name]
            if name == bound_name:
                form = bound_form
            elif form_class is None:
                form = None
            else:
                form = form_class(initial=_initial(name, self.object, self.request.user),
                                  prefix=name,
                                  **_form_kwargs(name, self.object))
            result.append({"name": name, "label": label, "form": form,
                           "open": name == bound_name,
                           "url": reverse(self.viewset.get_url_name("action"),
                                          args=(self.object.pk, name))})
        return result

    def get(self, request, *args, **kwargs):
        code = self.pop_access_code()
        response = self.render_to_response(self.get_context_data(actions=self._forms(),
                                                                 access_code=code))
        if code:
            response["Cache-Control"] = "no-store"
        return response

    def pop_access_code(self):
        """The access code of the paper request just registered, if this is the first view of
        its processing page: taken out of the session, so a reload, the browser's history or
        anyone later using this browser finds it neither in the page nor in the session. Any
        other view drops it too: it never stays behind."""
        entry = self.request.session.pop(STAFF_CODE_SESSION_KEY, None)
        if isinstance(entry, dict) and entry.get("pk") == self.object.pk:
            return entry.get("access_code") or None
        return None

    def post(self, request, *args, **kwargs):
        name = self.action
        if name not in ACTIONS:
            raise Http404
        if name not in available_actions(self.object, request.user):
            if not _has(request.user, ACTIONS[name][1]):
                raise PermissionDenied
            messages.error(request, _("“%(action)s” is not possible while the request is "
                                      "“%(status)s”.") % {
                "action": ACTIONS[name][2], "status": self.object.get_status_display()})
            return redirect(self.viewset.get_url_name("edit"), self.object.pk)
        form_class = ACTIONS[name][0]
        form = None
        if form_class is not None:
            form = form_class(request.POST, request.FILES, prefix=name,
                              **_form_kwargs(name, self.object))
        if form is None or form.is_valid():
            try:
                result = perform(name, self.object, request.user, form)
            except ValidationError as exc:
                if form is None:
                    messages.error(request, " ".join(exc.messages))
                    return redirect(self.viewset.get_url_name("edit"), self.object.pk)
                _add_errors(form, exc)
            else:
                messages.success(request, _("Done: %(action)s.") % {"action": ACTIONS[name][2]})
                if name == "publish_item":
                    return redirect("wagtailadmin_pages:edit", result.pk)
                return redirect(self.viewset.get_url_name("edit"), self.object.pk)
        self.object.refresh_from_db()
        return self.render_to_response(
            self.get_context_data(actions=self._forms(name, form)), status=200)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        request_obj = self.object
        user = self.request.user
        today = timezone.localdate()
        mask = permissions.text_masker(request_obj, user)
        calendar = clock.calendar_for(request_obj)
        context.update({
            "request_obj": request_obj,
            "applicant": permissions.masked_fields(request_obj, user),
            "shown": {"description": mask(request_obj.description),
                      "purpose": mask(request_obj.purpose)},
            "can_see_personal_data": permissions.can_see_personal_data(user),
            "timeline": (ModelLogEntry.objects.for_instance(request_obj)
                         .select_related("user").order_by("timestamp", "pk")),
            "letters": _shown_letters(request_obj, mask),
            "consultations": request_obj.consultations.all(),
            "extensions": _shown_extensions(request_obj, mask),
            "fee_notices": request_obj.fee_notices.all(),
            "attachments": [
                (attachment, permissions.attachment_display_name(attachment, position, user))
                for position, attachment in enumerate(
                    request_obj.attachments.order_by("pk"), start=1)],
            "days_left": (clock.working_days_left(today, request_obj.due_on, calendar)
                          if request_obj.awaiting_reply else None),
            "overdue_days": -clock.working_days_left(today, request_obj.due_on, calendar)
            if request_obj.awaiting_reply and request_obj.due_on < today else 0,
            "correction_notice_late": (request_obj.status == Status.RECEIVED
                                       and today > request_obj.correction_notice_due_on),
            "viewset": self.viewset,
            "fee_pauses_clock": disclosure_settings.FEE_PAUSES_CLOCK,
        })
        return context


def _shown_letters(request_obj, mask):
    """The request's letters, each with ``shown_title`` and ``shown_documents`` (pairs of a
    document and its title), masked for the user: an officer may have named a document after
    the applicant."""
    letters = list(request_obj.letters.prefetch_related("documents"))
    for letter in letters:
        letter.shown_title = mask(letter.title)
        letter.shown_documents = [(document, mask(document.title))
                                  for document in letter.documents.all()]
    return letters


def _shown_extensions(request_obj, mask):
    """The extensions, each with its reason (typed by an officer) masked for the user."""
    extensions = list(request_obj.extensions.select_related("requested_by", "decided_by"))
    for extension in extensions:
        extension.shown_reason = mask(extension.reason)
    return extensions


def _add_errors(form, exc):
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def letter_print_view(request, pk):
    if not permissions.can_view(request.user):
        raise PermissionDenied
    letter = get_object_or_404(RequestLetter.objects.select_related("request").filter(
        request__in=visible_requests(request.user)), pk=pk)
    # Everything the page shows, its <title> (a saved PDF's default name) included, comes
    # from the sheet, masked for staff who may not see personal data.
    response = TemplateResponse(request, "wagtail_disclosure/requests/admin/letter_print.html", {
        "letter": letter, "request_obj": letter.request,
        "sheet": letter_sheet(letter, user=request.user)})
    response["Cache-Control"] = "no-store"
    return response


def file_view(request, kind, pk):
    """Applicants' attachments (only for staff who may see personal data, under their original
    name) and letter documents (for staff who may view requests, the file name masked for
    those who may not see personal data, as the processing page shows it)."""
    if not permissions.can_view(request.user):
        raise PermissionDenied
    if kind == "attachment":
        if not permissions.can_see_personal_data(request.user):
            raise PermissionDenied
        obj = get_object_or_404(RequestAttachment.objects.filter(
            request__in=visible_requests(request.user)), pk=pk)
        name = obj.original_name
    elif kind == "document":
        obj = get_object_or_404(LetterDocument.objects.select_related("letter__request").filter(
            letter__request__in=visible_requests(request.user)), pk=pk)
        name = permissions.text_masker(obj.letter.request, request.user)(obj.title)
    else:
        raise Http404
    response = FileResponse(obj.file.open("rb"), as_attachment=True, filename=name)
    response["Cache-Control"] = "no-store"
    return response


class RequestHistoryView(HistoryView):
    """Wagtail's history of a request, for the requests of the user's sites only."""

    def get_base_object_queryset(self):
        return visible_requests(self.request.user)


class InformationRequestViewSet(ModelViewSet):
    model = InformationRequest
    icon = "mail"
    menu_label = gettext_lazy("Information requests")
    menu_name = "information-requests"
    menu_order = 250
    url_prefix = "disclosure/requests"
    copy_view_enabled = False
    inspect_view_enabled = False
    index_view_class = RequestIndexView
    filterset_class = InformationRequestFilterSet
    search_fields = ["tracking_number", "description", "document_number"]
    search_backend_name = None
    list_per_page = 50
    list_display = [
        TitleColumn("tracking_number", label=gettext_lazy("Tracking number"),
                    get_url=lambda obj: reverse("wagtail_disclosure_requests:edit",
                                                args=(obj.pk,))),
        Column("received_on", label=gettext_lazy("Date of receipt"), sort_key="received_on"),
        MaskedColumn("name", label=gettext_lazy("Applicant")),
        Column("applicant_type", label=gettext_lazy("Applicant type"),
               accessor="get_applicant_type_display"),
        Column("status", label=pgettext_lazy("information request", "Status"),
               accessor="get_status_display", sort_key="status"),
        DeadlineColumn("due_on", label=gettext_lazy("Reply due"), sort_key="due_on"),
        Column("handler", label=gettext_lazy("Handler")),
    ]
    list_export = ["tracking_number", "received_on", "channel", "applicant_type",
                   "organisation_kind", "name", "id_number", "phone", "email",
                   "description", "status", "outcome", "due_on", "due_provisional",
                   "extension_days", "answered_on", "closed_on", "handler"]
    export_headings = {
        "tracking_number": gettext_lazy("Tracking number"),
        "received_on": gettext_lazy("Date of receipt"),
        "due_on": gettext_lazy("Reply due"),
    }
    export_filename = "information-requests"
    name = "wagtail_disclosure_requests"

    @property
    def permission_policy(self):
        return permission_policy

    def get_permissions_to_register(self):
        from django.contrib.auth.models import Permission

        return Permission.objects.filter(
            content_type__app_label="wagtail_disclosure",
            codename__in=["add_informationrequest", "view_informationrequest",
                          "process_informationrequest", "approve_extension",
                          "view_personal_data"])

    def register_permissions(self):
        from wagtail import hooks

        hooks.register("register_permissions", self.get_permissions_to_register)

    history_view_class = RequestHistoryView

    @property
    def add_view(self):
        return StaffRequestCreateView.as_view(viewset=self)

    @property
    def edit_view(self):
        return RequestDetailView.as_view(viewset=self)

    def get_urlpatterns(self):
        patterns = [p for p in super().get_urlpatterns()
                    if p.name not in ("delete", "usage")]
        return patterns + [
            path("edit/<int:pk>/action/<str:action>/", self.edit_view, name="action"),
            path("letter/<int:pk>/print/", letter_print_view, name="letter_print"),
            path("file/<str:kind>/<int:pk>/", file_view, name="file"),
        ]
