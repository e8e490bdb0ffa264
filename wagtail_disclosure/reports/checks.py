"""The integrity rules of the 2021 format, run over a statistics dict (see ``format.py``).

The rules are the table's own arithmetic: table 三's printed note (一 + 二 = （七） + 四 in every
column), 总计 as the sum of the six applicant columns, （七） as the sum of the result rows,
table 四's totals, and the cross-year rule (this year's 二 = last year's published 四). A failed
rule is reported, never fixed: the editor decides, and must acknowledge each failure before
publishing.
"""

import re

from django.utils.translation import gettext as _

from . import format as fmt


def _number(value):
    return value if isinstance(value, (int, float)) else 0


def check(rule, ok, detail):
    return {"rule": rule, "ok": bool(ok), "detail": detail}


def request_checks(stats):
    """Table 三's rules: per-column balance, per-row totals, the results total."""
    results = []
    try:
        rows = {key: fmt.request_row(stats, key)["values"] for key in fmt.REQUEST_ROW_KEYS}
    except (KeyError, TypeError):
        return [check("requests:complete", False, _("Table 三 is incomplete."))]
    for index, (column, label) in enumerate(fmt.COLUMNS):
        def cell(key, index=index):
            return _number(rows[key][index])
        left = cell(fmt.NEW) + cell(fmt.CARRIED_OVER)
        right = cell(fmt.RESULTS_TOTAL) + cell(fmt.CARRIED_FORWARD)
        results.append(check(
            f"balance:{column}", left == right,
            _("%(column)s: 一 + 二 = %(left)s; （七） + 四 = %(right)s")
            % {"column": label, "left": left, "right": right}))
    for index, (column, label) in enumerate(fmt.COLUMNS):
        listed = sum(_number(rows[key][index]) for key in fmt.RESULT_ROW_KEYS)
        total = _number(rows[fmt.RESULTS_TOTAL][index])
        results.append(check(
            f"results_total:{column}", listed == total,
            _("%(column)s: （七）总计 = %(total)s; sum of the result rows = %(listed)s")
            % {"column": label, "total": total, "listed": listed}))
    for key, group, label in fmt.REQUEST_ROWS:
        values = [_number(v) for v in rows[key]]
        row_label = label if label == group else f"{group} {label}"
        results.append(check(
            f"columns_total:{key}", sum(values[:6]) == values[6],
            _("%(row)s: 总计 = %(total)s; sum of the six applicant columns = %(sum)s")
            % {"row": row_label, "total": values[6], "sum": sum(values[:6])}))
    return results


def review_checks(stats):
    """Table 四's rule: each 总计 is the sum of the four results of its group."""
    values = stats.get("review_litigation")
    if not isinstance(values, list) or len(values) != 15:
        return [check("review:complete", False, _("Table 四 does not have 15 figures."))]
    results = []
    for number, (group, label) in enumerate(fmt.REVIEW_GROUPS):
        part = [_number(v) for v in values[number * 5:number * 5 + 5]]
        results.append(check(
            f"review_total:{group}", sum(part[:4]) == part[4],
            _("%(group)s: 总计 = %(total)s; sum of the four results = %(sum)s")
            % {"group": label, "total": part[4], "sum": sum(part[:4])}))
    return results


def cross_year_checks(stats, previous):
    """This year's 二 against last year's published 四, column by column."""
    try:
        carried_over = fmt.request_row(stats, fmt.CARRIED_OVER)["values"]
        last_forward = fmt.request_row(previous, fmt.CARRIED_FORWARD)["values"]
    except (KeyError, TypeError):
        return []
    mismatched = [label for (column, label), this, last
                  in zip(fmt.COLUMNS, carried_over, last_forward) if this != last]
    detail = _("二 (carried over) = %(this)s; the %(year)s report's 四 = %(last)s") % {
        "this": carried_over, "last": last_forward, "year": previous.get("year", "")}
    if mismatched:
        detail += " · " + _("differs in: %(columns)s") % {"columns": "、".join(mismatched)}
    return [check("carried_over", not mismatched, detail)]


def run_checks(stats, previous=None):
    """Every rule that applies to ``stats``; ``previous`` is last year's published statistics.

    Legacy reports have no national tables, so no rules apply to them.
    """
    if stats.get("format") != fmt.FORMAT_2021:
        return []
    results = request_checks(stats) + review_checks(stats)
    if previous and previous.get("format") == fmt.FORMAT_2021:
        results += cross_year_checks(stats, previous)
    return results


def ack_key(result):
    """What an editor's acknowledgement of a failed check names: the rule and the figures in its
    detail. Language-independent (the detail is translated), and a change of the figures makes
    it a new failure that needs acknowledging again."""
    return result.get("rule"), tuple(re.findall(r"\d+(?:\.\d+)?", result.get("detail") or ""))


def failures(results):
    return [result for result in results if not result["ok"]]
