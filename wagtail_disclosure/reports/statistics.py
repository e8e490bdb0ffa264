"""Compute a report's figures from the data the site holds, in a fixed number of queries.

``compute(year, organs)`` returns a statistics dict (see ``format.py``) with:

- table 二's 规章 and 行政规范性文件 counted from the catalogue's live items of those kinds
  (one aggregate query, which also counts the items published in the year per channel);
- table 三 from the requests (one GROUP BY over applicant type, organisation kind, outcome and
  organ, with conditional counts);
- table 四 from ``ReviewCase`` records (one GROUP BY);
- the fees paid in the year (one aggregate) and the organs' names (one query).

Five queries whatever the number of rows: there is no per-request Python loop. The counting
rules (which request is "new", "carried over", "concluded", "carried forward", which case is
counted in which year) are documented in ``docs/explanation/annual-reports.md``, with the two
choices the format leaves open, which are settings: ``REPORT_EXPIRED_COUNTS_AS_REPEALED``
(table 二) and ``REPORT_REVIEW_CASE_YEAR`` (table 四).
"""

import datetime

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce

from ..catalogue.choices import ItemKind, Validity
from ..conf import disclosure_settings
from ..requests.choices import applicant_column
from . import format as fmt

COUNTED_KINDS = (("regulation", ItemKind.REGULATION),
                 ("normative_document", ItemKind.NORMATIVE_DOCUMENT))


def year_bounds(year):
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def channel_codes():
    return [code for code, _label in disclosure_settings.PUBLICATION_CHANNELS]


def _organ_ids(organs):
    return [getattr(organ, "pk", organ) for organ in organs or ()]


# -- table 二 and channels -------------------------------------------------------------------

def repealed_validities():
    """The validities that 本年废止件数 counts: 已废止, and 已失效 unless
    ``REPORT_EXPIRED_COUNTS_AS_REPEALED`` is off. 已修改 never counts as 废止."""
    if disclosure_settings.REPORT_EXPIRED_COUNTS_AS_REPEALED:
        return [Validity.REPEALED, Validity.EXPIRED]
    return [Validity.REPEALED]


def in_force_at(end):
    """The items (already annotated with ``written_on`` and ``ended_on``) in force on ``end``.

    Written by then, and either in force now, or amended (已修改) in place, with no item that
    replaces it (the amended document itself stays in force), or stopped being in force only
    after ``end``. ``ended_on`` is the repeal date, or, where none was entered, the written
    date of the item that replaced it.
    """
    amended_in_place = Q(validity=Validity.AMENDED, replaced_by__isnull=True)
    return Q(written_on__lte=end) & (Q(validity=Validity.IN_FORCE) | amended_in_place
                                     | Q(ended_on__gt=end))


def _site_url_path_q(site_id, field="url_path"):
    from ..sites import url_path_q

    return url_path_q({site_id}, field)


def site_organ_ids(site_id):
    """A subquery of the organs of a site: those of its items and of its requests."""
    from ..catalogue.pages import DisclosureItemPage
    from ..catalogue.snippets import PublishingOrgan
    from ..requests.models import InformationRequest

    return PublishingOrgan.objects.filter(
        Q(pk__in=DisclosureItemPage.objects.filter(_site_url_path_q(site_id))
          .values("organ_id"))
        | Q(pk__in=InformationRequest.objects.filter(site=site_id).values("organ_id"))
    ).values("pk")


def item_figures(year, organs=None, site_id=None):
    """Per organ: 规章/规范性文件 issued, repealed, in force at year end; items published and
    per channel. One query."""
    from ..catalogue.pages import DisclosureItemPage

    start, end = year_bounds(year)
    written = Coalesce("formation_date", "published_on")
    ended = Coalesce("repeal_date", "replaced_by__formation_date", "replaced_by__published_on")
    # only the counted kinds and the year's publications can count: let the database use the
    # kind and published_on indexes instead of reading every item
    relevant = Q(kind__in=[kind for _key, kind in COUNTED_KINDS]) | Q(
        published_on__gte=start, published_on__lte=end)
    items = (DisclosureItemPage.objects.live().filter(relevant)
             .annotate(written_on=written, ended_on=ended))
    if organs:
        items = items.filter(organ__in=_organ_ids(organs))
    elif site_id is not None:
        items = items.filter(_site_url_path_q(site_id))
    repealed = repealed_validities()
    in_force = in_force_at(end)
    aggregates = {}
    for key, kind in COUNTED_KINDS:
        of_kind = Q(kind=kind)
        aggregates[f"{key}_issued"] = Count("pk", filter=of_kind & Q(
            written_on__gte=start, written_on__lte=end))
        aggregates[f"{key}_repealed"] = Count("pk", filter=of_kind & Q(
            validity__in=repealed, repeal_date__gte=start, repeal_date__lte=end))
        aggregates[f"{key}_in_force"] = Count("pk", filter=of_kind & in_force)
    published = Q(published_on__gte=start, published_on__lte=end)
    aggregates["items_published"] = Count("pk", filter=published)
    for code in channel_codes():
        # channels are a JSON list; matching the quoted code works on every database backend
        aggregates[f"channel_{code}"] = Count(
            "pk", filter=published & Q(channels__icontains=f'"{code}"'))
    return list(items.values("organ_id").annotate(**aggregates).order_by("organ_id"))


