"""The 无障碍阅读 / 适老化 toolbar (includes/reading_aids.html, reading-aids.js, reading-aids.css)
in Debian's Chromium, under the strict Content-Security-Policy of production.

MIIT《互联网网站适老化通用设计规范》asks for large text, high contrast, read-aloud and full keyboard
use that do not depend on the operating system or browser, and for versions without pop-ups;
WCAG 2.2 AA is checked with axe-core in every mode. Each test reads what the browser computed
(font sizes, colours, positions) or what the page asked the browser to do (the words given to
``speechSynthesis.speak``, recorded by a stand-in installed before the page's scripts run).
"""

import re

import pytest
from django.template import Context, Template
from django.test import override_settings

from wagtail_disclosure.security import recommended_policy

from . import conftest as e2e
from .conftest import DESKTOP, MOBILE, format_violations, run_axe
from .test_csp import ViolationLog, with_csp_middleware
from .test_screenshots import shoot

#: WCAG 2.0, 2.1 and 2.2 A/AA and axe's best practices (2.5.8 target size is in wcag22aa).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
STORAGE_KEY = "wagtail-disclosure:reading-aids"


@pytest.fixture(scope="module")
def live_server(django_db_setup):
    """This module's live server, with the CSP middleware (switched on per test by
    ``aids_site``), as in tests/e2e/test_csp.py."""
    from django.conf import settings
    from pytest_django.live_server_helper import LiveServer

    with override_settings(MIDDLEWARE=with_csp_middleware(settings.MIDDLEWARE)):
        server = LiveServer("localhost")
    yield server
    server.stop()


@pytest.fixture
def aids_site(disclosure_site, settings, monkeypatch):
    settings.DISCLOSURE_CSP = recommended_policy()
    monkeypatch.setattr(e2e, "AXE_TAGS", AXE_TAGS)
    return disclosure_site


def aid(page, name, value=None):
    selector = f"#wd-aids button[data-wd-aid={name}]"
    if value:
        selector += f"[data-wd-value='{value}']"
    return page.locator(selector)


def pressed(page):
    """{button: aria-pressed} of the mode buttons."""
    return page.evaluate("""() => Object.fromEntries(
        [...document.querySelectorAll('#wd-aids [aria-pressed]:not([data-wd-aid=speak])')]
        .map((b) => [b.dataset.wdAid + (b.dataset.wdValue || ''),
                     b.getAttribute('aria-pressed')]))""")


def modes(page):
    return sorted(c for c in page.evaluate("() => [...document.documentElement.classList]")
                  if c.startswith("wd-aids-") and c != "wd-aids-on")


def assert_axe_clean(page, what):
    # Loaded through the DevTools protocol: the page's policy refuses the inline <script>
    # that run_axe would add (the policy itself stays on).
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(e2e.AXE_JS.read_text(encoding="utf-8"))
    violations = run_axe(page)
    assert not violations, f"axe-core on {what}:\n{format_violations(violations)}"


def assert_no_csp_violation(log):
    found = log.take()
    assert not found, "Content-Security-Policy violations:\n" + "\n".join(found)


#: Colour contrast of the visible text of ``selector``: each element's colour against the
#: first opaque background of it or an ancestor (WCAG 2.x relative luminance).
CONTRASTS = """(selector) => {
    const rgb = (c) => c.match(/[\\d.]+/g).map(Number);
    const lum = (c) => {
        const [r, g, b] = rgb(c).slice(0, 3).map((v) => {
            v /= 255;
            return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const background = (el) => {
        for (let e = el; e; e = e.parentElement) {
            const c = getComputedStyle(e).backgroundColor;
            const parts = rgb(c);
            if (parts.length < 4 || parts[3] > 0) return c;
        }
        return 'rgb(255, 255, 255)';
    };
    return [...document.querySelectorAll(selector)]
        .filter((el) => el.checkVisibility() && el.innerText.trim())
        .map((el) => {
            const [a, b] = [lum(getComputedStyle(el).color), lum(background(el))];
            return [el.tagName + ' ' + el.innerText.trim().slice(0, 20),
                    (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)];
        });
}"""

FIXED_OR_STICKY = """() => [...document.querySelectorAll('body *')]
    .filter((el) => ['fixed', 'sticky'].includes(getComputedStyle(el).position))
    .map((el) => el.tagName + '.' + el.className)"""

