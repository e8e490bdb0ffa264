"""有效性 upkeep: validation of the validity dates, the daily marking of items whose repeal or
expiry date arrived (command and task), the register, and no revert by an older revision."""

import datetime
import types

import pytest
from django.core.management import call_command
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.utils import timezone

from wagtail_disclosure.catalogue.choices import Validity
from wagtail_disclosure.governance import validity
from wagtail_disclosure.governance import withdrawal_admin  # noqa: F401  (connects receivers)
from wagtail_disclosure.governance.choices import RegisterEvent
from wagtail_disclosure.governance.models import ReleaseRegisterEntry
from wagtail_disclosure.models import DisclosureItemPage

from . import factories as f

TODAY = datetime.date(2026, 6, 15)
DAY = datetime.timedelta(days=1)


def _unsaved(**kwargs):
    kwargs.setdefault("validity", Validity.IN_FORCE)
    return DisclosureItemPage(title="条目", **kwargs)


# -- validation (no rows written) ----------------------------------------------------------


@pytest.mark.parametrize("fields, errors", [
    ({"repeal_date": TODAY + DAY}, set()),  # a future repeal date while in force is a plan
    ({"repeal_date": TODAY}, {"validity"}),  # arrived: no longer "in force"
    ({"repeal_date": TODAY - DAY}, {"validity"}),
    ({"expiry_date": TODAY + 30 * DAY}, set()),
    ({"expiry_date": TODAY}, {"validity"}),
    ({"effective_date": TODAY, "expiry_date": TODAY - DAY, "validity": Validity.EXPIRED,
      "repeal_date": TODAY - DAY}, {"expiry_date", "repeal_date"}),
    ({"effective_date": TODAY, "repeal_date": TODAY + 400 * DAY,
      "expiry_date": TODAY + 10 * DAY}, set()),
    ({"validity": Validity.REPEALED}, {"repeal_date"}),
    ({"validity": Validity.EXPIRED, "repeal_date": TODAY - DAY}, set()),
    ({"repeal_date": datetime.date(2999, 1, 1)}, {"repeal_date"}),  # bounded
    ({"expiry_date": datetime.date(9999, 12, 31)}, {"expiry_date"}),
])
@pytest.mark.django_db  # an unsaved page looks up its content type
def test_validity_rules(fields, errors):
    assert set(validity.item_errors(_unsaved(**fields), today=TODAY)) == errors


@pytest.mark.parametrize("fields, error", [
    ({"publication_ends_on": TODAY + 90 * DAY}, False),
    ({"publication_ends_on": TODAY}, True),  # on that day the item comes down: not for a draft
    ({"publication_ends_on": TODAY - DAY}, True),
    ({"publication_ends_on": TODAY + DAY, "published_on": TODAY + 2 * DAY}, True),
    ({"publication_ends_on": datetime.date(3000, 1, 1)}, True),
])
@pytest.mark.django_db  # an unsaved page looks up its content type
def test_publication_end_rules_on_a_draft(fields, error):
    errors = validity.item_errors(_unsaved(**fields), today=TODAY)
    assert ("publication_ends_on" in errors) is error


@pytest.mark.parametrize("fields, change", [
    ({"repeal_date": TODAY}, (Validity.REPEALED, TODAY)),
    ({"repeal_date": TODAY - 5 * DAY}, (Validity.REPEALED, TODAY - 5 * DAY)),
    ({"repeal_date": TODAY + DAY}, None),
    ({"expiry_date": TODAY}, (Validity.EXPIRED, TODAY)),
    ({"expiry_date": TODAY - DAY, "repeal_date": TODAY - 2 * DAY},
     (Validity.REPEALED, TODAY - 2 * DAY)),  # the earlier date wins
    ({"expiry_date": TODAY - 2 * DAY, "repeal_date": TODAY + DAY},
     (Validity.EXPIRED, TODAY - 2 * DAY)),
    ({"repeal_date": TODAY - DAY, "validity": Validity.AMENDED}, None),  # not in force
])
@pytest.mark.django_db  # an unsaved page looks up its content type
def test_due_change(fields, change):
    assert validity.due_change(_unsaved(**fields), TODAY) == change


# -- the daily upkeep ------------------------------------------------------------------------


def _entries(item, event=RegisterEvent.VALIDITY_CHANGED):
    return list(ReleaseRegisterEntry.objects.filter(page_id=item.pk, event=event))


