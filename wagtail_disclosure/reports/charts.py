"""Server-rendered SVG charts for the annual reports: no JavaScript, no external assets.

Each chart is an inline ``<svg role="img">`` labelled by its ``<title>`` and ``<desc>`` (the
text alternative, also ``Chart.summary``), with every bar's value printed next to it and the
two series of a grouped chart told apart by fill pattern as well as colour. ``Chart.table`` holds
the same figures as a ``Table`` for screen readers and print (``reports/chart.html`` shows it
under the chart). Ids inside the SVG start with the ``prefix`` argument, so several charts can
share a page.

A figure may be unknown (``None``: not read from an imported report). An unknown figure is
never drawn as 0: its bar is left out, "not read" is written where the bar would stand, and the
text alternative and the figures table say "not read" too.
"""

import math
import re
from dataclasses import dataclass
from html import escape

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from . import format as fmt
from . import tables as layout

TEXT = "#1a1a1a"
MUTED = "#4a4a4a"
AXIS = "#767676"
GRID = "#d0d0d0"
PRIMARY = "#0b4f9c"  # 7.6:1 on white
SECONDARY = "#9e1b1b"  # 7.4:1 on white
FONT = 15
FONT_SMALL = 13


@dataclass
class Chart:
    svg: str  # safe inline SVG markup
    title: str
    summary: str  # the text alternative, one or two sentences
    table: "layout.Table | None" = None
    id: str = ""


# -- helpers ----------------------------------------------------------------------------------

def _join(parts):
    return pgettext("list separator", "; ").join(parts)


def _clean_prefix(prefix):
    cleaned = re.sub(r"[^A-Za-z0-9_-]", "-", str(prefix or "wd-chart"))
    return cleaned if cleaned[:1].isalpha() else f"c{cleaned}"


def _number(value):
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else 0


def _figure(value):
    """A figure, or ``None`` when it is unknown."""
    return None if value is None else _number(value)


def not_read():
    return pgettext("report chart", "not read")


def _count(value):
    return not_read() if value is None else layout.format_number(_number(value))


def _unknown_mark(x, y, classes="wd-chart__unknown"):
    """"not read" written upwards from ``(x, y)``, where a bar would stand."""
    return _text(x, y, not_read(), anchor="start", size=FONT_SMALL, fill=MUTED,
                 extra=f' class="{classes}" transform="rotate(-90 {x:.1f} {y:.1f})"')


def _percent(part, whole):
    """``part`` of ``whole`` as a percentage, or ``None`` when ``whole`` is 0."""
    return None if not whole else 100.0 * part / whole


def _percent_text(percent):
    return "—" if percent is None else f"{percent:.1f}%"


def nice_scale(maximum, ticks=4):
    """An axis for counts from 0 to at least ``maximum``: ``(axis_max, step)`` with a step of
    1, 2, 2.5 or 5 × 10ⁿ (whole numbers), so 0 and very large values both draw sensibly."""
    if maximum <= 0:
        return 1, 1
    raw = maximum / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        step = factor * magnitude
        if step >= raw:
            break
    step = max(1, round(step))  # counts: whole steps
    return step * math.ceil(maximum / step), step


def _text_width(text, size=FONT):
    """Approximate rendered width: CJK characters are square, others about half."""
    return sum(size if ord(ch) > 0x2E7F else size * 0.6 for ch in str(text))


def _svg(prefix, width, height, title, summary, body, defs=""):
    title_id, desc_id = f"{prefix}-title", f"{prefix}-desc"
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="wd-chart__svg" id="{prefix}-svg" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" height="{height:.0f}" '
        f'role="img" aria-labelledby="{title_id} {desc_id}" '
        f'font-family="\'Noto Sans CJK SC\', \'Source Han Sans SC\', \'PingFang SC\', '
        f'\'Microsoft YaHei\', sans-serif" font-size="{FONT}">'
        f'<title id="{title_id}">{escape(title)}</title>'
        f'<desc id="{desc_id}">{escape(summary)}</desc>'
        f'{"<defs>" + defs + "</defs>" if defs else ""}'
        f'<rect width="100%" height="100%" fill="#ffffff"/>'
        f'{"".join(body)}</svg>')


