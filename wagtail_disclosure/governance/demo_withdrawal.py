"""Demo data of the governance tool 'withdrawal': a penalty decision withdrawn with its public
reason (its address shows the notice), a normative document whose repeal date has passed
(marked by running the daily upkeep), and a penalty notice shown for a limited time."""

import datetime

WITHDRAWN_SLUG = "demo-withdrawn-penalty"
WITHDRAWN_TITLE = "鹿城区某农资店销售过期农药案行政处罚决定公示"
WITHDRAWAL_REASON = ("该行政处罚决定经行政复议已予变更，依照《中华人民共和国行政处罚法》"
                     "第四十八条撤回原公示，变更后的决定另行公示。")
REPEALED_SLUG = "demo-repeal-date-passed"
REPEALED_TITLE = "鹿城区供销合作社农资储备管理暂行办法"
LIMITED_SLUG = "demo-time-limited-penalty"
LIMITED_TITLE = "鹿城区某回收站未按规定备案案行政处罚结果公示（公示期三个月）"


def _column(context, *slugs):
    columns = context["columns"]
    for slug in slugs:
        if slug in columns:
            return columns[slug]
    return next(iter(columns.values()))


def _ensure(context, column, slug, **fields):
    """The demo item ``slug`` in ``column``, published; (item, created)."""
    from ..catalogue.pages import DisclosureItemPage

    existing = DisclosureItemPage.objects.child_of(column).filter(slug=slug).first()
    if existing is not None:
        return existing.specific, False
    organ = next(iter(context["organs"].values()))
    page = DisclosureItemPage(slug=slug, organ=organ, **fields)
    return context["publish"](column, page, context["user"]), True


def build(context):
    """Add this tool's demo data (idempotent: running the demo twice adds nothing)."""
    from ..catalogue.choices import ItemKind
    from .validity import _patch_revisions, update_validity
    from .withdrawal import withdraw

    report, today = context["report"], context["today"]
    penalties = _column(context, "xzql")

    item, created = _ensure(
        context, penalties, WITHDRAWN_SLUG, title=WITHDRAWN_TITLE, kind=ItemKind.POWER_RESULT,
        formation_date=today - datetime.timedelta(days=5),
        summary="对某农资店销售过期农药的违法行为依法作出行政处罚。",
        body="<p>当事人：鹿城区某农资店。处罚内容：没收过期农药，并处罚款。</p>")
    if item.live and not item.withdrawn_at:
        withdraw(item, user=context["user"], reason=WITHDRAWAL_REASON)
    report.tally("withdrawn items", created=created)

    item, created = _ensure(
        context, _column(context, "zcfg"), REPEALED_SLUG, title=REPEALED_TITLE,
        kind=ItemKind.NORMATIVE_DOCUMENT, formation_date=today - datetime.timedelta(days=400),
        effective_date=today - datetime.timedelta(days=390),
        summary="规定农资储备的品种、数量、轮换和资金管理。")
    if created:
        # as if the repeal date had been entered in advance and has now passed: the daily
        # upkeep marks the item repealed and writes the register entry
        repeal_date = today - datetime.timedelta(days=7)
        type(item).objects.filter(pk=item.pk).update(repeal_date=repeal_date)
        item.repeal_date = repeal_date
        _patch_revisions(item, {"repeal_date": repeal_date.isoformat()})
    update_validity(today)
    report.tally("items marked repealed by the upkeep", created=created)

    _item, created = _ensure(
        context, penalties, LIMITED_SLUG, title=LIMITED_TITLE, kind=ItemKind.POWER_RESULT,
        formation_date=today - datetime.timedelta(days=2),
        publication_ends_on=today + datetime.timedelta(days=91),
        summary="对某回收站未按规定备案的行为作出警告，公示期三个月。")
    report.tally("time-limited items", created=created)
