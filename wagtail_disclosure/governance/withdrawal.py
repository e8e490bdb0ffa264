"""Withdrawal (撤回) of a published item, and the end of time-limited publication (公开时限).

行政处罚法 Art.48: a published penalty decision that is changed or revoked is withdrawn within
three days with a public explanation; market-regulation penalty notices stop being shown after
three months or three years. Both end the same way:

- the page is unpublished with Wagtail's unpublish action, so every listing, the search, the
  feeds, the sitemap and the APIs drop it and every count stays consistent;
- ``withdrawn_at`` is set; a withdrawal also stores its public reason (``withdrawal_reason``,
  required), an end of publication leaves the reason empty;
- the item's address keeps answering with a notice (status 200, ``noindex``), not a 404, so
  dead-link checks pass and a visitor learns what happened; the notice shows the 索引号, not the
  title (a penalty notice's title usually names the party, which is what its end hides);
- the 索引号 still resolves (``index-number/<number>/`` on the section);
- the release register gets ``WITHDRAWN`` (with the reason) or ``PUBLICATION_ENDED``, and the
  audit log an entry.

Publishing the item again clears the withdrawal: it is an ordinary live item again.
"""

import logging

from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone

logger = logging.getLogger(__name__)

#: audit-log actions (registered in ``withdrawal_admin``)
WITHDRAW_ACTION = "wagtail_disclosure.withdraw"
PUBLICATION_ENDED_ACTION = "wagtail_disclosure.publication_ended"
#: the longest public reason accepted
REASON_MAX_LENGTH = 1000
NOTICE_TEMPLATE = "wagtail_disclosure/governance/withdrawal/notice.html"


class WithdrawalError(Exception):
    """The item cannot be withdrawn (it is not live)."""


def is_withdrawn(item):
    """True when ``item`` is taken down by a withdrawal or the end of its publication."""
    return bool(getattr(item, "withdrawn_at", None)) and not item.live


def is_publication_ended(item):
    """True when ``item`` was taken down at the end of its 公开时限 (no reason is stored)."""
    return is_withdrawn(item) and not item.withdrawal_reason


def _take_down(item, *, user, reason, action, when):
    from wagtail.actions.unpublish_page import UnpublishPageAction
    from wagtail.log_actions import log

    from .register_signals import recorded_by_caller

    item.withdrawn_at = when
    item.withdrawal_reason = reason
    # the fields are saved by the unpublish (a full save of the page row); the register gets
    # WITHDRAWN or PUBLICATION_ENDED from the caller instead of a plain UNPUBLISHED
    with recorded_by_caller(item):
        UnpublishPageAction(item, user=user, log_action=False).execute(
            skip_permission_checks=True)
    log(instance=item, action=action, user=user,
        data={"reason": reason} if reason else {"date": when.date().isoformat()})


def withdraw(item, *, user, reason, when=None):
    """Withdraw the live ``item`` with its public ``reason`` (行政处罚法 Art.48). Permission is
    the caller's to check (:func:`can_withdraw`). Returns the register entry."""
    from .choices import RegisterEvent
    from .register import record

    reason = (reason or "").strip()
    if not reason:
        raise ValueError("A withdrawal needs its public reason.")
    reason = reason[:REASON_MAX_LENGTH]
    when = when or timezone.now()
    with transaction.atomic():
        item = type(item).objects.select_for_update().get(pk=item.pk)
        if not item.live:
            raise WithdrawalError("Only a live item can be withdrawn.")
        _take_down(item, user=user, reason=reason, action=WITHDRAW_ACTION, when=when)
        return record(item, RegisterEvent.WITHDRAWN, user=user, detail=reason, when=when)


def can_withdraw(user, item):
    """Who may withdraw: holders of ``withdraw_item`` who may also publish (so unpublish) the
    page."""
    return bool(user and user.is_active and user.has_perm("wagtail_disclosure.withdraw_item")
                and item.permissions_for_user(user).can_unpublish())


def end_publication(item, when=None):
    """Take down ``item`` at the end of its 公开时限 (a system action). Returns the entry."""
    from .choices import RegisterEvent
    from .register import record

    when = when or timezone.now()
    with transaction.atomic():
        item = type(item).objects.select_for_update().get(pk=item.pk)
        if not item.live:
            return None
        _take_down(item, user=None, reason="", action=PUBLICATION_ENDED_ACTION, when=when)
        return record(item, RegisterEvent.PUBLICATION_ENDED, when=when)


def end_due_publications(today=None, *, batch_size=200, run=None):
    """End the publication of every live item whose ``publication_ends_on`` is ``today`` or
    earlier. Idempotent, in batches, one failure does not stop the others."""
    from ..catalogue.pages import DisclosureItemPage
    from .validity import UpkeepRun

    today = today or timezone.localdate()
    run = run or UpkeepRun()
    pks = list(DisclosureItemPage.objects.live().filter(publication_ends_on__lte=today)
               .order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(pks), batch_size):
        batch = DisclosureItemPage.objects.filter(pk__in=pks[start:start + batch_size])
        for item in batch.order_by("pk").specific():
            try:
                if end_publication(item) is not None:
                    run.ended += 1
            except Exception:  # one broken item must not stop the daily run
                logger.exception("Could not end the publication of item %s", item.pk)
                run.failed.append(item.pk)
    return run


def run_daily(today=None, *, batch_size=200):
    """The daily upkeep: mark validity (``validity.update_validity``), then end publications."""
    from .validity import update_validity

    run = update_validity(today, batch_size=batch_size)
    return end_due_publications(today, batch_size=batch_size, run=run)


def on_item_published(item):
    """Publishing a withdrawn item again clears its withdrawal."""
    if item.withdrawn_at or item.withdrawal_reason:
        from ..caching.page_cache import invalidate_pages

        type(item).objects.filter(pk=item.pk).update(withdrawn_at=None, withdrawal_reason="")
        item.withdrawn_at, item.withdrawal_reason = None, ""
        invalidate_pages(item)  # an update(): no signal tells the page cache


# -- the public side -------------------------------------------------------------------------


def route_withdrawn(item, request, path_components):
    """The RouteResult serving a withdrawn item's notice, or None for ordinary routing."""
    from wagtail.url_routing import RouteResult

    if not path_components and is_withdrawn(item):
        return RouteResult(item)
    return None


def serve_withdrawn(item, request):
    """The notice response of a withdrawn item, or None when it is not withdrawn."""
    if not is_withdrawn(item):
        return None
    return TemplateResponse(request, NOTICE_TEMPLATE, {
        "page": item,
        "item": item,
        "column": item.get_parent().specific,
        "publication_ended": is_publication_ended(item),
        "withdrawn_on": timezone.localtime(item.withdrawn_at).date(),
    })


def resolve_index_number(request, section, number):
    """Redirect to the item with 索引号 ``number`` in ``section`` (live or withdrawn)."""
    from django.db.models import Q

    from ..catalogue.pages import DisclosureItemPage

    number = (number or "").strip().strip("/")
    if not number or len(number) > 64:
        raise Http404
    from ..catalogue.tree_queries import descendants

    item = (descendants(DisclosureItemPage.objects, section).public()
            .filter(index_number=number)
            .filter(Q(live=True) | Q(withdrawn_at__isnull=False)).first())
    if item is None:
        raise Http404
    return redirect(item.get_url(request))
