"""The assessment report (考核评议): per organ and period, the figures an agency's internal
assessment of its disclosure work uses. Plain data out, a fixed number of queries whatever the
number of organs (each figure is one GROUP BY organ).

Figures of an organ (``ROW_FIGURES``):

- ``items_published``: items whose 发布日期 (``published_on``, the first publication, or the
  original date of an item brought over from an old site) is in the period, live or not since
  (a withdrawn item was published);
- ``items_on_time`` / ``items_late`` / ``items_unknown``: of those, published within
  ``TIMELINESS_WORKING_DAYS`` of their formation (条例 Art.26, see ``timeliness``), later, or
  unknown (no date of formation, an uncovered calendar year); ``on_time_rate`` is
  on time / (on time + late), ``None`` when no item's timeliness is known, never 0 for unknown;
- ``items_updated``: items published again (a ``wagtail.publish`` entry of Wagtail's audit log)
  in the period, other than their first publication: an item changed and republished three
  times counts once;
- ``requests_answered``: information requests concluded (answered or closed) in the period;
  ``requests_answered_on_time``: of those, concluded on or before their reply deadline, the
  rule of the annual report's figures (``reports.statistics.request_figures``);
- ``requests_overdue`` = ``requests_answered_late`` (concluded in the period after their
  deadline) + ``requests_overdue_open`` (not concluded by the end of the period, or today if
  earlier, with their deadline before it);
- ``requests_extended``: requests whose deadline was extended (条例 Art.33 ¶2) by an extension
  approved in the period.

Feedback (意见箱) belongs to the site, not to an organ: ``feedback`` counts the messages
received in the period, those answered, and those answered within ``FEEDBACK_ANSWER_MONTHS``
months of being received (the national site inspection's veto line is three months).

**Sites.** Every figure takes ``site_ids``: the sites to count on a platform of several
agencies (items under their roots, their requests, their feedback pages'), or None for the
whole installation, as on a single site (``docs/how-to/multi-site.md``).
"""

import calendar as _calendar
import datetime

from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from ..conf import disclosure_settings
from ..sites import of_sites, pages_of_sites

#: The longest period a report may cover, in days (five years and a leap day).
MAX_PERIOD_DAYS = 5 * 365 + 1

ITEM_FIGURES = ("items_published", "items_on_time", "items_late", "items_unknown",
                "items_updated")
REQUEST_FIGURES = ("requests_answered", "requests_answered_on_time", "requests_overdue",
                   "requests_answered_late", "requests_overdue_open", "requests_extended")
ROW_FIGURES = ITEM_FIGURES + ("on_time_rate",) + REQUEST_FIGURES
FEEDBACK_FIGURES = ("received", "answered", "answered_in_time")


def default_period(today=None):
    """This year, 1 January to 31 December."""
    today = today or timezone.localdate()
    return datetime.date(today.year, 1, 1), datetime.date(today.year, 12, 31)


def on_time_rate(on_time, late):
    """on time / (on time + late) as a fraction rounded to 4 places, or None if both are 0."""
    known = (on_time or 0) + (late or 0)
    return round(on_time / known, 4) if known else None


