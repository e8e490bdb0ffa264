"""Letters (文书): numbering of replies, the remedy by outcome (行政复议法 2023), placeholders
filled at issue, the default texts, the check of edited reply templates, the printed sheet on
the staff print view and the applicant's pages, and the demo's letters in the site's language.
"""

import datetime
import io
import re

import pytest
from django.contrib.auth.models import Permission
from django.core import checks
from django.core.management import call_command
from django.template.loader import render_to_string
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from wagtail.models import Site

from tests import factories
from wagtail_disclosure.models import PublishingOrgan
from wagtail_disclosure.requests import letters, outcomes, services
from wagtail_disclosure.requests.choices import LetterKind
from wagtail_disclosure.requests.letters import texts
from wagtail_disclosure.requests.pages import SESSION_KEY
from wagtail_disclosure.requests.settings import (
    RequestSettings,
    issuing_body_for,
    letter_template_for,
)

pytestmark = pytest.mark.django_db

D = datetime.date
TODAY = datetime.date.today()


@pytest.fixture(autouse=True)
def _media(private_media, fresh_calendar):
    """Replies may carry files; the calendar is read afresh. The source texts are checked in
    English (the tests that check the Chinese say so); HTTP requests choose their own language."""
    with translation.override("en"):
        yield


def site_settings(**values):
    settings_obj = RequestSettings.for_site(Site.objects.get(is_default_site=True))
    for name, value in values.items():
        setattr(settings_obj, name, value)
    settings_obj.save()
    return settings_obj


def new_request(organ=None, **overrides):
    request_obj = factories.information_request(received_on=TODAY, **overrides)
    if organ is not None:
        request_obj.organ = organ
        request_obj.save(update_fields=["organ"])
    return request_obj


def other_organ():
    return PublishingOrgan.objects.create(name="温州市鹿城区再生资源管理办公室",
                                          code="12330302470873164A", short_name="鹿再生办")


# -- numbering -----------------------------------------------------------------------------


def test_reply_numbers_count_per_organ_and_year():
    first = factories.organ()
    first.short_name = "鹿供"
    first.save()
    second = other_organ()
    a, b, c = new_request(first), new_request(first), new_request(second)
    assert letters.letter_number(a, LetterKind.REPLY, D(2026, 3, 1)) == "鹿供公开〔2026〕1号"
    assert letters.letter_number(b, LetterKind.REPLY, D(2026, 5, 1)) == "鹿供公开〔2026〕2号"
    assert letters.letter_number(c, LetterKind.REPLY, D(2026, 5, 1)) == "鹿再生办公开〔2026〕1号"
    # A new year starts again at 1.
    assert letters.letter_number(a, LetterKind.REPLY, D(2027, 1, 4)) == "鹿供公开〔2027〕1号"
    assert letters.letter_number(b, LetterKind.REPLY, D(2026, 12, 31)) == "鹿供公开〔2026〕3号"


def test_other_letters_are_not_numbered():
    request_obj = new_request()
    for kind in LetterKind.values:
        if kind != LetterKind.REPLY:
            assert letters.letter_number(request_obj, kind, TODAY) == ""


def test_organ_name_then_issuing_body_stand_in_for_a_missing_short_name():
    organ = factories.organ()  # no short name
    assert letters.letter_number(new_request(organ), LetterKind.REPLY, D(2026, 1, 5)) == (
        "温州市鹿城区供销合作社公开〔2026〕1号")
    site_settings(issuing_body="某某局")
    assert letters.letter_number(new_request(), LetterKind.REPLY, D(2026, 1, 5)) == (
        "某某局公开〔2026〕1号")


def test_number_format_setting(settings):
    organ = factories.organ()
    organ.short_name = "鹿供"
    organ.save()
    with override_settings(WAGTAIL_DISCLOSURE={
            **getattr(settings, "WAGTAIL_DISCLOSURE", {}),
            "REPLY_NUMBER_FORMAT": "{organ_short}依复〔{year}〕{serial:03d}号"}):
        number = letters.letter_number(new_request(organ), LetterKind.REPLY, D(2026, 2, 2))
    assert number == "鹿供依复〔2026〕001号"


def test_reply_letter_is_numbered_when_issued(officer):
    organ = factories.organ()
    organ.short_name = "鹿供"
    organ.save()
    request_obj = new_request(organ)
    body = letters.render_letter(LetterKind.REPLY, request_obj, reasons="现将全文提供给您。")
    services.record_reply(request_obj, officer, "disclosed", body, (), "email")
    letter = request_obj.letters.get(kind=LetterKind.REPLY)
    assert letter.number == f"鹿供公开〔{TODAY.year}〕1号"
    assert request_obj.letters.get(kind=LetterKind.ACKNOWLEDGEMENT).number == ""


