"""The catalogue's JSON API (wagtail_disclosure/api/catalogue.py) against the HTML listing.

The parity tests ask the column page (and the section's search page) and the API the same
question and compare what comes back: the ids in order, the total, the page and the number of
pages, the filters applied and those ignored. The items are indexed for search as on a real
site (``django_capture_on_commit_callbacks(execute=True)``, as in test_search.py).
"""

import datetime
import json

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import PageViewRestriction

from tests import factories as f
from wagtail_disclosure.api.catalogue import MAX_PAGE_SIZE
from wagtail_disclosure.catalogue.choices import ItemKind, PowerKind, Validity
from wagtail_disclosure.catalogue.pages import DisclosureIndexPage
from wagtail_disclosure.catalogue.snippets import PublishingOrgan, Topic

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _render_every_time(settings):
    """The parity checks read the column page's template context, which a cached answer
    has not: the page cache (on in the example site) is off here."""
    settings.WAGTAIL_DISCLOSURE = {**settings.WAGTAIL_DISCLOSURE, "PAGE_CACHE": False}

BASE = "/api/disclosure/"
ORIGIN = "https://app.example.gov.cn"
PAGE_SIZE = 3


def _with(settings, **values):
    current = dict(getattr(settings, "WAGTAIL_DISCLOSURE", {}) or {})
    settings.WAGTAIL_DISCLOSURE = {**current, **values}


@pytest.fixture
def small_pages(settings):
    _with(settings, PAGE_SIZE=PAGE_SIZE)


@pytest.fixture
def catalogue(small_pages, django_capture_on_commit_callbacks):
    """A column with a sub-column and items across years, topics, organs, kinds, validities
    and pages; a draft, an item of another column and a private column that must not show."""
    d = datetime.date
    with django_capture_on_commit_callbacks(execute=True):
        section = f.section()
        col = f.column(section, title="法定主动公开内容")
        sub = f.column(col, title="政策法规")
        other_col = f.column(section, title="通知公告")
        organ_a = f.organ()
        organ_a.phone, organ_a.address = "0577-88889999", "人民路1号供销大楼"
        organ_a.save()
        organ_b = f.organ(name="温州市鹿城区再生资源管理办公室", code="000000777")
        child = f.topic("综合政务\\政务公开")
        parent = f.topic("综合政务")
        elsewhere = Topic.objects.filter(parent=None).exclude(pk=parent.pk).first()
        items = {
            "rules": f.item(col, title="社有资产管理办法", document_number="鹿供〔2022〕1号",
                            kind="regulation", topic=child, published_on=d(2022, 1, 10)),
            "normative": f.item(sub, title="农资储备资金管理办法", kind="normative_document",
                                topic=parent, organ_obj=organ_b, published_on=d(2022, 5, 1)),
            "repealed": f.item(sub, title="旧的收费规定", validity="repealed",
                               repeal_date=d(2023, 12, 1), published_on=d(2023, 2, 1)),
            "news": f.item(col, title="农资打假专项行动开展情况", kind="work_news",
                           topic=elsewhere, published_on=d(2023, 6, 1)),
            "penalty": f.power_item(sub, title="再生资源回收违法行为处罚",
                                    power_kind=PowerKind.PENALTY, published_on=d(2023, 6, 1)),
            "amended": f.item(col, title="再生资源回收站点管理办法", kind="normative_document",
                              validity="amended", repeal_date=d(2024, 6, 1), organ_obj=organ_b,
                              published_on=d(2024, 1, 5)),
            "expired": f.item(col, title="2023年度工作要点", validity="expired",
                              repeal_date=d(2024, 1, 1), published_on=d(2024, 3, 3)),
            "rules2": f.item(sub, title="社有企业监督规定", kind="regulation", topic=child,
                             organ_obj=organ_b, published_on=d(2024, 7, 7)),
            "licensing": f.power_item(col, title="再生资源回收经营者备案",
                                      power_kind=PowerKind.LICENSING, topic=elsewhere,
                                      published_on=d(2025, 1, 1)),
            "budget": f.item(col, title="2025年部门预算", kind="budget", topic=elsewhere,
                             published_on=d(2025, 2, 2)),
            "notice": f.item(sub, title="关于农资市场检查的通知", kind="work_news",
                             organ_obj=organ_b, published_on=d(2025, 3, 3)),
        }
        draft = f.item(col, title="农资草稿", publish=False)
        outside = f.item(other_col, title="农资另一栏目", published_on=d(2024, 5, 5))
        private_col = f.column(section, title="内部栏目")
        private = f.item(private_col, title="农资内部条目", published_on=d(2024, 5, 6))
        PageViewRestriction.objects.create(page=private_col, restriction_type="password",
                                           password="secret")
    return {"section": section, "col": col, "sub": sub, "other_col": other_col,
            "private_col": private_col, "items": items, "draft": draft, "outside": outside,
            "private": private, "organs": (organ_a, organ_b),
            "topics": (parent, child, elsewhere)}


