"""axe-core (vendored, no network) finds no WCAG 2.0/2.1 A/AA or best-practice violation on
the package's default templates."""

import pytest

from .conftest import AXE_TAGS, format_violations, run_axe

pytestmark = pytest.mark.browser


def assert_no_violations(page, what):
    violations = run_axe(page)
    assert not violations, (
        f"axe-core ({', '.join(AXE_TAGS)}) found {len(violations)} violation(s) on {what} "
        f"({page.url}):\n{format_violations(violations)}"
    )


def test_pages_have_no_axe_violations(page, disclosure_site, settings):
    data = disclosure_site
    settings.WAGTAIL_DISCLOSURE = {"PAGE_SIZE": 5}  # so the listings have pagination too

    pages = [
        ("the section index page", data.section.url),
        ("a column page with filters", data.news.url),
        ("a filtered column page", f"{data.news.url}?year=2023&kind=work_news&page=2"),
        ("a column page with sub-columns", data.statutory.url),
        ("an item page", data.new_measures.url),
        ("a repealed item page", data.old_measures.url),
        ("the power item page", data.power.url),
        ("the search results page", f"{data.section.url}search/?q=供销社"),
        ("the search page without a query", f"{data.section.url}search/"),
    ]
    failures = []
    for what, url in pages:
        response = page.goto(url)
        assert response.ok, f"{what}: HTTP {response.status}"
        violations = run_axe(page)
        if violations:
            failures.append(f"== {what} ({url}):\n{format_violations(violations)}")
    assert not failures, "axe-core found violations:\n" + "\n".join(failures)


def test_search_results_page_has_results(page, disclosure_site):
    """The search page checked above really lists results (axe checks the results table)."""
    page.goto(f"{disclosure_site.section.url}search/?q=供销社")
    assert page.locator("table.wd-item-table tbody tr").count() > 0
    assert_no_violations(page, "the search results page")


def test_mobile_column_page_has_no_axe_violations(mobile_page, disclosure_site):
    mobile_page.goto(disclosure_site.news.url)
    assert_no_violations(mobile_page, "a column page at 375px")


def test_axe_reports_a_known_problem(page, disclosure_site):
    """Guard against a silently inert checker: a deliberate fault is reported."""
    page.goto(disclosure_site.news.url)
    page.evaluate("""() => {
        const img = document.createElement('img');
        img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
        document.querySelector('main').appendChild(img);
        document.querySelector('.wd-filters label').remove();
    }""")
    ids = {v["id"] for v in run_axe(page)}
    assert {"image-alt", "label"} <= ids, ids
