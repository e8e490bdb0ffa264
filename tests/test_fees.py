"""信息处理费 (国办函〔2020〕109号): per-item and per-page tiers, boundaries, settings."""

import pytest
from django.test import override_settings

from wagtail_disclosure.conf import DEFAULTS
from wagtail_disclosure.fees import (
    FeePortion,
    per_item_fee,
    per_item_fee_breakdown,
    per_page_fee,
    per_page_fee_breakdown,
    progressive_fee,
    progressive_fee_breakdown,
    validate_fee_tiers,
)

ITEM_TIERS = [(10, 0), (30, 100)]
ITEM_BAND = (10, 100)
PAGE_TIERS = [(30, 0), (100, 10), (200, 20), (None, 40)]


def test_the_defaults_are_the_109_tiers():
    assert DEFAULTS["FEE_PER_ITEM_TIERS"] == ITEM_TIERS
    assert DEFAULTS["FEE_PER_ITEM_BAND"] == ITEM_BAND
    assert DEFAULTS["FEE_PER_PAGE_TIERS"] == PAGE_TIERS
    validate_fee_tiers(ITEM_TIERS, ITEM_BAND, PAGE_TIERS)  # does not raise


# -- per item (按件计收) --------------------------------------------------------------------------


@pytest.mark.parametrize("items, fee", [
    (0, 0),
    (1, 0),
    (10, 0),                    # 1-10 free
    (11, 100),                  # item 11 at 100
    (30, 20 * 100),             # 11-30 at 100
    (31, 2000 + 200),           # item 31 opens the first band, 200
    (40, 2000 + 10 * 200),      # 31-40 at 200
    (41, 4000 + 300),           # 41-50 at 300
    (50, 4000 + 10 * 300),
    (51, 7000 + 400),           # 51-60 at 400
    (60, 7000 + 10 * 400),
    (61, 11000 + 500),          # 61-70 at 500: the bands go on without end
    (101, 2000 + 10 * (200 + 300 + 400 + 500 + 600 + 700 + 800) + 900),
])
def test_per_item_every_boundary(items, fee):
    assert per_item_fee(0, items) == fee
    assert progressive_fee(0, items, ITEM_TIERS, ITEM_BAND) == fee


def test_per_item_examples_from_the_brief():
    assert per_item_fee(0, 12) == 200
    assert per_item_fee(5, 10) == 500  # items 6..15: 6-10 free, 11-15 at 100
    assert per_item_fee(0, 45) == 20 * 100 + 10 * 200 + 5 * 300


@pytest.mark.parametrize("before, items, fee", [
    (10, 1, 100),                     # the 11th item of the month is the first one charged
    (9, 2, 100),                      # items 10 (free) and 11
    (25, 10, 5 * 100 + 5 * 200),      # items 26-30 at 100, 31-35 at 200
    (38, 5, 2 * 200 + 3 * 300),       # items 39-40 at 200, 41-43 at 300
    (30, 30, 10 * 200 + 10 * 300 + 10 * 400),  # items 31-60
    (0, 0, 0),
    (40, 0, 0),                       # zero items cost nothing, wherever the month stands
    (100, 1, 900),                    # item 101: band 101-110 is the 8th band, 200 + 7 * 100
])
def test_per_item_counts_the_items_already_had_this_month(before, items, fee):
    assert per_item_fee(before, items) == fee


def test_per_item_is_additive_over_the_month():
    # Charging a month's items in several applications costs the same as in one.
    for before in range(0, 70, 3):
        for first in range(0, 25, 4):
            for second in range(0, 25, 5):
                assert (per_item_fee(before, first) + per_item_fee(before + first, second)
                        == per_item_fee(before, first + second))


def test_per_item_breakdown_lists_each_portion():
    assert per_item_fee_breakdown(5, 10) == [FeePortion(6, 10, 0, 0),
                                             FeePortion(11, 15, 100, 500)]
    assert per_item_fee_breakdown(25, 20) == [
        FeePortion(26, 30, 100, 500),
        FeePortion(31, 40, 200, 2000),
        FeePortion(41, 45, 300, 1500),
    ]
    assert per_item_fee_breakdown(3, 0) == []


