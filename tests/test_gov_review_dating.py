"""Back-dating and the order of dates: 发布日期 is set by the system at first publication; an
earlier one needs a reason and is audited; none in the future; 成文日期 not after 发布日期."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from wagtail_disclosure.governance.classification import REASON_MAX_LENGTH, date_errors
from wagtail_disclosure.models import DisclosureItemPage

from . import factories as f
from .test_admin_editing import _add_url, _item_post

D = datetime.date
TODAY = D(2026, 5, 20)


@pytest.mark.parametrize("published, formation, reason, fields", [
    (None, D(2026, 5, 1), "", set()),                      # new publication, formed earlier
    (None, D(2026, 5, 20), "", set()),                     # formed today
    (None, D(2026, 5, 21), "", {"formation_date"}),        # formed after today
    (D(2015, 3, 2), D(2015, 1, 10), "旧站迁入", set()),
    (D(2015, 3, 2), None, "", {"backdating_reason"}),       # back-dated without a reason
    (D(2015, 3, 2), None, "   ", {"backdating_reason"}),
    (D(2015, 3, 2), D(2015, 3, 3), "旧站迁入", {"formation_date"}),
    (D(2026, 5, 21), None, "", {"published_on"}),           # in the future
])
def test_date_rules(published, formation, reason, fields):
    assert set(date_errors(published, formation, reason, TODAY)) == fields


pytestmark_db = pytest.mark.django_db


@pytest.fixture
def editor_client(client, db):
    user = get_user_model().objects.create_superuser("editor", "editor@example.com", "pw")
    client.force_login(user)
    return client


def _publish(client, col, **fields):
    post = _item_post(fields.pop("title", "旧站条目"), **fields)
    return client.post(_add_url(col), {**post, "action-publish": "publish"})


@pytest.mark.django_db
def test_an_earlier_date_needs_a_reason(editor_client):
    col = f.column()
    response = _publish(editor_client, col, slug="old", original_publication_date="2015-03-02")
    assert response.status_code == 200
    assert "backdating_reason" in response.context["form"].errors
    assert not DisclosureItemPage.objects.filter(slug="old").exists()


@pytest.mark.django_db
def test_a_back_dating_with_its_reason_is_published_and_audited(editor_client):
    col = f.column()
    response = _publish(editor_client, col, slug="old", original_publication_date="2015-03-02",
                        backdating_reason="原网站2015年发布，迁入新站")
    assert response.status_code == 302, response.content.decode()[:2000]
    page = DisclosureItemPage.objects.get(slug="old")
    assert page.live and page.published_on == D(2015, 3, 2)
    entry = PageLogEntry.objects.get(page=page, action="wagtail_disclosure.backdated")
    assert entry.data["reason"] == "原网站2015年发布，迁入新站"
    assert entry.data["published_on"] == "2015-03-02"
    assert entry.user.username == "editor"
    # the history shows it, with the reason
    html = editor_client.get(reverse("wagtailadmin_pages:history", args=(page.pk,))).content
    assert "原网站2015年发布，迁入新站" in html.decode()


@pytest.mark.django_db
def test_an_ordinary_publication_is_not_audited_as_back_dated(editor_client):
    col = f.column()
    assert _publish(editor_client, col, slug="new", formation_date="").status_code == 302
    page = DisclosureItemPage.objects.get(slug="new")
    assert page.published_on == timezone.localdate()
    assert not PageLogEntry.objects.filter(action="wagtail_disclosure.backdated").exists()


@pytest.mark.django_db
def test_a_future_publication_date_is_refused(editor_client):
    col = f.column()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = _publish(editor_client, col, slug="future", formation_date="",
                        original_publication_date=tomorrow.isoformat())
    assert response.status_code == 200
    assert "original_publication_date" in response.context["form"].errors
    assert not DisclosureItemPage.objects.filter(slug="future").exists()


@pytest.mark.django_db
def test_formation_after_publication_is_refused(editor_client):
    col = f.column()
    response = _publish(editor_client, col, slug="late", formation_date="2015-03-05",
                        original_publication_date="2015-03-02", backdating_reason="旧站迁入")
    assert "formation_date" in response.context["form"].errors
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = _publish(editor_client, col, slug="late", formation_date=tomorrow.isoformat())
    assert "formation_date" in response.context["form"].errors
    assert not DisclosureItemPage.objects.filter(slug="late").exists()


@pytest.mark.django_db
def test_an_oversized_back_dating_reason_is_refused(editor_client):
    col = f.column()
    response = _publish(editor_client, col, slug="long", original_publication_date="2015-03-02",
                        backdating_reason="长" * (REASON_MAX_LENGTH + 1))
    assert "backdating_reason" in response.context["form"].errors


@pytest.mark.django_db
@pytest.mark.parametrize("fields, error", [
    ({"published_on": D(2015, 3, 2), "formation_date": D(2015, 1, 1)}, "backdating_reason"),
    ({"published_on": D(2015, 3, 2), "formation_date": D(2015, 4, 1),
      "backdating_reason": "旧站迁入"}, "formation_date"),
    ({"published_on": "future"}, "published_on"),
])
def test_the_model_applies_the_rules_when_code_publishes(fields, error):
    """Wagtail validates a page in full when it is saved live: importers and code that
    publish meet the same rules as the editor."""
    if fields.get("published_on") == "future":
        fields["published_on"] = timezone.localdate() + datetime.timedelta(days=3)
    col = f.column()
    page = DisclosureItemPage(title="导入", slug="imp", organ=f.organ(), live=False, **fields)
    col.add_child(instance=page)
    with pytest.raises(ValidationError) as caught:
        page.save_revision().publish()
    assert error in caught.value.message_dict
    page.refresh_from_db()
    assert not page.live and page.index_number is None