@pytest.mark.parametrize("fmt, ok", [
    ("{organ_short}公开〔{year}〕{serial}号", True),
    ("{year}-{serial:04d}", True),
    ("{organ_short}公开〔{year}〕号", False),  # no serial
    ("{organ_short}公开{serial}号", False),  # no year: numbers would repeat each year
    ("{organ}公开〔{year}〕{serial}号", False),  # unknown field
    ("{serial:x>200}{year}", False),  # too long
    (42, False),
])
def test_number_format_system_check(settings, fmt, ok):
    from wagtail_disclosure.checks import check_reply_number_format

    with override_settings(WAGTAIL_DISCLOSURE={
            **getattr(settings, "WAGTAIL_DISCLOSURE", {}), "REPLY_NUMBER_FORMAT": fmt}):
        errors = check_reply_number_format()
    assert [e.id for e in errors] == ([] if ok else ["wagtail_disclosure.E020"])
    assert all(isinstance(e, checks.Error) for e in errors)


# -- remedies ------------------------------------------------------------------------------

RECONSIDERATION_FIRST = [row.key for row in outcomes.ROWS
                         if row.group.startswith(("（二）", "（三）"))]
GENERAL = ["disclosed", "unavailable_not_held", "unavailable_needs_creation",
           "not_processed_repeat", "not_processed_petition"]


@pytest.mark.parametrize("outcome", RECONSIDERATION_FIRST)
def test_refusals_and_partial_disclosures_need_reconsideration_first(outcome):
    site_settings(reconsideration_body="温州市鹿城区人民政府", court="温州市鹿城区人民法院")
    text = letters.remedy_text(outcome, new_request())
    assert text == str(texts.REMEDY_RECONSIDERATION_FIRST).format(
        reconsideration_body="温州市鹿城区人民政府", court="温州市鹿城区人民法院")
    assert "reconsideration decision" in text and "6 months" not in text


@pytest.mark.parametrize("outcome", GENERAL)
def test_other_answers_offer_reconsideration_or_a_lawsuit(outcome):
    site_settings(reconsideration_body="温州市鹿城区人民政府", court="温州市鹿城区人民法院")
    text = letters.remedy_text(outcome, new_request())
    assert "6 months" in text and "reconsideration decision" not in text
    assert "温州市鹿城区人民政府" in text and "温州市鹿城区人民法院" in text


def test_closures_carry_the_general_remedy_and_withdrawals_none():
    request_obj = new_request()
    for outcome in ("not_processed_excessive", "other_no_correction", "other_unpaid_fee"):
        text = letters.remedy_text(outcome, request_obj, LetterKind.CLOSURE)
        assert text.startswith("If you disagree with this notice") and "6 months" in text
    request_obj.status = "withdrawn"
    assert letters.remedy_text("other", request_obj, LetterKind.CLOSURE) == ""
    for kind in (LetterKind.ACKNOWLEDGEMENT, LetterKind.FEE_NOTICE, LetterKind.DELAY_NOTICE):
        assert letters.remedy_text("disclosed", new_request(), kind) == ""


@pytest.mark.parametrize("outcome", RECONSIDERATION_FIRST)
def test_the_chinese_remedy_of_a_refusal_is_reconsideration_first(outcome):
    with translation.override("zh-hans"):
        text = str(letters.remedy_text(outcome))
    assert "行政复议决定" in text and "6个月" not in text


def test_an_unknown_outcome_gets_the_path_open_in_every_case():
    assert "reconsideration decision" in letters.remedy_text(None)


def test_blank_settings_give_a_neutral_wording_in_both_languages():
    site_settings(reconsideration_body="", court="  ")
    text = letters.remedy_text("withheld_state_secret", new_request())
    assert str(texts.DEFAULT_RECONSIDERATION_BODY) in text and str(texts.DEFAULT_COURT) in text
    assert "apply to  for" not in text and "before  within" not in text
    with translation.override("zh-hans"):
        text = letters.remedy_text("disclosed", new_request())
        assert "向申请" not in text and "向提起" not in text


# -- placeholders filled at issue ----------------------------------------------------------


