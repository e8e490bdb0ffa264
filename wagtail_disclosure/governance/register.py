"""The release register (信息发布审核登记): one immutable entry per publication, unpublication,
withdrawal, end of publication and change of validity of an item or a report.

``record`` is the one function that writes entries; everything else reads them.
"""

from django.utils import timezone

from .choices import RegisterEvent
from .models import ReleaseRegisterEntry


def _name(user):
    if user is None:
        return ""
    return (user.get_full_name() or user.get_username()).strip()


def record(page, event, *, user=None, revision=None, detail="", when=None):
    """Write the register entry of ``event`` (a :class:`RegisterEvent`) on ``page``.

    ``user`` is who did it (the approver of a publication); ``detail`` is the public reason
    of a withdrawal, or the old and new validity. Returns the entry."""
    page = page.specific
    when = when or timezone.now()
    organ = getattr(page, "organ", None)
    parent = page.get_parent()
    index_number = getattr(page, "index_number", "") or ""
    published_on = getattr(page, "published_on", None)
    backdated = bool(
        event == RegisterEvent.PUBLISHED and published_on
        and published_on < timezone.localtime(when).date()
    )
    channels = ["website"] + [c for c in (getattr(page, "channels", None) or [])
                              if c != "website"]
    return ReleaseRegisterEntry.objects.create(
        event=event,
        page_id=page.pk,
        page_type=page._meta.label_lower,
        revision_id=getattr(revision, "pk", None),
        title=page.title[:255],
        index_number=index_number,
        url=(page.url or "")[:1000] if page.pk else "",
        organ_id=getattr(organ, "pk", None),
        organ_name=getattr(organ, "name", "") or "",
        column_id=parent.pk if parent else None,
        column_title=(parent.title[:255] if parent else ""),
        approver_name=_name(user),
        event_at=when,
        publication_date=published_on,
        channels=channels,
        backdated=backdated,
        backdating_reason=(getattr(page, "backdating_reason", "") or "") if backdated else "",
        detail=detail or "",
    )


__all__ = ["RegisterEvent", "record"]
