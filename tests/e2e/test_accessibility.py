"""The accessibility checker itself: axe-core (vendored, no network) with the WCAG 2.0/2.1/2.2
A/AA and best-practice rules, and the measurement of what axe cannot settle on a report page.

The pages and their states are checked in ``test_accessibility_states.py`` with
``page_violations`` below; the known-fault tests here prove the checker is not inert."""

import pytest

from .conftest import format_violations, run_axe

pytestmark = pytest.mark.browser


def test_axe_reports_a_known_problem(page, disclosure_site):
    """Guard against a silently inert checker: a deliberate fault is reported."""
    page.goto(disclosure_site.news.url)
    page.evaluate("""() => {
        const img = document.createElement('img');
        img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
        document.querySelector('main').appendChild(img);
        document.querySelector('.wd-filters label').remove();
        // WCAG 2.2 (2.5.8 Target Size, Minimum): two 10×10 links side by side
        for (const n of [1, 2]) {
            const a = document.createElement('a');
            a.href = '#x' + n; a.textContent = n;
            a.style.cssText = 'display:inline-block;width:10px;height:10px;font-size:8px;'
                + 'overflow:hidden;line-height:10px';
            document.querySelector('main').appendChild(a);
        }
    }""")
    ids = {v["id"] for v in run_axe(page)}
    assert {"image-alt", "label", "target-size"} <= ids, ids
    # a field described by an element that is not there
    page.evaluate("() => document.querySelector('#id_q').setAttribute("
                  "'aria-describedby', 'id_q_nowhere')")
    assert [n["target"] for v in dangling_references(page) for n in v["nodes"]] == [
        ['#id_q aria-describedby="id_q_nowhere"']]


# -- annual reports ---------------------------------------------------------------------------

# axe-core cannot settle the background of three kinds of element on a report page and files
# them as "incomplete" (which ``run_axe`` counts as violations): a table cell spanning rows,
# which axe places under the later rows' <tr> boxes (dequelabs/axe-core#4703); the text of an
# inline SVG chart, which it places under the chart's shapes; and the caption of a chart's
# narrow figures table, wider than the table's own background. Those elements are measured
# here instead: their colour against each background that can be painted behind them.
# ("imgNode": a chart's rotated "not read" mark, which axe takes to contain an image.)
UNSETTLED = {"bgOverlap", "elmPartiallyObscuring", "elmPartiallyObscured", "shortTextContent",
             "imgNode"}
REPORT_GRAPHICS = (".wd-report-table th[rowspan], .wd-report-table td[rowspan], "
                   ".wd-report-table > caption, svg.wd-chart__svg text")


def _luminance(rgb):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(v) for v in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(foreground, background):
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _measure_colours(page, targets):
    """[(target, foreground rgb, background rgb, large text?)] of elements axe left unsettled:
    an SVG text's fill on its chart's background; a cell's or caption's colour on the first
    opaque background of it or its ancestors, and on the one behind its table."""
    return page.evaluate("""(targets) => {
        const rgb = (text) => {
            const m = text.match(/rgba?\\(([\\d.]+),\\s*([\\d.]+),\\s*([\\d.]+)(?:,\\s*([\\d.]+))?/);
            return m && (m[4] === undefined || +m[4] === 1) ? [+m[1], +m[2], +m[3]] : null;
        };
        const opaque = (node) => {
            for (; node; node = node.parentElement) {
                const colour = rgb(getComputedStyle(node).backgroundColor);
                if (colour) return colour;
            }
            return [255, 255, 255];  // the canvas
        };
        return targets.flatMap((target) => {
            const el = document.querySelector(target);
            const style = getComputedStyle(el);
            const size = parseFloat(style.fontSize);
            const large = size >= 24 || (parseInt(style.fontWeight, 10) >= 700 && size >= 18.66);
            if (el instanceof SVGElement) {
                const chart = getComputedStyle(el.ownerSVGElement.querySelector('rect')).fill;
                return [[target, rgb(style.fill), rgb(chart), large]];
            }
            const backgrounds = [opaque(el), opaque(el.closest('table').parentElement)];
            return backgrounds.map((background) => [target, rgb(style.color), background, large]);
        });
    }""", targets)


