"""Small builders for test data (plain functions: the suite needs no factory library)."""

import datetime
import itertools

from django.utils import timezone
from home.models import HomePage
from wagtail.models import Site

from wagtail_disclosure.catalogue.pages import Page  # the configured base page model
from wagtail_disclosure.models import (
    DisclosureColumnPage,
    DisclosureIndexPage,
    DisclosureItemPage,
    PowerItemPage,
    PublishingOrgan,
    Topic,
)

_counter = itertools.count(1)


def home_page():
    """The default site's root page, as a HomePage (created once per test database)."""
    site = Site.objects.get(is_default_site=True)
    root = site.root_page.specific
    if isinstance(root, HomePage):
        return root
    home = Page.get_first_root_node().add_child(
        instance=HomePage(title="区供销合作社", slug=f"home-{next(_counter)}")
    )
    site.root_page = home
    site.save()
    return home


def organ(name="温州市鹿城区供销合作社", code="014320144"):
    obj, _ = PublishingOrgan.objects.get_or_create(code=code, defaults={"name": name})
    return obj


def section(**kwargs):
    existing = DisclosureIndexPage.objects.first()
    if existing:
        return existing
    kwargs.setdefault("title", "政府信息公开")
    kwargs.setdefault("slug", "zfxxgk")
    kwargs.setdefault("office_name", "区供销社办公室")
    kwargs.setdefault("office_phone", "0577-88888888")
    kwargs.setdefault("request_channels", ["in_person", "post", "online"])
    return home_page().add_child(instance=DisclosureIndexPage(**kwargs))


def column(parent=None, title=None, **kwargs):
    parent = parent or section()
    n = next(_counter)
    return parent.add_child(
        instance=DisclosureColumnPage(title=title or f"栏目{n}", slug=f"column-{n}", **kwargs)
    )


def _dating_defaults(kwargs, formation_date=datetime.date(2024, 3, 1)):
    """A given past 发布日期 is a back-dating, which needs a reason; 成文日期 is not after it."""
    published_on = kwargs.get("published_on")
    if formation_date is not None:
        kwargs.setdefault("formation_date", min(formation_date, published_on or formation_date))
    if published_on and published_on < timezone.localdate():
        kwargs.setdefault("backdating_reason", "旧网站迁入的信息（测试数据）")


def item(parent, title=None, publish=True, organ_obj=None, **kwargs):
    """A disclosure item under ``parent``; published (so it gets its 索引号) unless told not."""
    n = next(_counter)
    _dating_defaults(kwargs)
    page = DisclosureItemPage(
        title=title or f"信息条目{n}", slug=f"item-{n}", organ=organ_obj or organ(), live=False,
        **kwargs,
    )
    parent.add_child(instance=page)
    if publish:
        page.save_revision().publish()
        page.refresh_from_db()
    return page


def power_item(parent, title=None, publish=True, **kwargs):
    n = next(_counter)
    _dating_defaults(kwargs, formation_date=None)
    page = PowerItemPage(title=title or f"行政权力事项{n}", slug=f"power-{n}", organ=organ(),
                         live=False, **kwargs)
    parent.add_child(instance=page)
    if publish:
        page.save_revision().publish()
        page.refresh_from_db()
    return page


def topic(path):
    """The seeded topic at ``path`` such as '综合政务\\政务公开'."""
    parent = None
    for name in path.split("\\"):
        parent = Topic.objects.get(name=name, parent=parent)
    return parent


def request_form_page(parent=None, **kwargs):
    from wagtail_disclosure.models import RequestFormPage

    existing = RequestFormPage.objects.first()
    if existing:
        return existing
    kwargs.setdefault("title", "依申请公开")
    kwargs.setdefault("slug", "ysqgk")
    kwargs.setdefault("intro", "<p>公民、法人或者其他组织可以向本机关申请获取政府信息。</p>")
    kwargs.setdefault("privacy_notice", "<p>我们仅为办理您的申请收集您的个人信息。</p>")
    return (parent or section()).add_child(instance=RequestFormPage(**kwargs))


# A valid 居民身份证号码 (GB 11643 check digit) and 统一社会信用代码 for forms.
RESIDENT_ID = "11010519491231002X"
CREDIT_CODE = "91350100M000100Y43"


