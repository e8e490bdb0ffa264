"""django-tasks task of validity upkeep and time-limited publication (run by whatever task
backend the site uses)."""

from django_tasks import task


@task()
def update_validity_task():
    """What the ``update_validity`` command does, for sites that schedule tasks."""
    from .withdrawal import run_daily

    return run_daily().as_dict()
