"""The compliance self-inspection (合规体检): the indicators that site inspections and
third-party assessments check, computed from the package's own data.

Each ``check_*`` function takes the day of the inspection and returns an :class:`Indicator`:
plain data (a status, a count, at most ``MAX_ROWS`` offending rows, each naming what to fix).
The admin view and the weekly digest only present them. Every check runs a fixed number of
queries, whatever the number of columns or items (``run_all`` is about twenty queries).

The rules, their sources and how each one is computed are documented in
``docs/reference/compliance-indicators.md``.

**Sites.** Every check takes ``site_ids``: the ids of the sites to inspect (a platform of
several agencies, ``docs/how-to/multi-site.md``), or None (:data:`sites.ALL_SITES`) for the
whole installation, as on a single site. Pages count for the site they are under, requests,
withheld entries and feedback for theirs.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.db.models import Count, Max, Q
from django.db.models.functions import Length, Substr
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..catalogue.choices import ItemKind, Validity
from ..conf import disclosure_settings
from ..sites import of_sites, pages_of_sites
from .choices import FeedbackStatus, WithheldStatus

OK, WARNING, FAILURE = "ok", "warning", "failure"
SEVERITY = {OK: 0, WARNING: 1, FAILURE: 2}
#: offending rows listed per indicator (the count is always the full number)
MAX_ROWS = 20
#: the national veto line: "five or more empty columns" (政府网站检查指标)
EMPTY_COLUMNS_VETO = 5
#: rich-text links read per item body, characters of a body read, links of a chain followed
MAX_LINKS_PER_BODY = 200
MAX_BODY_CHARACTERS = 200_000
MAX_CHAIN_STEPS = 5
NORMATIVE_KINDS = (ItemKind.NORMATIVE_DOCUMENT, ItemKind.REGULATION)
DEAD_VALIDITIES = (Validity.REPEALED, Validity.EXPIRED)
OPEN_FEEDBACK = (FeedbackStatus.NEW, FeedbackStatus.ASSIGNED)

_ANCHOR = re.compile(r"<a\b([^>]{0,500})>", re.IGNORECASE)
_PAGE_LINK = re.compile(r"""\blinktype\s*=\s*["']page["']""", re.IGNORECASE)
_LINK_ID = re.compile(r"""\bid\s*=\s*["'](\d{1,12})["']""", re.IGNORECASE)


@dataclass
class Row:
    """One offending row: what it is, why it is listed, and what fixes it.

    ``target`` names the admin page that fixes it: ``("edit_page", pk)``,
    ``("add_subpage", pk)``, ``("feedback", pk)``, ``("request", pk)``, ``("withheld", pk)``
    or None; the admin layer turns it into a URL."""

    label: str
    detail: str = ""
    target: tuple | None = None


@dataclass
class Indicator:
    key: str
    title: str
    rule: str
    status: str = OK
    count: int = 0
    summary: str = ""
    rows: list = field(default_factory=list)

    @property
    def truncated(self):
        return self.count > len(self.rows)


def months_before(day, months):
    """The same day ``months`` months earlier (the last day of a shorter month)."""
    return add_months(day, -months)


def add_months(day, months):
    """The same day ``months`` months later (the last day of a shorter month)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover (28 always exists)


def _local_date(value):
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def _item_model():
    from ..catalogue.pages import DisclosureItemPage

    return DisclosureItemPage


def _live_items(site_ids=None):
    """Items the public sees: live and not withdrawn (power items included)."""
    return pages_of_sites(_item_model().objects.live().filter(withdrawn_at__isnull=True), site_ids)


# -- columns -------------------------------------------------------------------------------


def column_activity(today, site_ids=None):
    """Every live column with its freshness: a list of dicts (pk, title, path, limit, items,
    last_update, has_child_columns). Two queries, whatever the size of the catalogue.

    "Updated" means an item published in the column or in any column below it: the latest
    发布日期 (``published_on``) of the live items there, or for an item without one, the day
    it was first published."""
    from ..catalogue.pages import DisclosureColumnPage, Page

    columns = list(pages_of_sites(DisclosureColumnPage.objects.live(), site_ids)
                   .values("pk", "title", "path", "depth", "freshness_days")
                   .order_by("path"))
    steplen = Page.steplen
    groups = (_live_items(site_ids)
              .annotate(parent_path=Substr("path", 1, Length("path") - steplen))
              .values("parent_path")
              .annotate(items=Count("pk"), latest=Max("published_on"),
                        latest_undated=Max("first_published_at",
                                           filter=Q(published_on__isnull=True)))
              .order_by())
    by_parent = {}
    for group in groups:
        dates = [d for d in (group["latest"], _local_date(group["latest_undated"])) if d]
        by_parent[group["parent_path"]] = (group["items"], max(dates) if dates else None)
    parents_of_columns = {c["path"][:-steplen] for c in columns}
    default_limit = disclosure_settings.COLUMN_FRESHNESS_DAYS
    totals = {c["path"]: [0, None] for c in columns}
    # each group of items counts for its column and every column above it
    for parent_path, (n, latest) in by_parent.items():
        for end in range(steplen, len(parent_path) + 1, steplen):
            total = totals.get(parent_path[:end])
            if total is None:
                continue
            total[0] += n
            if latest and (total[1] is None or latest > total[1]):
                total[1] = latest
    return [{
        "pk": c["pk"], "title": c["title"], "path": c["path"],
        "limit": c["freshness_days"] or default_limit, "items": totals[c["path"]][0],
        "last_update": totals[c["path"]][1], "has_child_columns": c["path"] in parents_of_columns,
    } for c in columns]


def check_stale_columns(today, activity=None, site_ids=None):
    """Columns not updated within their freshness limit (条例 Art.12 及时更新, Art.53; local
    inspection rules set a maximum gap per column, 60–365 days)."""
    indicator = Indicator(
        "stale_columns", gettext_lazy("Columns not updated within their limit"),
        gettext_lazy("条例 Arts.12 and 53; 政府网站检查指标 (local maximum gap per column)"))
    activity = column_activity(today, site_ids) if activity is None else activity
    stale = []
    for column in activity:
        if column["items"] and column["last_update"]:
            age = (today - column["last_update"]).days
            if age > column["limit"]:
                stale.append((age, column))
    stale.sort(key=lambda pair: (-pair[0], pair[1]["path"]))
    indicator.count = len(stale)
    indicator.status = FAILURE if stale else OK
    indicator.rows = [
        Row(column["title"],
            _("Last updated %(date)s, %(age)s days ago (limit: %(limit)s days)") % {
                "date": column["last_update"].isoformat(), "age": age,
                "limit": column["limit"]},
            ("add_subpage", column["pk"]))
        for age, column in stale[:MAX_ROWS]]
    return indicator


def check_empty_columns(today, activity=None, site_ids=None):
    """Columns with no live item (政府网站检查指标: "five or more empty columns" is a veto).

    A column that holds sub-columns is judged by them: only columns without a live
    sub-column are counted, so that an empty branch counts once, not once per level."""
    indicator = Indicator(
        "empty_columns", gettext_lazy("Empty columns"),
        gettext_lazy("政府网站检查指标: five or more empty columns fail the site"))
    activity = column_activity(today, site_ids) if activity is None else activity
    empty = [c for c in activity if not c["items"] and not c["has_child_columns"]]
    indicator.count = len(empty)
    indicator.status = (FAILURE if len(empty) >= EMPTY_COLUMNS_VETO
                        else WARNING if empty else OK)
    indicator.rows = [Row(c["title"], _("No published item"), ("add_subpage", c["pk"]))
                      for c in empty[:MAX_ROWS]]
    return indicator


# -- items -------------------------------------------------------------------------------


def _item_rows(queryset, detail):
    rows = queryset.order_by("path").values("pk", "title")[:MAX_ROWS]
    return [Row(r["title"], detail, ("edit_page", r["pk"])) for r in rows]


def check_items_without_date(today, site_ids=None):
    """Live items without a 发布日期 (政府网站检查指标: counted as not updated, a veto)."""
    indicator = Indicator(
        "items_without_date", gettext_lazy("Items without a publication date"),
        gettext_lazy("政府网站检查指标: information without a publication date"))
    queryset = _live_items(site_ids).filter(published_on__isnull=True)
    indicator.count = queryset.count()
    indicator.status = FAILURE if indicator.count else OK
    indicator.rows = _item_rows(queryset, _("No publication date")) if indicator.count else []
    return indicator


def check_items_without_summary(today, site_ids=None):
    """Live items without 内容概述 (条例 Art.12: the catalogue gives each item's 内容概述)."""
    indicator = Indicator(
        "items_without_summary", gettext_lazy("Items without a summary"),
        gettext_lazy("条例 Art.12: the catalogue gives the summary (内容概述) of each item"))
    queryset = _live_items(site_ids).filter(Q(summary="") | Q(summary__isnull=True))
    indicator.count = queryset.count()
    indicator.status = WARNING if indicator.count else OK
    indicator.rows = _item_rows(queryset, _("No summary")) if indicator.count else []
    return indicator


def check_normative_validity(today, site_ids=None):
    """规范性文件 (rules and administrative normative documents) without 有效性 information:
    in force without an effective date, or no longer in force without the date it stopped
    (G47: mark 修改、废止、失效 on the document)."""
    indicator = Indicator(
        "normative_validity", gettext_lazy("Normative documents without validity information"),
        gettext_lazy("条例 Art.20(1); 政府网站发展指引 (annotate amendment, repeal, expiry)"))
    queryset = _live_items(site_ids).filter(kind__in=NORMATIVE_KINDS).filter(
        Q(validity=Validity.IN_FORCE, effective_date__isnull=True)
        | (~Q(validity=Validity.IN_FORCE) & Q(repeal_date__isnull=True)))
    indicator.count = queryset.count()
    indicator.status = WARNING if indicator.count else OK
    if indicator.count:
        rows = queryset.order_by("path").values("pk", "title", "validity")[:MAX_ROWS]
        indicator.rows = [
            Row(r["title"], _("In force, no effective date") if r["validity"] == Validity.IN_FORCE
                else _("No longer in force, no repeal date"), ("edit_page", r["pk"]))
            for r in rows]
    return indicator


def page_link_ids(html):
    """The page ids of Wagtail rich-text page links in ``html`` (bounded: the first
    ``MAX_BODY_CHARACTERS`` characters, at most ``MAX_LINKS_PER_BODY`` links)."""
    ids = []
    for match in _ANCHOR.finditer((html or "")[:MAX_BODY_CHARACTERS]):
        attributes = match.group(1)
        if _PAGE_LINK.search(attributes):
            found = _LINK_ID.search(attributes)
            if found:
                ids.append(int(found.group(1)))
                if len(ids) >= MAX_LINKS_PER_BODY:
                    break
    return ids


def _dead_ends_of_chains(sources):
    """{source pk: (target pk, target title, reason)} for ``replaced_by`` chains that end at a
    repealed or expired item (or at one not published). One query per step of the chains,
    at most ``MAX_CHAIN_STEPS``."""
    current = {s["pk"]: s["replaced_by_id"] for s in sources}
    found = {}
    seen = {pk: {pk} for pk in current}
    for _step in range(MAX_CHAIN_STEPS):
        if not current:
            break
        targets = {t["pk"]: t for t in _item_model().objects.filter(
            pk__in=set(current.values())).values("pk", "title", "validity", "replaced_by_id",
                                                  "live")}
        following = {}
        for source, target_pk in current.items():
            target = targets.get(target_pk)
            if target is None:
                continue  # deleted: the foreign key is cleared by the database
            if target["replaced_by_id"] and target["replaced_by_id"] not in seen[source]:
                seen[source].add(target["replaced_by_id"])
                following[source] = target["replaced_by_id"]
            elif not target["live"]:
                found[source] = (target_pk, target["title"], _("replaced by an unpublished item"))
            elif target["validity"] in DEAD_VALIDITIES:
                found[source] = (target_pk, target["title"],
                                 _("replaced by a repealed or expired item"))
        current = following
    return found


def check_links_to_repealed(today, site_ids=None):
    """Links from live items to repealed or expired ones: page links in the body of items in
    force, and ``replaced_by`` chains ending at a repealed or expired item (G47: a document
    that was amended or repealed is marked, and readers are led to the one in force)."""
    indicator = Indicator(
        "links_to_repealed", gettext_lazy("Links to repealed or expired items"),
        gettext_lazy("政府网站发展指引: lead readers to the document in force"))
    problems = []  # (source pk, source title, target title, reason)
    titles = {}
    sources = list(_live_items(site_ids).filter(replaced_by__isnull=False)
                   .values("pk", "title", "replaced_by_id"))
    titles.update({s["pk"]: s["title"] for s in sources})
    for source, (_pk, target_title, reason) in _dead_ends_of_chains(sources).items():
        problems.append((source, titles[source], target_title, reason))

    bodies = (_live_items(site_ids).filter(validity=Validity.IN_FORCE, body__icontains="linktype")
              .values("pk", "title", "body"))
    links = {}
    for row in bodies:
        ids = set(page_link_ids(row["body"])) - {row["pk"]}
        if ids:
            links[row["pk"]] = (row["title"], ids)
    if links:
        wanted = set().union(*(ids for _title, ids in links.values()))
        dead = dict(_item_model().objects.filter(pk__in=wanted, validity__in=DEAD_VALIDITIES)
                    .values_list("pk", "title"))
        for source, (title, ids) in links.items():
            for target in sorted(ids & dead.keys()):
                problems.append((source, title, dead[target],
                                 _("the body links to a repealed or expired item")))
    problems.sort(key=lambda p: (p[0], p[2]))
    indicator.count = len(problems)
    indicator.status = WARNING if problems else OK
    indicator.rows = [Row(title, f"{reason}: {target}", ("edit_page", pk))
                      for pk, title, target, reason in problems[:MAX_ROWS]]
    return indicator


# -- feedback, reports, requests, withheld information --------------------------------------


def check_unanswered_feedback(today, site_ids=None):
    """Feedback unanswered for longer than ``FEEDBACK_ANSWER_MONTHS`` (政府网站检查指标:
    messages unanswered for more than three months are a veto). Only the reference and the
    date are listed: no personal data."""
    from .models import Feedback

    months = disclosure_settings.FEEDBACK_ANSWER_MONTHS
    indicator = Indicator(
        "unanswered_feedback", gettext_lazy("Feedback unanswered past its limit"),
        gettext_lazy("政府网站检查指标: messages unanswered for more than three months"))
    limit = months_before(today, months)
    start_of_limit = timezone.make_aware(datetime.datetime.combine(limit, datetime.time.min))
    queryset = pages_of_sites(Feedback.objects.filter(status__in=OPEN_FEEDBACK,
                                                 received_at__lt=start_of_limit),
                         site_ids, "page__url_path")
    indicator.count = queryset.count()
    indicator.status = FAILURE if indicator.count else OK
    if indicator.count:
        indicator.rows = [
            Row(r["reference"], _("Received %(date)s, unanswered for more than %(months)s "
                                  "months") % {"date": _local_date(r["received_at"]).isoformat(),
                                               "months": months},
                ("feedback", r["pk"]))
            for r in queryset.order_by("received_at", "pk")
            .values("pk", "reference", "received_at")[:MAX_ROWS]]
    return indicator


def annual_report_due_date(year):
    """The day the report on ``year`` must be published by (条例 Art.50: 31 January)."""
    month, day = disclosure_settings.ANNUAL_REPORT_DUE
    return datetime.date(year + 1, month, day)


def check_annual_report(today, site_ids=None):
    """The annual report on last year published by ``ANNUAL_REPORT_DUE`` (条例 Art.50).
    One published report for the year is enough (a site whose organs each publish theirs
    is checked on the first); with ``site_ids``, each of those sites needs its own."""
    from ..reports.pages import AnnualReportIndexPage, AnnualReportPage

    year = today.year - 1
    due = annual_report_due_date(year)
    indicator = Indicator(
        "annual_report", gettext_lazy("Annual report of last year"),
        gettext_lazy("条例 Art.50: published by 31 January each year"))
    names = {}
    if site_ids is not None:
        from wagtail.models import Site

        names = dict(Site.objects.filter(pk__in=site_ids).order_by("site_name", "pk")
                     .values_list("pk", "site_name"))
    scopes = [None] if site_ids is None else list(names)
    summaries = []
    for scope in scopes:
        scope_ids = None if scope is None else {scope}
        published = (pages_of_sites(AnnualReportPage.objects.live().filter(year=year), scope_ids)
                     .order_by("first_published_at").values("pk", "first_published_at")
                     .first())
        if published:
            day = _local_date(published["first_published_at"])
            summaries.append(_("The report on %(year)s was published on %(date)s.") % {
                "year": year, "date": day.isoformat() if day else "?"})
            continue
        draft = pages_of_sites(AnnualReportPage.objects.filter(year=year), scope_ids).values(
            "pk").first()
        if draft:
            target = ("edit_page", draft["pk"])
        else:
            index = pages_of_sites(AnnualReportIndexPage.objects.all(), scope_ids).values(
                "pk").first()
            target = ("add_subpage", index["pk"]) if index else None
        indicator.count += 1
        if today > due:
            indicator.status = FAILURE
            detail = _("Not published; it was due on %(date)s") % {"date": due.isoformat()}
        else:
            indicator.status = max(indicator.status, WARNING, key=SEVERITY.__getitem__)
            detail = _("Not published yet; due on %(date)s") % {"date": due.isoformat()}
        label = _("Annual report on %(year)s") % {"year": year}
        if len(scopes) > 1:
            label = f"{names[scope]} {label}"
        indicator.rows.append(Row(label, detail, target))
    if not indicator.count and len(summaries) == 1:
        indicator.summary = summaries[0]
    return indicator


def check_overdue_requests(today, site_ids=None):
    """Requests whose reply deadline has passed (条例 Arts.33 and 53). Only the tracking
    number and the deadline are listed."""
    from ..requests.models import InformationRequest

    indicator = Indicator(
        "overdue_requests", gettext_lazy("Requests overdue"),
        gettext_lazy("条例 Art.33: reply within 20 working days (extended by at most 20)"))
    queryset = of_sites(InformationRequest.objects.overdue(today), site_ids)
    indicator.count = queryset.count()
    indicator.status = FAILURE if indicator.count else OK
    if indicator.count:
        indicator.rows = [
            Row(r["tracking_number"], _("Reply was due on %(date)s") % {
                "date": r["due_on"].isoformat()}, ("request", r["pk"]))
            for r in queryset.order_by("due_on", "pk")
            .values("pk", "tracking_number", "due_on")[:MAX_ROWS]]
    return indicator


def check_withheld_reviews(today, site_ids=None):
    """Withheld information whose periodic review is due (条例 Art.18)."""
    from .models import WithheldInformation

    indicator = Indicator(
        "withheld_reviews", gettext_lazy("Withheld information due for review"),
        gettext_lazy("条例 Art.18: withheld information is reviewed periodically"))
    queryset = of_sites(WithheldInformation.objects.filter(status=WithheldStatus.WITHHELD,
                                                            review_due_on__lte=today), site_ids)
    indicator.count = queryset.count()
    indicator.status = WARNING if indicator.count else OK
    if indicator.count:
        indicator.rows = [
            Row(r["title"], _("Review due on %(date)s") % {"date": r["review_due_on"].isoformat()},
                ("withheld", r["pk"]))
            for r in queryset.order_by("review_due_on", "pk")
            .values("pk", "title", "review_due_on")[:MAX_ROWS]]
    return indicator


CHECKS = (check_stale_columns, check_empty_columns, check_items_without_date,
          check_items_without_summary, check_normative_validity, check_links_to_repealed,
          check_unanswered_feedback, check_annual_report, check_overdue_requests,
          check_withheld_reviews)


def run_all(today=None, site_ids=None):
    """Every indicator, in the order shown: a list of :class:`Indicator`; of the sites
    ``site_ids`` only (None: the whole installation)."""
    today = today or timezone.localdate()
    activity = column_activity(today, site_ids)
    results = []
    for check in CHECKS:
        if check in (check_stale_columns, check_empty_columns):
            results.append(check(today, activity, site_ids=site_ids))
        else:
            results.append(check(today, site_ids=site_ids))
    return results


def overall_status(indicators):
    """The worst status of ``indicators``."""
    return max((i.status for i in indicators), key=SEVERITY.__getitem__, default=OK)


def problems(indicators):
    """The indicators that are not ok (what the digest reports)."""
    return [i for i in indicators if i.status != OK]
