"""Chinese full-text search through the real Wagtail search backend and real pages.

Catalogue items are indexed once the saving transaction commits (catalogue/signals.py). A
test runs inside a transaction that never commits, so pages are built inside
``django_capture_on_commit_callbacks(execute=True)``: the callbacks signals.py registers run
when the block ends, as they would at COMMIT. The backend is the configured one: SQLite FTS5
by default, PostgreSQL with DATABASE_URL.
"""

import datetime

import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from wagtail_disclosure.catalogue.pages import DisclosureItemAttachment
from wagtail_disclosure.catalogue.search import search_pages
from wagtail_disclosure.models import DisclosureItemPage

from . import factories as f

pytestmark = pytest.mark.django_db

REPORT_TITLE = "区供销社2014年政府信息公开工作报告"


@pytest.fixture(params=["bigram", "jieba"])
def segmenter(request, settings):
    """Run the test with each segmenter (set before any page is indexed)."""
    current = dict(getattr(django_settings, "WAGTAIL_DISCLOSURE", {}) or {})
    settings.WAGTAIL_DISCLOSURE = {**current, "SEARCH_SEGMENTER": request.param}
    return request.param


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


@pytest.fixture
def catalogue(request, django_capture_on_commit_callbacks):
    """A column with three published items and one draft, all indexed."""
    if "segmenter" in request.fixturenames:
        request.getfixturevalue("segmenter")  # index with the segmenter under test
    with django_capture_on_commit_callbacks(execute=True):
        col = f.column(title="年度报告")
        other_col = f.column(title="通知公告")
        report = f.item(
            col, title=REPORT_TITLE, document_number="鹿供〔2016〕12号",
            published_on=datetime.date(2015, 3, 20), formation_date=datetime.date(2015, 3, 18),
            summary="本报告包括主动公开政府信息情况、依申请公开情况和复议诉讼情况。",
            body="<p>全年办理<strong>再生资源</strong>回收网点备案三件，均已答复。</p>",
        )
        notice = f.item(
            other_col, title="关于开展农资打假专项治理行动的通知",
            document_number="鹿供〔2016〕21号", published_on=datetime.date(2016, 6, 8),
            summary="在全区农资经营网点开展假劣化肥检查。",
            body="<p>严厉打击销售<em>假冒伪劣</em>农药行为。</p>",
        )
        plan = f.item(
            col, title="鹿城区瓯柑产业发展扶持政策", document_number="鹿农〔2020〕12号",
            published_on=datetime.date(2020, 5, 6),
            summary="对瓯柑品种改良、设施栽培和品牌建设给予扶持。",
        )
        draft = f.item(col, title="区供销社2015年政府信息公开工作报告（草稿）", publish=False,
                       summary="尚未发布的报告，含独有词语蓝莓基地。")
    return {"column": col, "report": report, "notice": notice, "plan": plan, "draft": draft}


def found(query):
    return {p.pk for p in search_pages(f.section().items(), query)}


# -- what the search finds ---------------------------------------------------------------------


def test_a_word_inside_a_run_of_chinese_characters_is_found(catalogue, segmenter):
    # The database backends alone treat 区供销社2014年政府信息公开工作报告 as a few long tokens.
    report = catalogue["report"]
    assert found("供销社") == {report.pk}
    assert found("政府信息公开") == {report.pk}
    assert found("工作报告") == {report.pk}


@pytest.mark.parametrize("query", [
    "鹿供〔2016〕12号", "鹿供[2016]12号", "鹿供（2016）12号", "2016 12", "〔2016〕12号",
])
def test_the_document_number_finds_the_item(catalogue, segmenter, query):
    assert found(query) == {catalogue["report"].pk}


def test_a_document_number_prefix_finds_all_its_documents(catalogue, segmenter):
    assert found("鹿供〔2016〕") == {catalogue["report"].pk, catalogue["notice"].pk}
    assert found("鹿农") == {catalogue["plan"].pk}


def test_the_index_number_finds_the_item(catalogue, segmenter):
    report = catalogue["report"]
    number = report.index_number  # assigned on publication, e.g. 014320144/2015-00001
    assert number and "/" in number
    assert found(number) == {report.pk}
    serial = number.split("/", 1)[1]  # 2015-00001
    assert report.pk in found(serial)


def test_words_of_the_summary_and_the_body_are_found(catalogue, segmenter):
    assert found("依申请公开") == {catalogue["report"].pk}  # 内容概述
    assert found("假劣化肥") == {catalogue["notice"].pk}
    assert found("回收网点") == {catalogue["report"].pk}  # body (rich text)
    assert found("假冒伪劣") == {catalogue["notice"].pk}  # inside <em>


def test_all_words_of_a_query_must_match(catalogue, segmenter):
    assert found("瓯柑 扶持") == {catalogue["plan"].pk}
    assert found("瓯柑 供销社") == set()
    assert found("农资 化肥") == {catalogue["notice"].pk}


def test_unpublished_drafts_are_not_found(catalogue, segmenter):
    assert catalogue["draft"].pk not in found("政府信息公开")
    assert found("蓝莓基地") == set()


