"""Forms of the request process. ``RequestForm`` validates the public form and the JSON API
alike: the HTML field names are the JSON body's names."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..conf import disclosure_settings
from . import outcomes
from .dates import EARLIEST_RECEIPT, check_receipt_date, latest_future_day, today
from .choices import (
    ApplicantType,
    Delivery,
    FeeMethod,
    IdType,
    InformationForm,
    LetterDelivery,
    OrganisationKind,
    ReceiptChannel,
)
from .validators import (
    check_attachment,
    clean_file_name,
    validate_credit_code,
    validate_phone,
    validate_plain_text,
    validate_postcode,
    validate_resident_id,
)

HONEYPOT_FIELD = "homepage_url"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


def _text(label, max_length, required=False, widget=None, help_text=""):
    return forms.CharField(label=label, max_length=max_length, required=required,
                           widget=widget, help_text=help_text, strip=True,
                           validators=[validate_plain_text])


REQUIRED_MESSAGE = pgettext_lazy("request form", "This field is required.")


class RequestForm(forms.Form):
    """An information request (条例 Art.29)."""

    applicant_type = forms.ChoiceField(label=_("Applicant"), choices=ApplicantType.choices,
                                       widget=forms.RadioSelect)
    organisation_kind = forms.ChoiceField(
        label=_("Kind of organisation"), required=False,
        choices=[("", "---------")] + list(OrganisationKind.choices),
        help_text=_("Organisations only."))
    name = _text(pgettext_lazy("applicant", "Name"), 200, required=True,
                 help_text=_("Your full name, or the organisation's full name."))
    id_type = forms.ChoiceField(label=_("Identity document"), required=False,
                                choices=[("", "---------")] + list(IdType.choices))
    id_number = _text(_("Identity document number"), 40)
    # Longer than the 18 characters of the code, so that one typed with spaces or hyphens
    # reaches clean_organisation_code, which removes them and checks the length.
    organisation_code = _text(_("Unified social credit code"), 30,
                              help_text=_("Organisations only: 18 characters."))
    legal_representative = _text(_("Legal representative"), 100)
    contact_person = _text(_("Contact person"), 100,
                           widget=forms.TextInput(attrs={"autocomplete": "name"}))
    phone = _text(_("Phone"), 30,
                  widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}))
    email = forms.EmailField(label=pgettext_lazy("contact details", "Email"), required=False,
                             max_length=254,
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    address = _text(_("Postal address"), 255,
                    widget=forms.TextInput(attrs={"autocomplete": "street-address"}))
    postcode = _text(_("Postcode"), 6,
                     widget=forms.TextInput(attrs={"autocomplete": "postal-code",
                                                   "inputmode": "numeric"}))
    description = _text(
        _("Information requested"), 2000, required=True, widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The name, document number or other features that help us find the "
                    "information (名称、文号或者便于查询的其他特征性描述)."))
    document_number = _text(_("Document number"), 100,
                            help_text=_("If you know it, e.g. 某政发〔2024〕5号."))
    purpose = _text(_("Purpose (optional)"), 1000, widget=forms.Textarea(attrs={"rows": 3}),
                    help_text=_("Not required by the regulation."))
    form = forms.ChoiceField(label=_("Form of the information"), choices=InformationForm.choices,
                             widget=forms.RadioSelect)
    delivery = forms.ChoiceField(label=_("How to obtain it"), choices=Delivery.choices,
                                 widget=forms.RadioSelect)
    attachments = MultipleFileField(
        label=_("Attachments"), required=False,
        help_text=_("For example a scan of your identity document."))
    consent = forms.BooleanField(label=_("I have read and agree to the personal information "
                                         "notice."), required=True)

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.http_request = request
        # Visitors read the form's own wording, not the admin's terse 必需字段 (the msgid is
        # Django's, so the package's catalogue may not translate it differently: a context).
        for field in self.fields.values():
            field.error_messages["required"] = REQUIRED_MESSAGE
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            required=False, label=_("Leave this field empty"),
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))
        types = ", ".join(t.upper() for t in disclosure_settings.ATTACHMENT_TYPES)
        max_mb = round(disclosure_settings.ATTACHMENT_MAX_BYTES / 1024 / 1024, 1)
        self.fields["attachments"].help_text = _(
            "For example a scan of your identity document. Up to %(count)s files, %(types)s, "
            "at most %(size)s MB each.") % {"count": disclosure_settings.ATTACHMENT_MAX_FILES,
                                            "types": types, "size": max_mb}
        self.fields["attachments"].widget.attrs["accept"] = ",".join(
            {"pdf": ".pdf", "jpeg": ".jpg,.jpeg", "png": ".png", "gif": ".gif"}[t]
            for t in disclosure_settings.ATTACHMENT_TYPES)

    # -- field checks ------------------------------------------------------------------

    def clean_phone(self):
        value = self.cleaned_data["phone"]
        validate_phone(value)
        return value

    def clean_postcode(self):
        value = self.cleaned_data["postcode"]
        validate_postcode(value)
        return value

    def clean_organisation_code(self):
        value = self.cleaned_data["organisation_code"].upper().replace("-", "").replace(" ", "")
        if value:
            validate_credit_code(value)
        return value

    def clean_id_number(self):
        return self.cleaned_data["id_number"].upper().replace(" ", "")

    def clean_attachments(self):
        files = self.cleaned_data.get("attachments") or []
        if len(files) > disclosure_settings.ATTACHMENT_MAX_FILES:
            raise ValidationError(_("At most %(count)s files can be attached."),
                                  params={"count": disclosure_settings.ATTACHMENT_MAX_FILES})
        checked, errors = [], []
        for uploaded in files:
            # The name is kept as the applicant's, cleaned (no NUL, control characters or path)
            uploaded.name = clean_file_name(uploaded.name)
            try:
                kind = check_attachment(uploaded, disclosure_settings.ATTACHMENT_TYPES,
                                        disclosure_settings.ATTACHMENT_MAX_BYTES)
            except ValidationError as exc:
                errors.extend(exc.error_list)
            else:
                from .validators import CONTENT_TYPES

                checked.append((uploaded, CONTENT_TYPES[kind]))
        if errors:
            raise ValidationError(errors)
        return checked

    # -- cross-field checks ------------------------------------------------------------

    def clean(self):
        data = super().clean()
        if data.get(HONEYPOT_FIELD):
            raise ValidationError(_("The form could not be accepted. Please try again."),
                                  code="honeypot")
        is_person = data.get("applicant_type") == ApplicantType.NATURAL_PERSON
        is_organisation = data.get("applicant_type") == ApplicantType.ORGANISATION
        if is_person:
            if not data.get("id_type"):
                self.add_error("id_type", _("Choose your identity document."))
            if not data.get("id_number"):
                self.add_error("id_number", _("Enter the number of your identity document."))
            elif data.get("id_type") == IdType.RESIDENT_ID:
                try:
                    validate_resident_id(data["id_number"])
                except ValidationError as exc:
                    self.add_error("id_number", exc)
        if is_organisation:
            if not data.get("organisation_kind"):
                self.add_error("organisation_kind", _("Choose the kind of organisation."))
            if not data.get("organisation_code") and "organisation_code" not in self.errors:
                self.add_error("organisation_code",
                               _("Enter the organisation's unified social credit code."))
            if not data.get("legal_representative"):
                self.add_error("legal_representative",
                               _("Enter the name of the legal representative."))
        if not (data.get("phone") or data.get("email") or data.get("address")):
            if "phone" not in self.errors:
                self.add_error("phone", _("Give at least one way to contact you: a phone "
                                          "number, an email address or a postal address."))
        delivery = data.get("delivery")
        if delivery == Delivery.EMAIL and not data.get("email") and "email" not in self.errors:
            self.add_error("email", _("Enter the email address to send the information to."))
        if delivery == Delivery.POST and not data.get("address") and "address" not in (
                self.errors):
            self.add_error("address", _("Enter the postal address to send the information to."))
        self._check_captcha(data)
        return data

    def _check_captcha(self, data):
        path = disclosure_settings.CAPTCHA_VALIDATOR
        if not path:
            return
        validator = import_string(path)
        try:
            validator(self.http_request, self.data)
        except ValidationError as exc:
            self.add_error(None, exc)


class BoundedDateInput(forms.DateInput):
    """A date input whose ``min`` and ``max`` are set when it is drawn (today moves)."""

    input_type = "date"

    def __init__(self, latest, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")
        self.latest = latest

    def get_context(self, name, value, attrs):
        attrs = {**(attrs or {}), "min": EARLIEST_RECEIPT.isoformat(),
                 "max": self.latest().isoformat()}
        return super().get_context(name, value, attrs)




class BoundedDateField(forms.DateField):
    """A date from 2008-05-01 (the 条例 in force) to today (``past=True``: something that
    happened) or to ``MAX_FUTURE_DAYS`` ahead (a date due). The services check the tighter
    bounds relative to the request (not before its receipt, …); this refuses what no request
    can have, before any computation with it."""

    def __init__(self, *args, past=True, **kwargs):
        self.latest = today if past else latest_future_day
        kwargs.setdefault("widget", BoundedDateInput(self.latest))
        super().__init__(*args, **kwargs)

    def validate(self, value):
        super().validate(value)
        if value is not None and not EARLIEST_RECEIPT <= value <= self.latest():
            raise ValidationError(_(
                "Choose a date between %(earliest)s and %(latest)s.") % {
                "earliest": EARLIEST_RECEIPT, "latest": self.latest()}, code="date_range")


def _date_field(label, past=True, **kwargs):
    return BoundedDateField(label=label, past=past, **kwargs)


class StaffRequestForm(RequestForm):
    """A request received by post, in person, by fax or email, entered by staff."""

    channel = forms.ChoiceField(label=_("Received by"), choices=[
        c for c in ReceiptChannel.choices if c[0] != ReceiptChannel.ONLINE])
    received_on = BoundedDateField(
        label=_("Date of receipt"),
        help_text=_("In person: the day it was handed in. Registered post: the day the office "
                    "signed for it. Ordinary letter: the day it was confirmed with the "
                    "applicant. Fax or email: the day both sides confirmed it (条例 Art.31)."))

    organ = forms.ModelChoiceField(
        label=_("Addressed to"), required=False, queryset=None,
        help_text=_("The organ that answers the request (the annual report counts it there)."))

    site = forms.ModelChoiceField(
        label=_("Site"), required=True, queryset=None, empty_label=None,
        help_text=_("The agency's site the request belongs to: its staff process it, and the "
                    "applicant tracks it there."))

    field_order = ["site", "channel", "received_on", "organ"]

    def __init__(self, *args, sites=None, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields[HONEYPOT_FIELD]
        from .. import sites as site_scope
        from ..catalogue.snippets import PublishingOrgan

        # Several sites (docs/how-to/multi-site.md): the registering officer chooses among
        # the sites they work for. One site: no choice, the request is the default site's.
        if sites is None or not site_scope.is_multi_site():
            del self.fields["site"]
        else:
            self.fields["site"].queryset = sites
        self.fields["organ"].queryset = PublishingOrgan.objects.all()
        self.fields["consent"].required = False
        self.fields["consent"].label = _("The applicant was shown the personal information "
                                         "notice.")

    def _check_captcha(self, data):
        """Staff enter paper requests: no captcha."""

    def clean_received_on(self):
        return check_receipt_date(self.cleaned_data["received_on"], field=None)


# -- the officer's actions -----------------------------------------------------------------


#: Placeholders the officer must replace with their own words before a letter is issued.
TO_BE_WRITTEN = ("{reasons}",)


def check_written(body):
    """Refuse a letter that still holds a placeholder only the officer can fill."""
    left = [p for p in TO_BE_WRITTEN if p in (body or "")]
    if left:
        raise ValidationError(_("Replace %(placeholders)s with the text of the letter.") % {
            "placeholders": ", ".join(left)})
    return body


class LetterForm(forms.Form):
    body = forms.CharField(
        label=_("Letter"), widget=forms.Textarea(attrs={"rows": 14}),
        validators=[validate_plain_text],
        help_text=_("Replace {reasons} with your text. {third_party}, {remedy}, "
                    "{letter_number}, {amount} and {pay_by} are filled in when the letter is "
                    "issued."))

    def clean_body(self):
        return check_written(self.cleaned_data.get("body"))


class CorrectionNoticeForm(LetterForm):
    correction_due_on = _date_field(_("Correction due by"), past=False)
    field_order = ["correction_due_on", "body"]


class CorrectionReceivedForm(forms.Form):
    received_on = _date_field(_("Corrected request received on"))
    description = _text(_("Information requested, as corrected"), 2000,
                        widget=forms.Textarea(attrs={"rows": 4}),
                        help_text=_("Leave blank to keep the description as it was."))


class AssignForm(forms.Form):
    handler = forms.ModelChoiceField(label=_("Handler"), queryset=None)

    def __init__(self, *args, handlers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = handlers


_RECEIVED_HELP = _("Leave blank when sent by email, online or in person (received the day it "
                   "was sent); by post, enter the day of receipt when known.")


class ConsultationForm(LetterForm):
    third_party = _text(_("Third party"), 200, required=True)
    started_on = _date_field(_("Letter sent on"), initial=timezone.localdate)
    delivery = forms.ChoiceField(label=_("Sent by"), choices=LetterDelivery.choices,
                                 initial=LetterDelivery.POST)
    received_on = _date_field(
        _("Received by the third party on"), required=False,
        help_text=_("The third party's 15 working days count from the day after it receives "
                    "the letter (条例 Art.32). ") + _RECEIVED_HELP)
    field_order = ["third_party", "started_on", "delivery", "received_on", "body"]


class ConsultationReceivedForm(forms.Form):
    consultation = forms.ModelChoiceField(label=_("Consultation"), queryset=None)
    received_on = _date_field(_("Received by the third party on"), initial=timezone.localdate)

    def __init__(self, *args, consultations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consultation"].queryset = consultations


class ConfirmReceiptForm(forms.Form):
    on = _date_field(_("Receipt confirmed on"), initial=timezone.localdate,
                     help_text=_("条例 Art.31: an online request is received on the day both "
                                 "sides confirm it; the 20 working days count from the day "
                                 "after."))


class CorrectionMoreTimeForm(LetterForm):
    correction_due_on = _date_field(_("New date for the correction"), past=False)
    field_order = ["correction_due_on", "body"]


class LapseCorrectionForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("The applicant did not correct the request in time without good reason "
                "(无正当理由): close it as 其他处理/1."))


class EndConsultationForm(forms.Form):
    consultation = forms.ModelChoiceField(label=_("Consultation"), queryset=None)
    ended_on = _date_field(_("Answer received (or consultation ended) on"),
                           initial=timezone.localdate)
    result = _text(_("The third party's answer"), 2000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, consultations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consultation"].queryset = consultations


class ExtensionForm(forms.Form):
    days = forms.IntegerField(label=_("Working days"), min_value=1, initial=20)
    reason = _text(_("Reason"), 1000, required=True, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, max_days=20, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["days"].max_value = max_days
        self.fields["days"].initial = max_days
        self.fields["days"].widget.attrs["max"] = max_days
        self.fields["days"].validators.append(MaxValueValidator(max_days))


class DelayForm(forms.Form):
    """条例 Art.35: a reasonable later reply date, as a date or as working days."""

    until = _date_field(_("Reply by"), past=False, required=False)
    days = forms.IntegerField(label=_("or working days after the present deadline"),
                              min_value=1, required=False)
    reason = _text(_("Reason"), 1000, required=True, widget=forms.Textarea(attrs={"rows": 3}),
                   help_text=_("Why the volume or frequency is clearly beyond a reasonable "
                               "range, and why the applicant's reasons are reasonable."))

    def __init__(self, *args, max_days=60, due_on=None, calendar=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.due_on = due_on
        self.calendar = calendar  # the request's site's calendar
        self.fields["days"].max_value = max_days
        self.fields["days"].widget.attrs["max"] = max_days
        self.fields["days"].validators.append(MaxValueValidator(max_days))

    def clean(self):
        data = super().clean()
        until, days = data.get("until"), data.get("days")
        if until and days:
            raise ValidationError(_("Give either a date or a number of working days, not both."))
        if not until and not days and not self.errors:
            self.add_error("until", _("Give the later reply date, or a number of working "
                                      "days."))
        if days and self.due_on is not None:
            from ..workdays import default_calendar

            calendar = self.calendar or default_calendar()
            data["until"] = calendar.add_working_days(self.due_on, days)
        return data


class DecideExtensionForm(forms.Form):
    extension = forms.ModelChoiceField(label=_("Extension"), queryset=None,
                                       widget=forms.HiddenInput)
    decision = forms.ChoiceField(label=_("Decision"), choices=[
        ("approve", _("Approve")), ("reject", pgettext_lazy("extension decision", "Reject"))],
        widget=forms.RadioSelect)

    def __init__(self, *args, extensions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["extension"].queryset = extensions


def _outcome_choices(groups):
    choices = {}
    for row in outcomes.ROWS:
        if row.group in groups:
            label = row.label if row.label == row.group else f"{row.label}"
            choices.setdefault(row.group, []).append((row.key, label))
    return [("", "---------")] + list(choices.items())


class ReplyForm(LetterForm):
    outcome = forms.ChoiceField(label=_("Outcome"))
    documents = MultipleFileField(label=_("Documents sent"), required=False,
                                  help_text=_("The information disclosed (PDF or images)."))
    answered_on = _date_field(_("Answered on"), initial=timezone.localdate)
    delivery = forms.ChoiceField(label=_("Delivered by"), choices=Delivery.choices)
    delivered_on = _date_field(_("Delivered on"), required=False,
                               help_text=_("Leave blank if not yet delivered."))
    field_order = ["outcome", "answered_on", "body", "documents", "delivery", "delivered_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = _outcome_choices(outcomes.ANSWER_GROUPS)

    def clean_documents(self):
        files = self.cleaned_data.get("documents") or []
        for uploaded in files:
            check_attachment(uploaded, ["pdf", "jpeg", "png", "gif"],
                             max(disclosure_settings.ATTACHMENT_MAX_BYTES, 50 * 1024 * 1024))
        return files


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), required=False,
                                help_text=_("Not needed to close an answered request."))
    body = forms.CharField(label=_("Closure notice to the applicant"), required=False,
                           widget=forms.Textarea(attrs={"rows": 8}),
                           validators=[validate_plain_text],
                           help_text=_("Leave blank to send no notice."))

    def clean_body(self):
        return check_written(self.cleaned_data.get("body"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = _outcome_choices(outcomes.CLOSING_GROUPS)


class WithdrawForm(forms.Form):
    on = _date_field(_("Withdrawn on"), initial=timezone.localdate)


class FeeNoticeForm(LetterForm):
    """收费通知. The quantities are bounded by ``FEE_MAX_ITEMS``, ``FEE_MAX_PAGES`` and
    ``FEE_MAX_ITEMS_BEFORE``; the pay-by date is computed from the receipt of the notice."""

    method = forms.ChoiceField(label=pgettext_lazy("fee", "Method"), choices=FeeMethod.choices)
    quantity = forms.IntegerField(label=_("Items or pages"), min_value=1)
    items_before = forms.IntegerField(
        label=_("Items already requested this month"), min_value=0, initial=0, required=False,
        help_text=_("Per item only: the same applicant's items earlier in this natural month. "
                    "Proposed from their requests; change it if the count differs."))
    delivery = forms.ChoiceField(label=_("Sent by"), choices=LetterDelivery.choices,
                                 initial=LetterDelivery.EMAIL)
    received_on = _date_field(
        _("Received by the applicant on"), required=False,
        help_text=_("The applicant pays within the working days set by the rules, counted from "
                    "the day after receiving the notice. ") + _RECEIVED_HELP)
    field_order = ["method", "quantity", "items_before", "delivery", "received_on", "body"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        conf = disclosure_settings
        top = max(conf.FEE_MAX_ITEMS, conf.FEE_MAX_PAGES)
        self.fields["quantity"].widget.attrs["max"] = top
        self.fields["quantity"].validators.append(MaxValueValidator(top))
        self.fields["items_before"].widget.attrs["max"] = conf.FEE_MAX_ITEMS_BEFORE
        self.fields["items_before"].validators.append(
            MaxValueValidator(conf.FEE_MAX_ITEMS_BEFORE))

    def clean(self):
        data = super().clean()
        method, quantity = data.get("method"), data.get("quantity")
        maximum = (disclosure_settings.FEE_MAX_ITEMS if method == FeeMethod.PER_ITEM
                   else disclosure_settings.FEE_MAX_PAGES)
        if quantity is not None and method and quantity > maximum:
            self.add_error("quantity", _("At most %(max)s on one notice.") % {
                "max": f"{maximum:,}"})
        elif quantity is not None and method and data.get("items_before") is not None:
            from .fee_services import check_fee_quantities

            try:  # the service's own check (the fee must fit on one notice)
                check_fee_quantities(method, quantity, data["items_before"])
            except ValidationError as exc:
                for field, errors in exc.error_dict.items():
                    self.add_error(field, errors)
        return data


class FeeReceivedForm(forms.Form):
    notice = forms.ModelChoiceField(label=_("Fee notice"), queryset=None)
    received_on = _date_field(_("Received by the applicant on"), initial=timezone.localdate)

    def __init__(self, *args, notices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["notice"].queryset = notices


class PaymentForm(forms.Form):
    notice = forms.ModelChoiceField(label=_("Fee notice"), queryset=None)
    paid_on = _date_field(_("Paid on"), initial=timezone.localdate)

    def __init__(self, *args, notices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["notice"].queryset = notices


class DeliveryForm(forms.Form):
    delivery = forms.ChoiceField(label=_("Delivered by"), choices=Delivery.choices)
    delivered_on = _date_field(_("Delivered on"), initial=timezone.localdate)


class PublishAsItemForm(forms.Form):
    column = forms.ModelChoiceField(label=_("Column"), queryset=None)
    organ = forms.ModelChoiceField(label=_("Publishing organ"), queryset=None)
    title = _text(_("Title of the item"), 255, required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from ..catalogue.models import DisclosureColumnPage, PublishingOrgan

        self.fields["column"].queryset = DisclosureColumnPage.objects.all().order_by("path")
        self.fields["organ"].queryset = PublishingOrgan.objects.all()


class TrackForm(forms.Form):
    tracking_number = forms.CharField(label=_("Tracking number"), max_length=40, strip=True)
    access_code = forms.CharField(label=_("Access code"), max_length=30, strip=True,
                                  widget=forms.PasswordInput(render_value=True,
                                                             attrs={"autocomplete": "off"}))