def test_the_reply_form_keeps_remedy_and_number_until_issue(officer):
    site_settings(reconsideration_body="温州市鹿城区人民政府")
    request_obj = new_request()
    draft = letters.render_letter(LetterKind.REPLY, request_obj, reasons="不予公开的理由。")
    assert "{remedy}" in draft  # filled by the outcome chosen when the reply is issued
    draft += "\n\n{letter_number}"
    services.record_reply(request_obj, officer, "withheld_state_secret", draft, (), "email")
    letter = request_obj.letters.get(kind=LetterKind.REPLY)
    assert "{" not in letter.body
    assert letters.remedy_text("withheld_state_secret", request_obj) in letter.body
    assert "温州市鹿城区人民政府" in letter.body
    assert letter.body.rstrip().endswith(letter.number)


def test_final_values_by_kind():
    request_obj = new_request()
    values = letters.final_values(request_obj, LetterKind.REPLY, "disclosed", "鹿供公开〔2026〕1号")
    assert values["letter_number"] == "鹿供公开〔2026〕1号"
    assert values["remedy"] == letters.remedy_text("disclosed", request_obj)
    assert values["outcome"] == str(outcomes.BY_KEY["disclosed"].display)
    assert {"reconsideration_body", "court"} <= set(values)
    assert letters.final_values(request_obj, LetterKind.EXTENSION_NOTICE)["remedy"] == ""


def test_closure_letter_gets_its_remedy(officer):
    request_obj = new_request()
    body = letters.render_letter(LetterKind.CLOSURE, request_obj, reasons="属于信访事项。")
    services.close(request_obj, officer, "not_processed_petition", body)
    letter = request_obj.letters.get(kind=LetterKind.CLOSURE)
    assert str(texts.REMEDY_GENERAL_CLOSURE)[:20] in letter.body and "{remedy}" not in letter.body


def test_new_placeholders_have_values():
    request_obj = new_request(address="温州市鹿城区人民路1号")
    request_obj.delayed_until = D(2026, 3, 31)
    values = letters.letter_values(request_obj)
    assert set(values) - {"outcome"} <= set(letters.PLACEHOLDERS)
    assert values["delayed_until"] == "2026年3月31日"
    assert values["address"] == "温州市鹿城区人民路1号"
    assert values["payment_working_days"] == 20 and values["consultation_working_days"] == 15
    assert "remedy" not in values and "letter_number" not in values and "outcome" not in values
    for kind in LetterKind.values:
        used = set(re.findall(r"\{([a-z_]+)\}", str(letters.DEFAULT_TEMPLATES[kind])))
        assert used <= set(letters.PLACEHOLDERS), kind


def test_fee_and_delay_notices_say_what_the_law_says():
    fee = str(letters.DEFAULT_TEMPLATES[LetterKind.FEE_NOTICE])
    assert "{payment_working_days} working days, counted from the day after you receive" in fee
    assert "109号" in fee
    delay = str(letters.DEFAULT_TEMPLATES[LetterKind.DELAY_NOTICE])
    assert "{delayed_until}" in delay and "Article 35" in delay
    assert "Article 30" in str(letters.DEFAULT_TEMPLATES[LetterKind.CORRECTION_NOTICE])
    assert "Article 33, paragraph 2" in str(letters.DEFAULT_TEMPLATES[LetterKind.EXTENSION_NOTICE])
    consultation = str(letters.DEFAULT_TEMPLATES[LetterKind.CONSULTATION])
    assert "Article 32" in consultation and "{consultation_working_days}" in consultation


# -- no instruction brackets ---------------------------------------------------------------

EMPTY_BRACKETS = re.compile(r"[（(]\s*(?:\{[a-z_]+\}\s*)*[）)]")


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("kind", LetterKind.values)
def test_no_instruction_brackets_in_default_texts(language, kind):
    with translation.override(language):
        text = str(letters.DEFAULT_TEMPLATES[kind])
        assert not EMPTY_BRACKETS.search(text), text
        # Every placeholder left empty (e.g. no outcome yet): still no empty bracket.
        assert not EMPTY_BRACKETS.search(letters.fill(text, dict.fromkeys(
            letters.PLACEHOLDERS, ""))), text
        rendered = letters.render_letter(kind, new_request())
        assert not EMPTY_BRACKETS.search(rendered), rendered
    # The English source strings have no brackets at all: what the officer must add is a
    # placeholder ({reasons}), never an instruction in brackets.
    with translation.override(None):
        source = str(letters.DEFAULT_TEMPLATES[kind])
    assert not re.search(r"[()（）]", source), source


def test_a_blank_site_template_uses_the_default_in_the_active_language():
    request_obj = new_request()
    with translation.override("zh-hans"):
        assert letter_template_for(LetterKind.REPLY, request_obj) == str(
            letters.DEFAULT_TEMPLATES[LetterKind.REPLY])
    site_settings(reply_template="自定义答复：{reasons}\n\n{remedy}")
    assert letter_template_for(LetterKind.REPLY, request_obj) == "自定义答复：{reasons}\n\n{remedy}"


