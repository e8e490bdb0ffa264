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
    "MAX_LISTED_BANDS",
    "per_item_fee",
    "per_item_fee_breakdown",
    "per_page_fee",
    "per_page_fee_breakdown",
    "progressive_fee",
    "progressive_fee_breakdown",
    "validate_fee_tiers",
]


class FeePortion(NamedTuple):
    """One portion of a progressive fee: units ``first`` to ``last`` (inclusive) at ``rate``.

    ``last_rate`` is set only for a run of whole bands given as one portion: the rate rises
    band by band from ``rate`` to ``last_rate``, and ``amount`` is their sum.
    """

    first: int
    last: int
    rate: int
    amount: int
    last_rate: int | None = None


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


#: Bands touched by one range that are listed one by one; beyond this, the bands between the
#: first and the last are given as one portion (``rate`` to ``last_rate``), so that a breakdown
#: has at most a handful of rows whatever the quantity.
MAX_LISTED_BANDS = 4


def _band_sum(first_band, last_band, size, base_rate, step):
    """Yuan for whole bands ``first_band`` to ``last_band`` (1-based) of ``size`` units, band
    ``k`` at ``base_rate + k * step`` per unit: an arithmetic series, in closed form."""
    count = last_band - first_band + 1
    return size * (count * base_rate + step * (first_band + last_band) * count // 2)


def _band_portions(first, last, lower, size, base_rate, step):
    """The portions of units ``first`` to ``last`` (all above ``lower``, the last tier's bound)
    in bands of ``size`` units; band ``k`` (1-based) costs ``base_rate + k * step`` per unit.
    Constant time: at most ``MAX_LISTED_BANDS`` or three portions, whatever the quantity."""
    first_band = (first - lower - 1) // size + 1
    last_band = (last - lower - 1) // size + 1

    def band(k, lo, hi):
        rate = base_rate + k * step
        return FeePortion(lo, hi, rate, (hi - lo + 1) * rate)

    def band_first(k):
        return lower + (k - 1) * size + 1

    def band_last(k):
        return lower + k * size

    if last_band - first_band + 1 <= MAX_LISTED_BANDS:
        return [band(k, max(first, band_first(k)), min(last, band_last(k)))
                for k in range(first_band, last_band + 1)]
    result = [band(first_band, first, band_last(first_band))]
    middle_first, middle_last = first_band + 1, last_band - 1
    result.append(FeePortion(
        band_first(middle_first), band_last(middle_last), base_rate + middle_first * step,
        _band_sum(middle_first, middle_last, size, base_rate, step),
        base_rate + middle_last * step))
    result.append(band(last_band, band_first(last_band), last))
    return result


def progressive_fee_breakdown(start, count, tiers, band=None) -> list[FeePortion]:
    """The portions of the fee for units ``start + 1`` to ``start + count``.

    ``start`` units were already counted (e.g. the applicant's earlier items this month), so
    they decide where the new units fall but are not charged again. Every portion the new units
    touch is listed, free ones (rate 0) included; when the units span more than
    ``MAX_LISTED_BANDS`` bands, the bands between the first and the last are one portion whose
    rate rises from ``rate`` to ``last_rate``. The cost is the same whatever ``start`` and
    ``count`` are (closed form per tier and for the bands, no loop per unit or band). Raises
    ``TypeError``/``ValueError`` for bad arguments or tiers.
    """
    _check_count(start, "start")
    _check_count(count, "count")
    _check_tiers(tiers, band)
    first, last = start + 1, start + count
    result = []
    if count == 0:
        return result
    lower = 0
    for bound, rate in tiers:
        upper = last if bound is None else bound
        if upper >= first and lower < last:
            portion_first, portion_last = max(first, lower + 1), min(last, upper)
            units = portion_last - portion_first + 1
            result.append(FeePortion(portion_first, portion_last, rate, units * rate))
        if bound is None or bound >= last:
            return result
        lower = bound
    if band is not None:  # units beyond the last tier (excluded without a band by _check_tiers)
        size, step = band
        result.extend(_band_portions(max(first, lower + 1), last, lower, size, tiers[-1][1],
                                     step))
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
