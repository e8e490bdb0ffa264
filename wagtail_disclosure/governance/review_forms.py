"""The forms of the confidentiality review task's action modal (条例 Art.17).

Wagtail builds them with the POST data only (``form_class(request.POST)``); the modal's
template adds the task state's id (``review_task_state``) so that the approval can be checked
against the item it approves. ``cleaned_data`` goes to the task's ``on_action`` as keyword
arguments, through JSON when the reviewer acts from the editor: it holds plain values only.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .choices import DisclosureAttribute, ExemptionGround, ReviewConclusion
from .models import ChecklistQuestion

COMMENT_MAX_LENGTH = 2000
NOTE_MAX_LENGTH = 500

ANSWER_CHOICES = [("yes", pgettext_lazy("checklist answer", "Yes")),
                  ("no", pgettext_lazy("checklist answer", "No"))]
#: conclusions that need an Art.14–16 ground (the part or the whole that is withheld)
CONCLUSIONS_WITH_GROUND = (ReviewConclusion.PARTIAL, ReviewConclusion.WITHHOLD)


def _item_under_review(task_state_id):
    """The latest draft of the item on task state ``task_state_id``, or None."""
    from wagtail.models import TaskState

    if not task_state_id:
        return None
    task_state = TaskState.objects.filter(pk=task_state_id).select_related(
        "workflow_state").first()
    if task_state is None:
        return None
    obj = task_state.workflow_state.content_object
    obj = getattr(obj, "specific", obj)
    return obj.get_latest_revision_as_object() if hasattr(
        obj, "get_latest_revision_as_object") else obj


class ReviewTaskStateField(forms.IntegerField):
    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, min_value=1, **kwargs)


class ApproveReviewForm(forms.Form):
    """保密审查 conclusion: the conclusion, its ground, the checklist, a comment."""

    review_task_state = ReviewTaskStateField()
    conclusion = forms.ChoiceField(
        label=_("Review conclusion"), choices=ReviewConclusion.choices,
        widget=forms.RadioSelect,
        help_text=_("“Not to be disclosed” returns the item and marks its draft as not "
                    "disclosed."))
    ground = forms.ChoiceField(
        label=_("Ground for withholding (条例 Arts.14–16)"), required=False,
        choices=[("", "---------")] + list(ExemptionGround.choices),
        help_text=_("Required when the item is partly disclosed or not to be disclosed."))
    comment = forms.CharField(
        label=_("Review opinion"), required=False, max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(ChecklistQuestion.objects.filter(active=True))
        for question in self.questions:
            self.fields[f"answer_{question.pk}"] = forms.ChoiceField(
                label=question.text, choices=ANSWER_CHOICES, widget=forms.RadioSelect,
                help_text=question.help_text,
                error_messages={"required": _("Answer this question.")})
            self.fields[f"note_{question.pk}"] = forms.CharField(
                label=pgettext_lazy("checklist answer", "Note"), required=False, max_length=NOTE_MAX_LENGTH)

    def checklist(self):
        """(answer field, note field) of each question, for the template."""
        return [(self[f"answer_{q.pk}"], self[f"note_{q.pk}"]) for q in self.questions]

    def clean(self):
        cleaned = super().clean()
        conclusion = cleaned.get("conclusion")
        if conclusion in CONCLUSIONS_WITH_GROUND and not cleaned.get("ground"):
            self.add_error("ground", _("Choose the ground (条例 Arts.14–16)."))
        if conclusion == ReviewConclusion.WITHHOLD and not (cleaned.get("comment") or "").strip():
            self.add_error("comment", _("Give the reasons for not disclosing the item."))
        if conclusion and conclusion != ReviewConclusion.WITHHOLD:
            item = _item_under_review(cleaned.get("review_task_state"))
            attribute = getattr(item, "disclosure_attribute", DisclosureAttribute.PROACTIVE)
            if attribute != DisclosureAttribute.PROACTIVE:
                self.add_error("conclusion", _(
                    "The item is marked “%(attribute)s”: only items disclosed proactively can "
                    "be approved for publication. Return it to the editor, or conclude that "
                    "it is not to be disclosed.") % {
                        "attribute": DisclosureAttribute(attribute).label})
        answers = []
        for question in self.questions:
            answer = cleaned.pop(f"answer_{question.pk}", None)
            note = cleaned.pop(f"note_{question.pk}", "")
            answers.append({"question": question.text, "answer": answer, "note": note or ""})
        cleaned["answers"] = answers
        return cleaned


class RejectReviewForm(forms.Form):
    """Returning the item: the reasons are required (the editor reads them)."""

    review_task_state = ReviewTaskStateField()
    comment = forms.CharField(
        label=_("Reasons for returning the item"), max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Give the reasons: the editor reads them.")})
