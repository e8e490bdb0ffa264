"""The example project's production settings (example_project/agency/settings_production.py):
they refuse to start without a real secret key, the host names, the database, a shared cache
and the mail server; with them, ``manage.py check --deploy`` reports no issue; DEBUG is never
on; cookies, HSTS, the Content-Security-Policy and the logging are those of
docs/how-to/deploy.md.

``check --deploy`` and the logging run in a subprocess (a process of its own, as in
production); the refusals and values are read by executing the settings module in this process
with the environment of each case (``runpy``: Django's own settings are left untouched).
"""

import importlib.machinery
import os
import re
import runpy
import subprocess
import sys
import types
from importlib.util import find_spec
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key

from wagtail_disclosure.security import recommended_policy

EXAMPLE_PROJECT = Path(__file__).resolve().parent.parent / "example_project"
MODULE = "agency.settings_production"
SECRET_KEY = get_random_secret_key()

#: A complete production environment. Nothing listens on port 1: ``check`` needs no database,
#: and the one check that reads it (W101, the imported holiday notices) treats an unreachable
#: one as "no notice imported".
PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": SECRET_KEY,
    "DJANGO_ALLOWED_HOSTS": "gxs.example.gov.cn,www.gxs.example.gov.cn",
    "DATABASE_URL": "postgres://disclosure:secret@127.0.0.1:1/disclosure",
    "DJANGO_CACHE_URL": "redis://127.0.0.1:6379/0",
    "DJANGO_EMAIL_HOST": "smtp.example.gov.cn",
    "DJANGO_DEFAULT_FROM_EMAIL": "政府信息公开 <zfxxgk@example.gov.cn>",
}

#: The warning ``check --deploy`` may still give: the working-day calendar does not cover the
#: coming year yet (from 1 November until the State Council's notice is imported or
#: chinesecalendar is upgraded). It is about the data and the date, not about the settings.
CALENDAR_WARNING = "wagtail_disclosure.W101"


def _clean_environ():
    return {k: v for k, v in os.environ.items()
            if not k.startswith("DJANGO_") and k not in ("DATABASE_URL", "SQLITE_PATH")}


@pytest.fixture
def client_library_stub(tmp_path):
    """An importable ``redis`` package when the real one is not installed: the settings only
    look for it (``check`` opens no connection)."""
    if find_spec("redis") is not None:
        return ""
    (tmp_path / "redis").mkdir()
    (tmp_path / "redis" / "__init__.py").write_text("")
    return str(tmp_path)


def run_manage(args, env, pythonpath=""):
    environ = {**_clean_environ(), **env}
    if pythonpath:
        environ["PYTHONPATH"] = os.pathsep.join(filter(None, [pythonpath,
                                                              environ.get("PYTHONPATH")]))
    return subprocess.run([sys.executable, "manage.py", *args], cwd=EXAMPLE_PROJECT,
                          env=environ, capture_output=True, text=True, timeout=300)


def issue_ids(output):
    return set(re.findall(r"^\S*: \(([\w.]+\.[ECWI]\d{3})\)", output, flags=re.M))


@pytest.mark.parametrize("preload", ["0", "1"])
def test_check_deploy_reports_no_issue(client_library_stub, preload):
    result = run_manage(["check", "--deploy"],
                        {**PRODUCTION_ENV, "DJANGO_SETTINGS_MODULE": MODULE,
                         "DJANGO_HSTS_PRELOAD": preload}, client_library_stub)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert issue_ids(output) <= {CALENDAR_WARNING}, output
    # Only the HSTS preload warning is silenced, and only while preload is off.
    assert f"({'1' if preload == '0' else '0'} silenced)" in output, output


def test_check_deploy_finds_the_development_settings_unsafe():
    """The same command on agency.settings reports what the production settings fix (so the
    test above reads the command's output right)."""
    result = run_manage(["check", "--deploy"], {"DJANGO_SETTINGS_MODULE": "agency.settings"})
    ids = issue_ids(result.stdout + result.stderr)
    assert {"security.W004", "security.W008", "security.W009", "security.W012",
            "security.W016", "security.W018"} <= ids, result.stdout + result.stderr


def test_refuses_to_start_without_the_secret_key(client_library_stub):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "DJANGO_SECRET_KEY"}
    result = run_manage(["check"], {**env, "DJANGO_SETTINGS_MODULE": MODULE},
                        client_library_stub)
    assert result.returncode != 0
    assert "ImproperlyConfigured: Set the environment variable DJANGO_SECRET_KEY" in (
        result.stderr), result.stderr
    assert "get_random_secret_key" in result.stderr  # it says how to make one


# -- the settings' values, read in this process ---------------------------------------------