def add_months(day, months):
    """``day`` plus ``months`` calendar months (the last day of a shorter month)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return datetime.date(year, month, min(day.day, _calendar.monthrange(year, month)[1]))


def _organ_ids(organs):
    return [getattr(organ, "pk", organ) for organ in organs or ()]


def site_organ_ids(site_ids):
    """A subquery of the organs of the sites ``site_ids``: those of their items and requests."""
    from ..catalogue.pages import DisclosureItemPage
    from ..catalogue.snippets import PublishingOrgan
    from ..requests.models import InformationRequest

    return PublishingOrgan.objects.filter(
        Q(pk__in=pages_of_sites(DisclosureItemPage.objects.all(), site_ids).values("organ_id"))
        | Q(pk__in=InformationRequest.objects.filter(site__in=site_ids).values("organ_id"))
    ).values("pk")


def _by_organ(rows):
    return {row.pop("organ_id"): row for row in rows}


# -- the queries (one each) -------------------------------------------------------------------

def item_groups(start, end, organ_ids=None, limit=None, site_ids=None):
    """Per organ: items published in the period, on time, late, unknown. One query."""
    from ..catalogue.pages import DisclosureItemPage

    limit = disclosure_settings.TIMELINESS_WORKING_DAYS if limit is None else limit
    items = pages_of_sites(DisclosureItemPage.objects.filter(
        published_on__gte=start, published_on__lte=end), site_ids)
    if organ_ids:
        items = items.filter(organ__in=organ_ids)
    return _by_organ(list(items.order_by().values("organ_id").annotate(
        items_published=Count("pk"),
        items_on_time=Count("pk", filter=Q(publication_working_days__lte=limit)),
        items_late=Count("pk", filter=Q(publication_working_days__gt=limit)),
        items_unknown=Count("pk", filter=Q(publication_working_days__isnull=True)),
    )))


def updated_groups(start, end, organ_ids=None, site_ids=None):
    """Per organ: distinct items published again in the period (not their first
    publication), from Wagtail's audit log. One query."""
    from wagtail.models import PageLogEntry

    from ..catalogue.pages import DisclosureItemPage

    items = pages_of_sites(DisclosureItemPage.objects.all(), site_ids)
    if organ_ids:
        items = items.filter(organ__in=organ_ids)
    first_publication = (PageLogEntry.objects.filter(page_id=OuterRef("page_id"),
                                                     action="wagtail.publish")
                         .order_by("timestamp", "pk").values("pk")[:1])
    organ = DisclosureItemPage.objects.filter(pk=OuterRef("page_id")).values("organ_id")[:1]
    entries = (PageLogEntry.objects
               .filter(action="wagtail.publish", page_id__in=items.values("pk"),
                       timestamp__gte=_start_of(start), timestamp__lt=_start_of(
                           end + datetime.timedelta(days=1)))
               .exclude(pk=Subquery(first_publication))
               .annotate(organ_id=Subquery(organ)))
    return {row["organ_id"]: {"items_updated": row["n"]} for row in entries.order_by()
            .values("organ_id").annotate(n=Count("page_id", distinct=True))}


def request_groups(start, end, organ_ids=None, today=None, site_ids=None):
    """Per organ: requests answered in the period, on time, late, overdue and still open. One
    query."""
    from ..requests.choices import awaiting_reply_statuses
    from ..requests.models import InformationRequest

    today = today or timezone.localdate()
    as_of = min(end, today)
    concluded_on = Coalesce("answered_on", "closed_on")
    in_period = Q(concluded_on__gte=start, concluded_on__lte=end)
    still_open_now = Q(concluded_on__isnull=True, status__in=awaiting_reply_statuses())
    open_late = (still_open_now | Q(concluded_on__gt=as_of)) & Q(due_on__lt=as_of,
                                                                received_on__lte=as_of)
    requests = of_sites(InformationRequest.objects.annotate(concluded_on=concluded_on).filter(
        in_period | open_late), site_ids)
    if organ_ids:
        requests = requests.filter(organ__in=organ_ids)
    rows = _by_organ(list(requests.order_by().values("organ_id").annotate(
        requests_answered=Count("pk", filter=in_period),
        requests_answered_on_time=Count("pk", filter=in_period & Q(
            concluded_on__lte=F("due_on"))),
        requests_answered_late=Count("pk", filter=in_period & Q(concluded_on__gt=F("due_on"))),
        requests_overdue_open=Count("pk", filter=open_late),
    )))
    for row in rows.values():
        row["requests_overdue"] = row["requests_answered_late"] + row["requests_overdue_open"]
    return rows


def extension_groups(start, end, organ_ids=None, site_ids=None):
    """Per organ: requests with an extension (Art.33 ¶2) approved in the period. One query."""
    from ..requests.choices import ExtensionKind, ExtensionStatus
    from ..requests.models import Extension

    extensions = of_sites(Extension.objects.filter(
        kind=ExtensionKind.EXTENSION, status=ExtensionStatus.APPROVED,
        decided_at__gte=_start_of(start), decided_at__lt=_start_of(
            end + datetime.timedelta(days=1))), site_ids, "request__site")
    if organ_ids:
        extensions = extensions.filter(request__organ__in=organ_ids)
    return {row["request__organ"]: {"requests_extended": row["n"]} for row in extensions
            .order_by().values("request__organ").annotate(n=Count("request", distinct=True))}


