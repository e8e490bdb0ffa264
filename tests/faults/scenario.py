"""Steps of the fault scenarios, run in a subprocess against a real database (see
tests/faults/database.py). Each argument is a step; the last line printed is a JSON report
of what each step returned and of the database's state, which the tests check.

Steps: ``migrate_tasks`` (the django_tasks_db table), ``prepare`` (the django_tasks_db table, a handler, two overdue requests),
``submit`` (one request through the JSON API), ``schedule_reminders`` (enqueue the daily
reminder task, as a scheduler does), ``cron`` (the ``send_request_reminders`` command),
``work`` (the worker, ``db_worker --batch``: it runs every waiting task, then exits),
``state``.
"""

import datetime
import io
import json
import sys


def migrate_tasks():
    """The table of django-tasks-db (app label ``django_tasks_database``)."""
    from django.core.management import call_command

    call_command("migrate", "django_tasks_database", verbosity=0)


def prepare():
    from django.utils import timezone

    from tests import factories
    from wagtail_disclosure.requests.models import InformationRequest

    migrate_tasks()
    officer = factories.make_user("officer", "view_informationrequest",
                                  "process_informationrequest")
    numbers = []
    for days in (60, 45):  # both past their 20 working days: overdue
        request_obj = factories.information_request(
            received_on=timezone.localdate() - datetime.timedelta(days=days))
        InformationRequest.objects.filter(pk=request_obj.pk).update(handler=officer)
        numbers.append(request_obj.tracking_number)
    return numbers


def submit():
    from django.test import Client

    from tests import factories

    response = Client().post("/api/disclosure/requests/", factories.request_data(consent=True),
                             content_type="application/json")
    return {"status": response.status_code, "body": response.json()}


def schedule_reminders():
    from wagtail_disclosure.requests.tasks import send_request_reminders_task

    return str(send_request_reminders_task.enqueue().id)


def cron():
    from django.core.management import call_command

    out = io.StringIO()
    call_command("send_request_reminders", stdout=out)
    return out.getvalue().strip()


def work():
    from django.core.management import call_command

    out = io.StringIO()
    call_command("db_worker", batch=True, reload=False, startup_delay=False, interval=0,
                 stdout=out)
    return out.getvalue().strip()[-2000:]


def state():
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from wagtail_disclosure.requests.models import (
        InformationRequest,
        Notification,
        RequestAttachment,
    )

    def intact(attachment):
        storage = attachment.file.storage
        name = attachment.file.name
        return storage.exists(name) and storage.size(name) == attachment.size

    return {
        "today": timezone.localdate().isoformat(),
        "requests": [{"tracking_number": r.tracking_number, "due_on": r.due_on.isoformat(),
                      "attachments": r.attachments.count(),
                      "files_intact": sum(1 for a in r.attachments.all() if intact(a)),
                      "acknowledgements": r.letters.filter(kind="acknowledgement").count(),
                      "notifications": r.notifications.count()}
                     for r in InformationRequest.objects.order_by("pk")],
        "attachment_files": [a.file.name for a in RequestAttachment.objects.all()],
        "notifications": [{"id": n.pk, "kind": n.kind, "recipient": n.recipient,
                           "tracking_number": n.request.tracking_number, "subject": n.subject,
                           "sent": n.sent_at is not None, "attempts": n.attempts}
                          for n in Notification.objects.select_related("request")
                          .order_by("pk")],
        "tasks": [{"task": t.task_path.rsplit(".", 1)[-1], "status": t.status,
                   "args": t.args_kwargs["args"]}
                  for t in DBTaskResult.objects.order_by("enqueued_at")],
    }


STEPS = {"migrate_tasks": migrate_tasks, "prepare": prepare, "submit": submit,
         "schedule_reminders": schedule_reminders, "cron": cron, "work": work, "state": state}


def main(argv):
    import django

    django.setup()
    results = [[step, STEPS[step]()] for step in argv]
    print(json.dumps({"steps": results, "state": state()}, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])
