"""The dates staff record are bounded (issue 11): a receipt between 2008-05-01 (the 条例 in
force) and today; a reply, delivery, withdrawal or closure not before the receipt (or the
reply) nor after today; a date due at most MAX_FUTURE_DAYS ahead. In the admin's forms (a
field error, ``min``/``max`` on the input) and in the services (for every caller)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests import factories
from wagtail_disclosure.requests import services
from wagtail_disclosure.requests.choices import ReceiptChannel
from wagtail_disclosure.requests.dates import EARLIEST_RECEIPT
from wagtail_disclosure.requests.forms import RequestForm, StaffRequestForm
from wagtail_disclosure.requests.models import InformationRequest

pytestmark = pytest.mark.django_db

D = datetime.date
NEW = "/admin/disclosure/requests/new/"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def today():
    return timezone.localdate()


def cleaned():
    form = RequestForm(factories.request_data())
    assert form.is_valid(), form.errors
    return form.cleaned_data


@pytest.mark.parametrize("received_on", [D(1, 1, 1), D(2008, 4, 30), "tomorrow", D(9999, 12, 31)])
def test_the_service_refuses_a_receipt_outside_the_regulations_time(received_on):
    if received_on == "tomorrow":
        received_on = today() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        services.submit(cleaned(), received_on=received_on, channel=ReceiptChannel.LETTER)
    assert "received_on" in exc.value.message_dict
    assert not InformationRequest.objects.exists()


@pytest.mark.parametrize("received_on", [EARLIEST_RECEIPT, "today"])
def test_the_service_takes_a_receipt_from_2008_05_01_to_today(received_on):
    received_on = today() if received_on == "today" else received_on
    request_obj, _code = services.submit(cleaned(), received_on=received_on,
                                         channel=ReceiptChannel.LETTER)
    assert request_obj.received_on == received_on


@pytest.mark.parametrize("value", ["0001-01-01", "2008-04-30", "9999-12-31"])
def test_the_staff_form_gives_a_field_error(value):
    data = factories.request_data(channel="letter", received_on=value)
    form = StaffRequestForm(data)
    assert not form.is_valid()
    assert form.errors["received_on"]
    assert "2008-05-01" in form.errors["received_on"][0]


def test_the_date_inputs_carry_min_and_max():
    html = str(StaffRequestForm()["received_on"])
    assert 'min="2008-05-01"' in html and f'max="{today().isoformat()}"' in html


@pytest.fixture
def clerk():
    return factories.make_user("clerk", "add_informationrequest", "view_informationrequest",
                               "process_informationrequest", admin_access=True)


def test_the_admin_refuses_a_paper_request_received_in_year_one(client, clerk):
    client.force_login(clerk)
    data = factories.request_data(channel="in_person", received_on="0001-01-01")
    data.pop("consent")
    response = client.post(NEW, data)
    assert response.status_code == 200
    assert "2008-05-01" in response.content.decode()
    assert not InformationRequest.objects.exists()


def received(days_ago=10):
    return factories.information_request(received_on=today() - datetime.timedelta(days=days_ago))


def test_a_reply_is_dated_from_the_receipt_to_today(officer):
    request_obj = received()
    for answered_on in (request_obj.received_on - datetime.timedelta(days=1),
                        today() + datetime.timedelta(days=1), D(1, 1, 1)):
        with pytest.raises(ValidationError) as exc:
            services.record_reply(request_obj, officer, "disclosed", "予以公开。",
                                  answered_on=answered_on)
        assert "answered_on" in exc.value.message_dict
    request_obj.refresh_from_db()
    assert request_obj.answered_on is None


def test_a_delivery_is_dated_from_the_reply_to_today(officer):
    request_obj = received()
    answered_on = today() - datetime.timedelta(days=3)
    with pytest.raises(ValidationError) as exc:
        services.record_reply(request_obj, officer, "disclosed", "予以公开。",
                              answered_on=answered_on,
                              delivered_on=answered_on - datetime.timedelta(days=1))
    assert "delivered_on" in exc.value.message_dict
    services.record_reply(request_obj, officer, "disclosed", "予以公开。", answered_on=answered_on)
    for delivered_on in (answered_on - datetime.timedelta(days=1),
                         today() + datetime.timedelta(days=1)):
        with pytest.raises(ValidationError) as exc:
            services.record_delivery(request_obj, officer, delivered_on, "post")
        assert "delivered_on" in exc.value.message_dict
    services.record_delivery(request_obj, officer, answered_on, "post")


def test_a_withdrawal_and_a_closure_are_dated_from_the_receipt_to_today(officer):
    request_obj = received()
    for on in (request_obj.received_on - datetime.timedelta(days=1),
               today() + datetime.timedelta(days=1)):
        with pytest.raises(ValidationError):
            services.withdraw(request_obj, officer, on)
        with pytest.raises(ValidationError):
            services.close(request_obj, officer, "not_processed_repeat", on=on)
    request_obj.refresh_from_db()
    assert request_obj.closed_on is None


def test_a_correction_date_is_at_most_max_future_days_ahead(officer, settings):
    request_obj = factories.information_request()
    with pytest.raises(ValidationError) as exc:
        services.send_correction_notice(request_obj, officer, "请补正。", D(9999, 12, 31))
    assert "correction_due_on" in exc.value.message_dict


@pytest.mark.parametrize("form_name", ["ReplyForm", "WithdrawForm", "DeliveryForm",
                                       "PaymentForm", "CorrectionReceivedForm"])
def test_every_past_date_field_of_the_action_forms_refuses_year_one(form_name):
    from wagtail_disclosure.requests import forms

    form_class = getattr(forms, form_name)
    form = form_class.__new__(form_class)
    forms.forms.Form.__init__(form)
    date_fields = [name for name, field in form.fields.items()
                   if isinstance(field, forms.BoundedDateField)]
    assert date_fields
    for name in date_fields:
        field = form.fields[name]
        with pytest.raises(ValidationError):
            field.clean("0001-01-01")
        with pytest.raises(ValidationError):
            field.clean((today() + datetime.timedelta(days=1)).isoformat())
        assert field.clean(today().isoformat()) == today()


@pytest.mark.parametrize("form_name", ["CorrectionNoticeForm", "CorrectionMoreTimeForm",
                                       "DelayForm"])
def test_date_fields_ahead_are_bounded_by_max_future_days(form_name, settings):
    from wagtail_disclosure.requests import forms

    form_class = getattr(forms, form_name)
    form = form_class.__new__(form_class)
    forms.forms.Form.__init__(form)
    name = next(n for n, f in form.fields.items() if isinstance(f, forms.BoundedDateField))
    field = form.fields[name]
    with pytest.raises(ValidationError):
        field.clean("9999-12-31")
    assert field.clean((today() + datetime.timedelta(days=30)).isoformat())
