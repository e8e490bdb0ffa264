"""A government's report: one report covering several organs (a government and its departments,
possibly on several sites of the installation) sums their figures and breaks them down by organ.

条例 Art.49: the departments of a government at county level and above publish their reports
by 31 January, the government's report is published by 31 March, so a government's report can
be drawn from its departments' published reports. An ``AnnualReportPage`` covering several
organs takes each organ's figures (its *part*) from one of two sources, ``organ_figures``:

* ``"data"``: counted from the installation's data for that organ (``statistics.compute``; the
  whole report in the same five queries);
* ``"reports"``: the organ's own published report of the year (live, public, 2021 format,
  covering exactly that organ, on any site): its figures as published, with the figures it
  entered and its overrides. An organ without one is counted from the data.

**Unknown parts.** A figure that is not known (``None``) is never taken for 0 (the format's
figures are counts the agency vouches for). A summed figure with an unknown part is unknown:
it is shown blank, marked, with a note, and a check of the format that involves it cannot be
evaluated (``checks``), until the editor fills it (an entered figure or an override, both
published as such). The per-organ table shows which organ's figure is missing.

Pure functions over statistics dicts (``format.py``) except ``own_reports`` and
``compute_from_reports``, which read the pages.
"""

from decimal import Decimal

from . import format as fmt

DATA, REPORTS = "data", "reports"  # the values of ``organ_figures``
SOURCE_REPORT = "report"  # a part taken from the organ's own report

#: The per-organ measures: ``(key, how to read it from a part)``; ``None`` = unknown.
LAWSUIT_TOTALS = ("review.lawsuit_direct.total", "review.lawsuit_after_reconsideration.total")
BREAKDOWN_MEASURES = (
    ("requests_new", "requests.new.total"),
    ("requests_carried_over", "requests.carried_over.total"),
    ("requests_concluded", "requests.total.total"),
    ("requests_carried_forward", "requests.carried_forward.total"),
    ("regulation_issued", "proactive.regulation.issued"),
    ("normative_document_issued", "proactive.normative_document.issued"),
    ("items_published", "channels.total"),
    ("licensing_decisions", "proactive.licensing.decisions"),
    ("penalty_decisions", "proactive.penalty.decisions"),
    ("coercion_decisions", "proactive.coercion.decisions"),
    ("fees_amount_wan", "proactive.fees.amount_wan"),
    ("reconsiderations", "review.reconsideration.total"),
    ("lawsuits", LAWSUIT_TOTALS),
)
#: Measures a part counted from the data cannot know (entered on an organ's own report): a
#: breakdown counted wholly from the data leaves them out.
ENTERED_MEASURES = ("licensing_decisions", "penalty_decisions", "coercion_decisions",
                    "fees_amount_wan")


def add(values):
    """The sum of figures, or ``None`` when any of them is unknown (``None``). Amounts in 万元
    are added as decimals (no float noise: 0.1 + 0.2 is 0.3)."""
    values = list(values)
    if any(value is None or isinstance(value, bool) for value in values):
        return None
    if any(isinstance(value, float) for value in values):
        return float(sum((Decimal(str(value)) for value in values), Decimal(0)))
    return sum(values)


def read(stats, path):
    """A part's figure at ``path`` (a cell path, ``channels.<code>``, or a tuple of paths to
    add); ``None`` when it is unknown or missing."""
    if isinstance(path, tuple):
        return add(read(stats, one) for one in path)
    if path.startswith("channels."):
        return (stats.get("channels") or {}).get(path.split(".", 1)[1])
    try:
        return fmt.get_cell(stats, path)
    except (KeyError, IndexError, TypeError, ValueError):
        return None


