"""The demo site: ``manage.py disclosure_demo`` (wagtail_disclosure.demo)."""

import datetime
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from django.utils import timezone, translation
from wagtail.documents import get_document_model
from wagtail.models import Revision, Site

from home.models import HomePage
from tests import factories
from wagtail_disclosure import demo
from wagtail_disclosure.catalogue.pages import Page  # the configured base page model
from wagtail_disclosure.catalogue.snippets import uscc_is_valid
from wagtail_disclosure.conf import get_channel_choices
from wagtail_disclosure.data import demo_government, demo_items, demo_reports, demo_site
from wagtail_disclosure.models import (
    AnnualReportIndexPage,
    AnnualReportPage,
    DisclosureColumnPage,
    DisclosureIndexPage,
    DisclosureItemAttachment,
    DisclosureItemPage,
    IndexNumberSequence,
    InformationRequest,
    PowerItemPage,
    PublishingOrgan,
    ReviewCase,
    Topic,
)
from wagtail_disclosure.reports import demo as report_demo
from wagtail_disclosure.reports import format as fmt
from wagtail_disclosure.requests.demo import DEMO_ACCESS_CODE

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
            "reports": AnnualReportPage.objects.count(),
            "requests": InformationRequest.objects.count(),
            "cases": ReviewCase.objects.count(),
        },
        "access codes": list(InformationRequest.objects.order_by("pk")
                             .values_list("pk", "access_code_hash")),
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
    columns.update({c.title: c for c in AnnualReportIndexPage.objects.child_of(section)})
    assert set(COLUMN_TITLES) <= set(columns)
    for title in COLUMN_TITLES:
        column = columns[title]
        assert column.live and (getattr(column, "description", "") or column.intro)
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
    assert {"normative_document", "other_document", "work_news", "power_result",
            "power_item", "interpretation", "plan_statistics", "budget"} <= kinds
    # a district cooperative makes no 规章: the national rules it reprints are other documents
    assert "regulation" not in kinds
    assert DisclosureItemPage.objects.filter(title="再生资源回收管理办法",
                                             kind="other_document").exists()
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
    # every item ever published (drafts awaiting review have no number yet)
    for number, published_on in DisclosureItemPage.objects.exclude(
            first_published_at=None).values_list("index_number", "published_on"):
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
    report = AnnualReportPage.objects.get(year=2014)
    assert report.title == REPORT_TITLE and report.report_format == "legacy"
    assert report.get_parent().specific.title == "政府信息公开年报"
    # published by 31 March of the next year, the deadline before the 2019 Regulation
    published = timezone.localtime(report.first_published_at).date()
    assert (published.year, published.month) == (2015, 3)
    text = _report_text(report)
    assert "主动公开信息数55条" in text and "五、2015年工作目标及重点" in text
    assert report.statistics["stated"]["proactive_total"] == 55
    assert report.statistics["stated"]["requests_received"] == 0
    # the old site's report is no catalogue item any more
    assert not DisclosureItemPage.objects.filter(title=REPORT_TITLE).exists()


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
    assert extensions == {"pdf"}


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


# -- The annual reports -----------------------------------------------------------------------


def _years():
    return demo_reports.report_years(timezone.localdate())


def _report_text(report):
    """The text of a report's body: its preamble and the paragraphs of its sections."""
    parts = []
    for block in report.body:
        if block.block_type == "preamble":
            parts.append(block.value.source)
        else:
            parts.append(block.value["heading"])
            parts += [c.value.source for c in block.value["content"]
                      if c.block_type == "paragraph"]
    return "".join(parts)


def _own_reports():
    """The cooperative's own reports, one a year (not the report of it and its units)."""
    return AnnualReportPage.objects.exclude(slug__endswith=demo_government.SLUG_SUFFIX)


def _computed(year):
    return _own_reports().get(year=year)


def _gxs():
    return PublishingOrgan.objects.get(code="014320144")


