"""Forms of the feedback box: the visitor's form and the officer's actions.

What visitors type is bounded and kept as they typed it: a message with HTML or a script in it
is stored as text and always shown escaped (the templates never mark it safe); only control
characters are refused, and the name, which has no reason to hold markup, takes plain text."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..conf import disclosure_settings
from ..requests.forms import HONEYPOT_FIELD, REQUIRED_MESSAGE
from ..requests.validators import validate_phone, validate_plain_text
from .choices import FeedbackCategory

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
#: The longest answer an officer writes (an answer is a letter, not a document).
ANSWER_MAX_LENGTH = 10000


def validate_no_control_characters(value):
    if value and _CONTROL.search(value):
        raise ValidationError(_("The text contains control characters."), code="control")


class FeedbackForm(forms.Form):
    """A visitor's message. Name and contact are optional; the answer is emailed when an
    email address is given."""

    name = forms.CharField(
        label=pgettext_lazy("feedback", "Your name"), max_length=100, required=False,
        strip=True, validators=[validate_plain_text],
        widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.EmailField(
        label=pgettext_lazy("contact details", "Email"), max_length=254, required=False,
        help_text=_("Give it to receive the answer by email."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    phone = forms.CharField(
        label=_("Phone"), max_length=30, required=False, strip=True,
        validators=[validate_phone, validate_plain_text],
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}))
    category = forms.ChoiceField(label=pgettext_lazy("feedback", "Kind of message"),
                                 choices=FeedbackCategory.choices, widget=forms.RadioSelect,
                                 initial=FeedbackCategory.SUGGESTION)
    subject = forms.CharField(label=pgettext_lazy("feedback", "Subject"), max_length=200,
                              strip=True, validators=[validate_no_control_characters])
    message = forms.CharField(label=pgettext_lazy("feedback", "Your message"), strip=True,
                              widget=forms.Textarea(attrs={"rows": 8}),
                              validators=[validate_no_control_characters])

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.http_request = request
        limit = disclosure_settings.FEEDBACK_MAX_LENGTH
        message = self.fields["message"]
        message.max_length = limit
        message.validators.append(MaxLengthValidator(limit))
        message.widget.attrs["maxlength"] = str(limit)
        message.help_text = _("At most %(count)s characters. Do not write personal data you "
                              "do not want us to keep.") % {"count": limit}
        for field in self.fields.values():
            field.error_messages["required"] = REQUIRED_MESSAGE
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            required=False, label=_("Leave this field empty"),
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))
        self._describe_fields()

    def full_clean(self):
        super().full_clean()
        self._describe_fields()

    def _describe_fields(self):
        """Tie each input to its error and help (the ids of ``requests/field.html``) and mark
        it invalid, for screen readers. Radio groups are described by their fieldset."""
        errors = self._errors or {}
        for name, field in self.fields.items():
            if isinstance(field.widget, forms.RadioSelect) or name == HONEYPOT_FIELD:
                continue
            ids = [f"id_{name}-error"] if name in errors else []
            if field.help_text:
                ids.append(f"id_{name}-help")
            field.widget.attrs.pop("aria-invalid", None)
            if name in errors:
                field.widget.attrs["aria-invalid"] = "true"
            if ids:
                field.widget.attrs["aria-describedby"] = " ".join(ids)
            else:
                field.widget.attrs.pop("aria-describedby", None)

    def clean(self):
        data = super().clean()
        if data.get(HONEYPOT_FIELD):
            raise ValidationError(_("The form could not be accepted. Please try again."),
                                  code="honeypot")
        path = disclosure_settings.CAPTCHA_VALIDATOR
        if path:
            try:
                import_string(path)(self.http_request, self.data)
            except ValidationError as exc:
                self.add_error(None, exc)
        return data


# -- the officer's actions -----------------------------------------------------------------


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(label=_("Assign to"), queryset=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from django.contrib.auth import get_user_model

        from ..requests.permissions import users_with_permission

        self.fields["assignee"].queryset = get_user_model().objects.filter(
            pk__in=users_with_permission("answer_feedback").values("pk")).order_by("username")


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=pgettext_lazy("feedback", "Answer"), max_length=ANSWER_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 10}),
        validators=[validate_no_control_characters],
        help_text=_("Sent to the visitor by email if they gave an address. Publishing it on "
                    "the page is a separate step."))


class PublishForm(forms.Form):
    public_question = forms.CharField(
        label=_("Question as published"),
        widget=forms.Textarea(attrs={"rows": 6}),
        validators=[validate_no_control_characters],
        help_text=_("Proposed from the message with the visitor's name, email and phone "
                    "numbers replaced by ***. Edit it: nothing that identifies the visitor "
                    "may be published."))
    public_answer = forms.CharField(
        label=_("Answer as published"), max_length=ANSWER_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        validators=[validate_no_control_characters])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # FEEDBACK_MAX_LENGTH is read when the form is made (override_settings, a site's
        # setting), not when this module was imported.
        limit = disclosure_settings.FEEDBACK_MAX_LENGTH
        field = self.fields["public_question"]
        field.max_length = limit
        field.validators.append(MaxLengthValidator(limit))
        field.widget.attrs["maxlength"] = str(limit)


class CloseForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for closing without an answer"), max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}), validators=[validate_no_control_characters],
        help_text=_("For example: a duplicate of another message, advertising, no question "
                    "asked. The visitor is not told."))
