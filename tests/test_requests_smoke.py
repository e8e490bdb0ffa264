import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests import factories

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_public_submit_and_track(client, mailoutbox, django_capture_on_commit_callbacks):
    page = factories.request_form_page()
    url = page.get_url()
    response = client.get(url)
    assert response.status_code == 200
    data = factories.request_data()
    data["attachments"] = SimpleUploadedFile("id.pdf", PDF, content_type="application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    response = client.get(response["Location"])
    html = response.content.decode()
    number = re.search(r'data-testid="tracking-number">([^<]+)<', html).group(1)
    code = re.search(r'data-testid="access-code">([^<]+)<', html).group(1)
    assert re.fullmatch(r"\d{4}-\d{6}", number)
    assert any(number in m.subject for m in mailoutbox)
    track = url + "track/"
    response = client.post(track, {"tracking_number": number, "access_code": code})
    assert "request-status" in response.content.decode()
    response = client.post(track, {"tracking_number": number, "access_code": "WRONG-CODE-0000"})
    assert "No request matches" in response.content.decode() or "没有" in response.content.decode()


def test_admin_flow(client, admin_user, django_capture_on_commit_callbacks):
    factories.request_form_page()
    request_obj = factories.information_request()
    client.force_login(admin_user)
    detail = f"/admin/disclosure/requests/edit/{request_obj.pk}/"
    response = client.get(detail)
    assert response.status_code == 200, response.content.decode()[:2000]
    response = client.get("/admin/disclosure/requests/")
    assert response.status_code == 200
    assert request_obj.tracking_number in response.content.decode()
    due = datetime.date.today() + datetime.timedelta(days=30)
    response = client.post(detail + "action/correction_notice/", {
        "correction_notice-correction_due_on": due.isoformat(),
        "correction_notice-body": "请补充文号。"})
    assert response.status_code == 302, response.content.decode()[:3000]
    request_obj.refresh_from_db()
    assert request_obj.status == "awaiting_correction"
    response = client.post(detail + "action/correction_received/", {
        "correction_received-received_on": datetime.date.today().isoformat()})
    assert response.status_code == 302
    response = client.post(detail + "action/extension/", {
        "extension-days": 10, "extension-reason": "需要检索档案"})
    assert response.status_code == 302
    request_obj.refresh_from_db()
    assert request_obj.extension_days == 10 and request_obj.status == "extended"
    response = client.post(detail + "action/reply/", {
        "reply-outcome": "partially_disclosed", "reply-body": "部分公开。",
        "reply-answered_on": datetime.date.today().isoformat(),
        "reply-delivery": "email",
        "reply-documents": SimpleUploadedFile("answer.pdf", PDF)})
    assert response.status_code == 302, response.content.decode()[:3000]
    request_obj.refresh_from_db()
    assert request_obj.status == "answered" and request_obj.outcome == "partially_disclosed"
    response = client.get(detail)
    assert "wd-timeline" in response.content.decode()
    response = client.get("/admin/disclosure/requests/?export=xlsx")
    assert response.status_code == 200
    response = client.get("/admin/")
    assert response.status_code == 200


def test_applicant_downloads_reply_document(client, admin_user):
    page, request_obj = factories.answered_request(admin_user, PDF)
    response = client.post(page.get_url() + "track/", {
        "tracking_number": request_obj.tracking_number, "access_code": request_obj.access_code})
    html = response.content.decode()
    href = re.search(r'href="([^"]*/track/document/[^"]+)"', html).group(1)
    response = client.get(href)
    assert response.status_code == 200, href
    assert b"".join(response.streaming_content) == PDF
    assert "attachment" in response["Content-Disposition"]
    assert client.get(href.replace("/document/", "/document/x")).status_code == 404