def api_get(client, page_id, endpoint="items", params=None, **extra):
    return client.get(f"{BASE}columns/{page_id}/{endpoint}", params or {}, **extra)


def html_listing(client, container, params):
    """What the HTML page shows: (ids, count, page number, number of pages, applied filters,
    names of the ignored filters)."""
    url = container.url
    if isinstance(container, DisclosureIndexPage):
        url += "search/"
    response = client.get(url, params)
    assert response.status_code == 200
    page_obj = response.context["page_obj"]
    applied = {k: (v.pk if isinstance(v, PublishingOrgan) else v)
               for k, v in response.context["filters_applied"].items()}
    return ([item.pk for item in page_obj.object_list], page_obj.paginator.count,
            page_obj.number, page_obj.paginator.num_pages, applied,
            set(response.context["filter_form"].errors))


def api_listing(client, container, params):
    response = api_get(client, container.pk, params=params)
    assert response.status_code == 200, response.content
    data = response.json()
    assert len(data["items"]) <= data["page_size"]
    ignored = set(data["ignored"]) - {"page", "page_size"}
    applied = {k: v for k, v in data["applied"].items() if v is not None}
    return ([item["id"] for item in data["items"]], data["count"], data["page"],
            data["num_pages"], applied, ignored)


def assert_parity(client, container, params):
    html = html_listing(client, container, params)
    api = api_listing(client, container, params)
    assert api == html, f"API and HTML differ for {params!r}"
    return api


def _case_id(params):
    return "&".join(f"{k}={v}" for k, v in params.items())[:60] or "none"


# -- parity: the items endpoint gives what the column page shows ---------------------------


def test_every_single_filter_matches_the_column_page(client, catalogue):
    col = catalogue["col"]
    parent, child, elsewhere = catalogue["topics"]
    organ_a, organ_b = catalogue["organs"]
    unused_topic = Topic.objects.exclude(pk__in=[parent.pk, child.pk, elsewhere.pk]).exclude(
        parent=None).first()
    cases = [{}]
    cases += [{"year": year} for year in (2022, 2023, 2024, 2025)]
    cases += [{"topic": t.pk} for t in (parent, child, elsewhere, unused_topic)]
    cases += [{"organ": o.pk} for o in (organ_a, organ_b)]
    cases += [{"kind": kind} for kind in ItemKind.values]
    cases += [{"validity": validity} for validity in Validity.values]
    seen_totals = set()
    for params in cases:
        ids, count, *_rest = assert_parity(client, col, params)
        seen_totals.add(count)
    # The data are varied enough for the comparison to mean something.
    everything = assert_parity(client, col, {})
    assert everything[1] == 11 and everything[3] == 4  # 11 items, pages of 3
    assert len(seen_totals) >= 5
    assert catalogue["draft"].pk not in everything[0]


@pytest.mark.parametrize("params", [
    {"year": 2024, "kind": "normative_document"},
    {"year": 2023, "validity": "in_force"},
    {"topic": "PARENT", "organ": "B"},
    {"organ": "B", "kind": "regulation", "year": 2024},
    {"topic": "CHILD", "validity": "in_force", "kind": "regulation"},
    {"year": 2025, "page": 2},
    {"kind": "power_item", "year": 2023},
], ids=_case_id)
def test_combined_filters_match_the_column_page(client, catalogue, params):
    parent, child, _elsewhere = catalogue["topics"]
    substitutions = {"PARENT": parent.pk, "CHILD": child.pk, "B": catalogue["organs"][1].pk}
    params = {k: substitutions.get(v, v) for k, v in params.items()}
    ids, count, *_rest = assert_parity(client, catalogue["col"], params)
    assert count >= 1


