"""What a visitor sees on the public pages: the 公开目录 tree, pagination with page numbers, the
kind of power in listings, error messages, titles, the applicant's result, the error pages."""

import datetime
import re

import pytest
from django.conf import settings as django_settings
from django.test import RequestFactory, override_settings
from django.utils import translation
from django.utils.translation import pgettext
from wagtail.models import PageViewRestriction, Site

from wagtail_disclosure.catalogue.navigation import build_tree, section_tree, tree_pages
from wagtail_disclosure.requests.outcomes import BY_KEY, ROWS, without_counting_note
from wagtail_disclosure.templatetags.disclosure_navigation import page_numbers
from wagtail_disclosure.templatetags.disclosure_public import field_error

from . import factories as f

pytestmark = pytest.mark.django_db


def html_of(client, url, **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code == 200, url
    return response.content.decode()


def tree_nav(html):
    match = re.search(r'<nav class="wd-tree-nav".*?</nav>', html, re.S)
    assert match, "no 公开目录 tree on the page"
    return match.group(0)


@pytest.fixture
def catalogue():
    """政府信息公开 › 工作动态, 法定主动公开内容 › (规范性文件 › 2024年, 权责清单), a draft column,
    a restricted column, 年报 (report index) and 依申请公开 (request form)."""
    f.home_page()
    section = f.section()
    news = f.column(section, "工作动态")
    statutory = f.column(section, "法定主动公开内容")
    normative = f.column(statutory, "规范性文件")
    year_2024 = f.column(normative, "2024年")
    powers = f.column(statutory, "权责清单")
    draft = f.column(section, "草稿栏目")
    draft.unpublish()
    private = f.column(section, "内部栏目")
    f.column(private, "内部子栏目")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    reports = f.report_index(section)
    form_page = f.request_form_page(section)
    item = f.item(year_2024, title="关于印发某办法的通知")
    return {"section": section, "news": news, "statutory": statutory, "normative": normative,
            "year_2024": year_2024, "powers": powers, "draft": draft, "private": private,
            "reports": reports, "form_page": form_page, "item": item}


# -- the 公开目录 tree -------------------------------------------------------------------------


def titles(nodes):
    return [(n.page.title, titles(n.children)) for n in nodes]


def test_tree_is_the_live_public_columns_and_the_sections_other_children(catalogue):
    c = catalogue
    tree = section_tree(c["section"])
    assert titles(tree) == [
        ("工作动态", []),
        ("法定主动公开内容", [("规范性文件", [("2024年", [])]), ("权责清单", [])]),
        (c["reports"].title, []),
        (c["form_page"].title, []),
    ]


def test_tree_reads_the_tree_in_one_query(catalogue, django_assert_num_queries):
    section = catalogue["section"]
    tree_pages(section)  # warm the content-type cache
    with django_assert_num_queries(1):
        pages = tree_pages(section)
    assert catalogue["item"].pk not in {p.pk for p in pages}  # items are not in the tree


def test_tree_marks_where_the_visitor_is(catalogue):
    c = catalogue
    # on an item: its column is the location, the branches above it are open
    tree = section_tree(c["item"])
    statutory = tree[1]
    normative = statutory.children[0]
    year_2024 = normative.children[0]
    assert (statutory.expanded, normative.expanded, year_2024.expanded) == (True, True, True)
    assert [statutory.aria_current, normative.aria_current, year_2024.aria_current] == [
        "", "", "location"]
    assert tree[0].expanded is False and tree[0].aria_current == ""
    # on a column: that column is the page
    tree = section_tree(c["normative"])
    assert tree[1].children[0].aria_current == "page"
    assert tree[1].aria_current == ""
    assert tree[1].children[1].expanded is False  # 权责清单: not on the way


def test_tree_leaves_out_a_branch_whose_parent_is_not_shown(catalogue):
    c = catalogue
    orphan = f.column(c["draft"], "草稿下的栏目")  # live, but its parent is a draft
    pages = tree_pages(c["section"])
    assert orphan.pk in {p.pk for p in pages}
    assert "草稿下的栏目" not in str(titles(build_tree(pages, c["section"])))


@pytest.mark.parametrize("key", ["section", "news", "year_2024", "item", "powers"])
def test_tree_is_on_the_section_column_and_item_pages(catalogue, client, key):
    c = catalogue
    page = c[key]
    html = html_of(client, page.url)
    nav = tree_nav(html)
    assert 'aria-label="' in nav and "<details" in nav and "<summary" in nav
    for column in ("工作动态", "法定主动公开内容", "规范性文件", "权责清单"):
        assert f">{column}</a>" in nav
    assert "草稿栏目" not in nav and "内部栏目" not in nav
    assert f'href="{c["reports"].url}"' in nav and f'href="{c["form_page"].url}"' in nav
    if key == "item":
        assert re.search(r'aria-current="location">2024年</a>', nav)
    elif key != "section":
        assert re.search(rf'aria-current="page">{page.title}</a>', nav)
    else:
        assert "aria-current" not in nav
    # it stands beside the content: before the heading, inside the layout wrapper
    assert html.index('class="wd-with-nav"') < html.index('class="wd-tree-nav"') < html.index(
        "<h1")


def test_tree_branches_on_the_way_are_open(catalogue, client):
    nav = tree_nav(html_of(client, catalogue["item"].url))
    branches = re.findall(r'<details class="wd-tree__branch"( open)?>', nav)
    # 法定主动公开内容 and 规范性文件 have sub-columns; both lead to the item
    assert branches == [" open", " open"]
    nav = tree_nav(html_of(client, catalogue["news"].url))
    assert re.findall(r'<details class="wd-tree__branch"( open)?>', nav) == ["", ""]


def test_no_tree_outside_a_section(client):
    home = f.home_page()
    html = html_of(client, home.url)
    assert "wd-tree-nav" not in html


# -- pagination ------------------------------------------------------------------------------


class FakePage:
    def __init__(self, number, num_pages):
        self.number = number
        self.paginator = type("P", (), {"num_pages": num_pages})()


@pytest.mark.parametrize("number, last, expected", [
    (1, 1, [1]),
    (1, 3, [1, 2, 3]),
    (1, 10, [1, 2, 3, None, 10]),
    (5, 10, [1, 2, 3, 4, 5, 6, 7, None, 10]),
    (6, 20, [1, None, 4, 5, 6, 7, 8, None, 20]),
    (20, 20, [1, None, 18, 19, 20]),
    (4, 7, [1, 2, 3, 4, 5, 6, 7]),  # a gap of one page shows that page, not "…"
])
def test_page_numbers(number, last, expected):
    assert page_numbers(FakePage(number, last)) == expected


@override_settings(WAGTAIL_DISCLOSURE={"PAGE_SIZE": 2})
def test_pagination_has_page_numbers_and_a_jump_box_that_keeps_the_filters(client):
    f.home_page()
    column = f.column(f.section())
    for day in range(1, 25):  # 12 pages
        f.item(column, kind="work_news", published_on=datetime.date(2024, 3, day))
    html = html_of(client, f"{column.url}?kind=work_news&year=2024&page=6")
    nav = re.search(r'<nav class="wd-pagination".*?</nav>', html, re.S).group(0)
    linked = [int(n) for n in re.findall(r'href="\?[^"]*page=(\d+)"[^>]*>(?:<span[^>]*>[^<]*'
                                         r'</span>)?\d+</a>', nav)]
    assert linked == [1, 4, 5, 7, 8, 12]
    assert re.search(r'<span aria-current="page">.*?6</span>', nav)
    assert nav.count("…") == 2
    assert 'rel="prev"' in nav and 'rel="next"' in nav
    for href in re.findall(r'href="([^"]+)"', nav):
        assert "kind=work_news" in href and "year=2024" in href
    form = re.search(r'<form class="wd-pagination__jump".*?</form>', nav, re.S).group(0)
    assert 'method="get"' in form
    assert '<input type="hidden" name="kind" value="work_news">' in form
    assert '<input type="hidden" name="year" value="2024">' in form
    assert 'name="page" value="6"' not in form.replace('type="hidden"', "")
    assert re.search(r'type="number" id="wd-page-jump" name="page" min="1" max="12"', form)
    assert '<label for="wd-page-jump">' in form
    # what the jump box sends, out of range: the last page, not an error
    response = client.get(column.url, {"kind": "work_news", "year": "2024", "page": "99"})
    assert response.status_code == 200 and response.context["page_obj"].number == 12
    response = client.get(column.url, {"page": "-3"})
    assert response.status_code == 200


# -- the kind of power in listings -----------------------------------------------------------


def test_listing_shows_the_kind_of_power_of_power_items(client, django_assert_num_queries):
    f.home_page()
    column = f.column(f.section())
    f.power_item(column, title="农药经营许可", power_kind="licensing")
    f.power_item(column, title="再生资源回收经营者备案", power_kind="other")
    f.item(column, title="普通信息")
    html = html_of(client, column.url)
    rows = re.findall(r"<tr[ >].*?</tr>", html, re.S)
    by_title = {re.search(r'<a href="[^"]+">([^<]+)</a>', r).group(1): r
                for r in rows if "wd-col-title" in r and "<a " in r}
    kinds = {t: re.findall(r'<span class="wd-power-kind">([^<]+)</span>', r)
             for t, r in by_title.items()}
    from wagtail_disclosure.catalogue.choices import PowerKind

    with translation.override(django_settings.LANGUAGE_CODE):
        licensing = str(PowerKind.LICENSING.label)
        other = str(PowerKind.OTHER.label)
    assert len(kinds["农药经营许可"]) == 1 and kinds["农药经营许可"][0].endswith(licensing)
    assert len(kinds["再生资源回收经营者备案"]) == 1
    assert kinds["再生资源回收经营者备案"][0].endswith(other)
    assert kinds["普通信息"] == []


# -- the request form's error summary --------------------------------------------------------


def test_error_summary_line_drops_the_labels_closing_punctuation():
    with translation.override("en"):
        assert field_error("我已阅读并同意上述告知。", "This field is required.") == (
            "我已阅读并同意上述告知: This field is required.")
        assert field_error("Name:", "Too long.") == "Name: Too long."
    with translation.override("zh-hans"):
        line = field_error("我已阅读并同意上述告知。", "这个字段是必填项。")
        template = pgettext("field error", "%(label)s: %(error)s")
    assert line == template % {"label": "我已阅读并同意上述告知", "error": "这个字段是必填项。"}
    assert "。:" not in line and "。：" not in line


def test_request_form_error_summary_has_no_doubled_punctuation(client):
    page = f.request_form_page()
    data = f.request_data(consent="")
    response = client.post(page.url, data)
    html = response.content.decode()
    summary = re.search(r'<div class="wd-error-summary".*?</div>', html, re.S).group(0)
    lines = re.findall(r'<a href="#[^"]+">([^<]+)</a>', summary)
    assert lines
    for line in lines:
        assert not re.search(r"[。.：:]\s*[:：]", line), line


def test_radio_choices_keep_the_input_and_its_text_in_one_label(client):
    page = f.request_form_page()
    html = html_of(client, page.url)
    choices = re.findall(r'<label class="wd-choice">(<input type="radio"[^>]*>)'
                         r'<span class="wd-choice__label">([^<]+)</span></label>', html)
    assert len(choices) >= 4


# -- titles ----------------------------------------------------------------------------------


def test_home_title_does_not_repeat_the_site_name(client):
    home = f.home_page()
    site = Site.objects.get(is_default_site=True)
    site.site_name = home.title
    site.save()
    html = html_of(client, home.url)
    assert re.search(r"<title>([^<]*)</title>", html).group(1) == home.title
    section = f.section()
    title = re.search(r"<title>([^<]*)</title>", html_of(client, section.url)).group(1)
    assert title == f"{section.title} - {home.title}"


# -- the tracking page: the result, without the statistics' counting note --------------------


def test_outcome_labels_for_applicants_have_no_counting_note():
    row = BY_KEY["partially_disclosed"]
    assert "只计这一情形" in row.group  # the annual report's spelling is kept
    assert row.applicant_label == "（二）部分公开"
    assert BY_KEY["withheld_state_secret"].applicant_label == "（三）不予公开 1.属于国家秘密"
    assert BY_KEY["disclosed"].applicant_label == "（一）予以公开"
    for r in ROWS:
        assert "只计" not in r.applicant_label and r.applicant_label.startswith("（")
    assert without_counting_note("（一）予以公开") == "（一）予以公开"


def test_tracking_page_shows_the_result_without_the_note(client):
    page = f.request_form_page()
    request_obj = f.past_request(datetime.date(2025, 3, 3), outcome="partially_disclosed",
                                 concluded_on=datetime.date(2025, 3, 20))
    response = client.post(page.url + "track/", {
        "tracking_number": request_obj.tracking_number, "access_code": "x"})
    html = response.content.decode()
    cell = re.search(r'data-testid="request-outcome">([^<]*)<', html)
    assert cell, html[:2000]
    assert cell.group(1) == "（二）部分公开"
    assert "区分处理的，只计这一情形，不计其他情形" not in html


# -- the error pages -------------------------------------------------------------------------


@override_settings(DEBUG=False)
def test_a_missing_page_is_a_chinese_page_of_the_site(client):
    f.home_page()
    response = client.get("/zfxxgk/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="zh-hans">' in html
    assert "Not Found" not in html
    assert 'class="wd-body wd-page-error wd-page-404"' in html
    with translation.override("zh-hans"):
        heading = translation.gettext("Page not found")
    assert f"<h1>{heading}</h1>" in html
    assert f"<title>{heading}" in html
    assert 'class="wd-site-header"' in html  # the site's layout


def test_server_error_page_needs_no_database_nor_request_context(django_assert_num_queries):
    from django.views.defaults import server_error

    request = RequestFactory().get("/zfxxgk/")
    with django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="zh-hans">' in html
    assert "Server Error (500)" not in html
    with translation.override("zh-hans"):
        heading = translation.gettext("The site could not show this page")
    assert f"<h1>{heading}</h1>" in html
    assert "wagtail_disclosure/css/disclosure.css" in html


# -- the userbar and avatars -----------------------------------------------------------------


def test_userbar_shows_for_editors_only(client, django_user_model):
    f.home_page()
    column = f.column(f.section())
    assert "wagtail-userbar" not in html_of(client, column.url)
    user = django_user_model.objects.create_superuser("ed", "ed@example.gov.cn", "pw")
    client.force_login(user)
    html = html_of(client, column.url)
    assert "<wagtail-userbar" in html or "w-userbar" in html


def test_example_site_uses_no_gravatar():
    assert django_settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None


# -- no template syntax reaches the visitor ------------------------------------------------

TEMPLATE_SYNTAX = re.compile(r"\{#|#\}|\{%|%\}|\{\{|\}\}")


@pytest.mark.parametrize("key", ["section", "news", "item", "powers", "reports", "form_page"])
def test_pages_show_no_template_syntax(catalogue, client, key):
    """A ``{# … #}`` comment that spans lines is printed as text by Django: once the base
    template showed one on every page."""
    html = html_of(client, catalogue[key].url)
    body = html.split("<body", 1)[1]
    assert not TEMPLATE_SYNTAX.search(re.sub(r"<script.*?</script>", "", body, flags=re.S))


def test_no_template_comment_spans_lines():
    """Django's ``{# … #}`` comments are one line; longer ones need ``{% comment %}``."""
    from pathlib import Path

    import wagtail_disclosure

    templates = Path(wagtail_disclosure.__file__).parent / "templates"
    spanning = [
        f"{path.relative_to(templates)}: {comment[:40]!r}"
        for path in templates.rglob("*.html")
        for comment in re.findall(r"\{#.*?#\}", path.read_text(), flags=re.S)
        if "\n" in comment
    ]
    assert spanning == []