def test_one_reports_column_at_gknb_and_nothing_links_elsewhere(site):
    section = DisclosureIndexPage.objects.get()
    index = AnnualReportIndexPage.objects.get()  # the only one
    assert index.get_parent().pk == section.pk
    assert (index.slug, index.title, index.url) == ("gknb", "政府信息公开年报", "/zfxxgk/gknb/")
    assert not Page.objects.filter(slug__in=["ndbg"]).exists()
    assert not DisclosureColumnPage.objects.filter(slug="gknb").exists()
    assert "gknb" not in {slug for slug, *_rest in demo_site.COLUMNS}
    # no annual report is also a catalogue item
    assert not DisclosureItemPage.objects.filter(title__contains="政府信息公开工作").filter(
        title__contains="报告").exists()
    # the section lists the column with the others, and its page lists every report
    client = Client()
    assert 'href="/zfxxgk/gknb/"' in client.get(section.url).content.decode()
    html = client.get(index.url).content.decode()
    for report in AnnualReportPage.objects.all():
        assert report.url in html
    for page in Page.objects.live().specific():
        for field in ("body", "intro", "description"):
            assert "/ndbg/" not in str(getattr(page, field, "") or ""), page.url


def test_every_year_has_exactly_one_report_of_the_right_kind(site):
    legacy, entered, computed = _years()
    today = timezone.localdate()
    assert legacy + entered + computed == list(range(2014, today.year))
    assert computed == [today.year - 2, today.year - 1]
    reports = list(_own_reports().order_by("year"))
    assert [r.year for r in reports] == list(range(2014, today.year))
    index = AnnualReportIndexPage.objects.get()
    for report in reports:
        assert report.live and report.get_parent().pk == index.pk
        assert report.slug == str(report.year)
        if report.year in legacy:
            assert (report.report_format, report.figures_source) == ("legacy", "imported")
        elif report.year in entered:
            assert (report.report_format, report.figures_source) == ("2021", "imported")
        else:
            assert (report.report_format, report.figures_source) == ("2021", "computed")
    assert len({r.title for r in reports}) == len(reports)


def test_reports_are_published_late_in_january_of_the_next_year(site):
    today = timezone.localdate()
    for report in _own_reports():
        published = timezone.localtime(report.first_published_at).date()
        assert published.year == report.year + 1 and published <= today
        # by 31 January since the 2019 Regulation, by 31 March before it
        assert published.month == (1 if report.year >= 2019 else 3), report.year
        assert published.day >= 20 and published.weekday() < 5, published
    html = Client().get(_computed(today.year - 1).url).content.decode()
    expected = timezone.localtime(_computed(today.year - 1).first_published_at)
    assert f"{expected:%Y-%m-%d}" in html


def test_the_two_computed_years_differ(site):
    first, last = (_computed(year).statistics for year in _years()[2])
    rows = {key: (fmt.request_row(first, key)["values"], fmt.request_row(last, key)["values"])
            for key in fmt.REQUEST_ROW_KEYS}
    assert rows[fmt.NEW][0][6] != rows[fmt.NEW][1][6]
    differing = [key for key, (a, b) in rows.items() if a != b]
    assert len(differing) >= 5
    assert first["proactive"] != last["proactive"]
    assert first["review_litigation"] != last["review_litigation"]
    assert first["channels"] != last["channels"]
    # what one year carries forward, the next carries over
    assert rows[fmt.CARRIED_FORWARD][0] == rows[fmt.CARRIED_OVER][1]
    assert rows[fmt.CARRIED_FORWARD][0][6] >= 1


def _decided_in(year, words):
    return [item for item in DisclosureItemPage.objects.live().filter(
        kind="power_result", organ=_gxs(), title__contains=words)
        if (item.formation_date or item.published_on).year == year]