# -- edited reply templates ----------------------------------------------------------------

OLD_REPLY = ("{name}：\n\n现答复如下：{reasons}\n\n如对本答复不服，可以自收到本答复之日起60日内依法申请"
             "行政复议，或者在6个月内依法提起行政诉讼。")


@pytest.mark.parametrize("template, flagged", [
    ("", False),
    ("   ", False),
    (OLD_REPLY, True),
    (OLD_REPLY.replace("6个月", "六个月"), True),
    ("If you disagree, you may bring an administrative lawsuit within 6 months.", True),
    (OLD_REPLY.split("如对")[0] + "{remedy}", False),
    (OLD_REPLY + "\n{remedy}", False),
    ("…申请行政复议；对行政复议决定不服的，可以自收到行政复议决定书之日起15日内依法提起行政诉讼。", False),
    ("{name}：\n\n{reasons}", False),
])
def test_reply_template_problems(template, flagged):
    problems = letters.reply_template_problems(RequestSettings(reply_template=template))
    assert bool(problems) == flagged
    if flagged:
        assert "{remedy}" in problems[0]


def test_the_settings_page_warns_about_a_direct_lawsuit(client, admin_user):
    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=["wagtail_disclosure", "requestsettings",
                                                site.pk])
    client.force_login(admin_user)
    before = client.get(url).content.decode()
    site_settings(reply_template=OLD_REPLY)
    html = client.get(url).content.decode()
    assert html.count("help-warning") > before.count("help-warning")
    warning = str(letters.reply_template_problems(site_settings())[0])
    assert warning in html


# -- issuing body --------------------------------------------------------------------------


def test_issuing_body_fallbacks():
    factories.request_form_page()
    request_obj = new_request()
    request_obj.request_page = factories.request_form_page()
    request_obj.save()
    assert issuing_body_for(request_obj) == "区供销社办公室"  # the section's guide
    request_obj.organ = factories.organ()
    assert issuing_body_for(request_obj) == "温州市鹿城区供销合作社"
    site_settings(issuing_body="温州市鹿城区供销合作社（政府信息公开）")
    assert issuing_body_for(request_obj) == "温州市鹿城区供销合作社（政府信息公开）"


# -- printed letters -----------------------------------------------------------------------


def replied_request(officer, outcome="withheld_state_secret"):
    organ = factories.organ()
    organ.short_name = "鹿供"
    organ.save()
    request_obj = new_request(organ)
    body = letters.render_letter(LetterKind.REPLY, request_obj, reasons="<b>理由</b>")
    services.record_reply(request_obj, officer, outcome, body, (), "email")
    return request_obj, request_obj.letters.get(kind=LetterKind.REPLY)


def test_print_sheet_has_issuing_body_number_addressee_date_and_seal(officer):
    request_obj, letter = replied_request(officer)
    html = render_to_string("wagtail_disclosure/requests/admin/letter_print.html", {
        "letter": letter, "request_obj": request_obj,
        "sheet": letters.letter_sheet(letter, user=officer)})
    assert "温州市鹿城区供销合作社" in html
    assert f"鹿供公开〔{TODAY.year}〕1号" in html
    assert "(seal)" in html or "（盖章）" in html
    assert f"{TODAY.year}年{TODAY.month}月{TODAY.day}日" in html
    assert "&lt;b&gt;理由&lt;/b&gt;" in html and "<b>理由</b>" not in html  # escaped
    # This officer may not see personal data: the name and the address are masked.
    assert "张*" in html and "张三" not in html and "人民路1号" not in html
    assert "size: A4" in open(_static("css/letters.css")).read()


def test_print_sheet_shows_full_data_to_those_who_may_see_it(officer):
    request_obj, letter = replied_request(officer)
    officer.user_permissions.add(Permission.objects.get(codename="view_personal_data"))
    viewer = type(officer).objects.get(pk=officer.pk)
    sheet = letters.letter_sheet(letter, user=viewer)
    assert (sheet.addressee_name, sheet.addressee_postcode) == ("张三", "325000")
    assert sheet.addressee_address == "温州市鹿城区人民路1号"


def test_staff_print_view(client, officer):
    """Needs ``letter_print_view`` (requests/admin.py) to pass
    ``"sheet": letter_sheet(letter, user=request.user)``: the sheet masks the applicant's data
    for staff who may not see it."""
    request_obj, letter = replied_request(officer)
    officer.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(officer)
    response = client.get(reverse("wagtail_disclosure_requests:letter_print",
                                  args=(letter.pk,)))
    html = response.content.decode()
    assert response.status_code == 200
    assert letter.number in html and "wd-letter-sheet__seal" in html
    assert "张三" not in html
    assert "onclick" not in html and "print-letter.js" in html  # no inline script


