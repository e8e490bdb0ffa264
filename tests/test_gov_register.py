"""The release register (信息发布审核登记): every publication, republication, unpublication and
deletion of an item or report writes exactly one entry, with the right people and dates; the
entries cannot be changed or deleted (ORM, queryset, database triggers)."""

import datetime
import sys
import types

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from wagtail.log_actions import LogContext
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from wagtail_disclosure.governance.choices import RegisterEvent
from wagtail_disclosure.governance.register import record
from wagtail_disclosure.governance.register_guard import RegisterEntryImmutable
from wagtail_disclosure.governance.register_signals import (
    connect_register_signals,
    recorded_by_caller,
)
from wagtail_disclosure.models import DisclosureItemPage, ReleaseRegisterEntry

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _signals_connected():
    connect_register_signals()


@pytest.fixture
def people():
    User = get_user_model()
    # superusers: Wagtail checks the publisher's permission to publish
    return {name: User.objects.create_superuser(name, f"{name}@agency.example", "pw",
                                                first_name="", last_name=full)
            for name, full in (("drafter", "张起草"), ("head", "王主任"), ("officer", "李专员"))}


def entries(page=None):
    qs = ReleaseRegisterEntry.objects.order_by("pk")
    return list(qs.filter(page_id=page.pk) if page else qs)


def draft_item(col, **kwargs):
    return f.item(col, publish=False, **kwargs)


# -- every event path writes exactly one entry ---------------------------------------------


def test_first_publication_writes_one_entry_with_the_item_and_the_people(people):
    col = f.column(title="规范性文件")
    page = draft_item(col)
    revision = page.save_revision(user=people["drafter"])
    with LogContext(user=people["head"]):  # as in an admin request
        revision.publish(user=people["head"])
    page.refresh_from_db()
    [entry] = entries(page)
    assert entry.event == RegisterEvent.PUBLISHED
    assert entry.title == page.title
    assert entry.index_number == page.index_number and entry.index_number
    assert entry.organ_id == page.organ_id and entry.organ_name == page.organ.name
    assert (entry.column_id, entry.column_title) == (col.pk, "规范性文件")
    assert entry.drafter_name == "张起草"
    assert entry.approver_name == "王主任"
    assert entry.revision_id == revision.pk
    assert entry.publication_date == page.published_on == timezone.localdate()
    assert entry.channels == ["website"]
    assert entry.backdated is False and entry.backdating_reason == ""
    assert entry.page_type == "wagtail_disclosure.disclosureitempage"
    assert entry.url == page.url


def test_programmatic_publication_names_who_saved_the_revision(people):
    page = draft_item(f.column())
    page.save_revision(user=people["drafter"]).publish(user=people["drafter"])
    [entry] = entries(page)
    assert entry.drafter_name == entry.approver_name == "张起草"


def test_republication_of_a_changed_item_writes_one_republished_entry(people):
    page = f.item(f.column())
    page.title = "修改后的标题"
    page.save_revision(user=people["officer"]).publish(user=people["officer"])
    first, second = entries(page)
    assert first.event == RegisterEvent.PUBLISHED
    assert second.event == RegisterEvent.REPUBLISHED
    assert second.title == "修改后的标题"
    assert second.index_number == first.index_number
    assert second.drafter_name == "李专员"
    assert second.backdated is False


def test_unpublication_writes_one_entry_with_who_did_it(people):
    page = f.item(f.column())
    with LogContext(user=people["officer"]):
        page.unpublish(user=people["officer"])
    first, second = entries(page)
    assert second.event == RegisterEvent.UNPUBLISHED
    assert second.approver_name == "李专员"
    assert second.index_number == first.index_number


def test_deleting_a_live_item_writes_one_deleted_entry_and_keeps_the_others(people):
    page = f.item(f.column())
    page_id, number = page.pk, page.index_number
    with LogContext(user=people["head"]):
        page.delete(user=people["head"])
    first, second = entries()
    assert (first.event, second.event) == (RegisterEvent.PUBLISHED, RegisterEvent.DELETED)
    assert second.page_id == page_id and second.index_number == number
    assert second.approver_name == "王主任"


def test_deleting_a_draft_writes_nothing():
    page = draft_item(f.column())
    page.delete()
    assert entries() == []


