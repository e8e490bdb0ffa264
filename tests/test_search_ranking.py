"""What the searches put first, what else the section's search finds, and the site's own search.

- An exact 文号, 索引号 or title query puts its item first, in the section's search (ordered by
  relevance) and in a column's keyword search (newest first), ahead of newer items and items
  that repeat the same words more often.
- The section's search also lists the annual reports below the section (a second kind of
  result: ``SegmentedSearchField`` in their ``search_fields``).
- A host site's search view: the ``wagtail start`` one finds Chinese words only when they are a
  whole run or a single pair of characters; with ``search_site()`` it finds words of any length,
  and still finds the site's other pages as before.

Items are indexed when their transaction commits (catalogue/signals.py): the fixtures build
them inside ``django_capture_on_commit_callbacks(execute=True)``.
"""

import datetime

import pytest
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.response import TemplateResponse
from django.test import RequestFactory, override_settings
from wagtail_disclosure.catalogue.pages import Page  # the configured base page model

from wagtail_disclosure.catalogue.filters import ExactMatchesFirst, search_or_list
from wagtail_disclosure.catalogue.search import (
    exact_query_variants,
    search_section_pages,
    search_site,
)

from . import factories as f

pytestmark = pytest.mark.django_db

RULES_TITLE = "关于印发鹿城区再生资源回收管理办法的通知"
RULES_NUMBER = "鹿供〔2016〕13号"


@pytest.fixture
def catalogue(django_capture_on_commit_callbacks):
    """Five items sharing words; the one the exact queries name is the oldest."""
    with django_capture_on_commit_callbacks(execute=True):
        f.home_page()
        section = f.section()
        column = f.column(section, title="政策文件")
        other = f.column(section, title="通知公告")
        rules = f.item(column, title=RULES_TITLE, document_number=RULES_NUMBER,
                       published_on=datetime.date(2016, 4, 1),
                       summary="规范再生资源回收经营活动。")
        supplement = f.item(
            column, title=f"{RULES_TITLE}的补充通知", document_number="鹿供〔2017〕2号",
            published_on=datetime.date(2017, 5, 1),
            summary=f"对{RULES_NUMBER}《{RULES_TITLE}》作如下补充。",
            body="<p>" + f"依据{RULES_NUMBER}，再生资源回收管理办法的通知继续有效。" * 6 + "</p>",
        )
        similar_number = f.item(
            other, title="关于鹿城区再生资源回收网点布局的通知", document_number="鹿供〔2016〕131号",
            published_on=datetime.date(2018, 3, 1),
            summary="鹿供 2016 13 号文件的配套网点布局。")
        report = f.item(
            other, title="再生资源回收管理办法实施情况的报告", document_number="鹿供〔2019〕13号",
            published_on=datetime.date(2019, 2, 1),
            body="<p>" + "关于印发鹿城区再生资源回收管理办法的通知的实施情况良好。" * 8 + "</p>")
        procurement = f.item(other, title="2024年办公用品采购结果公告",
                             published_on=datetime.date(2024, 6, 1),
                             summary="采购办公用品一批。")
    return {"section": section, "column": column, "rules": rules, "supplement": supplement,
            "similar_number": similar_number, "report": report, "procurement": procurement}


def section_search(client, section, **params):
    response = client.get(section.url + "search/", params)
    assert response.status_code == 200
    return response


def titles(response):
    return [item.title for item in response.context["items"]]


# -- exact queries first -----------------------------------------------------------------------


@pytest.mark.parametrize("query", [
    RULES_NUMBER, "鹿供[2016]13号", "鹿供（2016）13号", "鹿供(２０１６)13号", f" {RULES_NUMBER} ",
    RULES_TITLE,
])
def test_an_exact_document_number_or_title_comes_first_in_the_section_search(
        client, catalogue, query):
    response = section_search(client, catalogue["section"], q=query)
    found = titles(response)
    assert found[0] == RULES_TITLE
    assert len(found) >= 2  # other items share the words: the order is what is tested
    assert len(found) == len(set(found)) == response.context["page_obj"].paginator.count


