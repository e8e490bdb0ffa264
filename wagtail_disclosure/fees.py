"""信息处理费: the information processing fee of 国办函〔2020〕109号, in whole yuan.

Processing a request is free (政府信息公开条例 Art.42) unless the applicant's requests clearly
exceed a reasonable quantity or frequency. The agency may then charge by one of two methods,
both 超额累进 (each portion at its own rate), and never by both for one application:

按件计收 (per item)
    counted over the same applicant's items in one natural month (自然月): items 1–10 free,
    11–30 at 100 yuan per item, then bands of 10 items, each 100 yuan per item dearer than the
    one before: 31–40 at 200, 41–50 at 300, … (this reading of "以10件为一档，每增加一档，收费标准
    提高100元/件" is not confirmed by an official worked example).
按量计收 (per page)
    pages 1–30 free, 31–100 at 10 yuan per page, 101–200 at 20, over 200 at 40.

The tiers are the settings ``FEE_PER_ITEM_TIERS``, ``FEE_PER_ITEM_BAND`` and
``FEE_PER_PAGE_TIERS`` (see :mod:`wagtail_disclosure.conf`). A tier is ``(bound, rate)``: up to
and including ``bound`` units (``None``: no upper bound), ``rate`` yuan per unit. A band is
``(size, step)``: after the last tier, bands of ``size`` units, the first at the last tier's
rate + ``step`` and each further one ``step`` dearer.

:func:`progressive_fee` and :func:`progressive_fee_breakdown` take the tiers as arguments and
need no settings; :func:`per_item_fee` and :func:`per_page_fee` use the settings.
"""

from typing import NamedTuple

from .conf import disclosure_settings

__all__ = [
    "FeePortion",
    "per_item_fee",
    "per_item_fee_breakdown",
    "per_page_fee",
    "per_page_fee_breakdown",
    "progressive_fee",
    "progressive_fee_breakdown",
    "validate_fee_tiers",
]


class FeePortion(NamedTuple):
    """One portion of a progressive fee: units ``first`` to ``last`` (inclusive) at ``rate``."""

    first: int
    last: int
    rate: int
    amount: int


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def _check_count(value, name):
    if not _is_int(value):
        raise TypeError(f"{name} must be an int, not {type(value).__name__} ({value!r}).")
    if value < 0:
        raise ValueError(f"{name} must not be negative (got {value}).")
    return value


def _check_tiers(tiers, band, *, tiers_name="tiers", band_name="band", open_ended=False):
    """Raise ValueError unless ``tiers`` (and ``band``) have a usable shape.

    ``open_ended=True`` requires the last tier to have no upper bound (``None``) and no band.
    Otherwise units beyond the last bound must be covered by exactly one of a ``None`` bound or
    a band.
    """
    if isinstance(tiers, (str, bytes)) or not isinstance(tiers, (list, tuple)) or not tiers:
        raise ValueError(
            f"{tiers_name} must be a non-empty list of (bound, rate) pairs, got {tiers!r}."
        )
    previous = 0
    for position, tier in enumerate(tiers):
        if not isinstance(tier, (list, tuple)) or len(tier) != 2:
            raise ValueError(
                f"{tiers_name}[{position}] must be a (bound, rate) pair, got {tier!r}."
            )
        bound, rate = tier
        if not _is_int(rate) or rate < 0:
            raise ValueError(
                f"{tiers_name}[{position}]: the rate must be a whole number of yuan, 0 or more, "
                f"got {rate!r}."
            )
        if bound is None:
            if position != len(tiers) - 1:
                raise ValueError(
                    f"{tiers_name}[{position}]: only the last tier may have no upper bound (None)."
                )
            continue
        if not _is_int(bound) or bound <= previous:
            raise ValueError(
                f"{tiers_name}[{position}]: the bound must be a whole number greater than the "
                f"previous bound ({previous}), got {bound!r}."
            )
        previous = bound
    unbounded = tiers[-1][0] is None

    if open_ended:
        if not unbounded:
            raise ValueError(
                f"{tiers_name} must end with a tier without upper bound, e.g. (None, 40)."
            )
        if band is not None:
            raise ValueError(f"{band_name} is not used with {tiers_name}; pass None.")
        return
    if band is None:
        if not unbounded:
            raise ValueError(
                f"{tiers_name} must end with a tier without upper bound (None), or {band_name} "
                f"must say how the rate rises after the last tier."
            )
        return
    if unbounded:
        raise ValueError(
            f"{tiers_name} ends with a tier without upper bound, so {band_name} would never "
            f"apply; give the last tier a bound or set {band_name} to None."
        )
    if not isinstance(band, (list, tuple)) or len(band) != 2:
        raise ValueError(f"{band_name} must be a (size, step) pair, got {band!r}.")
    size, step = band
    if not _is_int(size) or size <= 0:
        raise ValueError(f"{band_name}: the band size must be a whole number over 0, got {size!r}.")
    if not _is_int(step) or step < 0:
        raise ValueError(
            f"{band_name}: the step must be a whole number of yuan, 0 or more, got {step!r}."
        )


