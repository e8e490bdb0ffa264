"""The records of the 保密审查 (条例 Art.17): writing a reviewer's decision, and reading it.

The release register quotes the review of what it publishes with :func:`latest_review`.
"""

from wagtail.log_actions import log

from .choices import ReviewConclusion, ReviewDecision
from .models import ConfidentialityReview

#: audit-log actions (labels and messages in ``review_admin``)
APPROVE_ACTION = "wagtail_disclosure.review.approve"
REJECT_ACTION = "wagtail_disclosure.review.reject"
WITHHOLD_ACTION = "wagtail_disclosure.review.withhold"


def latest_review(page, revision=None):
    """The latest approving ``ConfidentialityReview`` of ``page`` (of ``revision`` if given),
    or None.

    The review records the revision the reviewer saw when approving (the page's latest
    revision then), which is the one the workflow publishes. So the register, given the
    revision it publishes, calls ``latest_review(page, revision)``."""
    reviews = ConfidentialityReview.objects.filter(page_id=page.pk,
                                                   decision=ReviewDecision.APPROVED)
    if revision is not None:
        reviews = reviews.filter(revision_id=revision.pk)
    return reviews.select_related("reviewer").order_by("-created_at", "-pk").first()


def review_history(page):
    """Every recorded decision on ``page``, newest first."""
    return ConfidentialityReview.objects.filter(page_id=page.pk).order_by("-created_at", "-pk")


def _name(user):
    if user is None:
        return ""
    return (user.get_full_name() or user.get_username()).strip()[:255]


def record_decision(task_state, user, decision, *, revision, conclusion="", ground="",
                    answers=(), comment=""):
    """Write the ``ConfidentialityReview`` row of a decision and its audit-log entry."""
    page = task_state.workflow_state.content_object.specific
    review = ConfidentialityReview.objects.create(
        page_id=page.pk, revision=revision, task_state=task_state, reviewer=user,
        reviewer_name=_name(user), decision=decision, conclusion=conclusion or "",
        ground=ground or "", answers=list(answers), comment=comment or "",
    )
    if decision == ReviewDecision.APPROVED:
        action = APPROVE_ACTION
    elif conclusion == ReviewConclusion.WITHHOLD:
        action = WITHHOLD_ACTION
    else:
        action = REJECT_ACTION
    log(instance=page, action=action, user=user, revision=revision, data={
        "review": review.pk, "conclusion": review.conclusion, "ground": review.ground,
        "comment": review.comment,
        "answers": review.answers,
    })
    return review
