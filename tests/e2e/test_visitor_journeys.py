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
