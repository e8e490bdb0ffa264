"""The request part of the demo site: the form page, staff groups and a few requests."""

import datetime

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.utils import translation
from django.utils.html import escape

INTRO = [
    "公民、法人或者其他组织可以向本机关申请获取本机关制作或者保存的政府信息（《中华人民共和国政府信息公开条例》第二十七条）。",
    "申请应当包括：申请人的姓名或者名称、身份证明、联系方式；申请公开的政府信息的名称、文号或者便于查询的其他特征性描述；申请公开的政府信息的形式要求，包括获取信息的方式、途径（第二十九条）。",
    "本机关收到申请后，能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内予以答复；需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不超过20个工作日（第三十三条）。",
    "申请内容不明确的，本机关将在收到申请之日起7个工作日内一次性告知需要补正的事项；答复期限自收到补正的申请之日起计算（第三十条）。",
]
PRIVACY = [
    "本机关收集您填写的姓名或名称、身份证件号码、联系方式和地址，仅用于办理您的政府信息公开申请、向您送达告知书和答复，以及依法编制年度报告统计（统计不含个人信息）。",
    "您的个人信息仅由经授权的工作人员查看，不会公开，也不会提供给第三方，法律法规另有规定的除外。申请办结后，个人信息按本机关档案和数据保存规定保存，期满后删除。",
]
CONFIRMATION = ("<p>请妥善保存查询码和查询密码。您也可以通过当面提交、邮寄等方式提出申请，"
                "详见本网站政府信息公开指南。</p>")
# The organ that answers the demo's requests, its 机关代字 (reply letters are numbered
# 鹿供公开〔2026〕1号) and the remedies' reconsideration body; the court is left blank, so the
# letters show the neutral wording ("有管辖权的人民法院").
ORGAN_CODE = "014320144"
ORGAN_SHORT_NAME = "鹿供"
RECONSIDERATION_BODY = "温州市鹿城区人民政府"

# The access code of the demo's answered request, printed by ``disclosure_demo`` so that the
# applicant's view can be tried at once. Fixed, and so public: for the demo only. Codes are
# stored only as hashes, so the demo sets this one knowingly (see ensure_demo_tracking).
DEMO_ACCESS_CODE = "LCGX-YSQG-2468"

GROUPS = {
    "政府信息公开经办人": ["view_informationrequest", "add_informationrequest",
                  "process_informationrequest"],
    "政府信息公开负责人": ["view_informationrequest", "add_informationrequest",
                  "process_informationrequest", "approve_extension", "view_personal_data"],
}

REQUESTS = [
    # (received days ago, channel, data, what happened)
    (2, "online", {"applicant_type": "natural_person", "name": "王小明", "id_type": "resident_id",
                   "id_number": "11010519491231002X", "phone": "13800138000",
                   "email": "wang@example.com", "address": "温州市鹿城区五马街10号",
                   "postcode": "325000",
                   "description": "2025年度区供销社为农服务中心建设补助资金的分配情况",
                   "form": "electronic", "delivery": "email"}, "received"),
    (12, "registered_post", {"applicant_type": "organisation", "organisation_kind": "business",
                             "name": "温州某某农资有限公司",
                             "organisation_code": "91350100M000100Y43",
                             "legal_representative": "李四", "contact_person": "李四",
                             "phone": "0577-88990011", "address": "温州市鹿城区工业路8号",
                             "description": "贵社关于农资储备的相关文件",
                             "form": "paper", "delivery": "post"}, "correction"),
    (60, "online", {"applicant_type": "natural_person", "name": "陈红", "id_type": "resident_id",
                    "id_number": "11010519491231002X", "phone": "13900139000",
                    "email": "chen@example.com",
                    "description": "鹿城区再生资源回收网点布局规划（2021-2025年）全文",
                    "form": "electronic", "delivery": "email"}, "answered"),
]


def ensure_request_page(section, report, user, publish):
    from .pages import RequestFormPage

    page = RequestFormPage.objects.child_of(section).first()
    report.tally("request form", created=page is None)
    if page is not None:
        return page
    page = RequestFormPage(
        title="依申请公开", slug="ysqgk", organ=_demo_organ(),
        intro="".join(f"<p>{escape(p)}</p>" for p in INTRO),
        privacy_notice="".join(f"<p>{escape(p)}</p>" for p in PRIVACY),
        confirmation_text=CONFIRMATION)
    page = publish(section, page, user)
    _ensure_letter_settings(page)
    return page


