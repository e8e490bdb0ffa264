"""When the working-day calendar changes, every open request's deadlines are recomputed.

A ``WorkdayOverride`` or ``HolidayNotice`` saved or deleted drops the cached calendar and, once
the transaction commits, recomputes the open requests' deadlines (cause ``"calendar"``). However
many rows one transaction changes (e.g. deleting a notice deletes its days with it), the
recomputation runs once. Code that changes many rows and recomputes itself (the notice import)
wraps the changes in :func:`calendar_signals_muted`.
"""

import contextlib
import contextvars

from django.db import transaction
from django.db.models.signals import post_delete, post_save

_muted = contextvars.ContextVar("wagtail_disclosure_calendar_signals_muted", default=False)


@contextlib.contextmanager
def calendar_signals_muted():
    """Within the block, calendar rows saved or deleted do not schedule a recomputation: the
    caller clears the cache and recomputes once itself."""
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


class _RecomputeAfterCommit:
    """The on-commit callback; it knows whether it has run (a test may run callbacks early)."""

    def __init__(self):
        self.ran = False

    def __call__(self):
        from .. import workdays
        from .services import recompute_open_deadlines

        self.ran = True
        workdays.clear_cache()
        recompute_open_deadlines("calendar")


def _already_scheduled(using=None):
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        return False
    # Django keeps the callbacks of the current transaction as (savepoint ids, callable,
    # robust); a rollback removes them, so a pending callback found here will run.
    return any(isinstance(entry[1], _RecomputeAfterCommit) and not entry[1].ran
               for entry in getattr(connection, "run_on_commit", ()))


def _calendar_changed(sender, instance, using=None, **kwargs):
    from .. import workdays

    workdays.clear_cache()
    if _muted.get() or _already_scheduled(using):
        return
    transaction.on_commit(_RecomputeAfterCommit(), using=using)


def connect_request_signals():
    from .models import HolidayNotice, WorkdayOverride

    for model, name in ((WorkdayOverride, "workday"), (HolidayNotice, "holiday_notice")):
        post_save.connect(_calendar_changed, sender=model,
                          dispatch_uid=f"wagtail_disclosure_{name}_saved")
        post_delete.connect(_calendar_changed, sender=model,
                            dispatch_uid=f"wagtail_disclosure_{name}_deleted")