@pytest.mark.parametrize("params", [
    {"year": "abc"}, {"year": "1"}, {"year": "2021"}, {"topic": "999999"}, {"topic": "x"},
    {"organ": "0"}, {"organ": "abc"}, {"organ": "99999999999999999999999"},
    {"kind": "nonsense"}, {"validity": "<script>"}, {"q": "x" * 500},
    {"page": "abc"}, {"page": "-1"}, {"page": "0"}, {"page": "1e9"}, {"page": "2.5"},
    {"year": "2024", "kind": "nonsense"}, {"year": ["2022", "2024"]},
    {"year": "", "topic": "", "page": ""},
], ids=_case_id)
def test_bad_values_are_ignored_as_on_the_column_page(client, catalogue, params):
    ids, count, page, num_pages, applied, ignored = assert_parity(
        client, catalogue["col"], params)
    data = api_get(client, catalogue["col"].pk, params=params).json()
    assert data["count"] == count
    given = {k for k, v in params.items() if v not in ("", [])}
    for name in given - set(applied) - {"page"}:
        assert name in data["ignored"]  # given, not applied: said so, never an error
    assert ("page" in data["ignored"]) == ("page" in given)
    if params == {"year": "2024", "kind": "nonsense"}:
        assert applied == {"year": 2024} and data["ignored"] == ["kind"] and count == 3


def test_pages_and_past_the_end_match_the_column_page(client, catalogue):
    col = catalogue["col"]
    seen = []
    for number in (1, 2, 3, 4):
        ids, count, page, num_pages, *_rest = assert_parity(client, col, {"page": number})
        assert page == number and num_pages == 4
        seen.extend(ids)
    assert len(seen) == len(set(seen)) == 11  # every item once, across the pages
    past = assert_parity(client, col, {"page": 5})
    assert past[2] == 4  # the last page
    far = assert_parity(client, col, {"page": "99999999999999999999"})
    assert far[2] == 4
    data = api_get(client, col.pk, params={"page": 5}).json()
    assert data["page"] == 4 and "page" not in data["ignored"]


@pytest.mark.parametrize("params", [
    {"q": "农资"}, {"q": "管理办法"}, {"q": "农资", "year": 2025}, {"q": "管理办法", "page": 2},
    {"q": "鹿供〔2022〕1号"}, {"q": "再生资源", "kind": "power_item"}, {"q": "。。"},
    {"q": "没有这样的词语"},
], ids=_case_id)
def test_keyword_matches_the_column_page(client, catalogue, params):
    ids, count, *_rest = assert_parity(client, catalogue["col"], params)
    if params["q"] == "农资" and len(params) == 1:
        # the draft, the other column's and the private column's items are not found
        assert count == 3
        assert not {catalogue[k].pk for k in ("draft", "outside", "private")} & set(ids)


@pytest.mark.parametrize("params", [
    {}, {"year": 2024}, {"page": 2}, {"q": "农资"}, {"q": "管理办法", "organ": "B"},
    {"kind": "nonsense", "page": 99},
], ids=_case_id)
def test_the_section_id_lists_as_the_section_search_page(client, catalogue, params):
    params = {k: (catalogue["organs"][1].pk if v == "B" else v) for k, v in params.items()}
    ids, count, *_rest = assert_parity(client, catalogue["section"], params)
    if not params:
        # the section's items: every column's, not the private one's
        assert count == 12


def test_a_sub_column_lists_only_its_own_items(client, catalogue):
    ids, count, *_rest = assert_parity(client, catalogue["sub"], {})
    assert count == 5


# -- what an item carries -----------------------------------------------------------------