def load(monkeypatch, **overrides):
    """Execute the production settings module with PRODUCTION_ENV (plus ``overrides``; None
    removes a variable) and return its names."""
    for name in list(os.environ):
        if name.startswith("DJANGO_") or name == "DATABASE_URL":
            monkeypatch.delenv(name)
    for name, value in {**PRODUCTION_ENV, **overrides}.items():
        if value is not None:
            monkeypatch.setenv(name, value)
    if find_spec("redis") is None:
        stub = types.ModuleType("redis")
        stub.__spec__ = importlib.machinery.ModuleSpec("redis", None)
        monkeypatch.setitem(sys.modules, "redis", stub)
    return runpy.run_module(MODULE)


@pytest.mark.parametrize("overrides, message", [
    ({"DJANGO_SECRET_KEY": "example-only-not-secret-change-me"}, "example key published"),
    ({"DJANGO_SECRET_KEY": "too-short-" * 4}, "at least 50 characters (it has 40)"),
    ({"DJANGO_SECRET_KEY": "ab" * 30}, "at least 50 characters"),
    ({"DJANGO_SECRET_KEY": "django-insecure-" + "x1y2z3" * 9}, "at least 50 characters"),
    ({"DJANGO_SECRET_KEY_FALLBACKS": "example-only-not-secret-change-me"},
     "DJANGO_SECRET_KEY_FALLBACKS is the example key"),
    ({"DJANGO_ALLOWED_HOSTS": None}, "DJANGO_ALLOWED_HOSTS"),
    ({"DJANGO_ALLOWED_HOSTS": "*"}, "'*' would accept any Host"),
    ({"DATABASE_URL": None}, "DATABASE_URL"),
    ({"DJANGO_CACHE_URL": None}, "DJANGO_CACHE_URL"),
    ({"DJANGO_CACHE_URL": "locmem://"}, "a cache every worker process shares"),
    ({"DJANGO_EMAIL_HOST": None}, "DJANGO_EMAIL_HOST"),
    ({"DJANGO_DEFAULT_FROM_EMAIL": None}, "DJANGO_DEFAULT_FROM_EMAIL"),
    ({"DJANGO_EMAIL_USE_TLS": "1", "DJANGO_EMAIL_USE_SSL": "1"}, "only one of"),
    ({"DJANGO_HSTS_PRELOAD": "maybe"}, "DJANGO_HSTS_PRELOAD must be 1 or 0"),
])
def test_refuses_unsafe_or_missing_values(monkeypatch, overrides, message):
    with pytest.raises(ImproperlyConfigured, match=re.escape(message)):
        load(monkeypatch, **overrides)


def test_refuses_a_cache_whose_client_library_is_missing(monkeypatch):
    monkeypatch.setitem(sys.modules, "pymemcache", None)  # find_spec() gives None
    with pytest.raises(ImproperlyConfigured, match="pip install pymemcache"):
        load(monkeypatch, DJANGO_CACHE_URL="memcached://127.0.0.1:11211")


def test_debug_is_never_read_from_the_environment(monkeypatch):
    assert load(monkeypatch, DJANGO_DEBUG="1")["DEBUG"] is False


