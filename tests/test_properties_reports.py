"""Property tests of the annual report's integrity rules (wagtail_disclosure/reports/checks.py)
over the statistics dict of the 2021 format (reports/format.py, 国办公开办函〔2021〕30号).

Tables 三 and 四 built balanced (一 + 二 = （七） + 四 in every column, （七） the sum of the
result rows, 总计 the sum of the six applicant columns, each table 四 总计 the sum of its four
results) pass every rule; any single change of one of their cells fails at least one; an
unknown cell makes rules not evaluable and none failed; and no content of the dict makes
``run_checks`` raise.
"""

import copy

from hypothesis import assume, given
from hypothesis import strategies as st

from tests import hypothesis_profiles  # noqa: F401  (loads the profile)
from wagtail_disclosure.reports import checks
from wagtail_disclosure.reports import format as fmt

figures = st.integers(0, 10_000)
REQUEST_CELLS = [f"requests.{key}.{column}" for key in fmt.REQUEST_ROW_KEYS
                 for column in fmt.COLUMN_KEYS]
REVIEW_CELLS = [f"review.{group}.{result}" for group in fmt.REVIEW_GROUP_KEYS
                for result in fmt.REVIEW_RESULT_KEYS]
CHECKED_CELLS = REQUEST_CELLS + REVIEW_CELLS


@st.composite
def balanced_statistics(draw, year=2025):
    stats = fmt.empty_statistics(year)
    for column in fmt.APPLICANT_COLUMN_KEYS:
        results = {key: draw(figures) for key in fmt.RESULT_ROW_KEYS}
        total = sum(results.values())
        forward = draw(figures)
        over = draw(st.integers(0, total + forward))
        values = {**results, fmt.RESULTS_TOTAL: total, fmt.CARRIED_FORWARD: forward,
                  fmt.CARRIED_OVER: over, fmt.NEW: total + forward - over}
        for key, value in values.items():
            fmt.set_cell(stats, f"requests.{key}.{column}", value)
    for key in fmt.REQUEST_ROW_KEYS:
        row = fmt.request_row(stats, key)
        row["values"][6] = sum(row["values"][:6])
    review = []
    for _group in fmt.REVIEW_GROUP_KEYS:
        results = [draw(figures) for _ in range(4)]
        review += results + [sum(results)]
    stats["review_litigation"] = review
    return stats


def previous_for(stats):
    """Last year's report whose 四 is this year's 二 (the cross-year rule)."""
    previous = fmt.empty_statistics(stats["year"] - 1)
    fmt.request_row(previous, fmt.CARRIED_FORWARD)["values"] = list(
        fmt.request_row(stats, fmt.CARRIED_OVER)["values"])
    return previous


@given(balanced_statistics())
def test_balanced_tables_pass_every_rule(stats):
    results = checks.run_checks(stats, previous_for(stats))
    counts = checks.check_counts(results)
    assert counts == {"passed": len(results), "failed": 0, "not_evaluable": 0}
    # 7 balance + 7 results total + 25 row totals + 3 table 四 totals + 1 cross-year.
    assert len(results) == 7 + 7 + len(fmt.REQUEST_ROW_KEYS) + 3 + 1


@given(balanced_statistics(), st.sampled_from(CHECKED_CELLS),
       st.integers(-10_000, 10_000).filter(bool))
def test_any_single_cell_change_fails_a_rule(stats, path, delta):
    changed = copy.deepcopy(stats)
    fmt.set_cell(changed, path, fmt.get_cell(stats, path) + delta)
    failed = checks.failures(checks.run_checks(changed, previous_for(stats)))
    assert failed, f"{path} changed by {delta} passed every rule"


@given(balanced_statistics(), st.sampled_from(fmt.APPLICANT_COLUMN_KEYS),
       st.integers(1, 10_000))
def test_a_carried_over_figure_that_differs_from_last_year_fails(stats, column, delta):
    previous = previous_for(stats)
    path = f"requests.{fmt.CARRIED_FORWARD}.{column}"
    fmt.set_cell(previous, path, fmt.get_cell(previous, path) + delta)
    failed = checks.failures(checks.run_checks(stats, previous))
    assert [result["rule"] for result in failed] == ["carried_over"]


@given(balanced_statistics(), st.sampled_from(CHECKED_CELLS))
def test_an_unknown_cell_is_not_evaluable_never_failed(stats, path):
    fmt.set_cell(stats, path, None)
    results = checks.run_checks(stats, previous_for(stats))
    assert checks.failures(results) == []
    assert checks.not_evaluable(results)


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=5)),
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.text(max_size=5), inner, max_size=4)),
    max_leaves=12)


@given(balanced_statistics(), st.lists(st.tuples(
    st.sampled_from(["requests", "review_litigation", "requests.row", "requests.values",
                     "requests.key", "year"] + CHECKED_CELLS), json_values), max_size=4))
def test_no_content_of_the_statistics_makes_the_checks_raise(stats, damage):
    """Imported reports and hand-edited overrides can hold anything a JSON column holds."""
    for where, value in damage:
        if where in ("requests", "review_litigation", "year"):
            stats[where] = value
        elif where.startswith("requests.") and isinstance(stats.get("requests"), list):
            rows = stats["requests"]
            if rows:
                if where == "requests.row":
                    rows[0] = value
                elif isinstance(rows[0], dict):
                    rows[0][where.split(".")[1]] = value
        elif where in CHECKED_CELLS:
            try:
                fmt.set_cell(stats, where, value)
            except (KeyError, IndexError, TypeError, AttributeError):
                pass
    results = checks.run_checks(stats, copy.deepcopy(stats))
    assert all(result["status"] in (checks.PASSED, checks.FAILED, checks.NOT_EVALUABLE)
               for result in results)


@given(balanced_statistics(), st.sampled_from(CHECKED_CELLS), figures)
def test_cells_read_back_what_was_written(stats, path, value):
    fmt.set_cell(stats, path, value)
    assert fmt.get_cell(stats, path) == value
    assume(value != 0)
    assert path in {changed for changed, _b, _a in fmt.diff(fmt.empty_statistics(2025), stats)}
