"""What a visitor does on the 政府信息公开 section, in a real browser."""

import pytest

from .conftest import SEARCH_TARGET

pytestmark = pytest.mark.browser

# The templates' labels are translatable; accept the Chinese labels and the English msgids
# (before the catalogue is compiled).
INDEX_NUMBER_LABELS = {"索引号", "Index number"}


def table_rows(page, scope="main"):
    """The rows of the item table: (index number, title) pairs as displayed."""
    return page.eval_on_selector_all(
        f"{scope} table.wd-item-table tbody tr",
        """rows => rows.map(r => [
            r.querySelector('td.wd-col-index').innerText.trim(),
            r.querySelector('th.wd-col-title a').innerText.trim(),
        ])""",
    )


def expected_rows(items):
    return [[i.index_number, i.title] for i in items]


def meta_table(page):
    """The item page's metadata table as {row header: value}."""
    return dict(page.eval_on_selector_all(
        "table.wd-item-meta tr",
        "rows => rows.map(r => [r.querySelector('th').innerText.trim(),"
        " r.querySelector('td').innerText.trim()])",
    ))


def test_browse_filter_page_and_open_an_item(page, disclosure_site, settings):
    data = disclosure_site
    settings.WAGTAIL_DISCLOSURE = {"PAGE_SIZE": 5}

    # The section: its columns, the latest items and the 指南.
    page.goto(data.section.url)
    assert page.locator("h1").inner_text() == "政府信息公开"
    column_links = page.locator(".wd-columns .wd-column-list a")
    assert column_links.all_inner_texts() == [c.title for c in data.columns]
    latest = table_rows(page, ".wd-latest")
    newest_first = sorted(data.items, key=lambda i: (i.published_on, i.pk), reverse=True)
    assert latest == expected_rows(newest_first[: len(latest)])
    assert len(latest) == 10  # LATEST_ITEMS
    guide = page.locator(".wd-guide")
    assert "区供销社办公室" in guide.inner_text()
    assert "0577-88888888" in guide.inner_text()
    assert guide.locator("h3").all_inner_texts() == ["信息分类与编排", "获取方式", "监督和救济"]

    # Into a column.
    page.click(".wd-columns a:text-is('工作动态')")
    page.wait_for_url(f"**{data.news.url}")
    assert page.locator("h1").inner_text() == "工作动态"
    all_news = data.items_in(data.news)
    assert table_rows(page) == expected_rows(all_news[:5])
    assert page.locator(".wd-pagination").is_visible()

    # Filter: the work news of 2023.
    page.select_option("#id_year", "2023")
    page.select_option("#id_kind", "work_news")
    with page.expect_navigation():
        page.click(".wd-filters button[type=submit]")
    matching = [i for i in all_news if i.published_on.year == 2023 and i.kind == "work_news"]
    assert len(matching) == 7  # the data has other documents and other years too
    assert page.locator("#id_year").input_value() == "2023"
    assert page.locator("#id_kind").input_value() == "work_news"
    assert "7" in page.locator(".wd-results .wd-result-count").inner_text()
    first_page = table_rows(page)
    assert first_page == expected_rows(matching[:5])

    # Page 2 of the filtered listing keeps the filters.
    with page.expect_navigation():
        page.click(".wd-pagination a[rel=next]")
    assert "year=2023" in page.url and "kind=work_news" in page.url and "page=2" in page.url
    second_page = table_rows(page)
    assert second_page == expected_rows(matching[5:])
    assert page.locator(".wd-pagination a[rel=next]").count() == 0
    assert page.locator(".wd-pagination a[rel=prev]").count() == 1

    # Open an item: its catalogue metadata.
    target = matching[5]
    with page.expect_navigation():
        page.click(f"table.wd-item-table a:text-is('{target.title}')")
    assert page.locator("h1").inner_text() == target.title
    meta = meta_table(page)
    index_label = next(k for k in meta if k in INDEX_NUMBER_LABELS)
    assert meta[index_label] == target.index_number
    assert target.index_number.startswith("014320144/2023-")
    values = set(meta.values())
    assert "温州市鹿城区供销合作社" in values
    assert target.published_on.isoformat() in values
    assert target.formation_date.isoformat() in values
    assert target.topic.path_label in values
    # At desktop width the metadata reads two name/value pairs per line, like a form.
    tops = page.eval_on_selector_all(
        "table.wd-item-meta th", "ths => ths.slice(0, 3).map(th => th.getBoundingClientRect().top)")
    assert tops[0] == tops[1] < tops[2], tops
    # The breadcrumbs lead back to the column.
    assert page.locator(".wd-breadcrumbs a").all_inner_texts()[-2:] == ["政府信息公开", "工作动态"]