@pytest.mark.django_db
def test_upkeep_marks_arrived_dates_keeps_the_page_and_is_idempotent(client):
    col = f.column(title="规范性文件")
    real_today = timezone.localdate()
    later = real_today + 10 * DAY
    arrives = f.item(col, title="今日废止的文件", repeal_date=later)
    passed = f.item(col, title="早已废止的文件", repeal_date=later - 3 * DAY)
    expires = f.item(col, title="到期失效的文件", expiry_date=later - DAY)
    future = f.item(col, title="将来废止的文件", repeal_date=later + DAY)
    draft = f.item(col, title="草稿", repeal_date=later - DAY, publish=False)

    run = validity.update_validity(later)

    assert (run.marked, run.failed) == (3, [])
    for item, value, day in ((arrives, Validity.REPEALED, later),
                             (passed, Validity.REPEALED, later - 3 * DAY),
                             (expires, Validity.EXPIRED, later - DAY)):
        item.refresh_from_db()
        assert (item.validity, item.repeal_date) == (value, day)
        # the revisions carry it: the editor sees it, publishing them keeps it
        assert item.get_latest_revision().content["validity"] == value
        [entry] = _entries(item)
        assert entry.detail.startswith("有效 → ")
        assert entry.approver_name == ""  # a system action
        assert item.get_latest_revision_as_object().validity == value
    future.refresh_from_db()
    draft.refresh_from_db()
    assert future.validity == draft.validity == Validity.IN_FORCE
    assert _entries(future) == _entries(draft) == []

    # the page stays, with the banner; the item leaves the "in force" listing
    page = client.get(arrives.url)
    assert page.status_code == 200 and "wd-banner" in page.content.decode()
    listing = client.get(col.url, {"validity": "in_force"}).content.decode()
    assert "将来废止的文件" in listing and "今日废止的文件" not in listing

    # idempotent: nothing more on a second run
    assert validity.update_validity(later).marked == 0
    assert len(_entries(arrives)) == 1

    from wagtail.models import PageLogEntry

    assert PageLogEntry.objects.filter(page_id=arrives.pk, action=validity.LOG_ACTION,
                                       user=None).count() == 1


@pytest.mark.django_db
def test_upkeep_in_batches_survives_one_failing_item(monkeypatch):
    col = f.column()
    later = timezone.localdate() + 5 * DAY
    items = [f.item(col, repeal_date=later) for _ in range(3)]
    broken = items[1]
    real_apply = validity.apply_change

    def apply_or_fail(item, *args):
        if item.pk == broken.pk:
            raise RuntimeError("disk full")
        return real_apply(item, *args)

    monkeypatch.setattr(validity, "apply_change", apply_or_fail)
    run = validity.update_validity(later, batch_size=1)
    assert (run.marked, run.failed) == (2, [broken.pk])
    broken.refresh_from_db()
    assert broken.validity == Validity.IN_FORCE and _entries(broken) == []
    # the next run picks the one left over
    monkeypatch.setattr(validity, "apply_change", real_apply)
    assert validity.update_validity(later).marked == 1


@pytest.mark.django_db
def test_publishing_an_older_revision_does_not_bring_the_item_back_into_force(admin_user):
    col = f.column()
    day = timezone.localdate() + DAY
    item = f.item(col, repeal_date=day)
    first = item.live_revision
    item.summary = "编辑中的修改"
    old_draft = item.save_revision(user=admin_user)  # saved before the upkeep ran
    validity.update_validity(day)
    item.refresh_from_db()
    assert item.validity == Validity.REPEALED

    old_draft.refresh_from_db()
    old_draft.publish(user=admin_user)  # e.g. a workflow approval after that day
    item.refresh_from_db()
    assert item.validity == Validity.REPEALED and item.summary == "编辑中的修改"
    first.refresh_from_db()
    first.publish(user=admin_user)  # a revert to the first revision
    item.refresh_from_db()
    assert item.validity == Validity.REPEALED
    assert len(_entries(item)) == 1  # the day it was repealed, once

    # a revision that escaped the patch is corrected on publication, without a second entry
    stray = item.save_revision(user=admin_user)
    stray.content["validity"] = Validity.IN_FORCE
    stray.content["repeal_date"] = (day + 30 * DAY).isoformat()
    stray.save(update_fields=["content"])
    validity.on_item_published(stray.as_object(), revision=stray,
                               today=day + 31 * DAY)
    item.refresh_from_db()
    assert item.validity == Validity.REPEALED and len(_entries(item)) == 1