def test_deleting_a_column_records_each_live_item_below_it_once():
    col = f.column()
    sub = f.column(parent=col)
    live = [f.item(col), f.power_item(sub)]
    draft_item(col)
    col.delete()
    deleted = ReleaseRegisterEntry.objects.filter(event=RegisterEvent.DELETED)
    assert sorted(deleted.values_list("page_id", flat=True)) == sorted(p.pk for p in live)


def test_power_items_are_registered_once_per_event():
    page = f.power_item(f.column())
    page.unpublish()
    assert [e.event for e in entries(page)] == [RegisterEvent.PUBLISHED, RegisterEvent.UNPUBLISHED]
    assert entries(page)[0].page_type == "wagtail_disclosure.poweritempage"


def test_report_publication_writes_one_entry():
    organ = f.organ()
    report = f.annual_report(year=2024, organs=[organ])
    [entry] = entries(report)
    assert entry.event == RegisterEvent.PUBLISHED
    assert entry.title == report.title
    assert entry.index_number == ""
    assert (entry.organ_id, entry.organ_name) == (organ.pk, organ.name)
    assert entry.publication_date == timezone.localdate()
    assert entry.column_title == "年度报告"


def test_other_pages_are_not_registered():
    f.column()
    assert entries() == []


def test_a_back_dated_item_is_marked_with_its_reason():
    page = draft_item(f.column(), formation_date=datetime.date(2015, 2, 10),
                      backdating_reason="从旧网站迁移，原发布日期为2015年3月1日")
    page.published_on = datetime.date(2015, 3, 1)
    page.save()
    page.save_revision().publish()
    page.refresh_from_db()
    [entry] = entries(page)
    assert entry.backdated is True
    assert entry.publication_date == datetime.date(2015, 3, 1)
    assert entry.backdating_reason == "从旧网站迁移，原发布日期为2015年3月1日"
    # a later publication of the same item is not a back-dating
    page.save_revision().publish()
    assert entries(page)[1].backdated is False


def test_a_publication_rolled_back_leaves_no_entry():
    page = draft_item(f.column())
    with pytest.raises(RuntimeError), transaction.atomic():
        page.save_revision().publish()
        assert len(entries(page)) == 1
        raise RuntimeError("rolled back")
    assert entries(page) == []


def test_a_tool_recording_its_own_event_silences_the_signal_entry(people):
    page = f.item(f.column())
    with recorded_by_caller(page):
        page.unpublish()
        record(page, RegisterEvent.PUBLICATION_ENDED, user=people["officer"])
    assert [e.event for e in entries(page)] == [RegisterEvent.PUBLISHED,
                                                RegisterEvent.PUBLICATION_ENDED]


@pytest.mark.parametrize("event", [RegisterEvent.WITHDRAWN, RegisterEvent.PUBLICATION_ENDED,
                                   RegisterEvent.VALIDITY_CHANGED])
def test_record_serves_the_withdrawal_and_validity_tools(event, people):
    page = f.item(f.column())
    entry = record(page, event, user=people["officer"], detail="处罚决定已变更")
    assert entry.event == event
    assert entry.approver_name == "李专员"
    assert entry.detail == "处罚决定已变更"
    assert entry.index_number == page.index_number
    assert entry.drafter_name == "" and entry.backdated is False


# -- workflow approval and the confidentiality review ----------------------------------------


@pytest.fixture
def approval_workflow(people):
    reviewers = Group.objects.create(name="保密审查员")
    people["head"].groups.add(reviewers)
    task = GroupApprovalTask.objects.create(name="审核")
    task.groups.add(reviewers)
    workflow = Workflow.objects.create(name="发布审核")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


def test_workflow_approval_that_publishes_names_the_submitter_and_final_approver(
        approval_workflow, people):
    col = f.column()
    WorkflowPage.objects.create(workflow=approval_workflow, page=col)
    page = draft_item(col)
    page.save_revision(user=people["drafter"])
    state = approval_workflow.start(page, people["drafter"])
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, people["head"], "approve")
    page.refresh_from_db()
    assert page.live
    [entry] = entries(page)
    assert entry.event == RegisterEvent.PUBLISHED
    assert entry.drafter_name == "张起草"
    assert entry.approver_name == "王主任"
    # a later direct publication is its publisher's, not the old workflow approver's
    page.save_revision(user=people["officer"]).publish(user=people["officer"])
    assert entries(page)[1].approver_name == "李专员"