def test_a_draft_revision_of_a_live_item_is_not_found_until_published(
        catalogue, segmenter, django_capture_on_commit_callbacks):
    plan = DisclosureItemPage.objects.get(pk=catalogue["plan"].pk)
    plan.summary = "新增杨梅种植补助。"
    with django_capture_on_commit_callbacks(execute=True):
        revision = plan.save_revision()
    assert found("杨梅") == set()
    assert found("品种改良") == {plan.pk}  # the live text is still what is indexed
    with django_capture_on_commit_callbacks(execute=True):
        revision.publish()
    assert found("杨梅") == {plan.pk}
    assert found("品种改良") == set()


@pytest.mark.parametrize("query", ["", "   ", "！？。，、", "《》“”——……", "!!!", "〔〕"])
def test_a_query_of_only_punctuation_returns_nothing_without_error(catalogue, query):
    assert found(query) == set()


# -- attachments and when items are indexed ------------------------------------------------------


def _document(title):
    return get_document_model().objects.create(
        title=title, file=ContentFile(b"%PDF-1.4\n", name="attachment.pdf"))


def test_attachment_titles_are_found(media, segmenter, django_capture_on_commit_callbacks):
    col = f.column()
    with django_capture_on_commit_callbacks(execute=True):
        named = _document("附件1.pdf")
        untitled = _document("鹿城区农资价格监测表")
        page = DisclosureItemPage(
            title="关于公布农资网点的通知", slug="with-attachments", organ=f.organ(), live=False,
            attachments=[
                DisclosureItemAttachment(document=named, title="再生资源回收网点分布图"),
                DisclosureItemAttachment(document=untitled),  # falls back to the document title
            ],
        )
        col.add_child(instance=page)
        page.save_revision().publish()
    assert found("分布图") == {page.pk}
    assert found("价格监测") == {page.pk}


def test_an_attachment_added_in_a_later_revision_is_found_once_published(
        media, segmenter, django_capture_on_commit_callbacks):
    col = f.column()
    with django_capture_on_commit_callbacks(execute=True):
        page = f.item(col, title="关于下达专项资金的通知")
    assert found("绩效目标表") == set()
    page = DisclosureItemPage.objects.get(pk=page.pk)
    with django_capture_on_commit_callbacks(execute=True):
        page.attachments.add(
            DisclosureItemAttachment(document=_document("附件"), title="专项资金绩效目标表"))
        revision = page.save_revision()
    assert found("绩效目标表") == set()  # only in the draft
    with django_capture_on_commit_callbacks(execute=True):
        revision.publish()
    assert found("绩效目标表") == {page.pk}


def test_items_are_indexed_when_the_transaction_commits(django_capture_on_commit_callbacks):
    col = f.column()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        page = f.item(col, title="关于开展庄稼医院规范化建设的通知")
        assert found("庄稼医院") == set()  # not yet: the publication has not committed
    assert callbacks
    for callback in callbacks:
        callback()
    assert found("庄稼医院") == {page.pk}


# -- the public pages ----------------------------------------------------------------------------


def test_the_section_search_page_lists_the_found_item_with_its_metadata(catalogue, client):
    report = catalogue["report"]
    url = f.section().url + "search/"
    response = client.get(url, {"q": "供销社"})
    assert response.status_code == 200
    assert [i.pk for i in response.context["items"]] == [report.pk]
    html = response.content.decode()
    for value in (REPORT_TITLE, report.index_number, "鹿供〔2016〕12号", "2015-03-20",
                  "2015-03-18", "温州市鹿城区供销合作社", report.url):
        assert value in html
    assert catalogue["notice"].title not in html
    assert catalogue["draft"].title not in html


@pytest.mark.parametrize("query", ["！？。", "x" * 100, "鹿供〔", "2016-"])
def test_the_search_page_copes_with_odd_queries(catalogue, client, query):
    response = client.get(f.section().url + "search/", {"q": query})
    assert response.status_code == 200


def test_the_search_page_combines_the_keyword_with_the_filters(catalogue, client):
    url = f.section().url + "search/"
    both = client.get(url, {"q": "鹿供 2016"})
    assert {i.pk for i in both.context["items"]} == {catalogue["report"].pk,
                                                    catalogue["notice"].pk}
    only_2016 = client.get(url, {"q": "鹿供 2016", "year": 2016})
    assert [i.pk for i in only_2016.context["items"]] == [catalogue["notice"].pk]


def test_the_column_keyword_filter_narrows_the_listing(catalogue, client):
    col = catalogue["column"]
    everything = client.get(col.url)
    assert {i.pk for i in everything.context["items"]} == {catalogue["report"].pk,
                                                          catalogue["plan"].pk}
    narrowed = client.get(col.url, {"q": "供销社"})
    assert narrowed.status_code == 200
    assert [i.pk for i in narrowed.context["items"]] == [catalogue["report"].pk]
    html = narrowed.content.decode()
    assert REPORT_TITLE in html and catalogue["report"].index_number in html
    assert catalogue["plan"].title not in html
    # the column's keyword filter only searches the column: the notice is in another one
    assert [i.pk for i in client.get(col.url, {"q": "农资"}).context["items"]] == []