@pytest.mark.parametrize("query", [RULES_NUMBER, "鹿供[2016]13号", RULES_TITLE])
def test_an_exact_query_comes_first_in_the_column_keyword_search(client, catalogue, query):
    column = catalogue["column"]
    response = client.get(column.url, {"q": query})
    assert response.status_code == 200
    # newest first otherwise: the 2016 item would come after its 2017 supplement
    assert titles(response) == [RULES_TITLE, f"{RULES_TITLE}的补充通知"]


def test_the_section_search_ranks_others_by_relevance_after_the_exact_match(client, catalogue):
    found = titles(section_search(client, catalogue["section"], q=RULES_TITLE))
    assert found[0] == RULES_TITLE
    assert set(found[1:]) == {f"{RULES_TITLE}的补充通知", "再生资源回收管理办法实施情况的报告"}


def test_the_index_number_comes_first(client, catalogue):
    rules = catalogue["rules"]
    response = section_search(client, catalogue["section"], q=rules.index_number)
    assert titles(response)[0] == RULES_TITLE


def test_a_query_that_is_only_part_of_a_title_keeps_the_usual_order(client, catalogue):
    response = client.get(catalogue["column"].url, {"q": "再生资源回收管理办法"})
    assert titles(response) == [f"{RULES_TITLE}的补充通知", RULES_TITLE]  # newest first


def test_filters_still_apply_to_the_exact_match(client, catalogue):
    section = catalogue["section"]
    assert RULES_TITLE not in titles(section_search(client, section, q=RULES_NUMBER, year=2017))
    response = section_search(client, section, q=RULES_NUMBER, year=2016)
    assert titles(response)[0] == RULES_TITLE


@override_settings(WAGTAIL_DISCLOSURE={"PAGE_SIZE": 1})
def test_pages_of_results_neither_repeat_nor_skip_an_item(client, catalogue):
    section = catalogue["section"]
    first = section_search(client, section, q=RULES_NUMBER)
    total = first.context["page_obj"].paginator.count
    assert total >= 3
    seen = []
    for number in range(1, total + 1):
        seen += titles(section_search(client, section, q=RULES_NUMBER, page=number))
    assert seen[0] == RULES_TITLE
    assert len(seen) == len(set(seen)) == total
    # past the end: the last page, as for any listing
    assert titles(section_search(client, section, q=RULES_NUMBER, page=99)) == seen[-1:]


def test_exact_matches_first_slices_like_a_list(catalogue):
    items = catalogue["section"].items().order_by("-published_on", "-pk")
    results = search_or_list(items, {"q": RULES_NUMBER})
    assert isinstance(results, ExactMatchesFirst)
    everything = list(results)
    assert everything[0].pk == catalogue["rules"].pk
    assert results.count() == len(everything)
    for start in range(len(everything) + 1):
        for stop in range(start, len(everything) + 2):
            assert [p.pk for p in results[start:stop]] == [p.pk for p in everything[start:stop]]
    assert results[1].pk == everything[1].pk


def test_exact_query_variants_are_bounded():
    assert exact_query_variants("") == []
    assert exact_query_variants("   ") == []
    assert exact_query_variants("字" * 256) == []
    variants = exact_query_variants("鹿供[２０１６]13号")
    assert "鹿供〔2016〕13号" in variants and len(variants) <= 8
    assert exact_query_variants("供销社") == ["供销社"]


# -- annual reports in the section's search ---------------------------------------------------


@pytest.fixture
def reports(catalogue):
    return {
        "2024": f.annual_report(year=2024),  # 2024年政府信息公开工作年度报告
        "draft": f.annual_report(year=2023, publish=False),
    }


def test_the_section_search_finds_the_annual_reports(client, reports):
    section = f.section()
    for query in ["年度报告", "2024 工作年度报告", "2024年政府信息公开工作年度报告", "信息公开"]:
        response = section_search(client, section, q=query)
        others = [page.title for page in response.context["other_results"]]
        assert others == [reports["2024"].title], query
        assert reports["2024"].url in response.content.decode()
    # a word of the report's body (its default text), not of its title
    assert search_section_pages(section, "总体情况") == [reports["2024"].specific]


def test_reports_are_listed_only_for_a_keyword_alone_on_the_first_page(client, reports):
    section = f.section()
    assert section_search(client, section, q="年度报告", year=2024).context["other_results"] == []
    assert section_search(client, section, q="不存在的词语").context["other_results"] == []
    assert section_search(client, section).context["other_results"] == []


