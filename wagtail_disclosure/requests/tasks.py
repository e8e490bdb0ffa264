"""django-tasks tasks of the request process (run by whatever task backend the site uses)."""

from django_tasks import task


@task()
def send_notification_task(notification_id):
    from .notifications import deliver

    return deliver(notification_id)


@task()
def send_request_reminders_task():
    """What the ``send_request_reminders`` command does, for sites that schedule tasks."""
    from .reminders import run_reminders

    return run_reminders().as_dict()
