"""The integrity rules of the 2021 format, run over a statistics dict (see ``format.py``).

The rules are the table's own arithmetic: table 三's printed note (一 + 二 = （七） + 四 in every
column), 总计 as the sum of the six applicant columns, （七） as the sum of the result rows,
table 四's totals, and the cross-year rule (this year's 二 = last year's published 四). A failed
rule is reported, never fixed: the editor decides, and must acknowledge each failure before
publishing.

A rule has three outcomes (``status``): ``"passed"``, ``"failed"``, or ``"not_evaluable"`` when
a figure it involves is unknown (``None``: an imported report that did not give it). ``ok`` is
``True``, ``False`` or ``None`` accordingly. A rule that cannot be evaluated is never counted as
passed; it needs no acknowledgement either (there is nothing to acknowledge but a gap, which
the editor fills with an override).
"""

import re

from django.utils.translation import gettext as _

from . import format as fmt

PASSED, FAILED, NOT_EVALUABLE = "passed", "failed", "not_evaluable"


def _number(value):
    """A figure, or ``None`` when it is unknown."""
    if value is None or isinstance(value, bool):
        return None if value is None else int(value)
    return value if isinstance(value, (int, float)) else 0


def _sum(values):
    """The sum of figures, or ``None`` when any of them is unknown."""
    values = [_number(v) for v in values]
    return None if any(v is None for v in values) else sum(values)


def _shown(value):
    return _("not read") if value is None else value


def check(rule, ok, detail):
    """One rule's result; ``ok=None`` means it cannot be evaluated."""
    if ok is None:
        return {"rule": rule, "ok": None, "status": NOT_EVALUABLE, "detail": detail}
    return {"rule": rule, "ok": bool(ok), "status": PASSED if ok else FAILED, "detail": detail}


def _equal(left, right):
    return None if left is None or right is None else left == right


def request_checks(stats):
    """Table 三's rules: per-column balance, per-row totals, the results total."""
    results = []
    try:
        rows = {key: list(fmt.request_row(stats, key)["values"]) for key in fmt.REQUEST_ROW_KEYS}
    except (KeyError, TypeError):
        return [check("requests:complete", False, _("Table 三 is incomplete."))]
    rows = {key: (values + [None] * 7)[:7] for key, values in rows.items()}
    for index, (column, label) in enumerate(fmt.COLUMNS):
        left = _sum([rows[fmt.NEW][index], rows[fmt.CARRIED_OVER][index]])
        right = _sum([rows[fmt.RESULTS_TOTAL][index], rows[fmt.CARRIED_FORWARD][index]])
        results.append(check(
            f"balance:{column}", _equal(left, right),
            _("%(column)s: 一 + 二 = %(left)s; （七） + 四 = %(right)s")
            % {"column": label, "left": _shown(left), "right": _shown(right)}))
    for index, (column, label) in enumerate(fmt.COLUMNS):
        listed = _sum(rows[key][index] for key in fmt.RESULT_ROW_KEYS)
        total = _number(rows[fmt.RESULTS_TOTAL][index])
        results.append(check(
            f"results_total:{column}", _equal(listed, total),
            _("%(column)s: （七）总计 = %(total)s; sum of the result rows = %(listed)s")
            % {"column": label, "total": _shown(total), "listed": _shown(listed)}))
    for key, group, label in fmt.REQUEST_ROWS:
        values = rows[key]
        row_label = label if label == group else f"{group} {label}"
        total, applicants = _number(values[6]), _sum(values[:6])
        results.append(check(
            f"columns_total:{key}", _equal(applicants, total),
            _("%(row)s: 总计 = %(total)s; sum of the six applicant columns = %(sum)s")
            % {"row": row_label, "total": _shown(total), "sum": _shown(applicants)}))
    return results


def review_checks(stats):
    """Table 四's rule: each 总计 is the sum of the four results of its group."""
    values = stats.get("review_litigation")
    if not isinstance(values, list) or len(values) != 15:
        return [check("review:complete", False, _("Table 四 does not have 15 figures."))]
    results = []
    for number, (group, label) in enumerate(fmt.REVIEW_GROUPS):
        part = values[number * 5:number * 5 + 5]
        listed, total = _sum(part[:4]), _number(part[4])
        results.append(check(
            f"review_total:{group}", _equal(listed, total),
            _("%(group)s: 总计 = %(total)s; sum of the four results = %(sum)s")
            % {"group": label, "total": _shown(total), "sum": _shown(listed)}))
    return results


def cross_year_checks(stats, previous):
    """This year's 二 against last year's published 四, column by column. A column that
    differs fails the rule even when another column is unknown."""
    try:
        carried_over = fmt.request_row(stats, fmt.CARRIED_OVER)["values"]
        last_forward = fmt.request_row(previous, fmt.CARRIED_FORWARD)["values"]
    except (KeyError, TypeError):
        return []
    mismatched, unknown = [], False
    for (_column, label), this, last in zip(fmt.COLUMNS, carried_over, last_forward):
        if this is None or last is None:
            unknown = True
        elif this != last:
            mismatched.append(label)
    detail = _("二 (carried over) = %(this)s; the %(year)s report's 四 = %(last)s") % {
        "this": carried_over, "last": last_forward, "year": previous.get("year", "")}
    if mismatched:
        detail += " · " + _("differs in: %(columns)s") % {"columns": "、".join(mismatched)}
    ok = False if mismatched else (None if unknown else True)
    return [check("carried_over", ok, detail)]


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


def status(result):
    """A check's outcome, also for results stored before ``status`` existed."""
    if result.get("status") in (PASSED, FAILED, NOT_EVALUABLE):
        return result["status"]
    ok = result.get("ok")
    return NOT_EVALUABLE if ok is None else (PASSED if ok else FAILED)


def failures(results):
    """The checks that failed (not those that cannot be evaluated)."""
    return [result for result in results if status(result) == FAILED]


def not_evaluable(results):
    return [result for result in results if status(result) == NOT_EVALUABLE]


def check_counts(results):
    """``{"passed": n, "failed": n, "not_evaluable": n}``."""
    counts = {PASSED: 0, FAILED: 0, NOT_EVALUABLE: 0}
    for result in results:
        counts[status(result)] += 1
    return counts