def _text(x, y, content, anchor="middle", size=FONT, fill=TEXT, weight=None, extra=""):
    weight_attr = f' font-weight="{weight}"' if weight else ""
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" '
            f'fill="{fill}"{weight_attr}{extra}>{escape(str(content))}</text>')


def _bar(x, y, width, height, fill, label, classes="wd-chart__bar", stroke=None):
    stroke_attr = f' stroke="{stroke}" stroke-width="1.5"' if stroke else ""
    return (f'<rect class="{classes}" x="{x:.1f}" y="{y:.1f}" width="{max(width, 0):.1f}" '
            f'height="{max(height, 0):.1f}" fill="{fill}"{stroke_attr}>'
            f'<title>{escape(label)}</title></rect>')


def _hatch(pattern_id, colour):
    return (f'<pattern id="{pattern_id}" width="6" height="6" patternUnits="userSpaceOnUse" '
            f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
            f'<rect width="3" height="6" fill="{colour}"/></pattern>')


def _y_axis(body, left, top, plot_width, plot_height, axis_max, step, formatter):
    """Horizontal grid lines with labels, and the baseline."""
    value = 0
    while value <= axis_max + 1e-9:
        y = top + plot_height - plot_height * value / axis_max
        body.append(f'<line x1="{left:.1f}" x2="{left + plot_width:.1f}" y1="{y:.1f}" '
                    f'y2="{y:.1f}" stroke="{GRID if value else AXIS}" stroke-width="1"/>')
        body.append(_text(left - 6, y + 4, formatter(value), anchor="end", size=FONT_SMALL,
                          fill=MUTED))
        value += step


def _data_table(key, caption, head, rows):
    """A plain figures table: the first cell of each row labels it."""
    body = [[layout.header(str(row[0]), scope="row")] + [
        layout.Cell(text, numeric=True, value=value) for text, value in row[1:]] for row in rows]
    table = layout.Table(key, caption, [[layout.header(text) for text in head]], body)
    return layout.finish(table)


# -- requests per year ------------------------------------------------------------------------

def requests_per_year_chart(points, prefix="wd-chart-requests", title=None):
    """Grouped bars: requests received and concluded per year, from
    ``points = [(year, received, concluded), …]`` (oldest first; 1–10 years read best)."""
    prefix = _clean_prefix(prefix)
    title = title or _("Requests received and concluded per year")
    received_label = pgettext("report chart", "Received")
    concluded_label = pgettext("report chart", "Concluded")
    points = [(year, _figure(received), _figure(concluded))
              for year, received, concluded in points]
    if points:
        summary = _("%(title)s: %(items)s.") % {"title": title, "items": _join(
            _("%(year)s: %(received)s received, %(concluded)s concluded") % {
                "year": year, "received": _count(received), "concluded": _count(concluded)}
            for year, received, concluded in points)}
    else:
        summary = _("%(title)s: no figures yet.") % {"title": title}

    maximum = max((value for _y, *values in points for value in values if value is not None),
                  default=0)
    axis_max, step = nice_scale(maximum)
    label_width = max(_text_width(layout.format_number(axis_max), FONT_SMALL), 10)
    left, top, bar, gap = 16 + label_width, 56, 28, 28
    group = 2 * bar + gap
    plot_width = max(len(points), 1) * group
    plot_height = 200
    width = max(left + plot_width + 16, 320)
    height = top + plot_height + 36
    hatch_id = f"{prefix}-hatch"

    body = []
    # the legend: solid for received, hatched for concluded
    legend_x = left
    for label, fill, stroke in ((received_label, PRIMARY, None),
                                (concluded_label, f"url(#{hatch_id})", SECONDARY)):
        body.append(f'<rect x="{legend_x:.1f}" y="12" width="16" height="16" fill="{fill}"'
                    + (f' stroke="{stroke}" stroke-width="1.5"' if stroke else "") + "/>")
        body.append(_text(legend_x + 22, 25, label, anchor="start"))
        legend_x += 22 + _text_width(label) + 24
    _y_axis(body, left, top, plot_width, plot_height, axis_max, step, layout.format_number)
    baseline = top + plot_height
    for index, (year, received, concluded) in enumerate(points):
        x = left + index * group + gap / 2
        for offset, (value, label, fill, stroke) in enumerate((
                (received, received_label, PRIMARY, None),
                (concluded, concluded_label, f"url(#{hatch_id})", SECONDARY))):
            bar_x = x + offset * bar
            if value is None:
                body.append(_unknown_mark(bar_x + (bar - 2) / 2 + 4, baseline - 6))
                continue
            height_ = plot_height * value / axis_max
            body.append(_bar(bar_x, baseline - height_, bar - 2, height_, fill,
                             f"{year} {label}: {_count(value)}", stroke=stroke))
            body.append(_text(bar_x + (bar - 2) / 2, baseline - height_ - 5, _count(value),
                              size=FONT_SMALL))
        body.append(_text(x + bar - 1, baseline + 20, year))

    table = _data_table(f"{prefix}-data", _("%(title)s: figures") % {"title": title},
                        (_("Year"), received_label, concluded_label),
                        [(year, (_count(received), received), (_count(concluded), concluded))
                         for year, received, concluded in points])
    svg = _svg(prefix, width, height, title, summary, body, _hatch(hatch_id, SECONDARY))
    return Chart(svg, title, summary, table, prefix)


