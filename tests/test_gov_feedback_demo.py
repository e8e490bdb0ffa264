"""The feedback box's demo data: a page and three messages in three states; idempotent."""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from tests import factories
from wagtail_disclosure.demo import DemoReport, _publish
from wagtail_disclosure.governance import demo_feedback
from wagtail_disclosure.governance.models import Feedback
from wagtail_disclosure.governance.pages import FeedbackPage

pytestmark = pytest.mark.django_db


def test_the_demo_is_built_once(client):
    user = User.objects.create_superuser("admin", "admin@example.gov.cn", "pw")
    context = SimpleNamespace(report=DemoReport(), user=user, section=factories.section(),
                              today=timezone.localdate(), publish=_publish)
    demo_feedback.build(context)
    demo_feedback.build(context)
    page = FeedbackPage.objects.get()
    assert page.live
    statuses = sorted(Feedback.objects.values_list("status", flat=True))
    assert statuses == ["answered", "assigned", "new"]
    shown = Feedback.objects.get(published=True)
    assert shown.answered_at > shown.received_at
    assert context.report.counts["feedback"] == [3, 3]
    html = client.get(page.url).content.decode()
    assert shown.public_question in html and "王五" not in html