def sum_statistics(year, parts):
    """The statistics dict whose every figure is the sum of the ``parts``' figures (a list of
    2021-format statistics dicts): each cell of the national tables, the channels, the fees of
    section 六 and the on-time figures. A figure with an unknown part is unknown."""
    total = fmt.empty_statistics(year)
    for path, _label in fmt.cell_paths():
        fmt.set_cell(total, path, add(read(part, path) for part in parts))
    codes = []
    for part in parts:
        codes += [code for code in (part.get("channels") or {}) if code not in codes]
    total["channels"] = {code: add((part.get("channels") or {}).get(code) for part in parts)
                         for code in codes or ["total"]}
    total["fees_collected_yuan"] = add(part.get("fees_collected_yuan") for part in parts)
    total["on_time"] = {key: add((part.get("on_time") or {}).get(key) for part in parts)
                        for key in ("concluded", "on_time")}
    return total


def breakdown_rows(parts, sources, names=None):
    """The ``organ_breakdown`` rows: per organ of ``parts`` (``{organ id: statistics dict}``, in
    the report's order) its ``organ``, ``source`` (``{"kind": "data"}`` or ``{"kind":
    "report", "report": {…}}``) and measures. The entered measures are given only when some
    part comes from a report (a part counted from the data has them unknown)."""
    from_reports = any(source.get("kind") == SOURCE_REPORT for source in sources.values())
    rows = []
    for pk, part in parts.items():
        name = (names or {}).get(pk)
        if name is None:
            name = next((o.get("name", "") for o in part.get("organs") or ()
                         if o.get("id") == pk), "")
        row = {"organ": {"id": pk, "name": name}, "source": sources.get(pk, {"kind": DATA})}
        for key, path in BREAKDOWN_MEASURES:
            if key in ENTERED_MEASURES and not from_reports:
                continue
            row[key] = read(part, path)
        rows.append(row)
    return rows


def own_reports(year, organ_ids, exclude=None):
    """``{organ id: its own published report of year}``: live, public, in the 2021 format, with
    figures, covering exactly that one organ, on any site; the latest published when there are
    several. ``exclude``: a page id not to take (the government's report itself)."""
    from django.db.models import Count, Max

    from .pages import AnnualReportPage

    reports = (AnnualReportPage.objects.live().public()
               .annotate(organ_count=Count("organs", distinct=True), organ_id=Max("organs"))
               .filter(year=year, report_format=fmt.FORMAT_2021, figures__isnull=False,
                       organ_count=1, organ_id__in=list(organ_ids))
               .order_by("-last_published_at", "-pk")
               .defer_streamfields().prefetch_related("overrides"))
    if exclude is not None:
        reports = reports.exclude(pk=exclude)
    found = {}
    for report in reports:
        found.setdefault(report.organ_id, report)
    return found


def report_source(report):
    published = report.last_published_at
    return {"kind": SOURCE_REPORT, "report": {
        "id": report.pk, "title": report.title, "url": report.get_full_url(),
        "published_on": published.date().isoformat() if published else None}}


def compute_from_reports(year, organ_ids, exclude=None):
    """The statistics dict of a government's report summing its organs' own published reports
    (``own_reports``); an organ without one is counted from the data (one set of queries for
    all of them)."""
    from ..catalogue.snippets import PublishingOrgan
    from . import statistics

    organ_ids = [getattr(organ, "pk", organ) for organ in organ_ids]
    names = dict(PublishingOrgan.objects.filter(pk__in=organ_ids).values_list("pk", "name"))
    reports = own_reports(year, organ_ids, exclude=exclude)
    counted = statistics.compute_parts(year, [pk for pk in organ_ids if pk not in reports])
    parts, sources = {}, {}
    for pk in organ_ids:
        if pk in reports:
            part = reports[pk].effective_statistics(with_checks=False)
            parts[pk], sources[pk] = part, report_source(reports[pk])
        else:
            parts[pk], sources[pk] = counted[pk], {"kind": DATA}
    stats = sum_statistics(year, list(parts.values()))
    stats["organs"] = [{"id": pk, "name": names.get(pk, "")} for pk in organ_ids]
    stats["organ_figures"] = REPORTS
    stats["organ_breakdown"] = breakdown_rows(parts, sources, names)
    return stats


def breakdown_totals(rows, keys):
    """The total row of the per-organ table: each measure added up, unknown if any row's is."""
    return [add(row.get(key) for row in rows) for key in keys]