def _demo_organ():
    from ..catalogue.snippets import PublishingOrgan

    organ = PublishingOrgan.objects.filter(code=ORGAN_CODE).first()
    if organ is not None and not organ.short_name:
        organ.short_name = ORGAN_SHORT_NAME
        organ.save(update_fields=["short_name"])
    return organ


def _ensure_letter_settings(page):
    from .settings import RequestSettings

    site = page.get_site()
    if site is None:
        return
    settings_obj = RequestSettings.for_site(site)
    if not settings_obj.reconsideration_body:
        settings_obj.reconsideration_body = RECONSIDERATION_BODY
        settings_obj.save(update_fields=["reconsideration_body"])


def ensure_groups(report):
    for name, codenames in GROUPS.items():
        group, created = Group.objects.get_or_create(name=name)
        report.tally("staff groups", created=created)
        perms = Permission.objects.filter(content_type__app_label="wagtail_disclosure",
                                          codename__in=codenames)
        group.permissions.add(*perms)
        admin_access = Permission.objects.filter(content_type__app_label="wagtailadmin",
                                                 codename="access_admin")
        group.permissions.add(*admin_access)


def ensure_requests(page, report, user, today=None):
    """A few requests at different stages, with their letters in the site's language (a
    management command runs without translations)."""
    from .models import InformationRequest

    if InformationRequest.objects.exists():
        report.tally("information requests", created=False)
        return
    with translation.override(settings.LANGUAGE_CODE):
        _make_requests(page, report, user, today or datetime.date.today())


def _make_requests(page, report, user, today):
    from . import services
    from .choices import LetterKind
    from .letters import render_letter

    for days_ago, channel, data, state in REQUESTS:
        received = today - datetime.timedelta(days=days_ago)
        request_obj, _code = services.submit(data, (), channel=channel, received_on=received,
                                             user=user if channel != "online" else None,
                                             page=page)
        report.tally("information requests", created=True)
        if state == "correction":
            due = today + datetime.timedelta(days=14)
            services.send_correction_notice(
                request_obj, user, render_letter(
                    LetterKind.CORRECTION_NOTICE, request_obj, correction_due_on=due,
                    reasons="请补充所需文件的名称、文号或者形成时间等特征性描述。"),
                due, sent_on=today - datetime.timedelta(days=8))
        elif state == "answered" and user is not None:
            # its acknowledgement email carries the code submit() drew; the demo's fixed one
            # replaces it (ensure_demo_tracking)
            request_obj.set_access_code(DEMO_ACCESS_CODE)
            request_obj.save(update_fields=["access_code_hash"])
            services.start_processing(request_obj, user)
            services.record_reply(
                request_obj, user, "disclosed", render_letter(
                    LetterKind.REPLY, request_obj,
                    reasons="经检索，您申请的信息已主动公开，现将全文提供给您。"), (), "email",
                received + datetime.timedelta(days=10), received + datetime.timedelta(days=10))


def ensure_demo_tracking(page, report):
    """The tracking number, access code and tracking page of the demo's answered request (the
    one with a reply letter), or None if there is none (without a superuser it is not
    answered). Its access code is made the demo's fixed code if it is not that already; only
    this request of the demo's own is ever touched."""
    from .choices import LetterKind
    from .models import InformationRequest

    answered = [data["description"] for _days, _channel, data, state in REQUESTS
                if state == "answered"]
    request_obj = (InformationRequest.objects
                   .filter(description__in=answered, letters__kind=LetterKind.REPLY)
                   .order_by("-received_on", "-pk").first())
    if request_obj is None or page is None:
        return None
    if not request_obj.check_access_code(DEMO_ACCESS_CODE):
        request_obj.set_access_code(DEMO_ACCESS_CODE)
        request_obj.save(update_fields=["access_code_hash"])
        if report.counts.get("information requests", [0])[0] == 0:
            report.notes.append(f"The access code of request {request_obj.tracking_number} was "
                                "set to the demo's fixed code.")
    return {"tracking_number": request_obj.tracking_number, "access_code": DEMO_ACCESS_CODE,
            "url": (page.url or "") + page.reverse_subpage("track")}
