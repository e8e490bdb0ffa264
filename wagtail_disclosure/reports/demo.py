"""The demo's 年报 column and its reports, one a year from 2014 (see
:mod:`wagtail_disclosure.data.demo_reports` for which year is which kind of report), the report
of the cooperative and its units for the last year (a government's report,
:mod:`wagtail_disclosure.data.demo_government`), and the requests and cases the computed reports
count."""

import datetime
import functools
import re
from decimal import Decimal
from pathlib import Path

from django.utils import timezone

from ..data import demo_government as government
from ..data import demo_reports as data

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "legacy-annual-report-2014.txt"
OLD_INDEX_SLUG = "ndbg"  # where demo versions before 0.1.0 put the computed reports
_OLD_ITEM_SLUG = re.compile(r"gknb-\d{4}")


# -- The column ----------------------------------------------------------------------------------


@functools.cache
def _history_code_hash():
    """One slow hash for all the history requests (their code is never used)."""
    from ..requests.models import hash_access_code

    return hash_access_code("demo-history")


def ensure_report_index(section, report, user, publish):
    """The 年报 column, an ``AnnualReportIndexPage`` at ``gknb`` (counted with the columns).

    A database built by an earlier demo had two: a catalogue column ``gknb`` holding the reports
    as ordinary items, and the computed reports at ``ndbg``. The old column is deleted when it
    holds nothing but those items, and ``ndbg`` becomes ``gknb``; anything else is left alone
    and reported."""
    from .pages import AnnualReportIndexPage

    _retire_old_report_column(section, report)
    index = AnnualReportIndexPage.objects.child_of(section).first()
    report.tally("columns", created=index is None)
    if index is None:
        index = publish(section, AnnualReportIndexPage(
            title=data.REPORT_INDEX["title"], slug=data.REPORT_INDEX["slug"],
            intro=data.REPORT_INDEX["intro"]), user)
    elif index.slug == OLD_INDEX_SLUG and not section.get_children().filter(
            slug=data.REPORT_INDEX["slug"]).exists():
        index.slug, index.title = data.REPORT_INDEX["slug"], data.REPORT_INDEX["title"]
        index.intro = data.REPORT_INDEX["intro"]
        index.save_revision(user=user).publish(user=user)
        report.notes.append(f"The annual reports column moved from /{OLD_INDEX_SLUG}/ to "
                            f"/{index.slug}/ (the only 年报 column now).")
    return index


def _retire_old_report_column(section, report):
    from ..catalogue.pages import DisclosureColumnPage, DisclosureItemPage

    old = DisclosureColumnPage.objects.child_of(section).filter(
        slug=data.REPORT_INDEX["slug"]).first()
    if old is None:
        return
    descendants = old.get_descendants()
    items = DisclosureItemPage.objects.descendant_of(old)
    if descendants.count() != items.count() or any(
            not _OLD_ITEM_SLUG.fullmatch(slug) for slug in items.values_list("slug", flat=True)):
        report.notes.append(
            f"The catalogue column “{old.title}” (id {old.pk}) holds pages the demo did not "
            "create, so it was kept; the annual reports stay in their own column. Delete the "
            "database to get the current demo.")
        return
    count = items.count()
    old.delete()
    report.notes.append(f"The old column “{old.title}” and its {count} report items were "
                        "deleted: the annual reports are pages of the 年报 column now. The reports "
                        "and requests the earlier demo made were kept as they were; delete the "
                        "database to get the current ones.")


# -- The requests and cases behind the computed reports ------------------------------------------


def _request(received, column, outcome, days, organ, page, serial, today):
    from .. import workdays
    from ..requests import clock
    from ..requests.models import InformationRequest
    from ..requests.services import next_tracking_number

    while not workdays.is_working_day(received):
        received += datetime.timedelta(days=1)
    deadline = clock.reply_deadline(received)
    concluded = workdays.add_working_days(received, days)
    is_person = column == "natural_person"
    request_obj = InformationRequest(
        tracking_number=next_tracking_number(received), channel="online",
        received_on=received, request_page=page, organ=organ,
        applicant_type="natural_person" if is_person else "organisation",
        organisation_kind="" if is_person else column,
        name=f"演示申请人{serial}", phone="", description="演示数据：历年申请", form="electronic",
        delivery="email", clock_started_on=received, due_on=deadline.date,
        due_provisional=deadline.provisional,
        correction_notice_due_on=clock.correction_notice_deadline(received).date,
        status="in_progress")
    request_obj.access_code_hash = _history_code_hash()
    if concluded <= today:  # still open if that day has not come yet
        request_obj.outcome = outcome
        if outcome.startswith(("other", "not_processed")):
            request_obj.status, request_obj.closed_on = "closed", concluded
        else:
            request_obj.status, request_obj.answered_on = "answered", concluded
    request_obj.save()
    return request_obj


