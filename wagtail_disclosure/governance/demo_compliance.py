"""Demo data of the governance tool 'compliance': the self-inspection shows red rows (an empty
column, a stale column, an item without summary, an old unanswered feedback message) and the
withheld register has an entry whose review is due. Idempotent: looked up by slug, reference
and title, so a second run adds nothing."""

import datetime

from django.utils import timezone

from .compliance import months_before

EMPTY_COLUMN = ("zxgz", "专项工作", "区供销社承担的专项工作信息（演示：尚未发布信息的空栏目）。")
STALE_COLUMN = ("tzgg", "通知公告", "区供销社发布的通知公告（演示：超过更新时限的栏目）。")
STALE_ITEM = ("tzgg-2024-ndgz", "关于做好年度农资储备工作的通知")
NO_SUMMARY_ITEM = ("tzgg-aqsc-hy", "区供销社召开安全生产工作会议")
FEEDBACK_REFERENCE = "YJX-DEMO-0001"
WITHHELD_TITLE = "区供销社内部审计工作底稿（2023年度）"
BACKDATING_REASON = "演示数据：按原网站的发布日期迁入"


def _column(context, slug, title, description, **kwargs):
    from ..catalogue.pages import DisclosureColumnPage

    existing = DisclosureColumnPage.objects.child_of(context.section).filter(slug=slug).first()
    context.report.tally("columns", created=existing is None)
    if existing:
        return existing
    page = DisclosureColumnPage(title=title, slug=slug, description=f"<p>{description}</p>",
                                **kwargs)
    return context.publish(context.section, page, context.user)


def _item(context, column, slug, title, published_on, **kwargs):
    from ..catalogue.pages import DisclosureItemPage

    existing = DisclosureItemPage.objects.filter(slug=slug).first()
    context.report.tally("disclosure items", created=existing is None)
    if existing:
        return existing
    organ = next(iter(context.organs.values()))
    page = DisclosureItemPage(
        title=title, slug=slug, organ=organ, kind="other_document",
        formation_date=published_on - datetime.timedelta(days=2), published_on=published_on,
        backdating_reason=BACKDATING_REASON if published_on < timezone.localdate() else "",
        first_published_at=timezone.make_aware(
            datetime.datetime.combine(published_on, datetime.time(9, 30))),
        **kwargs)
    return context.publish(column, page, context.user)


def build(context):
    """Add this tool's demo data (idempotent: running the demo twice adds nothing)."""
    from .models import Feedback, WithheldInformation

    today = context.today
    _column(context, *EMPTY_COLUMN)
    stale = _column(context, *STALE_COLUMN, freshness_days=90)
    _item(context, stale, *STALE_ITEM, today - datetime.timedelta(days=200),
          summary="部署年度农资储备和供应保障工作。", body="<p>各基层社：请做好年度农资储备工作。</p>")
    _item(context, stale, *NO_SUMMARY_ITEM, today - datetime.timedelta(days=150),
          body="<p>区供销社召开安全生产工作会议，部署安全生产大检查。</p>")

    received = timezone.make_aware(datetime.datetime.combine(
        months_before(today, 4), datetime.time(10, 15)))
    _feedback, created = Feedback.objects.get_or_create(
        reference=FEEDBACK_REFERENCE,
        defaults={"received_at": received, "category": "question",
                  "subject": "农资补贴政策在哪里公开？",
                  "message": "请问今年的农资补贴政策在哪个栏目公开？", "status": "new"})
    context.report.tally("feedback", created=created)

    organ = next(iter(context.organs.values()))
    decided = months_before(today, 13)
    _entry, created = WithheldInformation.objects.get_or_create(
        title=WITHHELD_TITLE,
        defaults={"organ": organ, "ground": "art16_process",
                  "reason": "内部审计工作底稿属于过程性信息，依照条例第十六条可以不予公开。",
                  "decided_on": decided, "review_due_on": months_before(today, 1),
                  "created_by": context.user})
    context.report.tally("withheld information", created=created)
