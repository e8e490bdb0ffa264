"""Rate limits hold across processes: they are counted in Django's cache, two processes sharing
a cache share the count, and the system check W105 warns when the configured cache cannot be
shared (local memory) or counts nothing (dummy) in a non-DEBUG deployment. The tracking page's
document links are rate-limited too (DOCUMENT_RATE_LIMIT)."""

from unittest import mock

import pytest
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.locmem import LocMemCache
from django.test import RequestFactory, override_settings

from tests import factories
from wagtail_disclosure.checks import check_rate_limit_cache
from wagtail_disclosure.conf import DEFAULTS
from wagtail_disclosure.requests import ratelimit, tracking

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _request(address="203.0.113.7"):
    return RequestFactory().post("/", REMOTE_ADDR=address)


# -- two processes, one count ------------------------------------------------------------------


def test_two_clients_of_one_file_based_cache_share_the_count(tmp_path):
    """Each worker process has its own cache client object; on the same directory (or the same
    Redis or Memcached server) they see one count."""
    first_process = FileBasedCache(str(tmp_path), {})
    second_process = FileBasedCache(str(tmp_path), {})
    assert first_process is not second_process
    with mock.patch.object(ratelimit, "cache", first_process):
        assert [ratelimit.hit(_request(), "submit", "3/hour") for _ in range(2)] == [True, True]
    with mock.patch.object(ratelimit, "cache", second_process):
        assert not ratelimit.exhausted(_request(), "submit", "3/hour")
        assert ratelimit.hit(_request(), "submit", "3/hour")  # the third, counted by both
        assert ratelimit.exhausted(_request(), "submit", "3/hour")
    with mock.patch.object(ratelimit, "cache", first_process):
        assert not ratelimit.hit(_request(), "submit", "3/hour")
        assert ratelimit.hit(_request("198.51.100.1"), "submit", "3/hour")  # another client


def test_process_local_caches_count_apart():
    """What W105 warns of: two processes with local-memory caches each let the full limit
    through (two LocMemCache locations stand for two processes' memories)."""
    caches = [LocMemCache("process-a", {}), LocMemCache("process-b", {})]
    for cache in caches:
        cache.clear()
        with mock.patch.object(ratelimit, "cache", cache):
            assert all(ratelimit.hit(_request(), "submit", "2/hour") for _ in range(2))


def test_exhausted_peeks_without_counting(tmp_path):
    cache = FileBasedCache(str(tmp_path), {})
    with mock.patch.object(ratelimit, "cache", cache):
        assert not ratelimit.exhausted(_request(), "submit", "2/hour")
        ratelimit.hit(_request(), "submit", "2/hour")
        for _ in range(5):
            assert not ratelimit.exhausted(_request(), "submit", "2/hour")
        assert ratelimit.hit(_request(), "submit", "2/hour")  # still the second attempt
        assert ratelimit.exhausted(_request(), "submit", "2/hour")
        assert not ratelimit.exhausted(_request(), "track", "2/hour")  # scopes apart
        assert not ratelimit.exhausted(_request(), "submit", None)  # no limit


# -- W105 ----------------------------------------------------------------------------------


def _caches(backend, **extra):
    return {"default": {"BACKEND": backend, **extra}}


@pytest.mark.parametrize("backend, words", [
    ("django.core.cache.backends.locmem.LocMemCache", "counted by each worker process alone"),
    ("django.core.cache.backends.dummy.DummyCache", "there is no limit at all"),
])
def test_a_process_local_or_dummy_cache_without_debug_is_w105(backend, words):
    with override_settings(DEBUG=False, CACHES=_caches(backend)):
        warnings = check_rate_limit_cache()
    assert [w.id for w in warnings] == ["wagtail_disclosure.W105"]
    assert not warnings[0].is_serious()
    assert words in warnings[0].msg
    assert "Redis" in warnings[0].hint


def test_a_subclass_of_the_local_memory_cache_is_w105_too():
    with override_settings(DEBUG=False, CACHES=_caches(
            "tests.test_ratelimit_shared.MyLocMemCache")):
        assert [w.id for w in check_rate_limit_cache()] == ["wagtail_disclosure.W105"]


class MyLocMemCache(LocMemCache):
    pass


@pytest.mark.parametrize("backend, extra", [
    ("django.core.cache.backends.filebased.FileBasedCache", {"LOCATION": "/tmp/wd-rl"}),
    ("django.core.cache.backends.db.DatabaseCache", {"LOCATION": "wd_cache"}),
    ("django.core.cache.backends.redis.RedisCache", {"LOCATION": "redis://127.0.0.1:6379"}),
])
def test_a_shared_cache_passes(backend, extra):
    with override_settings(DEBUG=False, CACHES=_caches(backend, **extra)):
        assert check_rate_limit_cache() == []


def test_debug_passes_with_the_local_memory_cache():
    with override_settings(DEBUG=True, CACHES=_caches(
            "django.core.cache.backends.locmem.LocMemCache")):
        assert check_rate_limit_cache() == []


# -- document links ------------------------------------------------------------------------


@pytest.fixture
def document_url(db, settings, tmp_path, admin_user):
    settings.MEDIA_ROOT = tmp_path
    page, request_obj = factories.answered_request(admin_user, PDF)
    document = request_obj.letters.get(kind="reply").documents.get()
    return page.get_url() + page.reverse_subpage(
        "document", args=(tracking.document_token(document),))


def test_the_default_document_limit():
    assert DEFAULTS["DOCUMENT_RATE_LIMIT"] == "60/hour"


def test_document_links_are_rate_limited_per_client(client, document_url):
    with override_settings(WAGTAIL_DISCLOSURE={"DOCUMENT_RATE_LIMIT": "2/hour"}):
        for _ in range(2):
            response = client.get(document_url)
            assert response.status_code == 200
            assert b"".join(response.streaming_content) == PDF
        refused = client.get(document_url)
        assert refused.status_code == 429
        assert refused["Cache-Control"] == "no-store"
        html = refused.content.decode()
        assert "下载次数过多" in html and "您所在网络下载文件的次数过多" in html  # in Chinese
        assert 'data-testid="too-many-downloads"' in html
        track_url = document_url.split("document/")[0]
        assert f'href="{track_url}"' in html  # back to the tracking page
        # guessing tokens counts too: the limit comes before the token is read
        assert client.get(document_url.replace("/document/", "/document/x")).status_code == 429
        # another client is not affected
        assert client.get(document_url, REMOTE_ADDR="198.51.100.9").status_code == 200


def test_invalid_document_tokens_use_up_the_limit(client, document_url):
    bad = document_url.replace("/document/", "/document/x")
    with override_settings(WAGTAIL_DISCLOSURE={"DOCUMENT_RATE_LIMIT": "3/hour"}):
        assert [client.get(bad).status_code for _ in range(3)] == [404, 404, 404]
        assert client.get(document_url).status_code == 429


def test_no_document_limit_when_switched_off(client, document_url):
    with override_settings(WAGTAIL_DISCLOSURE={"DOCUMENT_RATE_LIMIT": None}):
        assert {client.get(document_url).status_code for _ in range(5)} == {200}


@pytest.mark.django_db
def test_a_malformed_document_limit_is_e011():
    from django.core.checks import run_checks

    with override_settings(WAGTAIL_DISCLOSURE={"DOCUMENT_RATE_LIMIT": "lots"}):
        messages = run_checks(include_deployment_checks=False)
    assert any(m.id == "wagtail_disclosure.E011" and "'lots'" in m.msg for m in messages)