@pytest.mark.django_db
def test_a_change_by_hand_is_registered_on_publish(admin_user):
    col = f.column()
    item = f.item(col)
    page = item.get_latest_revision_as_object()
    page.validity, page.repeal_date = Validity.AMENDED, timezone.localdate()
    page.save_revision(user=admin_user).publish(user=admin_user)
    [entry] = _entries(item)
    assert entry.detail.startswith("有效 → 已修改")
    # publishing again without a change of validity writes no such entry
    item.refresh_from_db()
    item.summary = "只改概述"
    item.save_revision(user=admin_user).publish(user=admin_user)
    assert len(_entries(item)) == 1


@pytest.mark.django_db
def test_the_editor_refuses_in_force_with_an_arrived_repeal_date(admin_client):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

    col = f.column()
    item = f.item(col, title="在编辑的文件")
    post = nested_form_data({
        "title": item.title, "slug": item.slug, "organ": item.organ_id,
        "formation_date": "2024-03-01", "kind": "other_document", "validity": "in_force",
        "repeal_date": (timezone.localdate() - DAY).isoformat(),
        "expiry_date": (timezone.localdate() + DAY).isoformat(),
        "disclosure_attribute": "proactive", "summary": "概述",
        "body": rich_text("<p>正文</p>"), "attachments": inline_formset([]),
        "comments": inline_formset([]), "action-publish": "publish"})
    response = admin_client.post(f"/admin/pages/{item.pk}/edit/", post)
    assert response.status_code == 200  # the form again, with the field error
    assert "validity" in response.context["form"].errors
    item.refresh_from_db()
    assert item.validity == Validity.IN_FORCE and item.repeal_date is None
    # a future repeal date is accepted: the upkeep marks the item on that day
    post["repeal_date"] = (timezone.localdate() + 30 * DAY).isoformat()
    assert admin_client.post(f"/admin/pages/{item.pk}/edit/", post).status_code == 302
    item.refresh_from_db()
    assert item.repeal_date == timezone.localdate() + 30 * DAY


# -- the command and the task ----------------------------------------------------------------


@pytest.mark.django_db
def test_command_and_task():
    from io import StringIO

    from wagtail_disclosure.governance.withdrawal_tasks import update_validity_task

    col = f.column()
    later = timezone.localdate() + 3 * DAY
    marked = f.item(col, repeal_date=later)
    ended = f.item(col, publication_ends_on=later)
    out = StringIO()
    call_command("update_validity", "--date", later.isoformat(), stdout=out)
    assert "Validity changed: 1; publications ended: 1; failed: 0." in out.getvalue()
    marked.refresh_from_db()
    ended.refresh_from_db()
    assert marked.validity == Validity.REPEALED
    assert not ended.live and ended.withdrawn_at is not None

    with pytest.raises(CommandError):
        call_command("update_validity", "--date", "2026-13-45")
    with pytest.raises(CommandError):
        call_command("update_validity", "--batch-size", "0")

    # the task runs as of today: nothing is due yet
    assert update_validity_task.call() == {"marked": 0, "ended": 0, "failed": []}
    result = update_validity_task.enqueue()
    assert result.return_value == {"marked": 0, "ended": 0, "failed": []}


@pytest.mark.django_db
def test_a_draft_whose_dates_arrive_while_it_awaits_approval_still_publishes(
        admin_user, monkeypatch):
    """Wagtail cleans the page again when it publishes a revision: a repeal date or an end of
    publication that arrived while the draft waited (e.g. in a workflow) is no crash; the
    daily upkeep applies it after publication. The editor's form still refuses it."""
    col = f.column()
    today = timezone.localdate()
    item = f.item(col, publish=False, repeal_date=today + DAY,
                  publication_ends_on=today + DAY)
    revision = item.save_revision(user=admin_user)
    later = today + 3 * DAY
    # the validity rules' "today" moves on (only theirs: Wagtail dates the publication now)
    shifted = types.SimpleNamespace(**{**vars(timezone), "localdate": lambda *a, **k: later})
    monkeypatch.setattr(validity, "timezone", shifted)
    draft = revision.as_object()
    with pytest.raises(ValidationError) as refused:  # as typed now, both dates arrived ...
        draft._validated_as_revision = False
        draft.full_clean()
    assert {"validity", "publication_ends_on"} <= set(refused.value.message_dict)
    revision.publish(user=admin_user)  # ... but the revision saved before publishes
    item.refresh_from_db()
    assert item.live
