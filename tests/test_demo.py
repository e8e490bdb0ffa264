"""The demo site: ``manage.py disclosure_demo`` (wagtail_disclosure.demo)."""

import datetime
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from wagtail.documents import get_document_model
from wagtail.models import Revision, Site

from home.models import HomePage
from wagtail_disclosure.catalogue.pages import Page  # the configured base page model
from wagtail_disclosure.catalogue.snippets import uscc_is_valid
from wagtail_disclosure.conf import get_channel_choices
from wagtail_disclosure.data import demo_items, demo_site
from wagtail_disclosure.models import (
    DisclosureColumnPage,
    DisclosureIndexPage,
    DisclosureItemAttachment,
    DisclosureItemPage,
    IndexNumberSequence,
    PowerItemPage,
    PublishingOrgan,
    Topic,
)

COLUMN_TITLES = [
    "政府信息公开指南", "政府信息公开制度", "法定主动公开内容", "机构职能", "政策法规", "规划计划",
    "财政预决算", "行政权力事项及办理流程", "区社动态", "再生资源", "为农服务", "政府信息公开年报",
]
REPORT_TITLE = "区供销社2014年政府信息公开工作报告"


def _snapshot():
    """Row counts and, per page, what a run would touch if it changed anything."""
    pages = Page.objects.order_by("pk").values_list(
        "pk", "slug", "title", "live", "latest_revision_id", "last_published_at")
    items = DisclosureItemPage.objects.order_by("pk").values_list(
        "pk", "index_number", "published_on", "validity", "repeal_date", "replaced_by_id")
    return {
        "counts": {
            "pages": Page.objects.count(),
            "revisions": Revision.objects.count(),
            "items": DisclosureItemPage.objects.count(),
            "power items": PowerItemPage.objects.count(),
            "organs": PublishingOrgan.objects.count(),
            "topics": Topic.objects.count(),
            "documents": get_document_model().objects.count(),
            "users": get_user_model().objects.count(),
            "sites": Site.objects.count(),
            "sequences": list(IndexNumberSequence.objects.order_by("scope")
                              .values_list("scope", "last_serial")),
        },
        "pages": list(pages),
        "items": list(items),
    }


@pytest.fixture(scope="module")
def demo_runs(django_db_setup, django_db_blocker, tmp_path_factory):
    """Run the command twice, once for the whole module, and roll it all back afterwards
    (building the site takes seconds; every test here only reads it)."""
    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=str(media)):
        with transaction.atomic():
            outputs, snapshots = [], []
            for _run in range(2):
                out = io.StringIO()
                call_command("disclosure_demo", stdout=out)
                outputs.append(out.getvalue())
                snapshots.append(_snapshot())
            yield {"outputs": outputs, "snapshots": snapshots, "media": media}
            transaction.set_rollback(True)


@pytest.fixture
def site(demo_runs, db):
    return demo_runs


# -- The site's shape --------------------------------------------------------------------------


def test_the_default_site_gets_the_cooperatives_home_page(site):
    default = Site.objects.get(is_default_site=True)
    home = default.root_page.specific
    assert isinstance(home, HomePage)
    assert home.title == "鹿城区供销合作社"
    assert default.site_name == "鹿城区供销合作社"
    # the address `make demo` serves, so absolute URLs (API html_url, feeds) point there
    assert (default.hostname, default.port) == ("127.0.0.1", 8000)
    # Wagtail's stock welcome page is gone
    assert not Page.objects.filter(title__startswith="Welcome to your new Wagtail site").exists()
    assert home.live and home.revisions.exists()


def test_the_section_has_a_complete_guide(site):
    section = DisclosureIndexPage.objects.get()
    assert section.slug == "zfxxgk" and section.live
    for field in ("office_name", "office_address", "office_hours", "office_phone", "office_fax",
                  "office_email", "office_postcode"):
        assert getattr(section, field), field
    assert set(section.request_channels) == {"in_person", "post", "online", "email"}
    headings = [block.value["heading"] for block in section.guide]
    assert headings == ["信息分类与编排体系", "获取方式", "依申请公开", "监督和救济"]
    section.full_clean()  # in person and by post are accepted, as the rules require


def test_the_named_columns_exist_with_descriptions(site):
    section = DisclosureIndexPage.objects.get()
    columns = {c.title: c for c in DisclosureColumnPage.objects.descendant_of(section)}
    assert set(COLUMN_TITLES) <= set(columns)
    for title in COLUMN_TITLES:
        assert columns[title].live and columns[title].description
    statutory = columns["法定主动公开内容"]
    nested = set(DisclosureColumnPage.objects.child_of(statutory).values_list("title", flat=True))
    assert nested == {"机构职能", "政策法规", "规划计划", "财政预决算"}


