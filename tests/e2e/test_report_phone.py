"""A report on a phone: the wide tables say that they scroll sideways, and they do."""

import pytest

from .conftest import DESKTOP

pytestmark = pytest.mark.browser


@pytest.fixture
def report_url(disclosure_site):
    from tests import factories

    index = factories.report_index(disclosure_site.section)
    return factories.annual_report(2025, index=index).url


def _tables(page):
    return page.evaluate("""() => [...document.querySelectorAll('.wd-report-table-block')].map(
        (block) => {
            const region = block.querySelector('.wd-table-scroll');
            const hint = block.querySelector('.wd-table-scroll-hint');
            return {id: block.id, scrolls: region.scrollWidth > region.clientWidth + 1,
                    hint: !!hint && getComputedStyle(hint).display !== 'none',
                    hintText: hint ? hint.textContent.trim() : ''};
        })""")


def test_wide_report_tables_say_they_scroll_on_a_phone(mobile_page, report_url):
    mobile_page.goto(report_url)
    tables = _tables(mobile_page)
    requests_table = next(t for t in tables if t["id"].endswith("requests-block"))
    # table 三 is wider than a 375-pixel screen: it scrolls inside its region and says so
    assert requests_table["scrolls"] and requests_table["hint"]
    assert "左右滑动" in requests_table["hintText"]
    # every table that scrolls has the hint; no hint on a table that fits
    for table in tables:
        assert table["hint"] == table["scrolls"], table
    # the page itself does not scroll sideways
    assert mobile_page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def test_no_scroll_hint_on_a_wide_screen(new_context, report_url):
    page = new_context(viewport=DESKTOP).new_page()
    page.goto(report_url)
    assert not any(table["hint"] for table in _tables(page))