# -- outcomes mix ---------------------------------------------------------------------------

def outcome_groups(stats):
    """The result groups （一）…（六） of table 三 with their 总计 (the numbered rows summed):
    ``[(group, total), …]`` in the printed order; a group's total is ``None`` (unknown) when
    any of its rows is."""
    totals = {}
    for key in fmt.RESULT_ROW_KEYS:
        group, _label = fmt.REQUEST_ROW_BY_KEY[key]
        try:
            value = _figure(fmt.request_row(stats, key)["values"][fmt.COLUMN_KEYS.index("total")])
        except (KeyError, IndexError, TypeError):
            value = None
        known = totals.get(group, 0)
        totals[group] = None if known is None or value is None else known + value
    return list(totals.items())


def short_group(group):
    """A group's name without its printed qualification: "（二）部分公开"."""
    closing = group.find("）")
    qualification = group.find("（", closing + 1)
    return group if qualification < 0 else group[:qualification]


def outcomes_mix_chart(stats, prefix="wd-chart-outcomes", title=None):
    """Horizontal bars: how the requests concluded in the year ended, by group （一）…（六）,
    with counts and shares."""
    prefix = _clean_prefix(prefix)
    title = title or _("Outcomes of the requests concluded")
    groups = outcome_groups(stats)
    known = [value for _group, value in groups if value is not None]
    # shares need every group: with one unknown, the total is unknown too
    total = sum(known) if len(known) == len(groups) else None
    shares = [(group, value, None if total is None or value is None else _percent(value, total))
              for group, value in groups]
    if not known:
        summary = _("%(title)s: the figures were not read.") % {"title": title}
    elif total is None:
        summary = _("%(title)s (some figures were not read): %(items)s.") % {
            "title": title, "items": _join(f"{short_group(group)} {_count(value)}"
                                           for group, value, _share in shares)}
    elif total:
        summary = _("%(title)s (%(total)s in all): %(items)s.") % {
            "title": title, "total": _count(total), "items": _join(
                f"{short_group(group)} {_count(value)} ({_percent_text(percent)})"
                for group, value, percent in shares)}
    else:
        summary = _("%(title)s: no request was concluded.") % {"title": title}

    label_width = max(_text_width(short_group(group)) for group, _v in groups)
    left, top, row, bar = 12 + label_width + 8, 12, 40, 24
    plot_width = 360
    value_room = max(_text_width(f"{_count(max(total or 0, max(known, default=0), 1))} (100.0%)",
                                 FONT), _text_width(not_read(), FONT)) + 12
    width = left + plot_width + value_room
    height = top + row * len(groups) + 8
    maximum = max(known, default=0) or 1

    body = [(f'<line x1="{left:.1f}" x2="{left:.1f}" y1="{top:.1f}" '
             f'y2="{top + row * len(groups):.1f}" stroke="{AXIS}" stroke-width="1"/>')]
    for index, (group, value, percent) in enumerate(shares):
        y = top + index * row + (row - bar) / 2
        body.append(_text(left - 8, y + bar / 2 + 5, short_group(group), anchor="end"))
        if value is None:
            body.append(_text(left + 6, y + bar / 2 + 5, not_read(), anchor="start", fill=MUTED,
                              extra=' class="wd-chart__unknown"'))
            continue
        length = plot_width * value / maximum
        text = _count(value) if total is None else f"{_count(value)} ({_percent_text(percent)})"
        body.append(_bar(left, y, length, bar, PRIMARY, f"{short_group(group)}: {text}"))
        body.append(_text(left + length + 6, y + bar / 2 + 5, text, anchor="start"))

    table = _data_table(f"{prefix}-data", _("%(title)s: figures") % {"title": title},
                        (fmt.RESULTS_HEADING, _("Requests"), _("Share")),
                        [(group, (_count(value), value),
                          (not_read() if total is None else _percent_text(percent),
                           None if percent is None else round(percent, 1)))
                         for group, value, percent in shares])
    svg = _svg(prefix, width, height, title, summary, body)
    return Chart(svg, title, summary, table, prefix)


