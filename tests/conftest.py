import os
import shutil

import pytest

CHROMIUM = "/usr/bin/chromium"


def in_ci():
    return bool(os.environ.get("CI"))


def require_or_skip(condition, reason):
    """Skip locally when a system dependency is missing; in CI that is a failure."""
    if condition:
        return
    if in_ci():
        pytest.fail(f"{reason} (CI must run this test, not skip it)")
    pytest.skip(reason)


@pytest.fixture
def chromium_path():
    require_or_skip(shutil.which(CHROMIUM) is not None, f"{CHROMIUM} is not installed")
    return CHROMIUM


#: A fast hasher for the test run (Django's documented testing practice): every submission
#: hashes its access code, and PBKDF2's 1,000,000 iterations would cost about a second each.
#: tests/test_access_code_hash.py checks the hash under the real default PASSWORD_HASHERS.
FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hasher():
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=FAST_PASSWORD_HASHERS):
        yield


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate limits count per client address in Django's cache: start each test afresh."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def private_media(settings, tmp_path):
    """Files written by the tests (applicants' attachments, letters) go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def fresh_calendar():
    """WorkdayOverride rows made in a test are rolled back: the cached calendar must not
    outlive them."""
    from wagtail_disclosure import workdays

    workdays.clear_cache()
    yield
    workdays.clear_cache()


@pytest.fixture
def officer(db):
    from tests.factories import make_user

    return make_user("officer", "view_informationrequest", "process_informationrequest")


@pytest.fixture
def approver(db):
    from tests.factories import make_user

    return make_user("head", "view_informationrequest", "process_informationrequest",
                     "approve_extension")