def _static(path):
    import wagtail_disclosure

    return f"{wagtail_disclosure.__path__[0]}/static/wagtail_disclosure/{path}"


def test_the_sheet_of_a_consultation_names_no_applicant(officer):
    request_obj = new_request()
    letter = services._letter(request_obj, LetterKind.CONSULTATION, "征求意见", "某公司：\n\n正文",
                              officer, TODAY)
    sheet = letters.letter_sheet(letter, for_applicant=True)
    assert sheet.addressee_name == "" and sheet.salutation


# -- the applicant's pages -----------------------------------------------------------------


def test_acknowledgement_on_the_submitted_page(client):
    page = factories.request_form_page()
    request_obj = new_request()
    session = client.session
    session[SESSION_KEY] = {"tracking_number": request_obj.tracking_number,
                            "access_code": request_obj.access_code}
    session.save()
    response = client.get(f"{page.url}submitted/")
    html = response.content.decode()
    assert response["Cache-Control"] == "no-store"
    assert 'class="wd-letter-sheet"' in html and "data-wd-print" in html
    assert str(texts.DOCUMENT_TITLES[LetterKind.ACKNOWLEDGEMENT]) in html
    assert "张三" in html  # the applicant's own letter
    # Neither the access code nor personal data goes into a URL or the title.
    hrefs = " ".join(re.findall(r'(?:href|src)="([^"]*)"', html))
    assert request_obj.access_code not in hrefs and "张三" not in hrefs
    assert "张三" not in re.search(r"<title>(.*?)</title>", html, re.S).group(1)


def test_letters_on_the_tracking_page(client, officer):
    page = factories.request_form_page()
    request_obj, reply = replied_request(officer)
    response = client.post(f"{page.url}track/", {
        "tracking_number": request_obj.tracking_number,
        "access_code": request_obj.access_code})
    html = response.content.decode()
    assert html.count('class="wd-letter"') == 2  # the 登记回执 and the reply
    assert reply.number in html and "温州市鹿城区供销合作社" in html
    assert html.count("wd-letter-sheet__seal") == 2
    assert f'data-wd-print="wd-letter-{reply.pk}-wrapper"' in html
    assert "张三" not in re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    # Headings in order: h1, then h2, then each letter's h3.
    levels = [int(n) for n in re.findall(r"<h([1-6])\b", html)]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in zip(levels, levels[1:]))


# -- the demo ------------------------------------------------------------------------------


def test_demo_letters_are_in_the_sites_language(settings, admin_user):
    from wagtail_disclosure.demo import DemoReport
    from wagtail_disclosure.requests import demo
    from wagtail_disclosure.requests.models import RequestLetter

    settings.LANGUAGE_CODE = "zh-hans"
    page = factories.request_form_page()
    translation.deactivate_all()  # as in a management command
    try:
        demo.ensure_requests(page, DemoReport(), admin_user)
    finally:
        translation.activate(settings.LANGUAGE_CODE)
    with translation.override("zh-hans"):
        expected_title = str(services._("Acknowledgement of receipt"))
        expected_start = str(letters.DEFAULT_TEMPLATES[LetterKind.ACKNOWLEDGEMENT]).split(
            "{received_on}")[0].replace("{name}", "")
    ack = RequestLetter.objects.filter(kind=LetterKind.ACKNOWLEDGEMENT).first()
    assert ack.title == expected_title == "申请登记回执"
    assert ack.body.split("\n")[0] != "" and expected_start.strip() in ack.body
    reply = RequestLetter.objects.get(kind=LetterKind.REPLY)
    assert "经检索" in reply.body and "{" not in reply.body


def test_the_demo_command_builds_in_the_sites_language(settings, monkeypatch):
    from wagtail_disclosure import demo

    seen = []

    def fake_build(create_superuser=True, today=None):
        seen.append(translation.get_language())
        return demo.DemoReport()

    monkeypatch.setattr(demo, "build_demo", fake_build)
    settings.LANGUAGE_CODE = "zh-hans"
    call_command("disclosure_demo", stdout=io.StringIO())
    assert seen == ["zh-hans"]


def test_signature_for_emails(officer):
    request_obj, letter = replied_request(officer)
    assert letters.signature(letter) == (
        f"温州市鹿城区供销合作社\n{TODAY.year}年{TODAY.month}月{TODAY.day}日")