def test_search_by_a_chinese_word(page, disclosure_site):
    data = disclosure_site
    target = data.report_2014

    page.goto(data.section.url)
    search = page.get_by_role("search")
    search.locator("input[name=q]").fill("供销社")
    with page.expect_navigation():
        search.locator("button[type=submit]").click()
    assert "/search/" in page.url

    rows = table_rows(page)
    assert [target.index_number, SEARCH_TARGET] in rows
    # Not every item: one that does not mention 供销社 is left out.
    assert "关于加强农资市场监管的若干意见" not in [title for _, title in rows]
    assert page.locator("#id_q").input_value() == "供销社"

    with page.expect_navigation():
        page.click(f"table.wd-item-table a:text-is('{SEARCH_TARGET}')")
    assert page.url.endswith(target.url)
    assert page.locator("h1").inner_text() == SEARCH_TARGET
    meta = meta_table(page)
    assert target.index_number in meta.values()


def test_a_repealed_item_points_to_its_replacement(page, disclosure_site):
    data = disclosure_site
    page.goto(data.old_measures.url)

    banner = page.locator(".wd-banner")
    assert banner.is_visible()
    assert "2023-06-01" in banner.inner_text()
    link = banner.locator("a")
    assert link.inner_text() == data.new_measures.title
    assert data.new_measures.document_number in banner.inner_text()
    # The banner comes before the content, so nobody reads a repealed text by mistake.
    assert page.evaluate("""() => {
        const b = document.querySelector('.wd-banner'), h = document.querySelector('h1');
        return !!(b.compareDocumentPosition(h) & Node.DOCUMENT_POSITION_FOLLOWING);
    }""")

    with page.expect_navigation():
        link.click()
    assert page.locator("h1").inner_text() == data.new_measures.title
    assert page.locator(".wd-banner").count() == 0
    # The new item says what it replaces.
    assert data.old_measures.title in page.locator(".wd-replaces").inner_text()

    # In the listing the repealed item is marked.
    page.goto(data.normative.url)
    row = page.locator("table.wd-item-table tbody tr", has_text=data.old_measures.title)
    assert row.locator(".wd-badge").count() == 1


def test_power_item_process_is_an_ordered_list(page, disclosure_site):
    data = disclosure_site
    page.goto(data.power.url)

    assert page.locator("h1").inner_text() == "再生资源回收经营者备案"
    steps = page.locator("ol.wd-flow > li")
    assert steps.count() == 4
    titles = page.eval_on_selector_all(
        "ol.wd-flow > li h3",
        "hs => hs.map(h => Array.from(h.childNodes).filter(n => n.nodeType === 3)"
        ".map(n => n.textContent).join('').trim())",
    )
    assert titles == ["申请", "受理", "审查", "备案"]
    assert "窗口工作人员" in steps.nth(1).inner_text()
    assert "1个工作日" in steps.nth(2).inner_text()
    materials = page.locator("ul.wd-materials > li").all_inner_texts()
    assert len(materials) == 3
    assert materials[0].startswith("再生资源回收经营者备案登记表")
    body = page.locator("main").inner_text()
    for text in ("不收费", "5个工作日", "0577-88888802", "再生资源回收管理办法",
                 data.power.index_number):
        assert text in body


def test_mobile_column_has_no_horizontal_scroll(mobile_page, disclosure_site):
    page = mobile_page
    data = disclosure_site
    for column in (data.news, data.statutory, data.reports):
        page.goto(column.url)
        scroll = page.evaluate(
            "() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]")
        assert scroll[0] <= scroll[1] + 1, f"{column.title}: horizontal scroll {scroll}"
        assert scroll[1] <= 375

        rows = page.locator("table.wd-item-table tbody tr")
        assert rows.count() > 0
        for i in range(rows.count()):
            row = rows.nth(i)
            box = row.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 375 + 1, (column.title, box)
            # Each row is a card: the title on its own line, readable size, nothing cut off.
            title = row.locator("th.wd-col-title a")
            assert title.is_visible()
            style = title.evaluate(
                "a => { const s = getComputedStyle(a); const r = a.getBoundingClientRect();"
                " return {size: parseFloat(s.fontSize), right: r.right, left: r.left}; }")
            assert style["size"] >= 16, style
            assert style["left"] >= 0 and style["right"] <= 375 + 1, style
            cell_overflow = row.evaluate(
                "r => Array.from(r.children).some(c => c.scrollWidth > c.clientWidth + 1)")
            assert not cell_overflow, f"{column.title}: a cell overflows in row {i}"
        # The column headers are hidden visually; the cells carry their labels instead.
        label = page.evaluate(
            "() => getComputedStyle(document.querySelector('td.wd-col-index'), '::before')"
            ".content")
        assert label not in ("none", "normal", "")