# -- table 三 -------------------------------------------------------------------------------

def request_figures(year, organs=None, site_id=None):
    """Per (organ, applicant type, organisation kind, outcome): new, carried over, concluded,
    concluded on time and carried forward. One query."""
    from ..requests.models import InformationRequest

    start, end = year_bounds(year)
    concluded_on = Coalesce("answered_on", "closed_on")
    requests = (InformationRequest.objects.annotate(concluded_on=concluded_on)
                .filter(received_on__lte=end)
                .filter(Q(concluded_on__isnull=True) | Q(concluded_on__gte=start)))
    if organs:
        requests = requests.filter(organ__in=_organ_ids(organs))
    elif site_id is not None:
        requests = requests.filter(site=site_id)
    still_open = Q(concluded_on__isnull=True) | Q(concluded_on__gt=end)
    return list(
        requests.values("organ_id", "applicant_type", "organisation_kind", "outcome")
        .annotate(
            new=Count("pk", filter=Q(received_on__gte=start)),
            carried_over=Count("pk", filter=Q(received_on__lt=start)),
            concluded=Count("pk", filter=Q(concluded_on__lte=end)),
            on_time=Count("pk", filter=Q(concluded_on__lte=end)
                          & Q(concluded_on__lte=F("due_on"))),
            carried_forward=Count("pk", filter=still_open),
        )
        .order_by("organ_id", "applicant_type", "organisation_kind", "outcome")
    )


def requests_table(groups):
    """Table 三's 25 rows from ``request_figures`` groups."""
    rows = {row["key"]: row for row in fmt.empty_requests()}
    for group in groups:
        column = fmt.COLUMN_KEYS.index(applicant_column(group["applicant_type"],
                                                        group["organisation_kind"]))
        for key, measure in ((fmt.NEW, "new"), (fmt.CARRIED_OVER, "carried_over"),
                             (fmt.CARRIED_FORWARD, "carried_forward")):
            rows[key]["values"][column] += group[measure]
        if group["concluded"]:
            # a concluded request always has an outcome; an old row without one is 其他
            outcome = group["outcome"] if group["outcome"] in rows else "other"
            rows[outcome]["values"][column] += group["concluded"]
            rows[fmt.RESULTS_TOTAL]["values"][column] += group["concluded"]
    for row in rows.values():
        row["values"][6] = sum(row["values"][:6])
    return [rows[key] for key in fmt.REQUEST_ROW_KEYS]


# -- table 四 -------------------------------------------------------------------------------

def counted_cases(year):
    """The ``ReviewCase`` filter of the cases table 四 of ``year`` counts.

    Always the cases filed in the year. With ``REPORT_REVIEW_CASE_YEAR = "filed_and_concluded"``
    also the cases filed in an earlier year and concluded in this one: the earlier report
    counted them as 尚未审结, this one counts them again with their result.
    """
    start, end = year_bounds(year)
    filed = Q(filed_on__gte=start, filed_on__lte=end)
    if disclosure_settings.REPORT_REVIEW_CASE_YEAR != "filed_and_concluded":
        return filed
    concluded_now = (Q(filed_on__lt=start, concluded_on__gte=start, concluded_on__lte=end)
                     & ~Q(result="pending"))
    return filed | concluded_now


def review_figures(year, organs=None, site_id=None):
    """Per (organ, kind): the counted cases (``counted_cases``) by their result on 31 December.
    One query."""
    from .models import ReviewCase

    _start, end = year_bounds(year)
    cases = ReviewCase.objects.filter(counted_cases(year))
    if organs:
        cases = cases.filter(organ__in=_organ_ids(organs))
    elif site_id is not None:
        # the cases of the site (their own, or their request's), and the others of no site
        # of the site's organs
        cases = cases.filter(Q(site=site_id) | Q(site__isnull=True, request__site=site_id) | Q(
            site__isnull=True, request__isnull=True, organ__in=site_organ_ids(site_id)))
    decided = Q(concluded_on__isnull=False, concluded_on__lte=end)
    return list(
        cases.values("organ_id", "kind").annotate(
            upheld=Count("pk", filter=decided & Q(result="upheld")),
            corrected=Count("pk", filter=decided & Q(result="corrected")),
            other=Count("pk", filter=decided & Q(result="other")),
            pending=Count("pk", filter=~decided | Q(result="pending")),
        ).order_by("organ_id", "kind"))


def review_table(groups):
    values = [0] * 15
    for group in groups:
        if group["kind"] not in fmt.REVIEW_GROUP_KEYS:
            continue
        for result in fmt.REVIEW_RESULT_KEYS[:4]:
            values[fmt.review_index(group["kind"], result)] += group[result]
    for kind in fmt.REVIEW_GROUP_KEYS:
        base = fmt.review_index(kind, "upheld")
        values[base + 4] = sum(values[base:base + 4])
    return values


