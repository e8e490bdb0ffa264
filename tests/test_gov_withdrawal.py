"""Withdrawal (撤回, 行政处罚法 Art.48) and the end of time-limited publication (公开时限): the
admin action and its permission, the notice at the item's address, listings, search, feeds and API
dropping the item, the 索引号 route, the register, republication."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from wagtail_disclosure.governance import withdrawal
from wagtail_disclosure.governance import register_admin  # noqa: F401  (register signals)
from wagtail_disclosure.governance import withdrawal_admin
from wagtail_disclosure.governance.choices import RegisterEvent
from wagtail_disclosure.governance.models import ReleaseRegisterEntry

from . import factories as f

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
REASON = "该行政处罚决定经复议已变更 <script>alert(1)</script>"


def _user(name, *, withdraw=True, group="Moderators"):
    user = f.make_user(name, *(["withdraw_item"] if withdraw else []), admin_access=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def _url(item):
    return reverse(withdrawal_admin.URL_NAME, args=[item.pk])


@pytest.fixture
def penalty(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # indexed for the search
        col = f.column(title="行政处罚")
        return f.item(col, title="对某某公司的行政处罚决定书", summary="罚款五千元")


def test_only_officers_who_may_publish_can_withdraw(client, penalty):
    for name, kwargs in (("editor", {"group": "Editors"}),  # may not publish the page
                         ("moderator", {"withdraw": False})):  # lacks withdraw_item
        client.force_login(_user(name, **kwargs))
        for response in (client.get(_url(penalty)),
                         client.post(_url(penalty), {"reason": "理由"})):
            # Wagtail's admin answers PermissionDenied by sending the user to the dashboard
            assert (response.status_code, response["Location"]) == (302, "/admin/")
        edit = client.get(reverse("wagtailadmin_pages:edit", args=[penalty.pk]))
        assert _url(penalty) not in edit.content.decode()
    penalty.refresh_from_db()
    assert penalty.live

    client.force_login(_user("officer"))
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[penalty.pk])).content.decode()
    assert edit.count(_url(penalty)) >= 2  # the header "more" menu and the action menu
    response = client.get(_url(penalty))
    assert response.status_code == 200
    assert penalty.index_number in response.content.decode()


def test_the_reason_is_required_and_bounded(client, penalty):
    client.force_login(_user("officer"))
    for reason in ("", "   ", "长" * (withdrawal.REASON_MAX_LENGTH + 1)):
        response = client.post(_url(penalty), {"reason": reason})
        assert response.status_code == 200
        assert "reason" in response.context["form"].errors
    penalty.refresh_from_db()
    assert penalty.live and penalty.withdrawn_at is None
    with pytest.raises(ValueError):
        withdrawal.withdraw(penalty, user=None, reason=" ")


def test_withdrawing_leaves_a_notice_and_drops_the_item_everywhere(
        client, penalty, django_capture_on_commit_callbacks):
    section = f.section()
    col = penalty.get_parent().specific
    with django_capture_on_commit_callbacks(execute=True):  # search indexing runs on commit
        other = f.item(col, title="另一份处罚决定书")
    search = section.url + "search/?q=处罚决定书"
    assert "对某某公司" in client.get(search).content.decode()
    url = penalty.url
    officer = _user("officer")
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(penalty), {"reason": REASON})
    assert response.status_code == 302
    client.logout()

    penalty.refresh_from_db()
    assert not penalty.live and penalty.withdrawal_reason == REASON
    assert penalty.withdrawn_at is not None
    [entry] = ReleaseRegisterEntry.objects.filter(page_id=penalty.pk,
                                                  event=RegisterEvent.WITHDRAWN)
    assert entry.detail == REASON and entry.index_number == penalty.index_number
    assert entry.approver_name == officer.get_username()
    # the withdrawal is its own entry, not also a plain unpublication
    assert not ReleaseRegisterEntry.objects.filter(page_id=penalty.pk,
                                                   event=RegisterEvent.UNPUBLISHED).exists()
    assert PageLogEntry.objects.filter(page_id=penalty.pk, action=withdrawal.WITHDRAW_ACTION,
                                       user=officer, data__reason=REASON).exists()

    notice = client.get(url)
    html = notice.content.decode()
    assert notice.status_code == 200
    assert '<meta name="robots" content="noindex">' in html
    date = timezone.localdate()
    assert f"本信息已于{date.year}年{date.month}月{date.day}日撤回" in html or \
        "This information was withdrawn on" in html  # until the catalogue is compiled
    assert "该行政处罚决定经复议已变更 &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html
    assert penalty.index_number in html
    assert "对某某公司" not in html  # the title (naming the party) is not shown

    # listings, search, feeds and the API drop it; the other item stays
    for address in (col.url, col.url + "feed/", col.url + "feed/atom/", section.url, search):
        body = client.get(address).content.decode()
        assert "对某某公司" not in body, address
        assert other.title in body, address
    api = client.get("/api/v2/pages/", {"type": "wagtail_disclosure.DisclosureItemPage"})
    ids = [row["id"] for row in api.json()["items"]]
    assert other.pk in ids and penalty.pk not in ids
    assert client.get(f"/api/v2/pages/{penalty.pk}/").status_code == 404

    # the index number still resolves, to the notice
    resolved = client.get(f"{section.url}index-number/{penalty.index_number}/")
    assert resolved.status_code == 302 and resolved["Location"].endswith(url)
    assert client.get(f"{section.url}index-number/{other.index_number}/")["Location"] \
        .endswith(other.url)
    assert client.get(f"{section.url}index-number/014320144/1999-99999/").status_code == 404
    assert client.get(f"{section.url}index-number/{'9' * 80}/").status_code == 404

    # a second withdrawal is refused: the item is no longer live
    client.force_login(officer)
    again = client.post(_url(penalty), {"reason": "再次"})
    assert again.status_code == 302
    assert ReleaseRegisterEntry.objects.filter(event=RegisterEvent.WITHDRAWN).count() == 1
    with pytest.raises(withdrawal.WithdrawalError):
        withdrawal.withdraw(penalty, user=officer, reason="再次")


def test_an_unpublished_item_is_not_a_notice_and_its_number_does_not_resolve(client, penalty):
    section = f.section()
    url = penalty.url
    penalty.unpublish()
    assert client.get(url).status_code == 404
    assert client.get(f"{section.url}index-number/{penalty.index_number}/").status_code == 404


def test_publishing_again_clears_the_withdrawal(client, penalty, admin_user):
    withdrawal.withdraw(penalty, user=admin_user, reason="决定已变更")
    penalty.refresh_from_db()
    penalty.get_latest_revision().publish(user=admin_user)
    penalty.refresh_from_db()
    assert penalty.live and penalty.withdrawn_at is None and penalty.withdrawal_reason == ""
    assert ReleaseRegisterEntry.objects.filter(page_id=penalty.pk,
                                               event=RegisterEvent.REPUBLISHED).exists()
    html = client.get(penalty.url).content.decode()
    assert "对某某公司的行政处罚决定书" in html and "noindex" not in html


def test_time_limited_publication_ends_on_its_day(client):
    col = f.column(title="行政处罚公示")
    last_day = timezone.localdate() + 90 * DAY
    limited = f.item(col, title="限时公示的处罚", publication_ends_on=last_day)
    lasting = f.item(col, title="长期公示", publication_ends_on=last_day + DAY)

    assert withdrawal.end_due_publications(last_day - DAY).ended == 0
    run = withdrawal.end_due_publications(last_day)
    assert (run.ended, run.failed) == (1, [])
    assert withdrawal.end_due_publications(last_day).ended == 0  # idempotent
    limited.refresh_from_db()
    lasting.refresh_from_db()
    assert not limited.live and limited.withdrawn_at and limited.withdrawal_reason == ""
    assert lasting.live
    assert ReleaseRegisterEntry.objects.filter(
        page_id=limited.pk, event=RegisterEvent.PUBLICATION_ENDED).count() == 1
    assert not ReleaseRegisterEntry.objects.filter(page_id=limited.pk,
                                                   event=RegisterEvent.UNPUBLISHED).exists()
    assert PageLogEntry.objects.filter(page_id=limited.pk, user=None,
                                       action=withdrawal.PUBLICATION_ENDED_ACTION).exists()

    html = client.get(limited.url).content.decode()
    assert ("本信息公开期限已届满" in html
            or "The publication period of this information has ended" in html)
    assert "限时公示的处罚" not in html and "noindex" in html
    assert "限时公示的处罚" not in client.get(col.url).content.decode()


def test_one_failing_end_does_not_stop_the_others(monkeypatch):
    col = f.column()
    day = timezone.localdate() + 10 * DAY
    first, second = (f.item(col, publication_ends_on=day) for _ in range(2))
    real_end = withdrawal.end_publication

    def end_or_fail(item, when=None):
        if item.pk == first.pk:
            raise RuntimeError("locked")
        return real_end(item, when)

    monkeypatch.setattr(withdrawal, "end_publication", end_or_fail)
    run = withdrawal.end_due_publications(day, batch_size=1)
    assert (run.ended, run.failed) == (1, [first.pk])
    second.refresh_from_db()
    assert not second.live


def test_demo_is_idempotent(client, admin_user):
    from types import SimpleNamespace

    from wagtail_disclosure.catalogue.choices import Validity
    from wagtail_disclosure.catalogue.standard_tree import publish_new_page
    from wagtail_disclosure.governance import demo_withdrawal

    counts = {}
    report = SimpleNamespace(notes=[], tally=lambda what, created: counts.setdefault(
        what, []).append(created))
    context = {"report": report, "user": admin_user, "section": f.section(),
               "columns": {"xzql": f.column(title="行政权力"), "zcfg": f.column(title="政策法规")},
               "organs": {"gxs": f.organ()}, "today": timezone.localdate(),
               "publish": publish_new_page}
    demo_withdrawal.build(context)
    demo_withdrawal.build(context)
    assert all(flags == [True, False] for flags in counts.values()) and len(counts) == 3

    from wagtail_disclosure.models import DisclosureItemPage

    withdrawn = DisclosureItemPage.objects.get(slug=demo_withdrawal.WITHDRAWN_SLUG)
    assert not withdrawn.live and withdrawn.withdrawal_reason == demo_withdrawal.WITHDRAWAL_REASON
    assert "第四十八条" in client.get(withdrawn.url).content.decode()
    repealed = DisclosureItemPage.objects.get(slug=demo_withdrawal.REPEALED_SLUG)
    assert repealed.live and repealed.validity == Validity.REPEALED
    limited = DisclosureItemPage.objects.get(slug=demo_withdrawal.LIMITED_SLUG)
    assert limited.live and limited.publication_ends_on > timezone.localdate()
    for event, page in ((RegisterEvent.WITHDRAWN, withdrawn),
                        (RegisterEvent.VALIDITY_CHANGED, repealed)):
        assert ReleaseRegisterEntry.objects.filter(event=event, page_id=page.pk).count() == 1