def test_keyboard_skip_link(page, disclosure_site):
    page.goto(disclosure_site.news.url)
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => [document.activeElement.className, document.activeElement.getAttribute('href')]")
    assert focused == ["wd-skip-link", "#main"]
    # Shown when focused.
    box = page.locator(".wd-skip-link").bounding_box()
    assert box["x"] >= 0 and box["y"] >= 0

    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'main'")
    assert page.evaluate("() => document.activeElement.tagName") == "MAIN"
    # The next Tab goes into the content, not back to the header.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.querySelector('main').contains(document.activeElement)")


# -- phones: the 公开目录 tree, page numbers, cards ---------------------------------------------

PHONE = {"width": 375, "height": 740}


@pytest.fixture
def phone_page(new_context):
    """A phone (375×740, touch)."""
    return new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()


def first_titles(page):
    return page.locator("table.wd-item-table th.wd-col-title a").all_inner_texts()


def test_phone_visitor_browses_the_tree_a_column_and_page_3(phone_page, disclosure_site,
                                                             settings):
    page = phone_page
    data = disclosure_site
    settings.WAGTAIL_DISCLOSURE = {"PAGE_SIZE": 4}
    all_news = data.items_in(data.news)
    assert len(all_news) > 12  # more than three pages

    page.goto(data.section.url)
    tree = page.locator("nav.wd-tree-nav")
    # folded on a phone: the content comes first, the tree is a tap away
    assert tree.locator("details.wd-tree").get_attribute("open") is None
    link = tree.locator("a.wd-tree__link:text-is('工作动态')")
    assert not link.is_visible()
    tree.locator("summary.wd-tree__summary").tap()
    assert link.is_visible()
    # the nested columns are there, folded under their parent
    statutory = tree.locator("li.wd-tree__item", has=page.locator(
        "> a:text-is('法定主动公开内容')"))
    assert not statutory.locator("a:text-is('规范性文件')").is_visible()
    statutory.locator("> details > summary").tap()
    assert statutory.locator("a:text-is('规范性文件')").is_visible()
    with page.expect_navigation():
        link.tap()
    page.wait_for_url(f"**{data.news.url}")
    assert page.locator("h1").inner_text() == "工作动态"
    # folded again on the new page, with the column marked in it
    assert page.locator("nav.wd-tree-nav a[aria-current=page]").text_content() == "工作动态"
    page_1 = first_titles(page)
    assert page_1 == [i.title for i in all_news[:4]]

    # page 3 by its number
    with page.expect_navigation():
        page.locator(".wd-pagination a:text-is('3')").tap()
    assert page.url.endswith("?page=3")
    assert page.locator(".wd-pagination [aria-current=page]").inner_text().endswith("3")
    page_3 = first_titles(page)
    assert page_3 == [i.title for i in all_news[8:12]]
    assert not set(page_3) & set(page_1)

    # back to page 1, then page 3 through the jump box
    page.goto(data.news.url)
    box = page.locator(".wd-pagination__jump input[name=page]")
    assert box.get_attribute("min") == "1" and box.get_attribute("max") == "4"
    box.fill("3")
    with page.expect_navigation():
        page.locator(".wd-pagination__jump button[type=submit]").tap()
    assert "page=3" in page.url
    assert first_titles(page) == page_3
    # nothing scrolls sideways
    scroll = page.evaluate(
        "() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]")
    assert scroll[0] <= scroll[1] + 1, scroll