def report_axe_violations(page):
    """``run_axe``'s findings on a report page, with the cells and chart text axe cannot settle
    measured instead (a measured contrast below 4.5:1, 3:1 for large text, is a violation)."""
    kept, unsettled = [], []
    for violation in run_axe(page):
        if violation["id"] != "color-contrast":
            kept.append(violation)
            continue
        nodes = []
        for node in violation["nodes"]:
            keys = {(check.get("data") or {}).get("messageKey") for check in node["any"]}
            target = node["target"][-1] if node["target"] else ""
            if keys and keys <= UNSETTLED and page.evaluate(
                    "([target, graphics]) => !!document.querySelector(target)?.matches(graphics)",
                    [target, REPORT_GRAPHICS]):
                unsettled.append(target)
            else:
                nodes.append(node)
        if nodes:
            kept.append({**violation, "nodes": nodes})
    for target, foreground, background, large in _measure_colours(page, unsettled):
        ratio = contrast_ratio(foreground, background) if foreground else 0
        if ratio < (3 if large else 4.5):
            kept.append({"id": "color-contrast", "impact": "serious", "helpUrl": "",
                         "help": f"measured contrast {ratio:.2f}:1 ({foreground} on {background})",
                         "nodes": [{"target": [target]}]})
    return kept


def dangling_references(page):
    """``aria-describedby``/``aria-labelledby`` ids that are not on the page, as violations.
    axe files them under "incomplete" (``aria-valid-attr-value``), which ``run_axe`` keeps
    out: a screen reader then reads a field without its help text or its error."""
    missing = page.evaluate("""() => [...document.querySelectorAll(
            '[aria-describedby], [aria-labelledby]')].flatMap((el) =>
        ['aria-describedby', 'aria-labelledby'].flatMap((name) =>
            (el.getAttribute(name) || '').split(/\\s+/).filter(
                (id) => id && !document.getElementById(id)).map(
                (id) => `${el.id ? '#' + el.id : el.tagName.toLowerCase()} ${name}="${id}"`)))""")
    if not missing:
        return []
    return [{"id": "aria-reference-missing", "impact": "serious", "helpUrl": "",
             "help": "aria-describedby/aria-labelledby name an id that is not on the page",
             "nodes": [{"target": [target]} for target in missing]}]


def page_violations(page):
    """What the state checks assert empty: ``report_axe_violations`` (on a page without
    report tables or charts, exactly ``run_axe``'s findings) and ``dangling_references``."""
    return report_axe_violations(page) + dangling_references(page)


def assert_report_accessible(page, what):
    """Assert ``page_violations`` is empty on ``page``, naming ``what`` in the failure (the
    report journey checks the report and the report index with it)."""
    violations = page_violations(page)
    assert not violations, (
        f"axe-core found {len(violations)} violation(s) on {what} "
        f"({page.url}):\n{format_violations(violations)}"
    )


def build_report_pages(section):
    """The 年度报告 column with a computed 2025 report (an overridden cell, entered figures) on
    top of a 2024 one, and a legacy 2014 report with stated figures: (index, report, legacy)."""
    import datetime

    from tests import factories
    from wagtail_disclosure.models import AnnualReportPage

    day = datetime.date
    index = factories.report_index(section, intro="<p>历年年度报告。</p>")
    factories.past_request(day(2024, 5, 6), "business", "partially_disclosed", day(2024, 6, 1))
    factories.past_request(day(2024, 12, 20), "natural_person", "disclosed", day(2025, 1, 8))
    factories.past_request(day(2025, 3, 3), "research", "withheld_state_secret", day(2025, 4, 1))
    factories.past_request(day(2025, 12, 30), "natural_person")
    factories.annual_report(2024, index=index)
    report = factories.annual_report(2025, index=index, publish=False, licensing_decisions=12,
                                     penalty_decisions=3, coercion_decisions=0)
    report.overrides.create(cell="requests.new.natural_person", value=2,
                            reason="1件信函申请未录入系统")
    report.save_revision().publish()
    legacy = AnnualReportPage(
        title="区供销社2014年政府信息公开工作年度报告", slug="report-2014", year=2014,
        report_format="legacy", live=False, body=[],
        stated_figures=[("figure", {"measure": "proactive_total", "label": "主动公开政府信息",
                                    "value": 55, "unit": "条"}),
                        ("figure", {"measure": "requests_received", "label": "收到政府信息公开申请",
                                    "value": 2, "unit": "件"})])
    index.add_child(instance=legacy)
    legacy.save_revision().publish()
    return index, AnnualReportPage.objects.get(pk=report.pk), legacy


@pytest.fixture
def report_pages(disclosure_site):
    return build_report_pages(disclosure_site.section)


def test_report_check_measures_what_axe_cannot_settle(page, report_pages):
    """Guard the measurement: a grey-on-white chart label and row-spanning cell are reported."""
    _index, report, _legacy = report_pages
    page.goto(report.url)
    page.add_style_tag(content=(
        "svg.wd-chart__svg text { fill: #bbbbbb !important; }"
        ".wd-report-table th[rowspan] { color: #c8c8c8 !important; }"))
    violations = report_axe_violations(page)
    measured = [node["target"][0] for v in violations if v["help"].startswith("measured contrast")
                for node in v["nodes"]]
    assert "#wd-table-requests-h13" in measured, format_violations(violations)
    assert any(target.startswith("text") for target in measured), format_violations(violations)
