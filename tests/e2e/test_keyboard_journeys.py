"""Keyboard-only journeys through the public pages (MIIT《互联网网站适老化通用设计规范》: 全程键盘;
WCAG 2.1.1 keyboard, 2.4.3 focus order, 2.4.7 focus visible, 2.4.11 focus not obscured).

No mouse and no ``.click()``: only Tab, Shift+Tab, Enter, Space, arrow keys and typing. At every
Tab stop the focused element must be in the viewport and show a focus indicator: an outline of
at least 2 px, or a box-shadow ring of at least 2 px (reading-aids.css draws both on every
focusable element of the public pages).
"""

import re

import pytest

from .conftest import DESKTOP

pytestmark = pytest.mark.browser

MAX_STOPS = 80  # Tab stops tried before a journey gives up on reaching an element

FOCUSED = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const s = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    const spread = (s.boxShadow.match(/(-?[\\d.]+)px(?![^(]*\\))/g) || []).map(parseFloat);
    return {
        tag: el.tagName.toLowerCase(), id: el.id, name: el.getAttribute('name'),
        type: el.getAttribute('type'), value: 'value' in el ? el.value : null,
        checked: el.checked === true, href: el.getAttribute('href'),
        text: (el.innerText || el.value || '').trim().slice(0, 60),
        inForm: el.closest('form') ? el.closest('form').className : null,
        inTable: !!el.closest('table.wd-item-table'),
        outline: s.outlineStyle !== 'none' ? parseFloat(s.outlineWidth) || 0 : 0,
        ring: s.boxShadow === 'none' ? 0 : Math.max(0, ...spread.slice(3, 4)),
        inViewport: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0
            && r.top < innerHeight && r.left < innerWidth,
    };
}"""


def describe(state):
    return f"<{state['tag']} id={state['id']!r} name={state['name']!r}> {state['text']!r}"


def press(page, key):
    """Press ``key``; the element that then has focus, checked for a visible indicator."""
    page.keyboard.press(key)
    state = page.evaluate(FOCUSED)
    assert state is not None, f"{key}: focus left the page's elements"
    if key in ("Tab", "Shift+Tab"):
        assert state["inViewport"], f"focused but not in view: {describe(state)}"
        assert state["outline"] >= 2 or state["ring"] >= 2, (
            f"no visible focus indicator: {describe(state)} "
            f"(outline {state['outline']} px, ring {state['ring']} px)")
    return state


def tab_to(page, matches, what):
    """Tab forward until ``matches(state)``; every stop on the way is checked."""
    seen = []
    for _ in range(MAX_STOPS):
        state = press(page, "Tab")
        if matches(state):
            return state
        seen.append(describe(state))
    raise AssertionError(f"{what} not reached by Tab; stops: " + "; ".join(seen[-15:]))


def named(name):
    return lambda s: s["name"] == name


def choose(page, state, value, key="ArrowDown"):
    """Move a focused select or radio group with the arrow keys until it has ``value``."""
    for _ in range(20):
        if state["value"] == value and (state["type"] != "radio" or state["checked"]):
            return state
        page.keyboard.press(key)
        state = page.evaluate(FOCUSED)
    raise AssertionError(f"{describe(state)} never took the value {value!r}")


def enter_and_wait(page, key="Enter"):
    with page.expect_navigation():
        page.keyboard.press(key)
    page.wait_for_load_state("load")


def tab_through_whole_page(page):
    """Every Tab stop of the page, from the top until focus wraps around; all checked."""
    stops = []
    for _ in range(MAX_STOPS * 2):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUSED)
        if state is None or (stops and state == stops[0]):
            return stops
        assert state["inViewport"], f"focused but not in view: {describe(state)}"
        assert state["outline"] >= 2 or state["ring"] >= 2, describe(state)
        stops.append(state)
    raise AssertionError("focus never wrapped around")


def test_keyboard_only_journeys(new_context, disclosure_site):
    """Two journeys on one site (its set-up is the slow part)."""
    catalogue_journey(new_context(viewport=DESKTOP).new_page(), disclosure_site)
    request_journey(new_context(viewport=DESKTOP).new_page(), disclosure_site)


def catalogue_journey(page, data):
    """From the section to a column, through its filters, to an item."""
    page.goto(data.section.url)

    # The skip link is the first stop and moves focus to <main>.
    state = press(page, "Tab")
    assert state["href"] == "#main" and state["tag"] == "a", describe(state)
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"

    tab_to(page, lambda s: s["href"] == data.news.url and s["tag"] == "a", "the column link")
    enter_and_wait(page)
    assert page.url.endswith(data.news.url)

    # The column's filters: a year and a kind chosen with the arrow keys, then submitted.
    choose(page, tab_to(page, named("year"), "the year filter"), "2023")
    choose(page, tab_to(page, named("kind"), "the kind filter"), "work_news")
    tab_to(page, lambda s: s["tag"] == "button" and "wd-filters" in (s["inForm"] or ""),
           "the filters' submit button")
    enter_and_wait(page)
    assert re.search(r"[?&]year=2023(&|$)", page.url) and "kind=work_news" in page.url
    expected = [i.title for i in data.items_in(data.news)
                if i.published_on.year == 2023 and i.kind == "work_news"]
    titles = page.locator("table.wd-item-table tbody th a").all_inner_texts()
    assert titles == expected[:len(titles)] and titles

    # Open the first item of the filtered list.
    link = tab_to(page, lambda s: s["tag"] == "a" and s["inTable"], "the first item")
    assert link["text"] == titles[0]
    enter_and_wait(page)
    assert page.locator("h1").inner_text() == titles[0]
    stops = tab_through_whole_page(page)
    assert len(stops) > 10
    assert stops[0]["href"] == "#main"


def request_journey(page, data):
    """The request form, its error path, the confirmation and the tracking page."""
    from tests import factories

    form_page = factories.request_form_page(data.section)
    page.goto(form_page.url)

    # Submitted empty: focus goes to the error summary, whose first link leads to the field.
    tab_to(page, lambda s: s["tag"] == "button" and "wd-request-form" in (s["inForm"] or ""),
           "the submit button")
    enter_and_wait(page)
    assert page.locator(".wd-error-summary").is_visible()
    assert page.evaluate("() => document.activeElement.id") == "wd-error-summary"
    first_error = tab_to(page, lambda s: s["tag"] == "a", "the first error's link")
    target = first_error["href"]
    assert target.startswith("#id_")
    page.keyboard.press("Enter")
    state = page.evaluate(FOCUSED)
    assert state and ("#" + state["id"] == target
                      or state["id"].startswith(target[1:] + "_")), (target, state)

    # Filled in by keyboard only.
    page.goto(form_page.url)
    choose(page, tab_to(page, named("applicant_type"), "the applicant type"), "natural_person",
           key="ArrowRight")
    page.keyboard.press("Space")
    tab_to(page, named("name"), "the name")
    page.keyboard.type("张三")
    choose(page, tab_to(page, named("id_type"), "the ID type"), "resident_id")
    tab_to(page, named("id_number"), "the ID number")
    page.keyboard.type(factories.RESIDENT_ID)
    tab_to(page, named("phone"), "the phone")
    page.keyboard.type("13800138000")
    tab_to(page, named("email"), "the email")
    page.keyboard.type("zhangsan@example.com")
    tab_to(page, named("description"), "the description")
    page.keyboard.type("2024年度区供销社农资储备资金的使用情况")
    choose(page, tab_to(page, named("form"), "the form of the information"), "electronic",
           key="ArrowRight")
    choose(page, tab_to(page, named("delivery"), "the delivery"), "email", key="ArrowRight")
    consent = tab_to(page, named("consent"), "the consent")
    assert not consent["checked"]
    page.keyboard.press("Space")
    assert page.evaluate(FOCUSED)["checked"]
    tab_to(page, lambda s: s["tag"] == "button" and "wd-request-form" in (s["inForm"] or ""),
           "the submit button")
    enter_and_wait(page)
    number = page.locator("[data-testid=tracking-number]").inner_text().strip()
    code = page.locator("[data-testid=access-code]").inner_text().strip()
    assert re.fullmatch(r"\d{4}-\d{6}", number), page.locator("main").inner_text()[:400]

    # To the tracking page and through it.
    tab_to(page, lambda s: s["tag"] == "a" and (s["href"] or "").endswith("track/"),
           "the link to the tracking page")
    enter_and_wait(page)
    tab_to(page, named("tracking_number"), "the tracking number")
    page.keyboard.type(number)
    press(page, "Tab")
    assert page.evaluate(FOCUSED)["name"] == "access_code"
    page.keyboard.type(code)
    press(page, "Tab")
    assert page.evaluate(FOCUSED)["tag"] == "button"
    enter_and_wait(page)
    assert page.locator("[data-testid=request-status]").inner_text().strip()
    assert number in page.locator("main h2").first.inner_text()
    assert len(tab_through_whole_page(page)) > 5