#: Records the classes of <html> when <body> first exists: the remembered choice must be on
#: the page before anything of the body can be drawn.
CLASSES_AT_BODY = """
window.__classesAtBody = null;
new MutationObserver((records, observer) => {
    if (document.body) {
        window.__classesAtBody = document.documentElement.className;
        observer.disconnect();
    }
}).observe(document, {childList: true, subtree: true});
"""


@pytest.mark.browser
def test_each_mode_changes_the_page_and_the_choice_is_remembered(new_context, aids_site):
    """大字, 特大字 and 高对比度 (computed sizes and contrasts), remembered across pages, reset;
    the toolbar by keyboard; then 简洁模式 and the reflow on a phone (one test: one site)."""
    data = aids_site
    page = new_context(viewport=DESKTOP).new_page()
    log = ViolationLog(page)
    page.add_init_script(CLASSES_AT_BODY)
    page.goto(data.news.url)

    toolbar = page.get_by_role("region", name=re.compile("无障碍阅读|Reading aids"))
    assert toolbar.is_visible()
    assert page.evaluate("""() => !!document.querySelector(
        'head script[src*="reading-aids.js"]:not([defer]):not([async])')""")
    assert pressed(page) == {"text125": "false", "text150": "false", "contrast": "false",
                             "simple": "false"}
    assert_axe_clean(page, "the column page with the toolbar")
    assert page.evaluate("() => getComputedStyle(document.documentElement).fontSize") == "16px"
    heading_width = page.locator("h1").bounding_box()["height"]

    # 大字 and 特大字: the root font size, so rem sizes grow and lines reflow; no zoom.
    aid(page, "text", "125").click()
    assert pressed(page)["text125"] == "true"
    assert page.evaluate("() => getComputedStyle(document.documentElement).fontSize") == "20px"
    assert page.evaluate("() => getComputedStyle(document.body).fontSize") == "21.25px"
    aid(page, "text", "150").click()
    assert pressed(page)["text125"] == "false" and pressed(page)["text150"] == "true"
    assert page.evaluate("() => getComputedStyle(document.documentElement).fontSize") == "24px"
    assert page.evaluate("""() => [document.documentElement, document.body].every((el) =>
        getComputedStyle(el).transform === 'none' && getComputedStyle(el).zoom === '1')""")
    assert page.locator("h1").bounding_box()["height"] > heading_width * 1.3
    assert page.evaluate("() => document.documentElement.scrollWidth <= innerWidth")
    assert_axe_clean(page, "特大字")

    # 高对比度: every text of the page ≥ 7:1 (WCAG 1.4.6), links underlined.
    aid(page, "contrast").click()
    assert pressed(page)["contrast"] == "true"
    ratios = page.evaluate(CONTRASTS, "main p, main th, main td, main a, main h1, main h2, "
                                      "main label, main legend, .wd-aids button, .wd-site-name, "
                                      ".wd-breadcrumbs a, .wd-site-footer")
    assert len(ratios) > 40
    low = [(what, round(ratio, 2)) for what, ratio in ratios if ratio < 7]
    assert not low, low
    assert page.evaluate("() => getComputedStyle(document.body).backgroundColor") == "rgb(0, 0, 0)"
    assert page.evaluate("""() => [...document.querySelectorAll('main a')].every(
        (a) => getComputedStyle(a).textDecorationLine.includes('underline'))""")
    assert_axe_clean(page, "特大字 and 高对比度")

    # Remembered: after a reload, before the body exists, and on another page type.
    page.reload()
    assert modes(page) == ["wd-aids-contrast", "wd-aids-text-150"]
    assert "wd-aids-contrast" in page.evaluate("() => window.__classesAtBody")
    assert "wd-aids-text-150" in page.evaluate("() => window.__classesAtBody")
    page.goto(data.new_measures.url)
    assert modes(page) == ["wd-aids-contrast", "wd-aids-text-150"]
    assert pressed(page) == {"text125": "false", "text150": "true", "contrast": "true",
                             "simple": "false"}
    assert_axe_clean(page, "an item page in 特大字 and 高对比度")

    # 恢复默认 clears the choice here, in storage, and on the next page.
    aid(page, "reset").click()
    assert modes(page) == []
    assert set(pressed(page).values()) == {"false"}
    assert page.evaluate(f"() => localStorage.getItem('{STORAGE_KEY}')") is None
    assert page.locator("#wd-aids-status").inner_text().strip()
    page.goto(data.section.url)
    assert modes(page) == []
    assert page.evaluate("() => getComputedStyle(document.documentElement).fontSize") == "16px"

    check_keyboard_operation(page, data.section.url)
    assert_no_csp_violation(log)
    check_simple_layout_and_reflow(new_context, data)