def request_data(**overrides):
    """Form data of a valid request from a natural person (the form's and API's names)."""
    data = {
        "applicant_type": "natural_person", "name": "张三", "id_type": "resident_id",
        "id_number": RESIDENT_ID, "phone": "13800138000", "email": "zhangsan@example.com",
        "address": "温州市鹿城区人民路1号", "postcode": "325000",
        "description": "2024年度区供销社农资储备资金使用情况", "document_number": "",
        "purpose": "", "form": "electronic", "delivery": "email", "consent": "on",
    }
    data.update(overrides)
    return data


def information_request(received_on=None, **overrides):
    """A stored request, as if submitted online. A date of receipt in the future (to test the
    deadlines of a year ahead) is stored as if that day were today: the service refuses a
    receipt after today."""
    from unittest import mock

    from django.utils import timezone

    from wagtail_disclosure.requests import dates, services
    from wagtail_disclosure.requests.forms import RequestForm

    form = RequestForm(request_data(**overrides))
    assert form.is_valid(), form.errors
    as_of = max(received_on, timezone.localdate()) if received_on else timezone.localdate()
    with mock.patch.object(dates, "today", return_value=as_of):
        request_obj, code = services.submit(form.cleaned_data, form.cleaned_data["attachments"],
                                            received_on=received_on, page=None)
    request_obj.access_code = code
    return request_obj


def answered_request(officer, content=b"%PDF-1.4\n%%EOF\n"):
    """A request sent with a request form page and answered by ``officer`` with one document
    (答复.pdf holding ``content``): (page, request)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from wagtail_disclosure.requests import services

    page = request_form_page()
    request_obj = information_request()
    request_obj.request_page = page
    request_obj.save()
    services.record_reply(request_obj, officer, "disclosed", "见附件。",
                          [SimpleUploadedFile("答复.pdf", content)], "email")
    return page, request_obj


def make_user(username, *codenames, admin_access=False):
    """A user holding these permissions of the package (and Wagtail's ``access_admin`` with
    ``admin_access``), fetched afresh (no stale perm cache)."""
    from django.contrib.auth.models import Permission, User

    user = User.objects.create_user(username, f"{username}@agency.example", "pw")
    if admin_access:
        user.user_permissions.add(Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"))
    for codename in codenames:
        user.user_permissions.add(Permission.objects.get(
            content_type__app_label="wagtail_disclosure", codename=codename))
    return User.objects.get(pk=user.pk)


def past_request(received_on, column="natural_person", outcome=None, concluded_on=None,
                 organ_obj=None, due_on=None):
    """A request stored directly with past dates (the services date everything today).

    ``column`` is the table 三 applicant column; ``outcome`` a table 三 row key; a request with
    an outcome is answered (or closed, for 不予处理/其他处理) on ``concluded_on``.
    """
    from wagtail_disclosure.models import InformationRequest

    n = next(_counter)
    person = column == "natural_person"
    request_obj = InformationRequest(
        tracking_number=f"T{n:08d}", channel="online", received_on=received_on,
        organ=organ_obj, applicant_type="natural_person" if person else "organisation",
        organisation_kind="" if person else column, name=f"申请人{n}", description="测试",
        form="electronic", delivery="email", clock_started_on=received_on,
        due_on=due_on or received_on + datetime.timedelta(days=28),
        correction_notice_due_on=received_on + datetime.timedelta(days=9),
        status="in_progress")
    request_obj.set_access_code("x")
    if outcome:
        request_obj.outcome = outcome
        if outcome.startswith(("other", "not_processed")):
            request_obj.status, request_obj.closed_on = "closed", concluded_on
        else:
            request_obj.status, request_obj.answered_on = "answered", concluded_on
    request_obj.save()
    return request_obj


def report_index(parent=None, **kwargs):
    from wagtail_disclosure.models import AnnualReportIndexPage

    existing = AnnualReportIndexPage.objects.first()
    if existing:
        return existing
    kwargs.setdefault("title", "年度报告")
    kwargs.setdefault("slug", "ndbg")
    return (parent or section()).add_child(instance=AnnualReportIndexPage(**kwargs))


def annual_report(year=2025, publish=True, organs=(), index=None, **kwargs):
    """A report page with its figures computed now (and published unless told not to)."""
    from wagtail_disclosure.models import AnnualReportPage

    page = AnnualReportPage(title=f"{year}年政府信息公开工作年度报告", slug=f"report-{year}-"
                            f"{next(_counter)}", year=year, organs=list(organs), live=False,
                            **kwargs)
    page.refresh_figures([o.pk for o in organs])
    (index or report_index()).add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
        page.refresh_from_db()
    return page