def test_items_carry_the_catalogue_metadata_and_no_personal_data(client, catalogue):
    items = catalogue["items"]
    organ_a, organ_b = catalogue["organs"]
    data = api_get(client, catalogue["col"].pk, params={"page_size": MAX_PAGE_SIZE},
                   HTTP_ACCEPT_LANGUAGE="en").json()
    assert data["column"]["id"] == catalogue["col"].pk
    assert data["column"]["type"] == "column"
    by_id = {item["id"]: item for item in data["items"]}
    assert len(by_id) == 11
    expected_keys = {"id", "title", "url", "index_number", "organ", "document_number",
                     "written_on", "published_on", "topic", "kind", "validity", "power_kind"}
    for item in data["items"]:
        assert set(item) == expected_keys
        assert set(item["organ"]) == {"id", "name", "code"}
        assert item["index_number"]
        assert item["url"].startswith("http")

    rules = by_id[items["rules"].pk]
    child = catalogue["topics"][1]
    assert rules["title"] == "社有资产管理办法"
    assert rules["index_number"] == items["rules"].index_number
    assert rules["organ"] == {"id": organ_a.pk, "name": organ_a.name, "code": organ_a.code}
    assert rules["document_number"] == "鹿供〔2022〕1号"
    assert rules["written_on"] == "2022-01-10"  # the factory dates 成文日期 no later than 发布日期
    assert rules["published_on"] == "2022-01-10"
    assert rules["topic"] == {"id": child.pk, "name": "政务公开", "path": "综合政务\\政务公开"}
    assert rules["kind"] == {"value": "regulation", "label": "Rules (regulation)"}
    assert rules["validity"] == {"value": "in_force", "label": "In force"}
    assert rules["power_kind"] is None
    assert rules["url"].endswith(items["rules"].url)

    assert by_id[items["normative"].pk]["organ"]["id"] == organ_b.pk
    assert by_id[items["repealed"].pk]["validity"] == {"value": "repealed",
                                                       "label": "Repealed"}
    assert by_id[items["penalty"].pk]["kind"]["value"] == "power_item"
    assert by_id[items["penalty"].pk]["power_kind"] == {
        "value": "penalty", "label": "Administrative penalty"}
    assert by_id[items["licensing"].pk]["power_kind"]["value"] == "licensing"
    assert by_id[items["expired"].pk]["topic"] is None

    # The organ's contact details and the editors' data never leave.
    raw = api_get(client, catalogue["col"].pk, params={"page_size": MAX_PAGE_SIZE}).content
    text = raw.decode()
    for secret in (organ_a.phone, organ_a.address, "owner", "email", "password"):
        assert secret not in text


def test_labels_follow_accept_language(client, catalogue):
    data = api_get(client, catalogue["col"].pk, params={"kind": "regulation"},
                   HTTP_ACCEPT_LANGUAGE="zh-hans").json()
    with translation.override("zh-hans"):
        expected = str(ItemKind.REGULATION.label)
    assert data["items"][0]["kind"]["label"] == expected
    assert expected != "Rules (regulation)"


def test_applied_ignored_and_page_size(client, catalogue):
    organ_b = catalogue["organs"][1]
    col = catalogue["col"]
    data = api_get(client, col.pk, params={
        "q": "管理办法", "year": "2024", "organ": organ_b.pk, "kind": "bad", "validity": "",
        "page": "x", "page_size": "0"}).json()
    assert data["applied"] == {"q": "管理办法", "year": 2024, "organ": organ_b.pk,
                               "topic": None, "kind": None, "validity": None}
    assert data["ignored"] == ["kind", "page", "page_size"]
    assert data["page_size"] == PAGE_SIZE and data["page"] == 1
    assert [i["id"] for i in data["items"]] == [catalogue["items"]["amended"].pk]

    capped = api_get(client, col.pk, params={"page_size": 10_000}).json()
    assert capped["page_size"] == MAX_PAGE_SIZE and len(capped["items"]) == 11
    assert capped["num_pages"] == 1 and capped["ignored"] == []
    five = api_get(client, col.pk, params={"page_size": 5, "page": 2}).json()
    assert five["num_pages"] == 3 and len(five["items"]) == 5


def test_page_size_pages_as_the_html_would_with_that_page_size(client, catalogue, settings):
    col = catalogue["col"]
    api = [api_listing(client, col, {"page_size": 4, "page": n})[:4] for n in (1, 2, 3)]
    _with(settings, PAGE_SIZE=4)
    html = [html_listing(client, col, {"page": n})[:4] for n in (1, 2, 3)]
    assert api == html


# -- the filters endpoint -----------------------------------------------------------------