def feedback_figures(start, end, today=None, site_ids=None):
    """The site's feedback received in the period, answered, answered in time. One query."""
    from .models import Feedback

    months = disclosure_settings.FEEDBACK_ANSWER_MONTHS
    received = answered = in_time = 0
    messages = Feedback.objects.filter(
        received_at__gte=_start_of(start),
        received_at__lt=_start_of(end + datetime.timedelta(days=1)))
    messages = pages_of_sites(messages, site_ids, "page__url_path")
    for received_at, answered_at in (messages.order_by()
                                     .values_list("received_at", "answered_at").iterator()):
        received += 1
        if answered_at is None:
            continue
        answered += 1
        due = add_months(timezone.localdate(received_at), months)
        in_time += timezone.localdate(answered_at) <= due
    return {"received": received, "answered": answered, "answered_in_time": in_time}


def _start_of(day):
    """The aware datetime of the start of ``day`` in the current time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


# -- the report -------------------------------------------------------------------------------

def empty_row():
    row = {key: 0 for key in ITEM_FIGURES + REQUEST_FIGURES}
    row["on_time_rate"] = None
    return row


def compute(start=None, end=None, organs=None, today=None, site_ids=None):
    """The assessment figures of ``organs`` (all organs if empty) from ``start`` to ``end``
    (inclusive; default: this year).

    Returns ``{"start", "end", "as_of", "limit", "rows": [{"organ": {"id", "name"} | None,
    **figures}], "total": figures, "feedback": {"received", "answered", "answered_in_time"},
    "feedback_months"}``. A row with ``organ`` None holds what has no organ (requests not
    addressed to one). Rows follow the organs' order (by name); without ``organs``, every
    organ is listed, with zeros where it has nothing. Six queries.

    ``site_ids``: only the data of those sites count (None: the whole installation); without
    ``organs``, the organs listed are those of the sites' items and requests.
    """
    from ..catalogue.snippets import PublishingOrgan

    if start is None or end is None:
        default_start, default_end = default_period(today)
        start, end = start or default_start, end or default_end
    if end < start:
        raise ValueError("The end of the period is before its start.")
    today = today or timezone.localdate()
    organ_ids = _organ_ids(organs)
    organ_rows = PublishingOrgan.objects.order_by("name").values_list("pk", "name")
    if organ_ids:
        organ_rows = organ_rows.filter(pk__in=organ_ids)
    elif site_ids is not None:
        organ_rows = organ_rows.filter(pk__in=site_organ_ids(site_ids))
    groups = [item_groups(start, end, organ_ids, site_ids=site_ids),
              updated_groups(start, end, organ_ids, site_ids),
              request_groups(start, end, organ_ids, today, site_ids),
              extension_groups(start, end, organ_ids, site_ids)]
    rows = {pk: {"organ": {"id": pk, "name": name}, **empty_row()} for pk, name in organ_rows}
    for group in groups:
        for pk, figures in group.items():
            if pk not in rows:
                if pk is not None and (organ_ids or site_ids is not None):
                    continue
                rows[pk] = {"organ": None, **empty_row()}
            rows[pk].update(figures)
    total = empty_row()
    for row in rows.values():
        row["on_time_rate"] = on_time_rate(row["items_on_time"], row["items_late"])
        for key in ITEM_FIGURES + REQUEST_FIGURES:
            total[key] += row[key]
    total["on_time_rate"] = on_time_rate(total["items_on_time"], total["items_late"])
    ordered = [row for pk, row in rows.items() if pk is not None]
    if None in rows:
        ordered.append(rows[None])
    return {"start": start, "end": end, "as_of": min(end, today),
            "limit": disclosure_settings.TIMELINESS_WORKING_DAYS, "rows": ordered,
            "total": total, "feedback": feedback_figures(start, end, today, site_ids),
            "feedback_months": disclosure_settings.FEEDBACK_ANSWER_MONTHS}


def report_figures(year, organs=None, today=None, site_id=None):
    """The assessment figures of a calendar year as JSON-safe data, for the annual report's
    figures (``stats["assessment"]``, frozen with them): the totals of ``organs`` (all organs
    if empty) and the site's feedback, with the limit used. ``site_id``: the site of the
    report on a platform of several (its data only; None: the whole installation)."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    report = compute(start, end, organs, today,
                     site_ids=None if site_id is None else frozenset({site_id}))
    return {"year": year, "start": start.isoformat(), "end": end.isoformat(),
            "as_of": report["as_of"].isoformat(), "limit": report["limit"],
            "feedback_months": report["feedback_months"], "total": report["total"],
            "feedback": report["feedback"]}
