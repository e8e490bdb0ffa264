"""Demo data of the governance tool 'feedback': a 意见箱 page under the section with three
messages: one answered and published, one assigned and awaiting an answer, one new."""

import datetime

from django.utils import timezone

#: (subject, category, message, days ago received, name, what to do)
MESSAGES = [
    ("建议公开部门预算的详细说明", "suggestion",
     "贵社公开的部门预算只有总表，建议同时公开预算编制说明，方便群众理解。", 40, "王五",
     "publish"),
    ("依申请公开的答复期限", "question",
     "我在网上提交了政府信息公开申请，请问多少个工作日内答复？遇到节假日如何计算？", 20, "",
     "assign"),
    ("栏目链接打不开", "error", "“法定主动公开内容”栏目下的部分附件链接打不开，请核实。", 2, "",
     "new"),
]
PUBLIC_QUESTION = "建议在公开部门预算总表的同时，公开预算编制说明。"
ANSWER = ("感谢您的建议。自2025年起，我社在公开部门预算时一并公开预算编制说明，"
          "详见“法定主动公开内容”栏目。")


def build(context):
    """Add this tool's demo data (idempotent: running the demo twice adds nothing)."""
    from . import feedback
    from .models import Feedback
    from .pages import FeedbackPage

    page = FeedbackPage.objects.child_of(context.section).first()
    context.report.tally("feedback page", created=page is None)
    if page is None:
        page = context.publish(context.section, FeedbackPage(
            title="意见箱", slug="yjx",
            intro="<p>欢迎对本机关的政府信息公开工作提出意见和建议。我们在3个月内答复；"
                  "您的姓名和联系方式不会公开。</p>",
            thank_you_text="<p>感谢您的来信。如需查询政府信息，也可以提出政府信息公开申请。</p>"),
            context.user)
    user = context.user
    for subject, category, message, days_ago, name, action in MESSAGES:
        exists = Feedback.objects.filter(page=page, subject=subject).exists()
        context.report.tally("feedback", created=not exists)
        if exists:
            continue
        received = timezone.make_aware(datetime.datetime.combine(
            context.today - datetime.timedelta(days=days_ago), datetime.time(10, 30)))
        item = Feedback.objects.create(page=page, reference=feedback.next_reference(received),
                                       received_at=received, category=category,
                                       subject=subject, message=message, name=name)
        feedback._log(item, "receive", None)
        if user is None or not feedback.can_answer(user) or action == "new":
            continue
        if action == "assign":
            feedback.assign(item, user, user)
        elif action == "publish":
            feedback.answer(item, ANSWER, user)
            Feedback.objects.filter(pk=item.pk).update(
                answered_at=received + datetime.timedelta(days=6))
            feedback.publish(item, PUBLIC_QUESTION, ANSWER, user)