def test_filter_counts_equal_the_counts_of_the_html_listing(client, catalogue):
    col = catalogue["col"]
    data = api_get(client, col.pk, "filters", HTTP_ACCEPT_LANGUAGE="en").json()
    assert data["column"]["id"] == col.pk
    assert data["count"] == html_listing(client, col, {})[1] == 11

    response = client.get(col.url)
    form = response.context["filter_form"]
    # The same choices as the column page's form, in the same order.
    assert [y["value"] for y in data["years"]] == [
        v for v, _label in form.fields["year"].choices if v != ""] == [2025, 2024, 2023, 2022]
    assert [t["value"] for t in data["topics"]] == [
        v for v, _label in form.fields["topic"].choices if v != ""]
    assert [o["value"] for o in data["organs"]] == [
        v for v, _label in form.fields["organ"].choices if v != ""]
    assert [k["value"] for k in data["kinds"]] == ItemKind.values
    assert [v["value"] for v in data["validity"]] == Validity.values

    checked = 0
    for name, key in (("years", "year"), ("topics", "topic"), ("organs", "organ"),
                      ("kinds", "kind"), ("validity", "validity")):
        choices = data[name]
        if name == "topics":  # all national topics: those with items and a few without
            with_items = [c for c in choices if c["count"]]
            choices = with_items + [c for c in choices if not c["count"]][:3]
        for choice in choices:
            html_count = html_listing(client, col, {key: choice["value"]})[1]
            assert choice["count"] == html_count, (key, choice)
            checked += 1
        if name != "topics":
            assert sum(c["count"] for c in data[name]) == data["count"]
    assert checked >= 25

    parent, child, _elsewhere = catalogue["topics"]
    topics = {t["value"]: t for t in data["topics"]}
    assert topics[child.pk]["parent"] == parent.pk and topics[child.pk]["name"] == "政务公开"
    assert topics[child.pk]["label"] == "综合政务\\政务公开"
    assert topics[parent.pk]["count"] == 3  # its own item and its sub-topic's two
    organs = {o["value"]: o for o in data["organs"]}
    organ_b = catalogue["organs"][1]
    assert organs[organ_b.pk] == {"value": organ_b.pk, "label": organ_b.name,
                                  "code": organ_b.code, "count": 4}
    kinds = {k["value"]: k for k in data["kinds"]}
    assert kinds["power_item"] == {"value": "power_item", "label": "Administrative power item",
                                   "count": 2}
    assert {"value": 2024, "label": "2024", "count": 3} in data["years"]


def test_filters_of_the_section(client, catalogue):
    data = api_get(client, catalogue["section"].pk, "filters").json()
    assert data["column"]["type"] == "section"
    assert data["count"] == 12  # the other column's item too, not the private one
    assert {"value": 2024, "label": "2024", "count": 4} in data["years"]


# -- bounded queries ----------------------------------------------------------------------


def _queries(client, url, params):
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(captured)


def test_queries_are_bounded_and_do_not_grow_with_the_items(client, catalogue,
                                                            django_assert_max_num_queries,
                                                            django_capture_on_commit_callbacks):
    col = catalogue["col"]
    items_url, filters_url = f"{BASE}columns/{col.pk}/items", f"{BASE}columns/{col.pk}/filters"
    everything = {"page_size": MAX_PAGE_SIZE}
    # a keyword that finds plain and power items, with a filter that needs a query of its own
    elsewhere = catalogue["topics"][2]
    searched = {"q": "再生资源", "topic": elsewhere.pk, "page_size": MAX_PAGE_SIZE}
    assert api_get(client, col.pk, params=searched).json()["count"] == 1  # a power item
    before = [_queries(client, items_url, everything), _queries(client, items_url, searched),
              _queries(client, filters_url, {})]
    with django_assert_max_num_queries(15):
        client.get(items_url, everything)
    with django_assert_max_num_queries(15):
        client.get(items_url, searched)
    with django_assert_max_num_queries(12):
        client.get(filters_url)

    organ_c = f.organ(name="温州市鹿城区农合联", code="000000888")
    plain_kinds = [k for k in ItemKind.values if k != ItemKind.POWER_ITEM]
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(8):
            f.item(catalogue["sub"], title=f"再生资源管理办法第{n}号", organ_obj=organ_c,
                   kind=plain_kinds[n % len(plain_kinds)], topic=elsewhere,
                   published_on=datetime.date(2019 + n % 3, 1, n + 1))
            f.power_item(col, title=f"再生资源行政检查{n}", power_kind=PowerKind.INSPECTION,
                         topic=elsewhere, published_on=datetime.date(2020, 2, n + 1))
    after = [_queries(client, items_url, everything), _queries(client, items_url, searched),
             _queries(client, filters_url, {})]
    assert api_get(client, col.pk, params=everything).json()["count"] == 27
    found = api_get(client, col.pk, params=searched).json()
    assert found["count"] == 17
    assert {i["power_kind"]["value"] for i in found["items"] if i["power_kind"]} == {
        "inspection", "licensing"}
    assert after == before


