"""``ConfidentialityReviewTask``: the 保密审查 (条例 Art.17) as a Wagtail workflow task.

An administrator adds it to any workflow (Settings › Workflows). Members of the chosen groups
review the page; approving records a conclusion and the agency's checklist answers in the
task's own action modal; returning it records the reasons.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask


class ConfidentialityReviewTask(AbstractGroupApprovalTask):
    """保密审查: reviewers chosen by group record a conclusion and answer the checklist."""

    class Meta:
        verbose_name = _("Confidentiality review task")
        verbose_name_plural = _("Confidentiality review tasks")
