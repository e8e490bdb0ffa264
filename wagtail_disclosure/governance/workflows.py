"""``ConfidentialityReviewTask``: the 保密审查 (条例 Art.17) as a Wagtail workflow task.

An administrator adds it to any workflow (Settings › Workflows). Members of the chosen groups
review the page; approving records a conclusion and the agency's checklist answers in the
task's own action modal; returning it records the reasons. A conclusion “not to be disclosed”
returns the page too, and marks its draft 不予公开 with the ground.

Each decision writes a ``ConfidentialityReview`` and an audit-log entry (``governance.review``).
"""

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask

from .choices import DisclosureAttribute, ReviewConclusion, ReviewDecision
from .review_fields import ReviewerGroupsField

ACTION_TEMPLATES = {
    "approve": "wagtail_disclosure/governance/review/approve_modal.html",
    "reject": "wagtail_disclosure/governance/review/reject_modal.html",
}


class ConfidentialityReviewTask(AbstractGroupApprovalTask):
    """保密审查: reviewers chosen by group record a conclusion and answer the checklist."""

    groups = ReviewerGroupsField(
        Group, verbose_name=_("groups"),
        help_text=_("Members of these groups review the items at this step. Each group needs "
                    "an active member who can reach the admin."))

    class Meta:
        verbose_name = _("Confidentiality review task")
        verbose_name_plural = _("Confidentiality review tasks")

    @classmethod
    def get_description(cls):
        return _("Members of the chosen groups record the confidentiality review (条例 Art.17): "
                 "a conclusion and the agency's checklist")

    def get_actions(self, obj, user):
        if user.is_superuser or self._user_in_groups(user):
            return [
                ("reject", _("Return with reasons"), True),
                ("approve", _("Record the review conclusion"), True),
            ]
        return []

    def get_form_for_action(self, action):
        from .review_forms import ApproveReviewForm, RejectReviewForm

        if action == "approve":
            return ApproveReviewForm
        if action == "reject":
            return RejectReviewForm
        return super().get_form_for_action(action)

    def get_template_for_action(self, action):
        return ACTION_TEMPLATES.get(action, "")

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        from .review import record_decision

        obj = task_state.workflow_state.content_object.specific
        revision = obj.get_latest_revision()
        comment = kwargs.get("comment", "") or ""
        if action_name == "reject":
            record_decision(task_state, user, ReviewDecision.REJECTED, revision=revision,
                            comment=comment)
            task_state.reject(user=user, comment=comment)
        elif action_name == "approve":
            conclusion = kwargs.get("conclusion", "")
            ground = kwargs.get("ground", "")
            answers = kwargs.get("answers", [])
            if conclusion == ReviewConclusion.WITHHOLD:
                revision = self._mark_not_disclosed(obj, user, ground, comment) or revision
                record_decision(task_state, user, ReviewDecision.REJECTED, revision=revision,
                                conclusion=conclusion, ground=ground, answers=answers,
                                comment=comment)
                task_state.reject(user=user, comment=comment)
            else:
                record_decision(task_state, user, ReviewDecision.APPROVED, revision=revision,
                                conclusion=conclusion, ground=ground, answers=answers,
                                comment=comment)
                task_state.approve(user=user, comment=comment)
        else:
            super().on_action(task_state, user, action_name, **kwargs)

    @staticmethod
    def _mark_not_disclosed(obj, user, ground, reason):
        """Save a draft of ``obj`` marked 不予公开 with ``ground``; returns the revision (None
        when ``obj`` has no 公开属性)."""
        draft = obj.get_latest_revision_as_object()
        if not hasattr(draft, "disclosure_attribute"):
            return None
        draft.disclosure_attribute = DisclosureAttribute.NOT_DISCLOSED
        draft.exemption_ground = ground
        draft.attribute_reason = reason[:2000]
        return draft.save_revision(user=user, log_action=True, clean=False)
