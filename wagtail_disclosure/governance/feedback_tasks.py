"""django-tasks tasks of the feedback box (run by whatever task backend the site uses)."""

from django_tasks import task


@task()
def send_feedback_answer_task(feedback_id):
    from .feedback_mail import deliver_answer

    return deliver_answer(feedback_id)


@task()
def send_feedback_answers_task():
    """Retry the answers whose email failed: schedule it (e.g. hourly) on the site."""
    from .feedback_mail import send_waiting_answers

    return send_waiting_answers()


@task()
def notify_staff_of_feedback_task(feedback_id):
    from .feedback_mail import notify_staff_safely

    return notify_staff_safely(feedback_id)
