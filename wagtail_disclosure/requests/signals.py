"""When the working-day calendar changes, every open request's deadlines are recomputed."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save


def _calendar_changed(sender, instance, **kwargs):
    from .. import workdays
    from .services import recompute_open_deadlines

    workdays.clear_cache()
    transaction.on_commit(lambda: (workdays.clear_cache(),
                                   recompute_open_deadlines("calendar")))


def connect_request_signals():
    from .models import WorkdayOverride

    post_save.connect(_calendar_changed, sender=WorkdayOverride,
                      dispatch_uid="wagtail_disclosure_workday_saved")
    post_delete.connect(_calendar_changed, sender=WorkdayOverride,
                        dispatch_uid="wagtail_disclosure_workday_deleted")