def check_simple_layout_and_reflow(new_context, data):
    """简洁模式 is one column without pop-ups; 特大字 reflows on a phone."""
    page = new_context(viewport=DESKTOP).new_page()
    log = ViolationLog(page)
    page.goto(data.news.url)
    tree, content = page.locator("nav.wd-tree-nav"), page.locator(".wd-with-nav__content")
    # Beside the content on a wide screen, with the tree open.
    assert tree.bounding_box()["x"] + tree.bounding_box()["width"] <= content.bounding_box()["x"]
    # What a site's own template might add: a sticky bar, a floating advert, a 弹窗.
    page.evaluate("""() => {
        const bar = document.createElement('div');
        bar.textContent = '通知'; bar.style.position = 'sticky'; bar.style.top = '0';
        const ad = document.createElement('div');
        ad.textContent = '广告'; ad.style.position = 'fixed'; ad.style.bottom = '0';
        const popup = document.createElement('dialog');
        popup.textContent = '欢迎访问';
        for (const el of [bar, ad, popup]) el.dataset.injected = '';
        document.querySelector('main').prepend(bar);
        document.body.append(ad, popup);
        popup.show();
    }""")
    assert len(page.evaluate(FIXED_OR_STICKY)) == 2

    aid(page, "simple").click()
    assert pressed(page)["simple"] == "true"
    assert page.evaluate(FIXED_OR_STICKY) == []
    assert page.locator("dialog").is_hidden()
    assert page.locator("dialog[open], [role=dialog]:visible, [popover]:visible").count() == 0
    # One column: the tree, folded, above the content, at the same left edge.
    assert tree.bounding_box()["y"] + tree.bounding_box()["height"] <= content.bounding_box()["y"]
    assert abs(tree.bounding_box()["x"] - content.bounding_box()["x"]) < 1
    assert not page.evaluate("() => document.getElementById('wd-tree').open")
    page.locator("summary.wd-tree__summary").click()
    # Opened, it is a plain list: every level shown, no folds to open.
    assert page.locator(".wd-tree__toggle:visible").count() == 0
    assert page.locator(f"nav.wd-tree-nav a[href='{data.normative.url}']").is_visible()
    # Listings as one column of cards; larger targets for links of lists and for controls.
    rows = page.locator("table.wd-item-table tbody tr")
    assert rows.nth(0).bounding_box()["width"] >= content.bounding_box()["width"] - 1
    heights = page.evaluate("""() => [...document.querySelectorAll(
        '.wd-item-table a, .wd-tree__link, .wd-breadcrumbs a, main button, main select, ' +
        '.wd-aids button')].filter((el) => el.checkVisibility()).map(
        (el) => el.getBoundingClientRect().height)""")
    assert len(heights) > 20 and min(heights) >= 48, sorted(heights)[:5]
    assert page.evaluate("""() => [...document.querySelectorAll('*')].every((el) =>
        getComputedStyle(el).animationName === 'none')""")
    page.evaluate("() => document.querySelectorAll('[data-injected]').forEach((e) => e.remove())")
    assert_axe_clean(page, "简洁模式")

    page.goto(data.new_measures.url)
    assert modes(page) == ["wd-aids-simple"]
    assert page.locator("table.wd-item-meta tr").first.evaluate(
        "(tr) => getComputedStyle(tr).display") == "table-row"
    aid(page, "simple").click()  # off again: the tree stands beside the content, open
    assert modes(page) == []
    assert page.evaluate("() => document.getElementById('wd-tree').open")
    assert tree.bounding_box()["x"] + tree.bounding_box()["width"] <= content.bounding_box()["x"]
    assert_no_csp_violation(log)

    # 大字 on a phone (WCAG 1.4.10): at 150 % on a 375 px screen nothing scrolls sideways.
    page = new_context(viewport=MOBILE, is_mobile=True, has_touch=True).new_page()
    page.goto(data.news.url)
    page.evaluate(f"""() => localStorage.setItem('{STORAGE_KEY}',
        JSON.stringify({{text: '150', contrast: true}}))""")
    for url in (data.news.url, data.new_measures.url, data.power.url):
        page.goto(url)
        assert modes(page) == ["wd-aids-contrast", "wd-aids-text-150"]
        overflow = page.evaluate("""() => [...document.querySelectorAll('body *')]
            .filter((el) => el.checkVisibility()
                    && el.getBoundingClientRect().right > innerWidth + 1
                    && !el.closest('.wd-visually-hidden, .wd-skip-link, .wd-table-scroll'))
            .map((el) => el.tagName + '.' + el.className + ' ' + el.innerText.slice(0, 20))""")
        assert not overflow, (url, overflow[:5])
        assert page.evaluate("() => document.documentElement.scrollWidth <= innerWidth"), url
    page.goto(data.new_measures.url)
    shoot(page, "reading-aids-large-contrast-mobile.png")