def test_table_two_agrees_with_the_demos_items(site):
    powers = set(PowerItemPage.objects.values_list("power_kind", flat=True))
    assert "licensing" not in powers and "coercion" not in powers
    items = DisclosureItemPage.objects.live().filter(organ=_gxs())
    _legacy, entered, computed = _years()
    penalties = 0
    for year in entered + computed:
        stats = _computed(year).statistics
        proactive = stats["proactive"]
        normative = items.filter(kind="normative_document")
        issued = [i for i in normative if i.formation_date.year == year]
        repealed = [i for i in normative if i.validity in ("repealed", "expired")
                    and i.repeal_date and i.repeal_date.year == year]
        assert proactive["normative_document"]["issued"] == len(issued), year
        assert proactive["normative_document"]["repealed"] == len(repealed), year
        assert proactive["regulation"] == {"issued": 0, "repealed": 0, "in_force": 0}
        # no licensing or coercion power, so no such decisions; the penalty decisions are the
        # published penalty results of the year; no administrative fees
        assert proactive["licensing"]["decisions"] == 0
        assert proactive["coercion"]["decisions"] == 0
        assert proactive["penalty"]["decisions"] == len(_decided_in(year, "行政处罚")), year
        assert proactive["fees"]["amount_wan"] == 0
        penalties += proactive["penalty"]["decisions"]
        published = [i for i in items if i.published_on.year == year]
        assert stats["channels"]["total"] == len(published), year
        assert not [c for c in stats["checks"] if not c["ok"]], year
    assert penalties >= 2  # the figure is entered, and it is not always zero


def test_the_computed_reports_text_agrees_with_their_tables(site):
    written = []
    for year in _years()[2]:
        report = _computed(year)
        stats = report.statistics
        sections = [block.value for block in report.body if block.block_type == "section"]
        assert [s["heading"] for s in sections][0] == "一、总体情况" and len(sections) == 6
        texts = ["".join(c.value.source for c in s["content"] if c.block_type == "paragraph")
                 for s in sections]
        assert all(texts), year  # every section has text
        assert f"全年主动公开政府信息{stats['channels']['total']}条" in texts[0]
        new = fmt.request_row(stats, fmt.NEW)["values"][6]
        assert f"新收政府信息公开申请{new}件" in texts[2]
        penalty = stats["proactive"]["penalty"]["decisions"]
        assert (f"作出行政处罚决定{penalty}件" if penalty else "未作出行政处罚决定") in texts[1]
        tables = [c.value["table"] for s in sections for c in s["content"]
                  if c.block_type == "table"]
        assert {"proactive", "requests", "review"} <= set(tables)
        written.append(texts)
    assert written[0] != written[1]  # two years, two texts


def test_legacy_reports_state_what_the_site_published(site):
    legacy = _years()[0]
    for year in legacy[1:]:
        report = AnnualReportPage.objects.get(year=year)
        stated = report.statistics["stated"]
        if year >= 2016:  # the new site holds every item since 2016
            published = DisclosureItemPage.objects.live().filter(
                organ=_gxs(), published_on__year=year).count()
            assert stated["proactive_total"] == published
        assert stated["requests_received"] == len(demo_reports.LEGACY[year]["requests"])
        text = _report_text(report)
        assert f"主动公开政府信息{stated['proactive_total']}条" in text


def test_every_report_renders(site):
    client = Client()
    for report in AnnualReportPage.objects.all():
        response = client.get(report.url)
        assert response.status_code == 200, report.url
        assert report.title in response.content.decode()


# -- The report of the cooperative and its units (a government's report) ---------------------


def _government_report():
    return AnnualReportPage.objects.get(slug=demo_government.slug(_years()[2][-1]))


def _organ(key):
    return PublishingOrgan.objects.get(code=demo_site.ORGANS[key]["code"])


