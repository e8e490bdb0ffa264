"""The release register (信息发布审核登记): one immutable entry per publication, unpublication,
withdrawal, end of publication, change of validity and deletion of an item or a report.

``record`` is the one function that writes entries; everything else reads them. Publications,
unpublications and deletions are recorded automatically (``register_signals``); the
withdrawal and validity tools call ``record`` themselves.

The register is the agency's 信息发布审核登记制度 (条例 Art.17: 建立健全政府信息发布保密审查机制):
who drafted, who reviewed with what conclusion, who approved, when, and where it went out.
"""

import importlib

from django.utils import timezone

from .choices import RegisterEvent
from .models import ReleaseRegisterEntry

#: The events that publish a revision: they name its drafter, reviewer and approver.
PUBLICATION_EVENTS = frozenset({RegisterEvent.PUBLISHED, RegisterEvent.REPUBLISHED})


def registered_page_types():
    """The page types whose publication is registered: catalogue items (subclasses such as
    ``PowerItemPage`` included) and annual reports."""
    from ..catalogue.pages import DisclosureItemPage
    from ..reports.pages import AnnualReportPage

    return (DisclosureItemPage, AnnualReportPage)


def is_registered(page):
    return isinstance(page, registered_page_types())


def staff_name(user):
    """How the register names a member of staff (full name, else user name); bounded."""
    if user is None:
        return ""
    return (user.get_full_name() or user.get_username() or "").strip()[:255]


def latest_review(page, revision=None):
    """The latest approved ``ConfidentialityReview`` of ``page`` (for ``revision``), or None.

    Delegates to ``governance.review.latest_review``, which the review tool provides; while
    that module is absent the register simply names no reviewer."""
    try:
        review = importlib.import_module(f"{__package__}.review")
    except ModuleNotFoundError as exc:
        if exc.name != f"{__package__}.review":
            raise
        return None
    finder = getattr(review, "latest_review", None)
    return finder(page, revision=revision) if finder else None


def approving_workflow_state(page, revision):
    """The workflow state that approved ``revision`` for publication, if a workflow did.

    Wagtail publishes the page when the last task of a workflow is approved; at that moment
    the workflow state is approved and its current task state holds the final approver. A
    workflow approved before ``revision`` was saved did not approve it (a later direct
    publication is the publisher's own)."""
    if revision is None or page.pk is None:
        return None
    from wagtail.models import WorkflowState

    state = (WorkflowState.objects.for_instance(page)
             .filter(status=WorkflowState.STATUS_APPROVED)
             .select_related("requested_by", "current_task_state__finished_by")
             .order_by("-created_at", "-pk").first())
    task_state = state.current_task_state if state else None
    if (task_state is None or task_state.finished_at is None
            or task_state.finished_at < revision.created_at):
        return None
    return state


def publication_people(page, revision):
    """(drafter, final workflow approver or None) of a publication of ``revision``.

    The drafter is who submitted the revision to the workflow that approved it, else who
    saved the revision."""
    state = approving_workflow_state(page, revision)
    if state is not None:
        return (state.requested_by or getattr(revision, "user", None),
                state.current_task_state.finished_by)
    return getattr(revision, "user", None), None


def _organ(page):
    """(organ id or None, organ name) of an item (its 发布机构) or a report (the organs it
    covers)."""
    organ = getattr(page, "organ", None)
    if organ is not None:
        return organ.pk, organ.name or ""
    organs = getattr(page, "organs", None)
    if organs is not None and page.pk:
        listed = list(organs.all())
        return (listed[0].pk if len(listed) == 1 else None,
                "、".join(o.name for o in listed))
    return None, ""


def _publication_date(page):
    published_on = getattr(page, "published_on", None)
    if published_on is None and page.first_published_at:
        published_on = timezone.localdate(page.first_published_at)
    return published_on


def record(page, event, *, user=None, revision=None, detail="", when=None):
    """Write the register entry of ``event`` (a :class:`RegisterEvent`) on ``page``.

    ``user`` is who did it (the approver of a publication, the officer who withdrew …);
    ``revision`` the revision published (a publication without one quotes the live
    revision); ``detail`` the public reason of a withdrawal, or the old and new validity.
    Called inside the caller's transaction: a publication rolled back leaves no entry.
    Returns the entry."""
    page = page.specific
    when = when or timezone.now()
    drafter = None
    review = None
    if event in PUBLICATION_EVENTS:
        revision = revision or page.live_revision
        drafter, workflow_approver = publication_people(page, revision)
        user = user or workflow_approver
        review = latest_review(page, revision=revision)
    organ_id, organ_name = _organ(page)
    parent = page.get_parent()
    published_on = _publication_date(page)
    # 发布日期 earlier than the day of first publication (items brought from an old site)
    first_day = timezone.localdate(when)
    backdated = bool(event == RegisterEvent.PUBLISHED and published_on
                     and published_on < first_day)
    channels = ["website"] + [c for c in (getattr(page, "channels", None) or [])
                              if c != "website"]
    return ReleaseRegisterEntry.objects.create(
        event=event,
        page_id=page.pk,
        page_type=page._meta.label_lower,
        revision_id=getattr(revision, "pk", None),
        title=page.title[:255],
        index_number=(getattr(page, "index_number", "") or "")[:64],
        url=(page.url or "")[:1000] if page.pk else "",
        organ_id=organ_id,
        organ_name=organ_name[:255],
        column_id=parent.pk if parent else None,
        column_title=(parent.title[:255] if parent else ""),
        drafter_name=staff_name(drafter),
        reviewer_name=(getattr(review, "reviewer_name", "") or
                       staff_name(getattr(review, "reviewer", None)))[:255] if review else "",
        review_conclusion=(getattr(review, "conclusion", "") or "") if review else "",
        approver_name=staff_name(user),
        event_at=when,
        publication_date=published_on,
        channels=channels,
        backdated=backdated,
        backdating_reason=(getattr(page, "backdating_reason", "") or "") if backdated else "",
        detail=detail or "",
    )


__all__ = ["PUBLICATION_EVENTS", "RegisterEvent", "is_registered", "latest_review", "record",
           "registered_page_types", "staff_name"]