def validate_fee_tiers(item_tiers, item_band, page_tiers) -> None:
    """Raise ``ValueError`` (with a message naming the setting) for unusable fee settings.

    Checks ``FEE_PER_ITEM_TIERS`` with ``FEE_PER_ITEM_BAND`` and ``FEE_PER_PAGE_TIERS``: bounds
    must be whole numbers that strictly increase, rates whole yuan not below 0, only the last
    bound may be ``None``, the per-item tiers need a band (or a final ``None`` bound, with the
    band ``None``), and the per-page tiers must end with a ``None`` bound.
    """
    _check_tiers(item_tiers, item_band, tiers_name="FEE_PER_ITEM_TIERS",
                 band_name="FEE_PER_ITEM_BAND")
    _check_tiers(page_tiers, None, tiers_name="FEE_PER_PAGE_TIERS", open_ended=True)


def _portions(tiers, band):
    """Yield (lower, upper, rate): units lower+1 .. upper (None: unbounded) at rate."""
    lower = 0
    for bound, rate in tiers:
        yield lower, bound, rate
        if bound is None:
            return
        lower = bound
    if band is None:  # excluded by _check_tiers
        return
    size, step = band
    rate = tiers[-1][1]
    while True:
        rate += step
        yield lower, lower + size, rate
        lower += size


def progressive_fee_breakdown(start, count, tiers, band=None) -> list[FeePortion]:
    """The portions of the fee for units ``start + 1`` to ``start + count``.

    ``start`` units were already counted (e.g. the applicant's earlier items this month), so
    they decide where the new units fall but are not charged again. Every portion the new units
    touch is listed, free ones (rate 0) included. Raises ``TypeError``/``ValueError`` for bad
    arguments or tiers.
    """
    _check_count(start, "start")
    _check_count(count, "count")
    _check_tiers(tiers, band)
    first, last = start + 1, start + count
    result = []
    if count == 0:
        return result
    for lower, upper, rate in _portions(tiers, band):
        if upper is not None and upper < first:
            continue
        if lower >= last:
            break
        portion_first = max(first, lower + 1)
        portion_last = last if upper is None else min(last, upper)
        units = portion_last - portion_first + 1
        result.append(FeePortion(portion_first, portion_last, rate, units * rate))
    return result


def progressive_fee(start, count, tiers, band=None) -> int:
    """The fee in yuan for units ``start + 1`` to ``start + count`` under ``tiers`` and ``band``.

    ``progressive_fee(0, 12, [(10, 0), (30, 100)], (10, 100)) == 200``.
    """
    return sum(portion.amount for portion in progressive_fee_breakdown(start, count, tiers, band))


def per_item_fee_breakdown(items_before, items) -> list[FeePortion]:
    """The portions of :func:`per_item_fee`, for a fee notice."""
    _check_count(items_before, "items_before")
    _check_count(items, "items")
    tiers = disclosure_settings.FEE_PER_ITEM_TIERS
    band = disclosure_settings.FEE_PER_ITEM_BAND
    _check_tiers(tiers, band, tiers_name="FEE_PER_ITEM_TIERS", band_name="FEE_PER_ITEM_BAND")
    return progressive_fee_breakdown(items_before, items, tiers, band)


def per_item_fee(items_before, items) -> int:
    """Yuan due (按件计收) for ``items`` more items when the applicant already had
    ``items_before`` items in the same natural month.

    With the default settings: ``per_item_fee(0, 12) == 200``, ``per_item_fee(5, 10) == 500``.
    """
    return sum(portion.amount for portion in per_item_fee_breakdown(items_before, items))


def per_page_fee_breakdown(pages) -> list[FeePortion]:
    """The portions of :func:`per_page_fee`, for a fee notice."""
    _check_count(pages, "pages")
    tiers = disclosure_settings.FEE_PER_PAGE_TIERS
    _check_tiers(tiers, None, tiers_name="FEE_PER_PAGE_TIERS", open_ended=True)
    return progressive_fee_breakdown(0, pages, tiers)


def per_page_fee(pages) -> int:
    """Yuan due (按量计收) for ``pages`` pages of one application.

    With the default settings: ``per_page_fee(30) == 0``, ``per_page_fee(31) == 10``,
    ``per_page_fee(101) == 720``.
    """
    return sum(portion.amount for portion in per_page_fee_breakdown(pages))