# -- on-time rate -----------------------------------------------------------------------------

def on_time_rate_chart(points, prefix="wd-chart-on-time", title=None):
    """Bars of the share of requests concluded within the deadline per year, from
    ``points = [(year, concluded, on_time), …]``; a year with nothing concluded has no bar
    and shows "—"."""
    prefix = _clean_prefix(prefix)
    title = title or _("Requests concluded on time, per year")
    rows = [(year, _figure(concluded), _figure(on_time),
             None if concluded is None or on_time is None
             else _percent(_number(on_time), _number(concluded)))
            for year, concluded, on_time in points]
    parts = []
    for year, concluded, on_time, percent in rows:
        if concluded is None or on_time is None:
            parts.append(_("%(year)s: not read") % {"year": year})
        elif percent is None:
            parts.append(_("%(year)s: no request concluded") % {"year": year})
        else:
            parts.append(_("%(year)s: %(percent)s (%(on_time)s of %(concluded)s)") % {
                "year": year, "percent": _percent_text(percent), "on_time": _count(on_time),
                "concluded": _count(concluded)})
    summary = (_("%(title)s: %(items)s.") % {"title": title, "items": _join(parts)}
               if parts else _("%(title)s: no figures yet.") % {"title": title})

    left, top, bar, gap = 16 + _text_width("100%", FONT_SMALL), 28, 40, 24
    plot_width = max(len(rows), 1) * (bar + gap)
    plot_height = 180
    width = max(left + plot_width + 16, 320)
    height = top + plot_height + 36
    baseline = top + plot_height

    body = []
    _y_axis(body, left, top, plot_width, plot_height, 100, 25, lambda value: f"{value:.0f}%")
    for index, (year, concluded, on_time, percent) in enumerate(rows):
        x = left + index * (bar + gap) + gap / 2
        if concluded is None or on_time is None:
            body.append(_unknown_mark(x + bar / 2 + 4, baseline - 6))
        elif percent is None:
            body.append(_text(x + bar / 2, baseline - 6, "—"))
        else:
            height_ = plot_height * min(percent, 100) / 100
            body.append(_bar(x, baseline - height_, bar, height_, PRIMARY,
                             f"{year}: {_percent_text(percent)}"))
            body.append(_text(x + bar / 2, baseline - height_ - 5, _percent_text(percent),
                              size=FONT_SMALL))
        body.append(_text(x + bar / 2, baseline + 20, year))

    table = _data_table(f"{prefix}-data", _("%(title)s: figures") % {"title": title},
                        (_("Year"), pgettext("report chart", "Concluded"), _("Within the deadline"),
                         _("Share")),
                        [(year, (_count(concluded), concluded), (_count(on_time), on_time),
                          (not_read() if concluded is None or on_time is None
                           else _percent_text(percent),
                           None if percent is None else round(percent, 1)))
                         for year, concluded, on_time, percent in rows])
    svg = _svg(prefix, width, height, title, summary, body)
    return Chart(svg, title, summary, table, prefix)