# -- per page (按量计收) --------------------------------------------------------------------------


@pytest.mark.parametrize("pages, fee", [
    (0, 0),
    (1, 0),
    (30, 0),                         # 1-30 free
    (31, 10),                        # page 31 at 10
    (100, 70 * 10),                  # 31-100 at 10
    (101, 700 + 20),                 # page 101 at 20
    (200, 700 + 100 * 20),           # 101-200 at 20
    (201, 700 + 2000 + 40),          # page 201 at 40
    (250, 700 + 2000 + 50 * 40),
    (1000, 700 + 2000 + 800 * 40),   # no upper bound
])
def test_per_page_every_boundary(pages, fee):
    assert per_page_fee(pages) == fee
    assert progressive_fee(0, pages, PAGE_TIERS) == fee


def test_per_page_breakdown():
    assert per_page_fee_breakdown(201) == [
        FeePortion(1, 30, 0, 0),
        FeePortion(31, 100, 10, 700),
        FeePortion(101, 200, 20, 2000),
        FeePortion(201, 201, 40, 40),
    ]


def test_fees_are_ints():
    assert type(per_item_fee(0, 45)) is int
    assert type(per_page_fee(250)) is int
    assert type(per_page_fee(0)) is int


# -- bad arguments --------------------------------------------------------------------------------


@pytest.mark.parametrize("call", [
    lambda: per_item_fee(-1, 5),
    lambda: per_item_fee(0, -1),
    lambda: per_page_fee(-30),
    lambda: progressive_fee(-1, 1, PAGE_TIERS),
])
def test_negative_counts_raise_value_error(call):
    with pytest.raises(ValueError, match="negative"):
        call()


@pytest.mark.parametrize("call", [
    lambda: per_item_fee(0, 1.5),
    lambda: per_item_fee("3", 1),
    lambda: per_item_fee(0, True),
    lambda: per_item_fee(None, 1),
    lambda: per_page_fee(30.0),
    lambda: per_page_fee("31"),
])
def test_non_int_counts_raise_type_error(call):
    with pytest.raises(TypeError, match="must be an int"):
        call()


# -- tier shapes ----------------------------------------------------------------------------------


@pytest.mark.parametrize("item_tiers, item_band, page_tiers, message", [
    ([(10, 0), (10, 100)], ITEM_BAND, PAGE_TIERS, "FEE_PER_ITEM_TIERS.1.: the bound"),
    ([(30, 0), (20, 100)], ITEM_BAND, PAGE_TIERS, "greater than the previous bound .30."),
    ([(0, 0), (30, 100)], ITEM_BAND, PAGE_TIERS, "FEE_PER_ITEM_TIERS.0.: the bound"),
    ([(10, 0), (30, -100)], ITEM_BAND, PAGE_TIERS, "the rate must be"),
    ([(10, 0), (30, 99.5)], ITEM_BAND, PAGE_TIERS, "the rate must be"),
    ([(10, 0), ("30", 100)], ITEM_BAND, PAGE_TIERS, "the bound must be"),
    ([(None, 0), (30, 100)], ITEM_BAND, PAGE_TIERS, "only the last tier"),
    ([(10, 0), (None, 100)], ITEM_BAND, PAGE_TIERS, "FEE_PER_ITEM_BAND would never apply"),
    ([(10, 0), (30, 100)], None, PAGE_TIERS, "FEE_PER_ITEM_BAND\\s+must say"),
    ([(10, 0), (30, 100)], (0, 100), PAGE_TIERS, "band size"),
    ([(10, 0), (30, 100)], (10, -100), PAGE_TIERS, "step"),
    ([(10, 0), (30, 100)], (10,), PAGE_TIERS, "FEE_PER_ITEM_BAND must be a \\(size, step\\)"),
    ([], ITEM_BAND, PAGE_TIERS, "FEE_PER_ITEM_TIERS must be a non-empty list"),
    ("10:0", ITEM_BAND, PAGE_TIERS, "FEE_PER_ITEM_TIERS must be a non-empty list"),
    ([(10, 0, 1)], ITEM_BAND, PAGE_TIERS, "must be a \\(bound, rate\\) pair"),
    (ITEM_TIERS, ITEM_BAND, [(30, 0), (100, 10), (200, 20)], "FEE_PER_PAGE_TIERS must end"),
    (ITEM_TIERS, ITEM_BAND, [(30, 0), (None, 10), (None, 20)], "only the last tier"),
    (ITEM_TIERS, ITEM_BAND, [(100, 0), (30, 10), (None, 20)], "FEE_PER_PAGE_TIERS.1."),
    (ITEM_TIERS, ITEM_BAND, [(30, 0), (None, -40)], "FEE_PER_PAGE_TIERS.1.: the rate"),
])
def test_validate_fee_tiers_rejects_bad_shapes(item_tiers, item_band, page_tiers, message):
    with pytest.raises(ValueError, match=message):
        validate_fee_tiers(item_tiers, item_band, page_tiers)


