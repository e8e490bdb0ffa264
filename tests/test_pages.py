"""Page types: where they can live, how they render, bad input, feeds."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.test import override_settings
from wagtail.models import Site

from home.models import HomePage
from wagtail_disclosure.catalogue.pages import Page  # the configured base page model
from wagtail_disclosure.models import (
    DisclosureColumnPage,
    DisclosureIndexPage,
    DisclosureItemPage,
    PowerItemPage,
)

from . import factories as f

pytestmark = pytest.mark.django_db


def test_page_tree_rules():
    home = f.home_page()
    assert DisclosureIndexPage.can_create_at(home)
    section = f.section()
    # at most one section per site
    assert not DisclosureIndexPage.can_create_at(home)
    assert DisclosureColumnPage.can_create_at(section)
    col = f.column(section)
    assert DisclosureColumnPage.can_create_at(col)  # columns nest
    assert DisclosureItemPage.can_create_at(col)
    assert PowerItemPage.can_create_at(col)
    assert not DisclosureItemPage.can_create_at(section)
    assert not DisclosureItemPage.can_create_at(home)
    item = f.item(col)
    assert not DisclosureColumnPage.can_create_at(item)


def test_a_second_site_may_have_its_own_section():
    f.section()
    root = Page.get_first_root_node()
    other_home = root.add_child(instance=HomePage(title="另一站点", slug="other"))
    Site.objects.create(hostname="other.example", root_page=other_home)
    assert DisclosureIndexPage.can_create_at(other_home)


def test_column_lists_items_of_descendant_columns_newest_first(client):
    col = f.column(title="法定主动公开内容")
    sub = f.column(col, title="政策法规")
    old = f.item(col, title="旧的条目", published_on=datetime.date(2015, 1, 1),
                 formation_date=datetime.date(2014, 12, 20))
    new = f.item(sub, title="新的条目", published_on=datetime.date(2024, 1, 1),
                 formation_date=datetime.date(2023, 12, 20))
    f.item(col, title="草稿条目", publish=False)
    html = client.get(col.url).content.decode()
    assert html.index("新的条目") < html.index("旧的条目")
    assert "草稿条目" not in html
    for value in (new.index_number, old.index_number, "2024-01-01", "2023-12-20",
                  "温州市鹿城区供销合作社"):
        assert value in html  # 索引号, 发布日期, 成文日期, 发布机构 in each row
    assert sub.title in client.get(col.url).content.decode()


def _titles(response):
    return [i.title for i in response.context["items"]]


def test_filters(client):
    col = f.column()
    topic = f.topic("综合政务\\政务公开")
    other_organ = f.organ(name="区再生资源办", code="000000777")
    f.item(col, title="A2015规章", published_on=datetime.date(2015, 2, 1), kind="regulation")
    f.item(col, title="B2016公开", published_on=datetime.date(2016, 2, 1), topic=topic)
    f.item(col, title="C2016废止", published_on=datetime.date(2016, 3, 1), validity="repealed",
           repeal_date=datetime.date(2017, 1, 1))
    f.item(col, title="D2016他机构", published_on=datetime.date(2016, 4, 1),
           organ_obj=other_organ)
    assert _titles(client.get(col.url, {"year": 2016})) == ["D2016他机构", "C2016废止", "B2016公开"]
    assert _titles(client.get(col.url, {"kind": "regulation"})) == ["A2015规章"]
    # a parent topic includes its sub-topics
    parent_topic = f.topic("综合政务")
    assert _titles(client.get(col.url, {"topic": parent_topic.pk})) == ["B2016公开"]
    assert _titles(client.get(col.url, {"validity": "repealed"})) == ["C2016废止"]
    assert _titles(client.get(col.url, {"organ": other_organ.pk})) == ["D2016他机构"]
    assert _titles(client.get(col.url, {"year": 2016, "validity": "in_force"})) == [
        "D2016他机构", "B2016公开"]


@pytest.mark.parametrize("query", [
    {"page": "abc"}, {"page": "99999"}, {"page": "-1"}, {"year": "1"}, {"year": "abc"},
    {"topic": "999999"}, {"topic": "x"}, {"organ": "0"}, {"kind": "nonsense"},
    {"validity": "<script>"}, {"q": "x" * 500}, {"page": "1e9"},
])
def test_bad_filter_and_page_parameters_give_a_normal_page(client, query):
    col = f.column()
    for n in range(3):
        f.item(col, title=f"条目{n}", published_on=datetime.date(2020, 1, n + 1))
    response = client.get(col.url, query)
    assert response.status_code == 200
    if list(query) != ["q"]:
        assert len(response.context["items"]) == 3  # the bad filter was ignored


@override_settings(WAGTAIL_DISCLOSURE={"PAGE_SIZE": 2})
def test_pagination_uses_the_page_size_setting_and_clamps(client):
    col = f.column()
    for n in range(5):
        f.item(col, title=f"条目{n}", published_on=datetime.date(2020, 1, n + 1))
    first = client.get(col.url)
    assert _titles(first) == ["条目4", "条目3"]
    last = client.get(col.url, {"page": 99999})
    assert last.context["page_obj"].number == 3 and _titles(last) == ["条目0"]
    assert "page=2" in first.content.decode()


def test_pages_render_without_optional_metadata(client):
    section = f.section(office_name="", office_phone="", request_channels=[])
    col = f.column(section)
    bare = f.item(col, title="只有标题", formation_date=None)
    power = f.power_item(col, title="空的权力事项")
    for page in (section, col, bare, power):
        assert client.get(page.url).status_code == 200


def test_repealed_item_shows_a_banner_and_its_replacement(client):
    col = f.column()
    new = f.item(col, title="新办法")
    old = f.item(col, title="旧办法", validity="repealed", repeal_date=datetime.date(2020, 1, 1),
                 replaced_by=new)
    html = client.get(old.url).content.decode()
    assert 'class="wd-banner wd-banner--repealed"' in html
    assert new.url in html
    assert "新办法" in html
    assert "wd-banner" not in client.get(new.url).content.decode().split("<main")[1].split(
        "wd-replaces")[0]


def test_power_item_renders_its_process_as_an_ordered_list(client):
    col = f.column()
    power = f.power_item(col, process_steps=[
        ("step", {"step": "受理", "responsible_post": "窗口", "time_limit": "1个工作日",
                  "description": ""}),
        ("step", {"step": "审查", "responsible_post": "业务科室", "time_limit": "5个工作日",
                  "description": "审核材料"}),
    ])
    html = client.get(power.url).content.decode()
    flow = html.split('<ol class="wd-flow">')[1].split("</ol>")[0]
    assert flow.index("受理") < flow.index("审查")
    assert flow.count('<li class="wd-flow__step">') == 2


def test_section_shows_columns_latest_items_guide_and_search(client):
    section = f.section()
    col = f.column(section, title="区社动态")
    f.item(col, title="最新动态", published_on=datetime.date(2026, 1, 1))
    html = client.get(section.url).content.decode()
    for text in ("区社动态", "最新动态", "区供销社办公室", "0577-88888888", 'role="search"'):
        assert text in html


def test_column_feeds(client):
    col = f.column(title="区社动态")
    item = f.item(col, title="动态一", published_on=datetime.date(2025, 5, 1),
                  document_number="鹿供〔2025〕1号")
    rss = client.get(col.url + "feed/")
    assert rss.status_code == 200 and rss["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(rss.content).find("channel")
    entry = channel.find("item")
    assert entry.find("title").text == "动态一"
    assert entry.find("link").text.endswith(item.url)
    assert item.index_number in entry.find("description").text
    atom = client.get(col.url + "feed/atom/")
    assert atom.status_code == 200
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert ET.fromstring(atom.content).find("a:entry/a:title", ns).text == "动态一"
    html = client.get(col.url).content.decode()
    assert 'type="application/rss+xml"' in html and 'type="application/atom+xml"' in html


def test_fast_select_renders_what_django_renders():
    from django import forms
    from django.test.html import parse_html

    from wagtail_disclosure.catalogue.filters import FastSelect, ItemFilterForm

    form = ItemFilterForm({"year": "2020", "kind": "regulation", "topic": "x"},
                          years=[2021, 2020])
    for name in ("year", "topic", "organ", "kind", "validity"):
        fast = str(form[name])
        field = form.fields[name]
        field.widget = forms.Select(choices=field.choices)
        django_html = str(form[name])
        field.widget = FastSelect(choices=field.choices)
        assert parse_html(fast) == parse_html(django_html), name  # same elements and attributes


def test_a_column_lists_its_live_public_subcolumns_and_follows_changes(client):
    """The sub-columns come from the section's kept tree: drafts and restricted columns are
    left out, and a publication or a new restriction shows on the next view."""
    from wagtail.models import PageViewRestriction

    column = f.column(f.section(), title="政策文件")
    shown = f.column(column, title="规范性文件")
    draft = f.column(column, title="草稿子栏目")
    draft.unpublish()
    hidden = f.column(column, title="内部子栏目")
    PageViewRestriction.objects.create(page=hidden, restriction_type="password", password="x")
    f.column(shown, title="孙栏目")  # below a sub-column: not a sub-column of the column
    item = f.item(shown, title="规范性文件一")
    f.item(hidden, title="内部文件")

    def listed():
        context = client.get(column.url).context
        return ([p.title for p in context["subcolumns"]],
                [i.title for i in context["items"]])

    assert listed() == (["规范性文件"], ["规范性文件一"])
    draft.refresh_from_db()
    draft.save_revision().publish()
    assert listed() == (["规范性文件", "草稿子栏目"], ["规范性文件一"])
    restriction = PageViewRestriction.objects.create(page=shown, restriction_type="password",
                                                     password="y")
    assert listed() == (["草稿子栏目"], [])  # the kept restrictions were read again
    restriction.delete()
    assert listed() == (["规范性文件", "草稿子栏目"], [item.title])


def test_breadcrumbs_kept_between_requests_follow_an_ancestors_new_title(client):
    """The ancestors are kept under the site's generation: a retitled section shows in a
    column's breadcrumbs on the next view, and a column moved under another its new place."""
    section = f.section()
    first, second = f.column(section, title="政策文件"), f.column(section, title="财政信息")
    column = f.column(first, title="规范性文件")

    def crumbs():
        html = client.get(column.url).content.decode()
        return html.split('class="wd-breadcrumbs', 1)[1].split("</nav>", 1)[0]

    assert "政府信息公开" in crumbs() and "政策文件" in crumbs() and "财政信息" not in crumbs()
    section.title = "政务公开"
    section.save_revision().publish()
    assert "政务公开" in crumbs() and "政府信息公开" not in crumbs()
    column.refresh_from_db()
    column.move(second, pos="last-child")
    column.refresh_from_db()  # its new URL
    assert "财政信息" in crumbs() and "政策文件" not in crumbs()
