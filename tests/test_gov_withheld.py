"""The register of withheld information (条例 Art.18): entries from items, reviews, the admin."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from wagtail.models import ModelLogEntry

from tests import factories as f
from wagtail_disclosure.governance import withheld
from wagtail_disclosure.governance.models import WithheldInformation, WithheldReview
from wagtail_disclosure.models import DisclosureItemPage

pytestmark = pytest.mark.django_db

LIST = "/admin/disclosure/withheld/"


@pytest.fixture(autouse=True)
def _signals():
    withheld.connect_withheld_signals()  # idempotent (the admin module also connects them)


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("root", "root@gov.example.cn", "pw")


def withheld_item(column, **kwargs):
    return f.item(column, publish=False, disclosure_attribute="not_disclosed",
                  exemption_ground="art16_process", attribute_reason="内部讨论记录", **kwargs)


def entry(**kwargs):
    kwargs.setdefault("title", "内部审计底稿")
    kwargs.setdefault("ground", "art16_process")
    kwargs.setdefault("reason", "过程性信息")
    kwargs.setdefault("decided_on", datetime.date(2025, 1, 10))
    kwargs.setdefault("review_due_on", datetime.date(2026, 1, 10))
    return WithheldInformation.objects.create(**kwargs)


def actions(obj):
    return list(ModelLogEntry.objects.filter(object_id=str(obj.pk)).values_list("action",
                                                                                  flat=True))


# -- entries from items -----------------------------------------------------------------------


def test_an_item_saved_as_not_disclosed_gets_one_entry(settings):
    settings.WAGTAIL_DISCLOSURE = {"WITHHELD_REVIEW_MONTHS": 6}
    column = f.column(f.section())
    item = withheld_item(column, title="会议讨论记录")
    entries = WithheldInformation.objects.filter(page_id=item.pk)
    assert entries.count() == 1
    found = entries.get()
    assert (found.title, found.ground, found.reason, found.organ_id) == (
        "会议讨论记录", "art16_process", "内部讨论记录", item.organ_id)
    today = timezone.localdate()
    assert found.decided_on == today
    assert found.review_due_on == withheld.add_months(today, 6)
    assert withheld.ACTION_CREATED in actions(found)
    item.save_revision()
    item.title = "会议讨论记录（修改）"
    item.save()
    assert entries.count() == 1 and entries.get().title == "会议讨论记录（修改）"


def test_a_proactive_item_gets_no_entry():
    column = f.column(f.section())
    f.item(column, publish=False)
    assert not WithheldInformation.objects.exists()


def test_a_draft_switched_to_not_disclosed_in_a_revision_gets_an_entry(superuser):
    column = f.column(f.section())
    item = f.item(column, publish=False, title="草稿")
    draft = item.get_latest_revision_as_object()
    draft.disclosure_attribute = "not_disclosed"
    draft.exemption_ground = "art15_third_party"
    draft.attribute_reason = "涉及第三方商业秘密"
    draft.save_revision(user=superuser)
    found = WithheldInformation.objects.get(page_id=item.pk)
    assert found.ground == "art15_third_party" and found.created_by == superuser


def test_ensure_entry_for_item_ignores_unsaved_items():
    item = DisclosureItemPage(title="x", disclosure_attribute="not_disclosed")
    assert withheld.ensure_entry_for_item(item) is None


# -- reviews ----------------------------------------------------------------------------------


def test_keep_sets_the_next_review_and_is_logged(superuser):
    obj = entry()
    review = withheld.review(obj, decision="keep", user=superuser, note="仍属过程性信息")
    obj.refresh_from_db()
    today = timezone.localdate()
    assert obj.status == "withheld"
    assert obj.review_due_on == withheld.add_months(today, 12)
    assert (review.decision, review.reviewed_on, review.reviewed_by) == ("keep", today, superuser)
    assert withheld.ACTION_KEEP in actions(obj)


def test_disclose_creates_a_draft_item_in_the_chosen_column(superuser):
    column = f.column(f.section())
    organ = f.organ()
    obj = entry(organ=organ, description="2023年度内部审计情况")
    withheld.review(obj, decision="disclose", user=superuser, column=column)
    obj.refresh_from_db()
    assert obj.status == "disclosed"
    item = DisclosureItemPage.objects.get(pk=obj.page_id)
    assert item.get_parent().pk == column.pk
    assert not item.live and item.latest_revision_id
    assert (item.title, item.organ_id, item.disclosure_attribute) == (
        "内部审计底稿", organ.pk, "proactive")
    assert item.summary == "2023年度内部审计情况"
    assert WithheldReview.objects.get(entry=obj).decision == "disclose"
    assert withheld.ACTION_DISCLOSE in actions(obj)
    with pytest.raises(withheld.ReviewError):  # decided once
        withheld.review(obj, decision="keep", user=superuser)


def test_disclose_switches_the_linked_draft_to_proactive_in_a_new_revision(superuser):
    column = f.column(f.section())
    item = withheld_item(column)
    obj = WithheldInformation.objects.get(page_id=item.pk)
    revisions = item.revisions.count()
    withheld.review(obj, decision="disclose", user=superuser)
    item.refresh_from_db()
    assert item.revisions.count() == revisions + 1
    latest = item.get_latest_revision_as_object()
    assert latest.disclosure_attribute == "proactive" and latest.attribute_reason == ""
    obj.refresh_from_db()
    assert obj.status == "disclosed" and obj.page_id == item.pk
    # the switch back does not open a new entry
    assert WithheldInformation.objects.filter(page_id=item.pk).count() == 1


def test_disclose_needs_a_column_and_an_organ(superuser):
    column = f.column(f.section())
    obj = entry()
    with pytest.raises(withheld.ReviewError) as exc:
        withheld.review(obj, decision="disclose", user=superuser)
    assert exc.value.field == "column"
    with pytest.raises(withheld.ReviewError) as exc:
        withheld.review(obj, decision="disclose", user=superuser, column=column)
    assert exc.value.field == "organ"
    assert not DisclosureItemPage.objects.exists()
    obj.refresh_from_db()
    assert obj.status == "withheld" and not obj.reviews.exists()


def test_disclose_needs_permission_to_add_an_item_there():
    column = f.column(f.section())
    clerk = f.make_user("clerk", "change_withheldinformation")
    obj = entry(organ=f.organ())
    with pytest.raises(PermissionDenied):
        withheld.review(obj, decision="disclose", user=clerk, column=column)
    obj.refresh_from_db()
    assert obj.status == "withheld" and not obj.reviews.exists()


@pytest.mark.parametrize("kwargs,field", [
    ({"reviewed_on": timezone.localdate() + datetime.timedelta(days=1)}, "reviewed_on"),
    ({"next_review_on": timezone.localdate()}, "next_review_on"),
    ({"next_review_on": timezone.localdate() + datetime.timedelta(days=6 * 366)},
     "next_review_on"),
    ({"decision": "burn"}, "decision"),
])
def test_bad_review_input_is_refused(superuser, kwargs, field):
    obj = entry()
    kwargs = {"decision": "keep", **kwargs}
    with pytest.raises(withheld.ReviewError) as exc:
        withheld.review(obj, user=superuser, **kwargs)
    assert exc.value.field == field
    assert not obj.reviews.exists()


# -- the admin --------------------------------------------------------------------------------


def form_data(**overrides):
    data = {"title": "内部会议纪要", "organ": "", "description": "", "ground": "art16_internal",
            "reason": "内部事务信息", "decided_on": "2026-01-05", "review_due_on": ""}
    data.update(overrides)
    return data


def test_create_requires_ground_and_reason_and_defaults_the_review_date(client, superuser):
    client.force_login(superuser)
    response = client.post(f"{LIST}new/", form_data(ground="", reason=" "))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "ground" in errors and "reason" in errors
    response = client.post(f"{LIST}new/", form_data())
    assert response.status_code == 302
    obj = WithheldInformation.objects.get()
    assert obj.review_due_on == datetime.date(2027, 1, 5)
    assert obj.created_by == superuser and obj.status == "withheld"


@pytest.mark.parametrize("overrides,field", [
    ({"decided_on": (timezone.localdate() + datetime.timedelta(days=3)).isoformat()},
     "decided_on"),
    ({"decided_on": "1999-01-01"}, "decided_on"),
    ({"review_due_on": "2026-01-04"}, "review_due_on"),
    ({"review_due_on": "2035-01-01"}, "review_due_on"),
    ({"reason": "理" * 2001}, "reason"),
    ({"title": "<script>x</script>" * 30}, "title"),
])
def test_create_refuses_bad_input_field_by_field(client, superuser, overrides, field):
    client.force_login(superuser)
    response = client.post(f"{LIST}new/", form_data(**overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not WithheldInformation.objects.exists()


def test_the_listing_filters_by_review_due_and_status(client, superuser):
    entry(title="到期条目", review_due_on=timezone.localdate() - datetime.timedelta(days=1))
    entry(title="未到期条目", review_due_on=timezone.localdate() + datetime.timedelta(days=30))
    entry(title="已公开条目", status="disclosed",
          review_due_on=timezone.localdate() - datetime.timedelta(days=9))
    client.force_login(superuser)
    html = client.get(LIST, {"review": "due"}).content.decode()
    assert "到期条目" in html and "未到期条目" not in html and "已公开条目" not in html
    html = client.get(LIST, {"status": "disclosed"}).content.decode()
    assert "已公开条目" in html and "到期条目" not in html.replace("已公开条目", "")


def test_the_register_needs_its_permissions(client):
    obj = entry()
    clerk = f.make_user("clerk", admin_access=True)
    client.force_login(clerk)
    assert client.get(LIST).status_code in (302, 403)
    assert client.get(f"{LIST}{obj.pk}/review/").status_code in (302, 403)
    viewer = f.make_user("viewer", "view_withheldinformation", admin_access=True)
    client.force_login(viewer)
    assert client.get(LIST).status_code == 200
    assert client.post(f"{LIST}{obj.pk}/review/", {"decision": "keep",
                                                   "reviewed_on": "2026-01-01"}).status_code in (
        302, 403)
    assert not obj.reviews.exists()


def test_the_review_view_records_a_decision_and_opens_the_new_draft(client, superuser):
    column = f.column(f.section())
    obj = entry(organ=f.organ())
    client.force_login(superuser)
    url = f"{LIST}{obj.pk}/review/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"decision": "disclose",
                                 "reviewed_on": timezone.localdate().isoformat(),
                                 "column": "", "note": ""})
    assert response.status_code == 200 and "column" in response.context["form"].errors
    response = client.post(url, {"decision": "disclose",
                                 "reviewed_on": timezone.localdate().isoformat(),
                                 "column": column.pk, "note": "情势变化，可以公开"})
    obj.refresh_from_db()
    assert obj.status == "disclosed"
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{obj.page_id}/edit/"


def test_the_review_view_keeps_with_a_chosen_date(client, superuser):
    obj = entry()
    client.force_login(superuser)
    next_review = timezone.localdate() + datetime.timedelta(days=90)
    response = client.post(f"{LIST}{obj.pk}/review/", {
        "decision": "keep", "reviewed_on": timezone.localdate().isoformat(),
        "next_review_on": next_review.isoformat(), "note": "<script>x</script>"})
    assert response.status_code == 302
    obj.refresh_from_db()
    assert obj.review_due_on == next_review
    html = client.get(f"{LIST}{obj.pk}/review/").content.decode()
    assert "<script>x</script>" not in html and "&lt;script&gt;x&lt;/script&gt;" in html