def test_publishing_organs_have_valid_codes(site):
    codes = dict(PublishingOrgan.objects.values_list("name", "code"))
    assert codes["温州市鹿城区供销合作社"] == "014320144"
    uscc = codes["温州市鹿城区再生资源管理办公室"]
    assert len(uscc) == 18 and uscc_is_valid(uscc)
    for organ in PublishingOrgan.objects.all():
        organ.full_clean()


# -- The items ---------------------------------------------------------------------------------


def test_about_a_hundred_items_spread_over_kinds_topics_years_and_channels(site):
    items = list(DisclosureItemPage.objects.live())
    assert len(items) >= 100
    assert all(item.revisions.exists() for item in items)
    kinds = {item.kind for item in items}
    assert {"regulation", "normative_document", "other_document", "work_news", "power_result",
            "power_item", "interpretation", "plan_statistics", "budget"} <= kinds
    assert all(item.topic_id for item in items)
    assert Topic.objects.get(name="国内贸易（含供销）").pk in {item.topic_id for item in items}
    years = {item.published_on.year for item in items}
    assert set(range(2014, 2027)) <= years
    configured = {code for code, _label in get_channel_choices(include_website=False)}
    used = {code for item in items for code in item.channels}
    assert used == configured
    for item in items:
        assert item.formation_date is None or item.formation_date <= item.published_on
        assert item.published_on <= datetime.date.today()


def test_document_numbers_only_on_documents(site):
    numbered = DisclosureItemPage.objects.exclude(document_number="")
    assert numbered.count() >= 20
    assert not numbered.filter(kind="work_news").exists()
    local = [n for n in numbered.values_list("document_number", flat=True) if n.startswith("鹿")]
    for number in local:
        assert re.fullmatch(r"鹿[^〔]+〔20\d\d〕\d+号", number), number
    assert len(local) == len(set(local))


def test_index_numbers_take_the_year_of_publication(site):
    for number, published_on in DisclosureItemPage.objects.values_list("index_number",
                                                                       "published_on"):
        assert re.fullmatch(r"[0-9A-Z]+/(\d{4})-\d{5}", number)
        assert int(number.split("/")[1][:4]) == published_on.year
    # Items brought over from the old site keep the numbers they had there…
    imported = DisclosureItemPage.objects.filter(
        published_on__lt=demo_items.IMPORTED_BEFORE)
    assert imported.count() >= 5
    assert imported.filter(index_number="014320144/2015-00056").exists()
    assert not IndexNumberSequence.objects.filter(scope__endswith="|2015").exists()
    # …and the new site numbers from 1 each year.
    assert DisclosureItemPage.objects.filter(index_number="014320144/2016-00001").exists()
    hyphenated = PublishingOrgan.objects.get(code="32843571-0")
    assert DisclosureItemPage.objects.filter(organ=hyphenated,
                                             index_number__startswith="328435710/").exists()


def test_repealed_expired_and_amended_items_point_to_their_replacements(site):
    old = DisclosureItemPage.objects.exclude(validity="in_force")
    assert {"repealed", "expired", "amended"} <= set(old.values_list("validity", flat=True))
    assert old.count() >= 5
    replaced = old.filter(replaced_by__isnull=False).select_related("replaced_by")
    assert replaced.count() >= 5
    for item in replaced:
        newer = item.replaced_by
        assert newer.validity == "in_force" and newer.live
        assert newer.published_on > item.published_on
        assert item.repeal_date and item.repeal_date >= item.published_on
        item.full_clean()
        # the change is a second revision, as an editor would have made it
        assert item.revisions.count() == 2
    assert old.filter(validity="expired", replaced_by__isnull=True).exists()


def test_the_2014_report_carries_the_sample_text(site):
    report = DisclosureItemPage.objects.get(title=REPORT_TITLE)
    assert report.get_parent().title == "政府信息公开年报"
    # published by 31 March of the next year, the deadline before the 2019 Regulation
    assert (report.published_on.year, report.published_on.month) == (2015, 3)
    assert report.index_number.startswith("014320144/2015-")
    assert "主动公开信息数55条" in report.body
    assert "五、2015年工作目标及重点" in report.body
    assert report.body.count("<p>") > 10
    assert report.attachments.count() == 1


def test_attachments_are_stored_documents(site):
    attachments = DisclosureItemAttachment.objects.select_related("document")
    assert attachments.count() >= 5
    for attachment in attachments:
        data = attachment.document.file.read()
        attachment.document.file.close()
        assert data and attachment.document.file_size == len(data)
        assert str(site["media"]) in attachment.document.file.path
        if attachment.document.file_extension == "pdf":
            assert data.startswith(b"%PDF-1.4")
    extensions = {a.document.file_extension for a in attachments}
    assert extensions == {"pdf", "txt"}