#: A stand-in for the browser's speech synthesis that records what the page asks it to say.
#: It lists a network voice first (as Chrome's "Google 普通话" is): the page must not use it.
SPEECH_STUB = """
window.__speech = {spoken: [], cancelled: 0, last: null};
window.__voices = [
    {name: 'Network 普通话', lang: 'zh-CN', localService: false, default: true},
    {name: 'Local English', lang: 'en-US', localService: true, default: false},
    {name: 'Local 普通话', lang: 'zh_CN', localService: true, default: false},
];
window.SpeechSynthesisUtterance = class {
    constructor(text) { this.text = text; this.lang = ''; this.voice = null; this.onend = null; }
};
Object.defineProperty(window, 'speechSynthesis', {configurable: true, value: {
    getVoices: () => window.__voices,
    speak(u) {
        window.__speech.spoken.push({text: u.text, lang: u.lang, voice: u.voice && u.voice.name});
        window.__speech.last = u;
    },
    cancel() { window.__speech.cancelled += 1; },
    addEventListener() {}, pause() {}, resume() {},
}});
"""

NO_SPEECH = """
Object.defineProperty(window, 'speechSynthesis', {configurable: true, value: undefined});
window.SpeechSynthesisUtterance = undefined;
"""


def spoken(page):
    return page.evaluate("() => window.__speech.spoken")


def spoken_text(page):
    return "".join(s["text"] for s in spoken(page))


def squeeze(text):
    return re.sub(r"\s+", "", text)


@pytest.mark.browser
def test_read_aloud_asks_the_browser_to_read_the_main_content_or_explains_why_not(
        new_context, aids_site):
    data = aids_site
    page = new_context(viewport=DESKTOP).new_page()
    log = ViolationLog(page)
    page.add_init_script(SPEECH_STUB)
    page.goto(data.new_measures.url)
    speak, stop = aid(page, "speak"), aid(page, "stop")

    # The main content: title, metadata, body; not the 公开目录 tree inside <main>.
    speak.focus()
    page.keyboard.press("Enter")
    said = spoken(page)
    assert said and {s["lang"] for s in said} == {"zh-CN"}
    assert {s["voice"] for s in said} == {"Local 普通话"}  # never the network voice
    text = squeeze(spoken_text(page))
    assert squeeze(data.new_measures.title) in text
    assert squeeze(data.new_measures.index_number) in text
    assert "第一条为加强社有资产监督管理，制定本办法。" in text
    assert data.statutory.title not in text  # a column only the tree names
    assert all(len(s["text"]) <= 200 for s in said)
    assert speak.get_attribute("aria-pressed") == "true"
    assert page.locator("#wd-aids-status").inner_text().strip()
    page.evaluate("() => window.__speech.last.onend()")  # the browser finished
    assert speak.get_attribute("aria-pressed") == "false"

    # 停止朗读 cancels; 朗读 again while reading stops too.
    page.keyboard.press("Enter")
    assert speak.get_attribute("aria-pressed") == "true"
    cancelled = page.evaluate("() => window.__speech.cancelled")
    stop.click()
    assert page.evaluate("() => window.__speech.cancelled") == cancelled + 1
    assert speak.get_attribute("aria-pressed") == "false"

    # A selection is read instead of the page.
    page.evaluate("""() => {
        const range = document.createRange();
        range.selectNodeContents(document.querySelector('.wd-body-text p, main p'));
        getSelection().removeAllRanges(); getSelection().addRange(range);
    }""")
    selection = page.evaluate("() => getSelection().toString()")
    page.evaluate("() => { window.__speech.spoken = []; }")
    speak.click()
    assert squeeze(spoken_text(page)) == squeeze(selection)
    stop.click()
    page.evaluate("() => getSelection().removeAllRanges()")

    # The element that had focus right before the toolbar is read: here an item's link.
    page.goto(data.news.url)
    link = page.locator("table.wd-item-table tbody a").first
    link.focus()
    aid(page, "speak").focus()  # straight from the link, as a click on the button would
    page.keyboard.press("Space")
    assert squeeze(spoken_text(page)) == squeeze(link.inner_text())
    aid(page, "stop").click()

    # Only a network voice for Chinese: nothing is read, and the visitor is told why.
    page.evaluate("() => { window.__voices.splice(1); window.__speech.spoken = []; }")
    aid(page, "speak").click()
    assert spoken(page) == []
    assert aid(page, "speak").get_attribute("aria-pressed") == "false"
    assert page.locator("#wd-aids-status").inner_text().strip()
    assert_axe_clean(page, "the column page after a failed read-aloud")
    assert_no_csp_violation(log)

    # Without speech synthesis, 朗读 is disabled and the visitor told why.
    page = new_context(viewport=DESKTOP).new_page()
    page.add_init_script(NO_SPEECH)
    page.goto(aids_site.new_measures.url)
    speak = aid(page, "speak")
    assert speak.is_disabled()
    note = page.locator("#wd-aids-no-speech")
    assert note.is_visible() and note.inner_text().strip()
    assert speak.get_attribute("aria-describedby") == "wd-aids-no-speech"
    assert aid(page, "stop").is_hidden()
    aid(page, "contrast").click()  # the other aids still work
    assert modes(page) == ["wd-aids-contrast"]
    assert_axe_clean(page, "the toolbar without speech synthesis")

    # Without scripts the page reads as usual, and no aid that cannot work is offered.
    page = new_context(viewport=DESKTOP, java_script_enabled=False).new_page()
    page.goto(aids_site.news.url)
    assert page.locator("#wd-aids").count() == 1
    assert page.locator("#wd-aids").is_hidden()
    assert page.locator("h1").is_visible()
    assert page.locator("table.wd-item-table tbody tr").count() > 0