def test_https_cookies_and_headers(monkeypatch):
    s = load(monkeypatch)
    assert s["SECURE_SSL_REDIRECT"] is True
    assert s["SECURE_HSTS_SECONDS"] >= 365 * 24 * 3600
    assert s["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert s["SECURE_HSTS_PRELOAD"] is False and s["SILENCED_SYSTEM_CHECKS"] == ["security.W021"]
    assert s["SECURE_CONTENT_TYPE_NOSNIFF"] is True
    assert s["SECURE_REFERRER_POLICY"] == "same-origin"
    assert s["X_FRAME_OPTIONS"] == "DENY"
    for cookie in ("SESSION", "CSRF"):
        assert s[f"{cookie}_COOKIE_SECURE"] is True
        assert s[f"{cookie}_COOKIE_HTTPONLY"] is True
        assert s[f"{cookie}_COOKIE_SAMESITE"] == "Lax"
    # A proxy's X-Forwarded-Proto is trusted only when the site says it is behind one.
    assert "SECURE_PROXY_SSL_HEADER" not in s
    proxied = load(monkeypatch, DJANGO_BEHIND_TLS_PROXY="1")
    assert proxied["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")
    assert s["WAGTAILADMIN_BASE_URL"] == "https://gxs.example.gov.cn"
    assert s["ALLOWED_HOSTS"] == ["gxs.example.gov.cn", "www.gxs.example.gov.cn"]


def test_content_security_policy_and_middleware(monkeypatch):
    s = load(monkeypatch)
    assert s["DISCLOSURE_CSP"] == recommended_policy("/admin/")
    assert s["DISCLOSURE_CSP"]["REPORT_ONLY"] is False
    assert load(monkeypatch, DJANGO_CSP_REPORT_ONLY="1")["DISCLOSURE_CSP"]["REPORT_ONLY"] is True
    middleware = s["MIDDLEWARE"]
    csp = middleware.index("wagtail_disclosure.security.ContentSecurityPolicyMiddleware")
    assert csp == middleware.index("django.middleware.security.SecurityMiddleware") + 1
    assert (middleware.index("wagtail_disclosure.middleware.RequestFormUploadGuard")
            < middleware.index("django.middleware.csrf.CsrfViewMiddleware"))
    assert s["WAGTAIL_ENABLE_UPDATE_CHECK"] is False


def test_shared_cache_files_and_email(monkeypatch):
    s = load(monkeypatch)
    assert s["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert s["CACHES"]["default"]["LOCATION"] == "redis://127.0.0.1:6379/0"
    monkeypatch.setitem(sys.modules, "pymemcache", types.ModuleType("pymemcache"))
    sys.modules["pymemcache"].__spec__ = importlib.machinery.ModuleSpec("pymemcache", None)
    memcached = load(monkeypatch, DJANGO_CACHE_URL="memcached://10.0.0.1:11211,10.0.0.2:11211")
    assert memcached["CACHES"]["default"] == {
        "BACKEND": "django.core.cache.backends.memcached.PyMemcacheCache",
        "LOCATION": ["10.0.0.1:11211", "10.0.0.2:11211"], "KEY_PREFIX": "agency"}
    assert s["DATABASES"]["default"]["CONN_HEALTH_CHECKS"] is True
    assert s["STORAGES"]["staticfiles"]["BACKEND"] == (
        "django.contrib.staticfiles.storage.ManifestStaticFilesStorage")
    assert s["STATIC_ROOT"]
    assert s["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (s["EMAIL_HOST"], s["EMAIL_PORT"], s["EMAIL_USE_TLS"]) == (
        "smtp.example.gov.cn", 587, True)
    ssl = load(monkeypatch, DJANGO_EMAIL_USE_SSL="1", DJANGO_EMAIL_PORT="465")
    assert (ssl["EMAIL_USE_SSL"], ssl["EMAIL_USE_TLS"], ssl["EMAIL_PORT"]) == (True, False, 465)
    assert s["DEFAULT_FROM_EMAIL"] == s["SERVER_EMAIL"] == PRODUCTION_ENV[
        "DJANGO_DEFAULT_FROM_EMAIL"]
    assert s["ADMINS"] == []  # Django's error emails would carry the POST data


# -- logging -------------------------------------------------------------------------------

LOG_PROBE = r"""
import django
django.setup()
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils.log import log_response

request = RequestFactory().post(
    "/zfxxgk/ysqgk/", {"name": "孙隐私", "id_number": "11010519491231002X"},
    HTTP_COOKIE="sessionid=SESSIONSECRET")
try:
    raise ValueError("the view failed")
except ValueError as exc:
    log_response("%s: %s", "Internal Server Error", request.path,
                 response=HttpResponse(status=500), request=request, exception=exc)
"""


def test_errors_are_logged_without_the_request_body(client_library_stub):
    environ = {**_clean_environ(), **PRODUCTION_ENV, "DJANGO_SETTINGS_MODULE": MODULE,
               "PYTHONPATH": os.pathsep.join(filter(None, [
                   str(EXAMPLE_PROJECT), str(EXAMPLE_PROJECT.parent), client_library_stub]))}
    result = subprocess.run([sys.executable, "-c", LOG_PROBE], env=environ,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    # The error is logged, with its traceback...
    assert "ERROR django.request Internal Server Error: /zfxxgk/ysqgk/" in result.stderr
    assert "ValueError: the view failed" in result.stderr
    # ...and nothing of what the applicant sent, nor the session cookie.
    for secret in ("孙隐私", "11010519491231002X", "SESSIONSECRET", "id_number"):
        assert secret not in result.stderr + result.stdout, secret


def test_read_replicas_from_the_environment(monkeypatch):
    """DATABASE_REPLICA_URLS: the aliases, the router and READ_REPLICAS together (E070/E071
    would report them apart); none without it."""
    plain = load(monkeypatch)
    assert set(plain["DATABASES"]) == {"default"} and not plain.get("DATABASE_ROUTERS")
    s = load(monkeypatch, DATABASE_REPLICA_URLS=(
        "postgres://reader:pw@10.0.0.5:5432/agency postgres://reader:pw@10.0.0.6/agency"))
    assert set(s["DATABASES"]) == {"default", "replica1", "replica2"}
    assert (s["DATABASES"]["replica2"]["HOST"], s["DATABASES"]["replica2"]["USER"]) == (
        "10.0.0.6", "reader")
    assert s["DATABASES"]["replica1"]["CONN_HEALTH_CHECKS"] is True
    assert s["DATABASE_ROUTERS"] == ["wagtail_disclosure.routers.ReadReplicaRouter"]
    assert s["WAGTAIL_DISCLOSURE"]["READ_REPLICAS"] == ["replica1", "replica2"]
    with pytest.raises(ImproperlyConfigured, match="postgres://"):
        load(monkeypatch, DATABASE_REPLICA_URLS="mysql://x/y")