def test_the_report_of_the_cooperative_and_its_units_adds_up_their_figures(site):
    from wagtail_disclosure.reports import government

    report = _government_report()
    year = report.year
    own = _computed(year)
    assert report.live and report.get_parent().pk == AnnualReportIndexPage.objects.get().pk
    assert report.title == demo_government.title(year)
    assert (report.report_format, report.organ_figures) == ("2021", "reports")
    assert set(report.organ_ids()) == {_organ(key).pk for key in demo_government.ORGANS}
    # published after the cooperative's own report, by 31 March (条例 Art.49)
    published = timezone.localtime(report.first_published_at).date()
    assert own.first_published_at < report.first_published_at
    assert published.year == year + 1 and published.month <= 3
    stats = report.statistics
    rows = {row["organ"]["name"]: row for row in stats["organ_breakdown"]}
    assert list(rows) == [demo_site.ORGANS[key]["name"] for key in demo_government.ORGANS]
    # the cooperative's figures are its published report's, the units' counted from the data
    cooperative = rows[demo_site.ORGANS["gxs"]["name"]]
    assert cooperative["source"]["kind"] == "report"
    assert cooperative["source"]["report"]["id"] == own.pk
    assert cooperative["source"]["report"]["published_on"] == timezone.localtime(
        own.first_published_at).date().isoformat()
    own_stats = own.statistics
    assert cooperative["requests_new"] == fmt.request_row(own_stats, fmt.NEW)["values"][6]
    for key in demo_government.UNITS:
        row = rows[demo_site.ORGANS[key]["name"]]
        assert row["source"] == {"kind": "data"}
        assert row["requests_new"] == len(demo_government.UNIT_REQUESTS[key])
        published_items = DisclosureItemPage.objects.live().filter(
            organ=_organ(key), published_on__year=year).count()
        assert row["items_published"] == published_items >= 1
    # the official tables are the sums of the parts
    for measure, path in government.BREAKDOWN_MEASURES:
        if measure not in government.ENTERED_MEASURES:
            assert government.read(stats, path) == sum(row[measure] for row in rows.values()), \
                measure
    new = fmt.request_row(stats, fmt.NEW)["values"][6]
    unit_requests = sum(len(rows) for rows in demo_government.UNIT_REQUESTS.values())
    assert new == fmt.request_row(own_stats, fmt.NEW)["values"][6] + unit_requests
    assert stats["channels"]["total"] > own_stats["channels"]["total"]
    # the units conclude their requests within the year: a later report's cross-year check
    # finds the same carried-forward figures whichever report of this year it compares with
    assert fmt.request_row(stats, fmt.CARRIED_FORWARD)["values"] == fmt.request_row(
        own_stats, fmt.CARRIED_FORWARD)["values"]
    # table 二's entered figures are entered on this report, for all three organs; every check
    # of the format passes
    assert stats["proactive"]["penalty"]["decisions"] == own_stats["proactive"]["penalty"][
        "decisions"]
    assert stats["proactive"]["licensing"]["decisions"] == 0
    assert not [check for check in stats["checks"] if not check["ok"]]
    # the page: the summed tables, the figures by organ (once), the link to the own report
    client = Client()
    response = client.get(report.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'data-cell="requests.new.total">{new}</td>' in html
    assert f"新收政府信息公开申请{new}件" in html
    assert html.count('id="wd-table-organ_breakdown"') == 1
    breakdown = html[html.index('id="wd-table-organ_breakdown"'):]
    breakdown = breakdown[:breakdown.index("</table>")]
    for name in rows:
        assert f'scope="row">{name}</th>' in breakdown
    assert f'href="{own.get_full_url()}"' in breakdown
    assert re.search(rf'class="[^"]*wd-total[^"]*">{new}</td>', breakdown)  # the total row
    assert report.url in client.get(AnnualReportIndexPage.objects.get().url).content.decode()


def test_a_second_run_makes_no_second_report_of_the_cooperative_and_its_units(site):
    first_out, second_out = site["outputs"]
    assert re.search(r"report of the cooperative and its units\s+1\s+0\n", first_out)
    assert re.search(r"report of the cooperative and its units\s+0\s+1\n", second_out)
    assert AnnualReportPage.objects.filter(
        slug__endswith=demo_government.SLUG_SUFFIX).count() == 1
    report = _government_report()
    assert report.revisions.count() == 1
    units = [_organ(key) for key in demo_government.UNITS]
    assert InformationRequest.objects.filter(organ__in=units).count() == sum(
        len(rows) for rows in demo_government.UNIT_REQUESTS.values())


# -- Trying the applicant's view ----------------------------------------------------------------


def _printed_tracking(output):
    match = re.search(r"(http://\S+/track/)\s+tracking number: (\S+)\s+access code: (\S+)",
                      output)
    assert match, output
    return match.groups()


def test_the_printed_tracking_number_and_code_open_the_tracking_page(site):
    url, number, code = _printed_tracking(site["outputs"][0])
    assert (number, code) == _printed_tracking(site["outputs"][1])[1:]  # the same every run
    assert code == DEMO_ACCESS_CODE
    request_obj = InformationRequest.objects.get(tracking_number=number)
    assert request_obj.status == "answered" and request_obj.letters.filter(kind="reply").exists()
    path = url.removeprefix("http://127.0.0.1:8000")
    client = Client()
    response = client.post(path, {"tracking_number": number, "access_code": code})
    assert response.status_code == 200
    html = response.content.decode()
    with translation.override("zh-hans"):
        status = str(request_obj.get_status_display())
    assert f'data-testid="request-status">{status}</td>' in html
    assert 'data-testid="request-outcome"' in html
    wrong = client.post(path, {"tracking_number": number, "access_code": "AAAA-BBBB-CCCC"})
    assert 'data-testid="request-status"' not in wrong.content.decode()


def test_the_tracking_code_of_an_earlier_demo_is_reset_knowingly(site):
    request_obj = InformationRequest.objects.get(
        tracking_number=_printed_tracking(site["outputs"][0])[1])
    request_obj.set_access_code("SOME-OTHER-CODE")
    request_obj.save()
    report = demo.DemoReport(counts={"information requests": [0, 1]})
    page = request_obj.request_page.specific
    from wagtail_disclosure.requests.demo import ensure_demo_tracking

    tracking = ensure_demo_tracking(page, report)
    assert tracking["access_code"] == DEMO_ACCESS_CODE
    request_obj.refresh_from_db()
    assert request_obj.check_access_code(DEMO_ACCESS_CODE)
    assert any(request_obj.tracking_number in note for note in report.notes)


# -- Idempotency -------------------------------------------------------------------------------


def test_a_second_run_creates_and_changes_nothing(site):
    first, second = site["snapshots"]
    assert second == first
    first_out, second_out = site["outputs"]
    assert re.search(r"disclosure items\s+1\d\d\s+0", first_out)
    assert re.search(r"disclosure items\s+0\s+1\d\d", second_out)
    assert "Nothing to do" in second_out
    assert "http://127.0.0.1:8000/admin/" in second_out
    assert re.search(r"annual reports\s+\d+\s+0\n", first_out)
    assert re.search(r"annual reports\s+0\s+\d+\n", second_out)
    assert "!" not in second_out  # no notes: nothing was changed or left to fix


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


def test_report_years_cover_every_year_once():
    for today in (datetime.date(2026, 12, 2), datetime.date(2027, 1, 5), datetime.date(2030, 6, 1)):
        legacy, entered, computed = demo_reports.report_years(today)
        assert legacy + entered + computed == list(range(2014, today.year))
        assert legacy[-1] == 2020 and computed == [today.year - 2, today.year - 1]


def test_report_publication_days_are_working_days_late_in_the_month():
    for year in range(2014, 2026):
        day = demo_reports.published_on(year)
        assert (day.year, day.month) == (year + 1, 1 if year >= 2019 else 3)
        assert day.day >= 20 and day.weekday() < 5
    # the 2024 report: not on Sunday 26 January 2025, a makeup working day before the
    # Spring Festival
    assert demo_reports.published_on(2024) == datetime.date(2025, 1, 24)


def test_entered_decisions_count_the_decisions_of_the_year():
    specs = demo_items.item_specs(today=datetime.date(2026, 12, 2))
    assert demo_reports.entered_decisions(specs, 2024) == {
        "licensing": 0, "penalty": 2, "coercion": 0}
    assert demo_reports.entered_decisions(specs, 2025)["penalty"] == 1
    assert demo_reports.entered_decisions(specs, 2023)["penalty"] == 0
    assert not [s for s in specs if s.power and s.power["power_kind"] == "licensing"]


def test_entered_requests_table_balances():
    from wagtail_disclosure.reports.checks import request_checks

    for year in (2021, 2022, 2023, 2031):
        requests = demo_reports.requests_before(year)
        stats = fmt.empty_statistics(year)
        stats["requests"] = demo_reports.entered_requests_table(requests)
        assert all(check["ok"] for check in request_checks(stats))
        assert fmt.request_row(stats, fmt.NEW)["values"][6] == len(requests)


# -- A database of an earlier demo ---------------------------------------------------------------


def _old_shape(extra_item=False):
    """The 年报 of demo versions before 0.1.0: a catalogue column gknb with the reports as items,
    and the computed reports' column at ndbg."""
    # a section of its own (the module's demo site may be there too)
    section = Page.get_first_root_node().add_child(instance=DisclosureIndexPage(
        title="政府信息公开", slug="old-demo", office_name="区供销社办公室",
        request_channels=["in_person", "post"]))
    old = section.add_child(instance=DisclosureColumnPage(title="政府信息公开年报", slug="gknb"))
    slugs = ["gknb-2014"] + (["bianji"] if extra_item else [])
    for slug in slugs:
        old.add_child(instance=DisclosureItemPage(
            title=f"信息{slug}", slug=slug, organ=factories.organ(),
            formation_date=datetime.date(2015, 3, 1)))
    index = section.add_child(instance=AnnualReportIndexPage(title="政府信息公开工作年度报告",
                                                              slug="ndbg"))
    factories.annual_report(2025, index=index)
    return section, old, index


@pytest.mark.django_db
def test_an_earlier_demos_two_report_columns_become_one(admin_user):
    section, old, index = _old_shape()
    report = demo.DemoReport()
    result = report_demo.ensure_report_index(section, report, admin_user, demo._publish)
    assert result.pk == index.pk
    result.refresh_from_db()
    assert (result.slug, result.title) == ("gknb", "政府信息公开年报")
    assert not DisclosureColumnPage.objects.filter(pk=old.pk).exists()
    assert not DisclosureItemPage.objects.filter(slug="gknb-2014").exists()
    assert AnnualReportPage.objects.child_of(result).count() == 1  # kept as it was
    assert len(report.notes) == 2
    # a second run finds the one column
    again = demo.DemoReport()
    assert report_demo.ensure_report_index(section, again, admin_user, demo._publish).pk == index.pk
    assert again.counts["columns"] == [0, 1] and not again.notes


@pytest.mark.django_db
def test_an_old_report_column_with_other_pages_is_kept(admin_user):
    section, old, index = _old_shape(extra_item=True)
    report = demo.DemoReport()
    result = report_demo.ensure_report_index(section, report, admin_user, demo._publish)
    assert DisclosureColumnPage.objects.filter(pk=old.pk).exists()
    assert DisclosureItemPage.objects.filter(slug="bianji").exists()
    assert result.pk == index.pk and result.slug == "ndbg"  # gknb is still taken
    assert any("was kept" in note for note in report.notes)
