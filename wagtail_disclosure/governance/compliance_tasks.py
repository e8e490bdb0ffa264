"""django-tasks tasks of the compliance self-inspection (run by whatever task backend the site
uses; schedule ``send_compliance_digest_task`` weekly)."""

from django_tasks import task


@task()
def send_compliance_digest_task():
    """What the ``send_compliance_digest`` command does, for sites that schedule tasks."""
    from .digest import send_digest

    return send_digest().as_dict()