def ensure_history(page, organs, report, last_year, today):
    """The requests and cases of the computed years (skipped if that history is present)."""
    from ..requests.models import InformationRequest
    from .models import ReviewCase

    if InformationRequest.objects.filter(received_on__year=last_year - 1).exists():
        report.tally("report history", created=False)
        return
    organ = organs.get(data.DEMO_ORGAN)
    serial = 0
    requests = {}
    for offset, rows in sorted(data.HISTORY.items()):
        year = last_year + offset
        for month, day, column, outcome, days in rows:
            serial += 1
            requests.setdefault(offset, []).append(_request(
                datetime.date(year, month, day), column, outcome, days, organ, page, serial,
                today))
    for offset, kind, filed, result, concluded, index in data.REVIEW_CASES:
        year = last_year + offset
        ReviewCase.objects.create(
            kind=kind, case_number=f"鹿政复〔{year}〕{filed[0]}号" if kind == "reconsideration"
            else f"（{year}）浙0302行初{filed[0]}{filed[1]}号",
            request=requests[offset][index], organ=organ,
            filed_on=datetime.date(year, *filed), result=result,
            concluded_on=datetime.date(year, *concluded) if concluded else None)
    report.tally("report history", created=True)


# -- The reports -----------------------------------------------------------------------------------


def _published_at(year):
    return timezone.make_aware(datetime.datetime.combine(data.published_on(year),
                                                         datetime.time(10, 0)))


def _publish_report(index, page, user, published_at=None):
    """Add ``page`` under the column and publish it, dated as the agency published it (also its
    last publication: a government's report names the date of each organ's report it adds up)."""
    page.live = False
    page.first_published_at = published_at or _published_at(page.year)
    index.add_child(instance=page)
    page.save_revision(user=user, log_action=True).publish(user=user)
    page.last_published_at = page.first_published_at
    type(page).objects.filter(pk=page.pk).update(last_published_at=page.last_published_at)
    return page


def _entered_fields(specs, year, organs=(data.DEMO_ORGAN,)):
    decisions = data.entered_decisions(specs, year, organs)
    return {"licensing_decisions": decisions["licensing"],
            "penalty_decisions": decisions["penalty"],
            "coercion_decisions": decisions["coercion"], "fees_amount_wan": Decimal(0)}


def _body_2021(year, stats, texts=None):
    from .blocks import DEFAULT_SECTION_BLOCKS, OFFICIAL_HEADINGS, PREAMBLE, section_value

    texts = texts or data.format_2021_sections(year, stats)
    body = [{"type": "preamble", "value": PREAMBLE}]
    for number, heading in enumerate(OFFICIAL_HEADINGS):
        section = section_value(heading, DEFAULT_SECTION_BLOCKS.get(number, ()))
        section["value"]["content"].insert(
            0, {"type": "paragraph", "value": data.paragraphs(texts[number])})
        body.append(section)
    return body


def create_computed_report(index, year, organ, specs, user):
    """A report whose tables are computed from the site's data, its text from those figures."""
    from .pages import AnnualReportPage

    page = AnnualReportPage(title=data.report_title(year), slug=f"{year}", year=year,
                            organs=[organ], **_entered_fields(specs, year))
    page.refresh_figures([organ.pk])
    page.body = _body_2021(year, page.base_statistics())
    return _publish_report(index, page, user)


def create_entered_report(index, year, organ, specs, user):
    """A 2021-format report published before the site computed its reports: table 二 as the
    site's items give it, table 三 as the report stated it."""
    from . import statistics
    from .pages import AnnualReportPage

    figures = statistics.compute(year, [organ.pk])
    requests = data.requests_before(year)
    figures["requests"] = data.entered_requests_table(requests)
    figures["on_time"] = {"concluded": len(requests), "on_time": len(requests)}
    page = AnnualReportPage(title=data.report_title(year), slug=f"{year}", year=year,
                            organs=[organ], figures=figures, figures_source="imported",
                            figures_computed_at=timezone.now(), **_entered_fields(specs, year))
    page.body = _body_2021(year, page.base_statistics())
    return _publish_report(index, page, user)