def test_power_items_have_their_process(site):
    powers = list(PowerItemPage.objects.live())
    assert len(powers) >= 4
    assert {"other", "inspection", "penalty", "confirmation"} <= {p.power_kind for p in powers}
    titles = {p.title for p in powers}
    assert {"再生资源回收经营者备案", "供销社系统企业安全生产检查", "农资商品质量违法行为处罚"} <= titles
    for power in powers:
        assert power.kind == "power_item"
        assert power.legal_basis and power.summary
        assert 4 <= len(power.process_steps) <= 6
        for step in power.process_steps:
            assert step.block_type == "step" and step.value["step"]
        assert power.statutory_time_limit and power.promised_time_limit and power.fees
        assert power.enquiry_phone and power.complaint_phone
    filing = next(p for p in powers if p.title == "再生资源回收经营者备案")
    assert [m.value["name"] for m in filing.required_materials][0] == "再生资源回收经营者备案登记表"


def test_admin_login_is_created_and_printed(site):
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.check_password("admin")
    first = site["outputs"][0]
    assert "http://127.0.0.1:8000/admin/" in first
    assert "username: admin" in first and "password: admin" in first


# -- Idempotency -------------------------------------------------------------------------------


def test_a_second_run_creates_and_changes_nothing(site):
    first, second = site["snapshots"]
    assert second == first
    first_out, second_out = site["outputs"]
    assert re.search(r"disclosure items\s+1\d\d\s+0", first_out)
    assert re.search(r"disclosure items\s+0\s+1\d\d", second_out)
    assert "Nothing to do" in second_out
    assert "http://127.0.0.1:8000/admin/" in second_out


# -- Rendering ---------------------------------------------------------------------------------


def test_every_page_of_the_demo_renders(site):
    client = Client()
    home = Site.objects.get(is_default_site=True).root_page
    pages = Page.objects.live().descendant_of(home, inclusive=True).specific()
    kinds = {type(page) for page in pages}
    assert {HomePage, DisclosureIndexPage, DisclosureColumnPage, DisclosureItemPage,
            PowerItemPage} <= kinds
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
    section = DisclosureIndexPage.objects.get()
    assert client.get(section.url + "search/?q=供销").status_code == 200


def test_repealed_items_link_to_their_replacement(site):
    item = DisclosureItemPage.objects.filter(validity="repealed",
                                             replaced_by__isnull=False).first()
    html = Client().get(item.url).content.decode()
    assert item.replaced_by.url in html


# -- The pure half -----------------------------------------------------------------------------


def test_item_specs_are_deterministic():
    today = datetime.date(2026, 11, 25)
    first = demo_items.item_specs(today=today, channels=["weibo", "wechat"])
    second = demo_items.item_specs(today=today, channels=["weibo", "wechat"])
    assert [(s.slug, s.title, s.published_on, s.document_number, s.index_number, s.channels,
             s.body) for s in first] == [
        (s.slug, s.title, s.published_on, s.document_number, s.index_number, s.channels,
         s.body) for s in second]
    assert len({s.slug for s in first}) == len(first)
    assert {c for s in first for c in s.channels} <= {"weibo", "wechat"}
    assert [s.published_on for s in first] == sorted(s.published_on for s in first)


def test_item_specs_never_publish_in_the_future():
    today = datetime.date(2020, 6, 30)
    specs = demo_items.item_specs(today=today)
    assert max(s.published_on for s in specs) == today
    assert all(s.formation_date <= s.published_on for s in specs if s.formation_date)


def test_tiny_pdf_is_well_formed():
    data = demo_items.tiny_pdf(["政府信息公开申请表", "ABC"])
    assert data.startswith(b"%PDF-1.4") and data.rstrip().endswith(b"%%EOF")
    startxref = int(data.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    assert data[startxref:].startswith(b"xref")
    offsets = re.findall(rb"(\d{10}) 00000 n", data)
    for number, offset in enumerate(offsets, start=1):
        assert data[int(offset):].startswith(b"%d 0 obj" % number)
    assert "政府".encode("utf-16-be").hex().upper().encode() in data


def test_small_helpers():
    numbers = [demo_items.chinese_number(n) for n in (1, 10, 12, 20, 21)]
    assert numbers == ["一", "十", "十二", "二十", "二十一"]
    assert demo_items.chinese_date(datetime.date(2016, 2, 5)) == "2016年2月5日"
    assert demo_items.working_day(datetime.date(2026, 11, 28)) == datetime.date(2026, 11, 30)
    saturday = datetime.date(2026, 11, 28)
    assert demo_items.working_day(saturday, backwards=True) == datetime.date(2026, 11, 27)
    paragraphs = demo_items.report_paragraphs(demo_site.REPORT_2014_TEXT)
    assert len(paragraphs) > 10
    assert paragraphs[1].startswith("一、全面保障")
    assert re.sub(r"\s", "", "".join(paragraphs)) == re.sub(r"\s", "",
                                                            demo_site.REPORT_2014_TEXT)