def test_the_column_pages_are_not_other_results(client, reports):
    section = f.section()
    assert section_search(client, section, q="政策文件").context["other_results"] == []


# -- the host site's own search ----------------------------------------------------------------


def stock_search_view(request):
    """The search view of ``wagtail start``'s project template (Wagtail 7.4 and 8), verbatim
    but for the one line that a site changes (``search_with``)."""
    search_query = request.GET.get("query", None)
    page = request.GET.get("page", 1)

    # Search
    if search_query:
        search_results = request.search_with(search_query)
    else:
        search_results = Page.objects.none()

    # Pagination
    paginator = Paginator(search_results, 10)
    try:
        search_results = paginator.page(page)
    except PageNotAnInteger:
        search_results = paginator.page(1)
    except EmptyPage:
        search_results = paginator.page(paginator.num_pages)

    return TemplateResponse(request, "search/search.html", {
        "search_query": search_query,
        "search_results": search_results,
    })


def stock(query):
    return Page.objects.live().search(query)  # the template's line


def with_search_site(query):
    return search_site(Page.objects.live(), query)  # the line of docs/how-to/site-search.md


def site_search(query, search_with):
    request = RequestFactory().get("/search/", {"query": query})
    request.search_with = search_with
    response = stock_search_view(request)
    return {page.title for page in response.context_data["search_results"].object_list}


@pytest.fixture
def site_pages(catalogue):
    home = f.home_page()
    about = home.add_child(instance=Page(title="联系我们", slug="lianxi"))
    about.save_revision().publish()
    return {"about": about}


@pytest.mark.parametrize("query, title", [
    ("采购", "2024年办公用品采购结果公告"),         # 2 characters
    ("鹿城区", "关于鹿城区再生资源回收网点布局的通知"),  # 3
    ("办公用品", "2024年办公用品采购结果公告"),      # 4
    ("再生资源", "关于鹿城区再生资源回收网点布局的通知"),
    ("网点布局", "关于鹿城区再生资源回收网点布局的通知"),
    ("回收网点布局", "关于鹿城区再生资源回收网点布局的通知"),  # 6
])
def test_the_site_search_finds_items_for_words_of_any_length(site_pages, query, title):
    assert title in site_search(query, with_search_site)


def test_the_stock_search_misses_words_longer_than_two_characters(site_pages):
    # why the one line is needed: the backend compares whole tokens, and the index of an item
    # holds its single characters and pairs, not its longer words
    assert "2024年办公用品采购结果公告" in site_search("采购", stock)
    assert "2024年办公用品采购结果公告" not in site_search("办公用品", stock)
    assert "关于鹿城区再生资源回收网点布局的通知" not in site_search("再生资源", stock)


def test_the_site_search_still_finds_what_the_stock_search_finds(site_pages):
    # 联系我们 is a page of the host site, indexed by Wagtail as a whole word
    assert site_search("联系我们", stock) == {"联系我们"}
    assert site_search("联系我们", with_search_site) == {"联系我们"}
    assert site_search("通知公告", with_search_site) >= {"通知公告"}


def test_the_site_search_never_lists_drafts_nor_errs_on_punctuation(site_pages, catalogue,
                                                                   django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        f.item(catalogue["column"], title="尚未发布的蓝莓基地通知", publish=False)
    assert site_search("蓝莓基地", with_search_site) == set()
    assert site_search("，。、", with_search_site) == set()


def test_the_pages_api_searches_like_the_site_search(client, site_pages):
    def api_titles(**params):
        response = client.get("/api/v2/pages/", params)
        assert response.status_code == 200
        return {page["title"] for page in response.json()["items"]}

    assert "关于鹿城区再生资源回收网点布局的通知" in api_titles(search="再生资源")
    assert api_titles(search="联系我们") == {"联系我们"}
    assert api_titles(search="，。") == set()
    # with OR, either word is enough
    either = api_titles(search="网点布局 办公用品", search_operator="or")
    assert {"关于鹿城区再生资源回收网点布局的通知", "2024年办公用品采购结果公告"} <= either
    assert api_titles(search="网点布局 办公用品") == set()
