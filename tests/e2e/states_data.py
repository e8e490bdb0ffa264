"""The data behind the page states of ``test_accessibility_states.py``, one builder per group
of states, each on top of ``conftest.disclosure_site``. Everything is made through
tests/factories.py and the package's own services, as an officer would make it."""

import datetime
from contextlib import contextmanager
from types import SimpleNamespace

from django.test import override_settings
from django.utils import timezone

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@contextmanager
def disclosure_settings(**overrides):
    """``WAGTAIL_DISCLOSURE`` with ``overrides`` on top of what the test set (the live
    server's thread reads the same settings)."""
    from django.conf import settings

    with override_settings(WAGTAIL_DISCLOSURE={
            **getattr(settings, "WAGTAIL_DISCLOSURE", {}), **overrides}):
        yield


def catalogue(site):
    """An empty column, an expired document, a withdrawn item and one whose 公开时限 ended."""
    from tests import factories
    from wagtail_disclosure.governance import withdrawal

    empty = factories.column(site.section, "征集调查")
    expired = factories.item(site.normative, title="区供销社2020年度农资储备临时措施",
                             kind="normative_document", validity="expired",
                             repeal_date=datetime.date(2021, 12, 31),
                             document_number="鹿供〔2020〕3号")
    withdrawn = factories.item(site.powers, title="某农资店行政处罚决定公示", kind="power_result")
    withdrawal.withdraw(withdrawn, user=None,
                        reason="该行政处罚决定经行政复议已予变更，依照行政处罚法第四十八条撤回。")
    ended = factories.item(site.powers, title="某商户行政检查结果公示", kind="power_result")
    withdrawal.end_publication(ended)
    return SimpleNamespace(empty=empty, expired=expired, withdrawn=withdrawn, ended=ended)


def requests(site, officer, approver):
    """The request form page and one tracked request in every status an applicant can see,
    each brought there by the services; ``tracked[status] = (tracking number, access code)``."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests import factories
    from wagtail_disclosure.requests import extension_services, fee_services, services
    from wagtail_disclosure.requests.choices import FeeMethod, Status

    page = factories.request_form_page(site.section)
    today = timezone.localdate()

    def new(**settings):
        with disclosure_settings(**settings):
            request_obj = factories.information_request()
        request_obj.request_page = page
        request_obj.save(update_fields=["request_page"])
        return request_obj

    made = {Status.AWAITING_CONFIRMATION: new(ONLINE_RECEIPT="confirmation"),
            Status.RECEIVED: new()}
    made[Status.IN_PROGRESS] = r = new()
    services.start_processing(r, officer)
    made[Status.AWAITING_CORRECTION] = r = new()
    services.send_correction_notice(r, officer, "请补充所需信息的名称、文号。",
                                    today + datetime.timedelta(days=15))
    made[Status.CONSULTING] = r = new()
    services.start_consultation(r, officer, "温州某农资有限公司", today, "征求意见。",
                                delivery="email")
    made[Status.EXTENDED] = r = new()
    extension_services.request_extension(r, approver, 20, "需要调取档案，难以按期答复。")
    made[Status.AWAITING_PAYMENT] = r = new()
    fee_services.issue_fee_notice(r, officer, FeeMethod.PER_ITEM, 12, 0,
                                  "请于{pay_by}前缴纳信息处理费{amount}元。", delivery="email")
    made[Status.ANSWERED] = r = new()
    services.record_reply(r, officer, "partially_disclosed", "部分公开，见附件。",
                          [SimpleUploadedFile("答复.pdf", PDF)], "email")
    made[Status.CLOSED] = r = new()
    services.close(r, officer, "not_processed_petition", "属于信访事项，不作为政府信息公开申请处理。")
    made[Status.WITHDRAWN] = r = new()
    services.withdraw(r, officer)
    for status, request_obj in made.items():
        request_obj.refresh_from_db()
        assert request_obj.status == status, (status, request_obj.status)
    return SimpleNamespace(
        page=page, track_url=page.url + "track/",
        tracked={s: (r.tracking_number, r.access_code) for s, r in made.items()},
        labels=dict(Status.choices))


def reports(site, tmp_path):
    """The computed and legacy reports of ``test_accessibility.build_report_pages``, a report
    imported from a cut-off page (unknown figures), and an annual-report index without any."""
    from io import StringIO
    from pathlib import Path

    from django.core.management import call_command

    from wagtail_disclosure.models import AnnualReportIndexPage, AnnualReportPage

    from .test_accessibility import build_report_pages

    index, report, legacy = build_report_pages(site.section)
    fixture = Path(__file__).parent.parent / "fixtures" / "reports" / "kg-ceshishi-2025.html"
    html = fixture.read_text(encoding="utf-8")
    cut = "<tr><td>4.保护第三方合法权益</td><td>49</td><td>2</td>"
    source = tmp_path / "cut.html"
    source.write_text(html[:html.index(cut) + len(cut)], encoding="utf-8")
    known = set(AnnualReportPage.objects.values_list("pk", flat=True))
    call_command("import_annual_report", str(source), "--parent", str(index.pk), "--publish",
                 stdout=StringIO())
    unknown = AnnualReportPage.objects.exclude(pk__in=known).get()
    empty_index = site.section.add_child(instance=AnnualReportIndexPage(
        title="部门年度报告", slug="bmndbg"))
    return SimpleNamespace(index=index, report=report, legacy=legacy, unknown=unknown,
                           empty_index=empty_index)


def feedback(site, officer):
    """A feedback box with nothing published, and one listing two published answers."""
    from wagtail_disclosure.governance import feedback as service
    from wagtail_disclosure.governance.pages import FeedbackPage

    def box(title, slug):
        return site.section.add_child(instance=FeedbackPage(
            title=title, slug=slug, intro="<p>欢迎对本机关的政府信息公开工作提出意见和建议。</p>",
            thank_you_text="<p>感谢您的来信。</p>"))

    empty, answered = box("意见箱", "yjx"), box("政务公开意见箱", "zwgk-yjx")
    for subject, answer in (("年报公开时间", "每年1月31日前公开上一年度的年度报告。"),
                            ("申请渠道", "可以当面、邮寄或在线提出申请。")):
        sent = service.submit({"category": "question", "subject": subject,
                               "message": f"请问{subject}？", "name": "李四"}, page=answered)
        service.answer(sent, answer, officer)
        service.publish(sent, f"请问{subject}？", answer, officer)
    return SimpleNamespace(empty=empty, answered=answered)