def create_legacy_report(index, year, organ, user):
    """A report of the years before the 2021 format: text and the figures it states."""
    from . import statistics
    from .pages import AnnualReportPage

    counted = statistics.compute(year, [organ.pk])["channels"]
    published = data.legacy_published(year, counted)
    preamble, sections = data.legacy_sections(year, published)
    body = [{"type": "preamble", "value": data.paragraphs([preamble])}]
    for heading, texts in sections:
        content = [{"type": "paragraph", "value": data.paragraphs(texts)}]
        if heading.startswith("二"):
            content.append({"type": "table", "value": {"table": "legacy"}})
        body.append({"type": "section", "value": {"heading": heading, "content": content}})
    figures = [("figure", {"measure": measure, "label": label, "value": Decimal(value),
                           "unit": unit})
               for measure, label, value, unit in data.legacy_stated_figures(year, published)]
    page = AnnualReportPage(title=data.report_title(year), slug=f"{year}", year=year,
                            report_format="legacy", figures_source="imported",
                            organs=[organ], body=body, stated_figures=figures)
    return _publish_report(index, page, user)


def create_sample_report(index, organ, user):
    """2014: the sample report, imported from its text as the old site published it."""
    from .importers import parse_report
    from .importing import create_report

    result = parse_report(SAMPLE.read_bytes(), filename=SAMPLE.name, year=data.FIRST_YEAR)
    page = create_report(result, index, year=data.FIRST_YEAR, organ=organ, user=user)
    page.title = data.report_title(data.FIRST_YEAR)
    page.first_published_at = _published_at(data.FIRST_YEAR)
    page.save_revision(user=user).publish(user=user)
    return page


def ensure_unit_requests(page, organs, report, year, today):
    """The requests of ``year`` that the cooperative's units answered
    (``demo_government.UNIT_REQUESTS``; skipped if the units have requests of that year)."""
    from ..requests.models import InformationRequest

    units = [organs[key] for key in government.UNIT_REQUESTS]
    if InformationRequest.objects.filter(organ__in=units, received_on__year=year).exists():
        report.tally("report history", created=False)
        return
    serial = government.FIRST_SERIAL
    for key, rows in government.UNIT_REQUESTS.items():
        for month, day, column, outcome, days in rows:
            _request(datetime.date(year, month, day), column, outcome, days, organs[key], page,
                     serial, today)
            serial += 1
    report.tally("report history", created=True)


def create_government_report(index, year, organs, specs, user, today):
    """The report of the cooperative and its units: a government's report that adds up the
    cooperative's own published report of ``year`` and its units' figures counted from the data,
    with the figures by organ (``reports.government``). Published after the cooperative's, as a
    government's report is after its departments'."""
    from .pages import AnnualReportPage, OrganFigures

    covered = [organs[key] for key in government.ORGANS]
    page = AnnualReportPage(title=government.title(year), slug=government.slug(year), year=year,
                            organs=covered, organ_figures=OrganFigures.REPORTS,
                            **_entered_fields(specs, year, government.ORGANS))
    page.refresh_figures([organ.pk for organ in covered])
    stats = page.base_statistics()
    page.body = _body_2021(year, stats, government.sections(year, stats))
    published_at = timezone.make_aware(datetime.datetime.combine(
        government.published_on(year, today), datetime.time(10, 0)))
    return _publish_report(index, page, user, published_at)


def ensure_government_report(index, request_page, organs, specs, report, user, year, today):
    """The report of the cooperative and its units for ``year`` (found by its slug in the
    column), and the units' requests it counts."""
    from .pages import AnnualReportPage

    ensure_unit_requests(request_page, organs, report, year, today)
    exists = AnnualReportPage.objects.child_of(index).filter(slug=government.slug(year)).exists()
    report.tally("government report", created=not exists)
    if not exists:
        create_government_report(index, year, organs, specs, user, today)


def build(index, request_page, organs, specs, report, user, today):
    """The reports of every year from 2014 to last year that the column does not have yet
    (oldest first), the request history the computed ones count, and last year's report of the
    cooperative and its units."""
    from .pages import AnnualReportPage

    legacy, entered, computed = data.report_years(today)
    ensure_history(request_page, organs, report, computed[-1], today)
    organ = organs[data.DEMO_ORGAN]
    present = set(AnnualReportPage.objects.child_of(index)
                  .exclude(slug__endswith=government.SLUG_SUFFIX)
                  .values_list("year", flat=True))
    for year in legacy + entered + computed:
        report.tally("annual reports", created=year not in present)
        if year in present:
            continue
        if year == data.FIRST_YEAR:
            create_sample_report(index, organ, user)
        elif year in legacy:
            create_legacy_report(index, year, organ, user)
        elif year in entered:
            create_entered_report(index, year, organ, specs, user)
        else:
            create_computed_report(index, year, organ, specs, user)
    # after the cooperative's own report of the year, which it adds up
    ensure_government_report(index, request_page, organs, specs, report, user, computed[-1],
                             today)
    return index
