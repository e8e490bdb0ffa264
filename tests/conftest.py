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


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate limits count per client address in Django's cache: start each test afresh."""
    from django.core.cache import cache

    cache.clear()
    yield