# -- fees -----------------------------------------------------------------------------------

def fees_collected(year, organs=None, site_id=None):
    """Fees paid in the year for information requests, in yuan. One query."""
    return sum(fees_by_organ(year, organs, site_id).values())


def fees_by_organ(year, organs=None, site_id=None):
    """``{organ id: fees paid in the year, in yuan}`` for information requests (the organ of
    the request; ``None`` for a request without one); without organs, only ``site_id``'s
    requests when given. One query."""
    from ..requests.models import FeeNotice

    start, end = year_bounds(year)
    notices = FeeNotice.objects.filter(paid_on__gte=start, paid_on__lte=end)
    if organs:
        notices = notices.filter(request__organ__in=_organ_ids(organs))
    elif site_id is not None:
        notices = notices.filter(request__site=site_id)
    return {row["request__organ_id"]: row["total"] or 0 for row in
            notices.values("request__organ_id").annotate(total=Sum("amount"))
            .order_by("request__organ_id")}


# -- everything -----------------------------------------------------------------------------

def _sum_items(item_groups):
    totals = {}
    for group in item_groups:
        for key, value in group.items():
            if key != "organ_id":
                totals[key] = totals.get(key, 0) + value
    return totals


def compute(year, organs=None, site_id=None):
    """The computed statistics dict of ``year`` for ``organs`` (all organs if empty).

    ``site_id``: without organs, only that site's data count (its items, its requests and
    their cases and fees): a report on one agency's site of a platform of several
    (docs/how-to/multi-site.md). With organs, the organs decide.

    The entered table 二 figures (licences, penalties, coercion, fees) stay ``None``: they
    come from systems the site does not hold (see ``AnnualReportPage.effective_statistics``).
    A report on several organs also gets ``organ_breakdown``: one row per organ, drawn from
    the organ's own figures (``compute_parts``), from the same five queries.
    """
    from ..catalogue.snippets import PublishingOrgan

    organ_ids = _organ_ids(organs)
    names = dict(PublishingOrgan.objects.filter(pk__in=organ_ids).values_list("pk", "name")
                 if organ_ids else ())
    groups = (item_figures(year, organ_ids, site_id), request_figures(year, organ_ids, site_id),
              review_figures(year, organ_ids, site_id), fees_by_organ(year, organ_ids, site_id))
    stats = assemble(year, organ_ids, names, *groups)
    if len(organ_ids) > 1:
        from .government import DATA, breakdown_rows

        stats["organ_figures"] = DATA
        stats["organ_breakdown"] = breakdown_rows(
            split_parts(year, organ_ids, names, *groups), {}, names)
    return stats


def compute_parts(year, organs):
    """``{organ id: the statistics dict of that organ alone}`` for ``organs``, from the same
    five queries as ``compute`` (not five per organ)."""
    from ..catalogue.snippets import PublishingOrgan

    organ_ids = _organ_ids(organs)
    if not organ_ids:
        return {}
    names = dict(PublishingOrgan.objects.filter(pk__in=organ_ids).values_list("pk", "name"))
    return split_parts(year, organ_ids, names, item_figures(year, organ_ids),
                       request_figures(year, organ_ids), review_figures(year, organ_ids),
                       fees_by_organ(year, organ_ids))


def split_parts(year, organ_ids, names, item_groups, request_groups, review_groups, fees):
    """Per organ, ``assemble`` over that organ's groups only."""
    def by_organ(groups):
        buckets = {pk: [] for pk in organ_ids}
        for group in groups:
            if group["organ_id"] in buckets:
                buckets[group["organ_id"]].append(group)
        return buckets

    items, requests, reviews = (by_organ(item_groups), by_organ(request_groups),
                                by_organ(review_groups))
    return {pk: assemble(year, [pk], names, items[pk], requests[pk], reviews[pk],
                         {pk: fees.get(pk, 0)})
            for pk in organ_ids}


def assemble(year, organ_ids, names, item_groups, request_groups, review_groups, fees):
    """A statistics dict from the grouped query results (``item_figures``,
    ``request_figures``, ``review_figures``, ``fees_by_organ``)."""
    stats = fmt.empty_statistics(year)
    stats["organs"] = [{"id": pk, "name": names.get(pk, "")} for pk in organ_ids]

    items = _sum_items(item_groups)
    for key, _kind in COUNTED_KINDS:
        for measure in ("issued", "repealed", "in_force"):
            stats["proactive"][key][measure] = items.get(f"{key}_{measure}", 0)
    channels = {"total": items.get("items_published", 0),
                "website": items.get("items_published", 0)}
    for code in channel_codes():
        channels[code] = items.get(f"channel_{code}", 0)
    stats["channels"] = channels

    stats["requests"] = requests_table(request_groups)
    stats["on_time"] = {"concluded": sum(g["concluded"] for g in request_groups),
                        "on_time": sum(g["on_time"] for g in request_groups)}
    stats["review_litigation"] = review_table(review_groups)
    stats["fees_collected_yuan"] = sum(fees.values())
    return stats