def check_keyboard_operation(page, url):
    """Tab reaches the toolbar right after the skip link; Enter and Space press its buttons."""
    page.goto(url)
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.className") == "wd-skip-link"
    page.keyboard.press("Tab")
    focused = "() => [document.activeElement.dataset.wdAid, document.activeElement.dataset.wdValue]"
    assert page.evaluate(focused) == ["text", "125"]
    outline = page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
        return [s.outlineStyle, parseFloat(s.outlineWidth), s.boxShadow]; }""")
    assert outline[0] != "none" and outline[1] >= 2 and outline[2] != "none"
    page.keyboard.press("Enter")
    assert modes(page) == ["wd-aids-text-125"]
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert modes(page) == ["wd-aids-text-150"]
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert modes(page) == ["wd-aids-contrast", "wd-aids-simple", "wd-aids-text-150"]
    # every button is at least 24 × 24 px (WCAG 2.5.8), in the largest text too
    sizes = page.locator("#wd-aids button").evaluate_all(
        "(bs) => bs.filter((b) => b.checkVisibility()).map((b) => b.getBoundingClientRect())"
        ".map((r) => Math.min(r.width, r.height))")
    assert len(sizes) == 7 and min(sizes) >= 24
    shoot(page, "reading-aids-simple-contrast.png")
    for _ in range(3):  # 朗读, 停止朗读, 恢复默认
        page.keyboard.press("Tab")
    assert page.evaluate(focused) == ["reset", None]
    page.keyboard.press("Enter")
    assert modes(page) == []
    shoot(page, "reading-aids-toolbar.png")


# -- the template tags, without a browser -----------------------------------------------------


def test_one_tag_adds_the_toolbar_and_its_files_to_a_sites_own_template():
    html = Template("{% load disclosure_reading_aids %}{% reading_aids %}").render(Context())
    assert 'href="/static/wagtail_disclosure/css/reading-aids.css"' in html
    assert 'src="/static/wagtail_disclosure/js/reading-aids.js"' in html
    assert 'id="wd-aids"' in html and html.count("data-wd-aid=") == 7
    with override_settings(WAGTAIL_DISCLOSURE={"READING_AIDS": False}):
        for tag in ("reading_aids", "reading_aids_head", "reading_aids_toolbar"):
            rendered = Template("{% load disclosure_reading_aids %}{% " + tag + " %}")
            assert rendered.render(Context()).strip() == "", tag
