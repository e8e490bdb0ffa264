"""Demo data of the governance tool 'assessment': in the 区社动态 column, two items published
late this month (formed more than 20 working days before publication), one published on time,
and two drafts, one nearing the limit and one past it, so that the dashboard panel, the
timeliness listing and the assessment report show figures. Idempotent: looked up by slug."""

import datetime

from ..workdays import default_calendar

COLUMN = "qsdt"
#: (slug, title, working days before today it was formed, published now?)
ITEMS = [
    ("qsdt-kh-nzcb", "区供销社召开农资储备工作推进会", 32, True),
    ("qsdt-kh-zszy", "再生资源回收站点规范化建设现场会召开", 26, True),
    ("qsdt-kh-wnfw", "为农服务中心开展冬季农资供应服务", 5, True),
    ("qsdt-kh-hzs", "区供销社开展农民专业合作社规范化建设指导", 18, False),
    ("qsdt-kh-dj", "区供销社部署年终安全生产大检查", 24, False),
]


def working_days_before(day, n, calendar):
    """The day ``n`` working days before ``day`` (``day`` itself not counted)."""
    while n > 0:
        day -= datetime.timedelta(days=1)
        n -= calendar.is_working_day(day)
    return day


def build(context):
    """Add this tool's demo data (idempotent: running the demo twice adds nothing)."""
    from ..catalogue.pages import DisclosureItemPage

    column = context.columns.get(COLUMN) or next(iter(context.columns.values()), None)
    if column is None:
        return
    organ = next(iter(context.organs.values()))
    calendar = default_calendar()
    for slug, title, days, publish in ITEMS:
        existing = DisclosureItemPage.objects.filter(slug=slug).exists()
        context.report.tally("disclosure items", created=not existing)
        if existing:
            continue
        # ``days`` working days up to the publication today: on a day off, today is not one
        # of them, so one more is counted back (a demo run on a Saturday showed one day less).
        formed = working_days_before(
            context.today, days + (not calendar.is_working_day(context.today)), calendar)
        page = DisclosureItemPage(
            title=title, slug=slug, organ=organ, kind="other_document", formation_date=formed,
            summary=f"{title}（演示：成文于{formed:%Y年%m月%d日}，用于展示公开时效统计）。",
            body=f"<p>{title}。</p>", live=False)
        if publish:
            context.publish(column, page, context.user)
        else:
            column.add_child(instance=page)
            page.save_revision(user=context.user)