# -- errors -------------------------------------------------------------------------------


def test_unknown_unpublished_private_and_other_pages_are_404(client, catalogue):
    unpublished = f.column(catalogue["section"], title="未发布栏目")
    unpublished.unpublish()
    for page_id in (999999, 0, catalogue["private_col"].pk, unpublished.pk,
                    catalogue["items"]["rules"].pk, f.home_page().pk, 2**63, 10**30):
        for endpoint in ("items", "filters"):
            response = api_get(client, page_id, endpoint)
            assert response.status_code == 404, (page_id, endpoint)
            assert response["Content-Type"].startswith("application/json")
            assert response.json()["detail"]
    response = api_get(client, "abc")
    assert response.status_code == 422
    assert "column_id" in response.json()["errors"]


# -- CORS -----------------------------------------------------------------------------------


def test_cors_follows_the_allowed_origins_setting(client, catalogue, settings):
    col = catalogue["col"]
    for endpoint in ("items", "filters"):
        response = api_get(client, col.pk, endpoint, HTTP_ORIGIN=ORIGIN)
        assert response.status_code == 200
        assert "Access-Control-Allow-Origin" not in response  # none allowed by default

    _with(settings, API_ALLOWED_ORIGINS=[ORIGIN])
    for endpoint in ("items", "filters"):
        response = api_get(client, col.pk, endpoint, HTTP_ORIGIN=ORIGIN)
        assert response.status_code == 200
        assert response["Access-Control-Allow-Origin"] == ORIGIN
        assert "Origin" in response["Vary"]
        preflight = client.options(f"{BASE}columns/{col.pk}/{endpoint}", HTTP_ORIGIN=ORIGIN,
                                   HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET")
        assert preflight.status_code == 204
        assert preflight["Access-Control-Allow-Origin"] == ORIGIN
        assert "GET" in preflight["Access-Control-Allow-Methods"]
        assert "Access-Control-Allow-Credentials" not in preflight

        other = api_get(client, col.pk, endpoint, HTTP_ORIGIN="https://evil.example")
        assert other.status_code == 200
        assert "Access-Control-Allow-Origin" not in other
        other_preflight = client.options(f"{BASE}columns/{col.pk}/{endpoint}",
                                         HTTP_ORIGIN="https://evil.example")
        assert "Access-Control-Allow-Origin" not in other_preflight
        assert "Access-Control-Allow-Methods" not in other_preflight
    # the 404 of an unknown column carries the header too, so the front end can read it
    missing = api_get(client, 999999, HTTP_ORIGIN=ORIGIN)
    assert missing.status_code == 404 and missing["Access-Control-Allow-Origin"] == ORIGIN


# -- OpenAPI ----------------------------------------------------------------------------------


def test_openapi_documents_both_endpoints(client):
    document = json.loads(client.get(BASE + "openapi.json").content)
    paths = document["paths"]
    items = paths["/api/disclosure/columns/{column_id}/items"]["get"]
    filters = paths["/api/disclosure/columns/{column_id}/filters"]["get"]
    names = {p["name"] for p in items["parameters"]}
    assert {"column_id", "q", "year", "topic", "organ", "kind", "validity", "page",
            "page_size"} <= names
    for operation in (items, filters):
        assert {"200", "404"} <= set(operation["responses"])
    schemas = document["components"]["schemas"]
    item_schema = schemas["ItemOut"]["properties"]
    assert {"index_number", "organ", "document_number", "written_on", "published_on",
            "topic", "kind", "validity", "power_kind"} <= set(item_schema)
    assert {"years", "topics", "organs", "kinds", "validity"} <= set(
        schemas["FiltersOut"]["properties"])
    # the request API's paths are still there
    assert "/api/disclosure/requests/{tracking_number}" in paths