def test_the_review_conclusion_comes_from_the_review_tool(monkeypatch, people):
    seen = {}

    def latest_review(page, revision=None):
        seen["args"] = (page.pk, revision.pk if revision else None)
        return types.SimpleNamespace(reviewer_name="赵审查", reviewer=None, conclusion="partial")

    module = types.ModuleType("wagtail_disclosure.governance.review")
    module.latest_review = latest_review
    monkeypatch.setitem(sys.modules, "wagtail_disclosure.governance.review", module)
    page = draft_item(f.column())
    revision = page.save_revision(user=people["drafter"])
    revision.publish()
    [entry] = entries(page)
    assert (entry.reviewer_name, entry.review_conclusion) == ("赵审查", "partial")
    assert seen["args"] == (page.pk, revision.pk)


def test_without_a_review_the_reviewer_is_blank():
    [entry] = entries(f.item(f.column()))
    assert (entry.reviewer_name, entry.review_conclusion) == ("", "")


# -- immutability ------------------------------------------------------------------------------


@pytest.fixture
def entry():
    f.item(f.column())
    return ReleaseRegisterEntry.objects.get()


def test_an_entry_cannot_be_saved_again(entry):
    entry.title = "改过"
    with pytest.raises(RegisterEntryImmutable):
        entry.save()
    assert ReleaseRegisterEntry.objects.get().title != "改过"


def test_an_entry_cannot_be_deleted(entry):
    with pytest.raises(RegisterEntryImmutable):
        entry.delete()
    assert ReleaseRegisterEntry.objects.count() == 1


@pytest.mark.parametrize("action", [
    lambda qs: qs.update(title="改过"),
    lambda qs: qs.delete(),
    lambda qs: qs.bulk_update(list(qs), ["title"]),
    lambda qs: qs.update_or_create(pk=qs.get().pk, defaults={"title": "改过"}),
    lambda qs: ReleaseRegisterEntry.objects.update(title="改过"),
])
def test_the_queryset_refuses_changes(entry, action):
    with pytest.raises(RegisterEntryImmutable):
        action(ReleaseRegisterEntry.objects.all())
    assert ReleaseRegisterEntry.objects.get().title == entry.title


def test_a_new_object_with_an_existing_pk_does_not_overwrite(entry):
    copy = ReleaseRegisterEntry(pk=entry.pk, event="published", page_id=1, title="伪造",
                                event_at=timezone.now())
    with pytest.raises(DatabaseError), transaction.atomic():
        copy.save()
    assert ReleaseRegisterEntry.objects.get().title == entry.title


def test_deleting_the_page_keeps_its_entries(entry):
    page = DisclosureItemPage.objects.get(pk=entry.page_id)
    page.delete()
    assert ReleaseRegisterEntry.objects.filter(page_id=entry.page_id).count() == 2


def test_the_database_refuses_an_update(entry):
    table = ReleaseRegisterEntry._meta.db_table
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET title = 'x' WHERE id = %s", [entry.pk])
    assert ReleaseRegisterEntry.objects.get().title == entry.title


@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="on SQLite the test flush deletes rows: DELETE is guarded by the ORM")
def test_postgresql_refuses_a_delete(entry):
    table = ReleaseRegisterEntry._meta.db_table
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE id = %s", [entry.pk])
    assert ReleaseRegisterEntry.objects.count() == 1


def test_entries_have_only_the_view_permission():
    from django.contrib.auth.models import Permission

    codenames = set(Permission.objects.filter(
        content_type__model="releaseregisterentry").values_list("codename", flat=True))
    assert codenames == {"view_releaseregisterentry"}


# -- the demo -----------------------------------------------------------------------------------


def test_demo_completes_the_register_once(people):
    from types import SimpleNamespace

    from wagtail.signals import page_published

    from wagtail_disclosure.governance import demo_register

    col = f.column()
    registered = f.item(col)
    page_published.disconnect(dispatch_uid="wagtail_disclosure_register_pub")
    try:
        unregistered = f.item(col)  # published while the signals were not connected
    finally:
        connect_register_signals()
    assert entries(unregistered) == []
    context = SimpleNamespace(section=f.section(), user=people["head"], report=None)
    demo_register.build(context)
    [entry] = entries(unregistered)
    assert entry.event == RegisterEvent.PUBLISHED and entry.approver_name == "王主任"
    assert len(entries(registered)) == 1
    demo_register.build(context)
    assert len(entries()) == 2
