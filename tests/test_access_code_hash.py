"""The access code is stored with a slow, salted hash (Django's PASSWORD_HASHERS[0]), never as
one round of SHA-256 nor in clear; old SHA-256 hashes still open the request and are upgraded on
the first right code; a wrong tracking number costs the same hashing as a wrong code."""

import hashlib
import re
from unittest import mock

import pytest
from django.conf import global_settings
from django.contrib.auth import hashers
from django.test import override_settings

from tests import factories
from tests.conftest import FAST_PASSWORD_HASHERS
from wagtail_disclosure.models import InformationRequest
from wagtail_disclosure.requests import tracking
from wagtail_disclosure.requests.models import normalise_access_code

pytestmark = pytest.mark.django_db

LEGACY_FORMAT = re.compile(r"[0-9a-f]+\$[0-9a-f]{64}")


def _legacy_hash(code, salt="0123456789abcdef"):
    """How codes were stored before: ``salt$sha256(salt:CODE)``."""
    digest = hashlib.sha256(f"{salt}:{normalise_access_code(code)}".encode()).hexdigest()
    return f"{salt}${digest}"


def _stored_hash(request_obj):
    return InformationRequest.objects.values_list("access_code_hash", flat=True).get(
        pk=request_obj.pk)


def test_with_the_default_hashers_the_stored_hash_is_pbkdf2_and_the_code_is_nowhere():
    with override_settings(PASSWORD_HASHERS=global_settings.PASSWORD_HASHERS):
        request_obj = factories.information_request()
        code = request_obj.access_code
        stored = _stored_hash(request_obj)
        hasher = hashers.identify_hasher(stored)
        default = hashers.get_hasher("default")
        assert default.algorithm == "pbkdf2_sha256"  # Django's PASSWORD_HASHERS[0]
        assert hasher.algorithm == default.algorithm
        assert hasher.decode(stored)["iterations"] == default.iterations >= 1_000_000
        assert not LEGACY_FORMAT.fullmatch(stored)
        assert hashlib.sha256(code.encode()).hexdigest() not in stored
        fresh = InformationRequest.objects.get(pk=request_obj.pk)
        assert fresh.check_access_code(code)
        assert fresh.check_access_code(code.lower().replace("-", " "))  # as typed
        assert not fresh.check_access_code("AAAA-BBBB-CCCC")
    row = InformationRequest.objects.filter(pk=request_obj.pk).values().get()
    text = "\n".join(str(value) for value in row.values())
    assert code not in text and normalise_access_code(code) not in text


def test_the_hash_is_made_by_whatever_hasher_comes_first():
    scrypt = ["django.contrib.auth.hashers.ScryptPasswordHasher",
              *global_settings.PASSWORD_HASHERS]
    with override_settings(PASSWORD_HASHERS=scrypt):
        request_obj = factories.information_request()
        stored = _stored_hash(request_obj)  # 128 characters: the column holds it
        assert hashers.identify_hasher(stored).algorithm == "scrypt"
        assert len(stored) <= InformationRequest._meta.get_field("access_code_hash").max_length
        assert InformationRequest.objects.get(pk=request_obj.pk).check_access_code(
            request_obj.access_code)


def test_each_hash_has_its_own_salt():
    request_obj = factories.information_request()
    request_obj.set_access_code("K7MQ-2WXC-9HPA")
    first = request_obj.access_code_hash
    request_obj.set_access_code("K7MQ-2WXC-9HPA")
    assert first != request_obj.access_code_hash
    assert request_obj.check_access_code("K7MQ-2WXC-9HPA")


def test_a_legacy_sha256_hash_verifies_and_is_upgraded_on_the_first_right_code():
    request_obj = factories.information_request()
    InformationRequest.objects.filter(pk=request_obj.pk).update(
        access_code_hash=_legacy_hash("K7MQ-2WXC-9HPA"))
    legacy = InformationRequest.objects.get(pk=request_obj.pk)

    assert not legacy.check_access_code("AAAA-BBBB-CCCC")
    assert LEGACY_FORMAT.fullmatch(_stored_hash(request_obj))  # a wrong code changes nothing

    assert legacy.check_access_code("k7mq 2wxc 9hpa")
    upgraded = _stored_hash(request_obj)
    assert not LEGACY_FORMAT.fullmatch(upgraded)
    assert hashers.identify_hasher(upgraded).algorithm == hashers.get_hasher(
        "default").algorithm
    again = InformationRequest.objects.get(pk=request_obj.pk)
    assert again.check_access_code("K7MQ-2WXC-9HPA")
    assert not again.check_access_code("AAAA-BBBB-CCCC")


def test_a_hash_by_an_older_hasher_is_upgraded_to_the_first_one():
    older = "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher"
    request_obj = factories.information_request()
    with override_settings(PASSWORD_HASHERS=[older]):
        request_obj.set_access_code("K7MQ-2WXC-9HPA")
        request_obj.save(update_fields=["access_code_hash"])
    assert _stored_hash(request_obj).startswith("pbkdf2_sha1$")
    # the older hasher is still listed (it verifies), after the one now preferred
    with override_settings(PASSWORD_HASHERS=[*FAST_PASSWORD_HASHERS, older]):
        assert InformationRequest.objects.get(pk=request_obj.pk).check_access_code(
            "K7MQ-2WXC-9HPA")
        assert hashers.identify_hasher(_stored_hash(request_obj)).algorithm == (
            hashers.get_hasher("default").algorithm)


def test_the_tracking_page_opens_a_request_with_a_legacy_hash(client):
    page = factories.request_form_page()
    request_obj = factories.information_request()
    InformationRequest.objects.filter(pk=request_obj.pk).update(
        access_code_hash=_legacy_hash("K7MQ-2WXC-9HPA"))
    response = client.post(page.get_url() + "track/", {
        "tracking_number": request_obj.tracking_number, "access_code": "K7MQ-2WXC-9HPA"})
    assert 'data-testid="request-status"' in response.content.decode()
    assert not LEGACY_FORMAT.fullmatch(_stored_hash(request_obj))


@pytest.mark.parametrize("case", ["unknown number", "wrong code", "right code",
                                  "legacy hash, wrong code"])
def test_every_lookup_runs_the_slow_hasher_once(case):
    """A wrong number and a wrong code give the same answer after the same work: one run of
    PASSWORD_HASHERS[0] (counted, not timed)."""
    request_obj = factories.information_request()
    code = request_obj.access_code
    number = request_obj.tracking_number
    if case == "legacy hash, wrong code":
        InformationRequest.objects.filter(pk=request_obj.pk).update(
            access_code_hash=_legacy_hash(code))
    number, code = {
        "unknown number": ("1999-999999", code),
        "wrong code": (number, "AAAA-BBBB-CCCC"),
        "right code": (number, code),
        "legacy hash, wrong code": (number, "AAAA-BBBB-CCCC"),
    }[case]
    hasher_class = hashers.import_string(FAST_PASSWORD_HASHERS[0])
    runs = []
    real_encode = hasher_class.encode

    def counting_encode(self, password, salt, *args, **kwargs):
        runs.append(password)
        return real_encode(self, password, salt, *args, **kwargs)

    with mock.patch.object(hasher_class, "encode", counting_encode):
        found = tracking.find_request(number, code)
    assert (found is not None) == (case == "right code")
    assert len(runs) == 1, runs