def test_jump_box_keeps_the_filters(page, disclosure_site, settings):
    data = disclosure_site
    settings.WAGTAIL_DISCLOSURE = {"PAGE_SIZE": 2}
    page.goto(f"{data.news.url}?year=2023&kind=work_news")
    page.fill(".wd-pagination__jump input[name=page]", "3")
    with page.expect_navigation():
        page.click(".wd-pagination__jump button[type=submit]")
    assert "year=2023" in page.url and "kind=work_news" in page.url and "page=3" in page.url
    assert page.locator("#id_year").input_value() == "2023"
    matching = [i for i in data.items_in(data.news)
                if i.published_on.year == 2023 and i.kind == "work_news"]
    assert first_titles(page) == [i.title for i in matching[4:6]]


def test_tree_stands_beside_the_content_on_a_desktop(page, disclosure_site):
    data = disclosure_site
    page.goto(data.old_measures.url)
    tree = page.locator("nav.wd-tree-nav")
    assert tree.locator("details.wd-tree").get_attribute("open") is not None
    current = tree.locator("a[aria-current]")
    assert current.inner_text() == "规范性文件"  # the item's column
    assert current.is_visible()  # its branch is open
    nav_box = tree.bounding_box()
    title_box = page.locator("h1").bounding_box()
    assert nav_box["x"] + nav_box["width"] <= title_box["x"], (nav_box, title_box)
    assert nav_box["y"] < title_box["y"] + title_box["height"]


def card_geometry(page):
    return page.eval_on_selector_all(
        "main table.wd-item-table tbody tr",
        """rows => rows.map(r => {
            const title = r.querySelector('th.wd-col-title');
            const index = r.querySelector('.wd-index-number');
            return {
                card: r.getBoundingClientRect().width,
                title: title.getBoundingClientRect().width,
                indexText: index ? index.innerText : null,
                indexLines: index ? index.getClientRects().length : 0,
                indexHeight: index ? index.getBoundingClientRect().height : 0,
                lineHeight: index ? parseFloat(getComputedStyle(index).lineHeight) : 0,
            };
        })""",
    )


def test_phone_cards_give_titles_the_width_and_keep_index_numbers_whole(
        phone_page, disclosure_site):
    page = phone_page
    data = disclosure_site
    for url in (data.section.url, data.news.url, data.normative.url, data.powers.url,
                f"{data.section.url}search/?q=供销社"):
        page.goto(url)
        cards = card_geometry(page)
        assert cards, url
        for card in cards:
            assert card["title"] >= 0.85 * card["card"], (url, card)
            assert card["indexText"], (url, card)
            assert card["indexLines"] == 1, (url, card)
            # one line high: the number is never broken inside
            assert card["indexHeight"] <= card["lineHeight"] * 1.5, (url, card)
    # and on the item pages' metadata table
    for item in (data.new_measures, data.power):
        page.goto(item.url)
        number = page.locator("main .wd-index-number")
        assert number.inner_text() == item.index_number
        assert number.evaluate("e => e.getClientRects().length") == 1
        scroll = page.evaluate("() => [document.scrollingElement.scrollWidth,"
                               " document.scrollingElement.clientWidth]")
        assert scroll[0] <= scroll[1] + 1, (item.title, scroll)


def test_power_items_show_their_kind_in_the_listing(page, disclosure_site):
    data = disclosure_site
    page.goto(data.powers.url)
    row = page.locator("table.wd-item-table tbody tr", has_text=data.power.title)
    kind = row.locator(".wd-power-kind")
    assert kind.count() == 1
    assert data.power.get_power_kind_display() in kind.inner_text()
    other = page.locator("table.wd-item-table tbody tr", has_text="行政检查结果公示").first
    assert other.locator(".wd-power-kind").count() == 0


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, PHONE])
def test_request_form_radio_buttons_line_up_with_their_labels(new_context, disclosure_site,
                                                              viewport):
    from tests import factories

    form_page = factories.request_form_page(disclosure_site.section)
    page = new_context(viewport=viewport).new_page()
    page.goto(form_page.url)
    offsets = page.eval_on_selector_all(
        "label.wd-choice",
        """labels => labels.map(l => {
            const input = l.querySelector('input').getBoundingClientRect();
            const range = document.createRange();
            range.selectNodeContents(l.querySelector('.wd-choice__label'));
            const line = range.getClientRects()[0];
            return [(input.top + input.bottom) / 2 - (line.top + line.bottom) / 2,
                    line.left - input.right];
        })""",
    )
    assert len(offsets) >= 4
    for middle, gap in offsets:
        assert abs(middle) <= 2, offsets   # centred on the first line of its text
        assert 0 <= gap <= 16, offsets     # right beside it