def test_validate_fee_tiers_accepts_other_good_shapes():
    # lists instead of tuples (e.g. from JSON), a single unbounded tier, no band
    validate_fee_tiers([[5, 0], [None, 50]], None, [[None, 1]])
    validate_fee_tiers([(10, 0)], [5, 0], [(10, 0), (None, 0)])


def test_progressive_fee_checks_its_tiers():
    with pytest.raises(ValueError):
        progressive_fee(0, 5, [(10, 0), (30, 100)])  # what comes after 30?
    with pytest.raises(ValueError):
        progressive_fee(0, 5, [(10, 0), (None, 100)], band=(10, 100))
    assert progressive_fee(0, 5, [(2, 0), (None, 7)]) == 3 * 7
    # a band with a step of 0 keeps the last rate
    assert progressive_fee(0, 25, [(10, 0)], band=(5, 0)) == 0
    assert progressive_fee(0, 22, [(10, 1)], band=(5, 2)) == 10 * 1 + 5 * 3 + 5 * 5 + 2 * 7
    assert progressive_fee_breakdown(8, 4, [(10, 1)], band=(5, 2)) == [
        FeePortion(9, 10, 1, 2), FeePortion(11, 12, 3, 6)]


# -- settings -------------------------------------------------------------------------------------


def test_other_item_tiers_from_settings():
    with override_settings(WAGTAIL_DISCLOSURE={
        "FEE_PER_ITEM_TIERS": [(5, 0), (20, 50)],
        "FEE_PER_ITEM_BAND": (5, 50),
    }):
        assert per_item_fee(0, 12) == 7 * 50                       # items 6-12 at 50
        assert per_item_fee(0, 30) == 15 * 50 + 5 * 100 + 5 * 150  # 6-20, 21-25, 26-30
        assert per_page_fee(31) == 10                              # page tiers unchanged
    assert per_item_fee(0, 12) == 200  # the defaults are back


def test_other_page_tiers_from_settings():
    with override_settings(WAGTAIL_DISCLOSURE={"FEE_PER_PAGE_TIERS": [(10, 0), (None, 5)]}):
        assert per_page_fee(31) == 21 * 5
        assert per_item_fee(0, 12) == 200
    assert per_page_fee(31) == 10


def test_bad_settings_raise_a_clear_error():
    with (
        override_settings(WAGTAIL_DISCLOSURE={"FEE_PER_PAGE_TIERS": [(30, 0), (100, 10)]}),
        pytest.raises(ValueError, match="FEE_PER_PAGE_TIERS"),
    ):
        per_page_fee(40)
    with (
        override_settings(WAGTAIL_DISCLOSURE={"FEE_PER_ITEM_BAND": None}),
        pytest.raises(ValueError, match="FEE_PER_ITEM_BAND"),
    ):
        per_item_fee(0, 40)
