"""The daily run: lapsed corrections, reminders to handlers, and the email outbox."""

from dataclasses import asdict, dataclass

from django.utils import timezone

from ..conf import disclosure_settings
from . import notifications, services
from .choices import Status
from .models import InformationRequest
from .permissions import users_with_permission


@dataclass
class ReminderRun:
    corrections_lapsed: int = 0
    corrections_to_confirm: int = 0
    fees_lapsed: int = 0
    deadlines_recomputed: int = 0
    due_soon: int = 0
    overdue: int = 0
    notifications_sent: int = 0

    def as_dict(self):
        return asdict(self)


def _handler_or_processors(request_obj, cache):
    if request_obj.handler is not None:
        return [request_obj.handler]
    key = ("processors", request_obj.site_id)  # another site's processors are not told
    if key not in cache:
        cache[key] = list(users_with_permission("process_informationrequest",
                                                request_obj.site_id))
    return cache[key]


def run_reminders(today=None):
    """The daily run.

    - Provisional deadlines are recomputed (the calendar may have learnt their year: a notice
      imported, or a chinesecalendar upgrade).
    - A correction period that ran out (条例 Art.30) is put to the handler, who confirms "无正当
      理由" (closing as 其他处理/1) or gives more time; with ``AUTO_CLOSE_LAPSED_CORRECTIONS``
      the run closes it itself.
    - A fee notice whose payment period lapsed unpaid is put to the handler (其他处理/2).
    - Handlers hear about requests due within ``REMINDER_WORKING_DAYS`` working days or
      overdue (once a day each); requests awaiting a fee are not reminded while the clock
      stands still (``FEE_PAUSES_CLOCK``).
    - Every email still waiting in the outbox is sent.
    """
    today = today or timezone.localdate()
    run = ReminderRun()
    users_cache = {}
    run.deadlines_recomputed = _recompute_provisional()

    lapsed = (InformationRequest.objects.filter(status=Status.AWAITING_CORRECTION,
                                                correction_due_on__lt=today)
              .select_related("handler"))
    for request_obj in lapsed:
        if disclosure_settings.AUTO_CLOSE_LAPSED_CORRECTIONS:
            try:
                services.lapse_correction(request_obj, None, today)
            except services.ActionNotAllowed:  # changed since it was read: leave it
                continue
            notifications.notify_staff(request_obj, "correction_lapsed",
                                       users=[request_obj.handler] if request_obj.handler
                                       else [])
            run.corrections_lapsed += 1
        elif request_obj.last_reminded_on != today:
            notifications.notify_staff(request_obj, "correction_lapsed_confirm",
                                       users=_handler_or_processors(request_obj, users_cache))
            InformationRequest.objects.filter(pk=request_obj.pk).update(last_reminded_on=today)
            run.corrections_to_confirm += 1

    fee_lapsed = (InformationRequest.objects
                  .filter(status=Status.AWAITING_PAYMENT,
                          fee_notices__paid_on__isnull=True,
                          fee_notices__received_on__isnull=False,
                          fee_notices__pay_by__lt=today)
                  .exclude(last_reminded_on=today).distinct().select_related("handler"))
    for request_obj in fee_lapsed:
        notifications.notify_staff(request_obj, "fee_lapsed",
                                   users=_handler_or_processors(request_obj, users_cache))
        InformationRequest.objects.filter(pk=request_obj.pk).update(last_reminded_on=today)
        run.fees_lapsed += 1

    # each request's horizon counts its own site's calendar (a local holiday moves it)
    candidates = (InformationRequest.objects
                  .due_within_working_days(today, disclosure_settings.REMINDER_WORKING_DAYS)
                  .exclude(last_reminded_on=today)
                  .select_related("handler"))
    for request_obj in candidates:
        overdue = request_obj.due_on < today
        notifications.notify_staff(request_obj, "overdue" if overdue else "due_soon",
                                   users=_handler_or_processors(request_obj, users_cache))
        InformationRequest.objects.filter(pk=request_obj.pk).update(last_reminded_on=today)
        if overdue:
            run.overdue += 1
        else:
            run.due_soon += 1

    run.notifications_sent = notifications.send_waiting()
    return run


def _recompute_provisional():
    """Recompute the provisional deadlines of open requests (see the calendar module)."""
    from .calendar import recompute_provisional_deadlines

    return recompute_provisional_deadlines()
