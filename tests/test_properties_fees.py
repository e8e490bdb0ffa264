"""Property tests of the 信息处理费 functions (wagtail_disclosure/fees.py).

The reference is written here from 国办函〔2020〕109号 (see /work/shared/reference/ogi-rules.md,
"信息处理费"), in closed form and, for small quantities, unit by unit:

* 按量计收: pages 1–30 free, 31–100 at 10 yuan, 101–200 at 20, from 201 at 40;
* 按件计收, over the applicant's items of one natural month: 1–10 free, 11–30 at 100 yuan,
  then bands of 10 items, the k-th band (31–40 is k = 1) at 100 + 100·k yuan per item.
"""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests import hypothesis_profiles  # noqa: F401  (loads the profile)
from tests.test_request_law import _rate_of_unit as reference_rate
from wagtail_disclosure.conf import DEFAULTS
from wagtail_disclosure.fees import (
    per_item_fee,
    per_item_fee_breakdown,
    per_page_fee,
    per_page_fee_breakdown,
    progressive_fee,
    validate_fee_tiers,
)

MAX_PAGES = DEFAULTS["FEE_MAX_PAGES"]
MAX_ITEMS = DEFAULTS["FEE_MAX_ITEMS"]
MAX_ITEMS_BEFORE = DEFAULTS["FEE_MAX_ITEMS_BEFORE"]

pages = st.integers(0, MAX_PAGES)
items = st.integers(0, MAX_ITEMS)
items_before = st.integers(0, MAX_ITEMS_BEFORE)


def clamp(value, low, high):
    return max(low, min(value, high))


def page_fee_reference(p):
    return 10 * clamp(p - 30, 0, 70) + 20 * clamp(p - 100, 0, 100) + 40 * max(p - 200, 0)


def month_item_fee_reference(n):
    """The fee for a month's first ``n`` items, in closed form."""
    fee = 100 * clamp(n - 10, 0, 20)
    if n > 30:
        bands, rest = divmod(n - 30, 10)
        # Σ_{k=1..bands} 10·(100 + 100k) + rest·(100 + 100·(bands + 1))
        fee += 1000 * bands + 500 * bands * (bands + 1) + rest * 100 * (bands + 2)
    return fee


def item_rate(unit):
    """Yuan for the ``unit``-th item of the month (1-based)."""
    if unit <= 10:
        return 0
    if unit <= 30:
        return 100
    return 100 + 100 * ((unit - 31) // 10 + 1)


def page_rate(unit):
    return 0 if unit <= 30 else 10 if unit <= 100 else 20 if unit <= 200 else 40


@given(st.integers(0, 600))
def test_the_closed_forms_agree_with_counting_unit_by_unit(n):
    assert month_item_fee_reference(n) == sum(item_rate(u) for u in range(1, n + 1))
    assert page_fee_reference(n) == sum(page_rate(u) for u in range(1, n + 1))


def test_the_reference_agrees_with_the_documented_examples():
    assert month_item_fee_reference(12) == 200
    assert month_item_fee_reference(15) - month_item_fee_reference(5) == 500
    assert page_fee_reference(101) == 720


@given(pages)
def test_the_page_fee_is_the_closed_form(p):
    assert per_page_fee(p) == page_fee_reference(p)


@given(items_before, items)
def test_the_item_fee_is_the_closed_form(before, n):
    expected = month_item_fee_reference(before + n) - month_item_fee_reference(before)
    assert per_item_fee(before, n) == expected


@given(st.integers(0, MAX_PAGES - 1))
def test_the_page_fee_is_monotone_and_bounded(p):
    assert per_page_fee(p) <= per_page_fee(p + 1) <= per_page_fee(p) + 40
    assert 0 <= per_page_fee(p) <= 40 * p
    assert per_page_fee(MAX_PAGES) == page_fee_reference(MAX_PAGES)  # the largest fee typed


@given(items_before, st.integers(0, MAX_ITEMS - 1))
def test_the_item_fee_is_monotone_in_both_counts(before, n):
    fee = per_item_fee(before, n)
    assert fee <= per_item_fee(before, n + 1)
    assert fee <= per_item_fee(before + 1, n)  # later in the month is never cheaper
    assert 0 <= fee <= n * item_rate(before + n)  # no item dearer than the last one


@given(items_before, items, items)
def test_the_item_fee_is_additive(before, n, m):
    assert per_item_fee(before, n + m) == per_item_fee(before, n) + per_item_fee(before + n, m)


@given(items_before, items)
def test_a_breakdown_covers_the_units_once_and_sums_to_the_fee(before, n):
    portions = per_item_fee_breakdown(before, n)
    assert sum(p.amount for p in portions) == per_item_fee(before, n)
    if n:
        assert portions[0].first == before + 1 and portions[-1].last == before + n
        for earlier, later in zip(portions, portions[1:]):
            assert later.first == earlier.last + 1
    else:
        assert portions == []
    assert len(portions) <= 2 + 3  # the tiers, then at most three band portions
    assert sum(p.amount for p in per_page_fee_breakdown(n)) == per_page_fee(n)


@st.composite
def tiers_and_band(draw):
    bounds = sorted(draw(st.sets(st.integers(1, 60), min_size=1, max_size=4)))
    rates = draw(st.lists(st.integers(0, 50), min_size=len(bounds), max_size=len(bounds)))
    tiers = list(zip(bounds, rates))
    if draw(st.booleans()):
        tiers.append((None, draw(st.integers(0, 50))))
        return tiers, None
    return tiers, (draw(st.integers(1, 7)), draw(st.integers(0, 30)))




@given(tiers_and_band(), st.integers(0, 80), st.integers(0, 120))
def test_any_valid_tiers_give_the_unit_by_unit_fee(shape, start, count):
    tiers, band = shape
    expected = sum(reference_rate(u, tiers, band) for u in range(start + 1, start + count + 1))
    assert progressive_fee(start, count, tiers, band) == expected


settings_values = st.one_of(
    st.none(), st.integers(-3, 40), st.text(max_size=3), st.floats(allow_nan=True),
    st.lists(st.one_of(st.none(), st.integers(-3, 40), st.text(max_size=2)), max_size=3),
    st.lists(st.tuples(st.one_of(st.none(), st.integers(-3, 40), st.floats()),
                       st.one_of(st.integers(-3, 40), st.none(), st.text(max_size=1))),
             max_size=4))


@given(settings_values, settings_values, settings_values)
def test_bad_fee_settings_raise_only_value_errors(item_tiers, item_band, page_tiers):
    try:
        validate_fee_tiers(item_tiers, item_band, page_tiers)
    except ValueError:
        return
    # Accepted settings are usable: a fee can be computed with them.
    assert progressive_fee(0, 50, item_tiers, item_band) >= 0
    assert progressive_fee(0, 50, page_tiers) >= 0


@given(st.one_of(st.integers(max_value=-1), st.floats(), st.booleans(), st.text(max_size=2)))
def test_a_bad_quantity_is_a_value_or_type_error(value):
    expected = ValueError if isinstance(value, int) and not isinstance(value, bool) else TypeError
    with pytest.raises(expected):
        per_page_fee(value)
    with pytest.raises(expected):
        per_item_fee(0, value)
