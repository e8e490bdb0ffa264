"""The daily run: lapsed corrections, reminders to handlers, and the email outbox."""

from dataclasses import asdict, dataclass

from django.utils import timezone

from ..conf import disclosure_settings
from ..workdays import default_calendar
from . import notifications, services
from .choices import Status
from .models import InformationRequest
from .permissions import users_with_permission


@dataclass
class ReminderRun:
    corrections_lapsed: int = 0
    due_soon: int = 0
    overdue: int = 0
    notifications_sent: int = 0

    def as_dict(self):
        return asdict(self)


def run_reminders(today=None):
    """Close requests whose correction period ran out (其他处理/1), email handlers about
    requests due within ``REMINDER_WORKING_DAYS`` working days or overdue (once a day each),
    then send every email still waiting in the outbox."""
    today = today or timezone.localdate()
    calendar = default_calendar()
    run = ReminderRun()

    for request_obj in InformationRequest.objects.filter(
            status=Status.AWAITING_CORRECTION, correction_due_on__lt=today):
        try:
            services.lapse_correction(request_obj, None, today)
        except services.ActionNotAllowed:  # changed since it was read: leave it
            continue
        notifications.notify_staff(request_obj, "correction_lapsed",
                                   users=[request_obj.handler] if request_obj.handler else [])
        run.corrections_lapsed += 1

    horizon = calendar.add_working_days(today, disclosure_settings.REMINDER_WORKING_DAYS)
    candidates = (InformationRequest.objects
                  .due_by(horizon)
                  .exclude(last_reminded_on=today)
                  .select_related("handler"))
    processors = None  # who hears about requests without a handler: read once, if needed
    for request_obj in candidates:
        overdue = request_obj.due_on < today
        if request_obj.handler is None and processors is None:
            processors = list(users_with_permission("process_informationrequest"))
        users = [request_obj.handler] if request_obj.handler else processors
        notifications.notify_staff(request_obj, "overdue" if overdue else "due_soon",
                                   users=users)
        InformationRequest.objects.filter(pk=request_obj.pk).update(last_reminded_on=today)
        if overdue:
            run.overdue += 1
        else:
            run.due_soon += 1

    run.notifications_sent = notifications.send_waiting()
    return run
