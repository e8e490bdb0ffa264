"""Production settings of the example agency site.

``DJANGO_SETTINGS_MODULE=agency.settings_production``.

They start from the development settings (``agency.settings``) and take everything secret or
site-specific from the environment; a missing or unsafe value stops the process at start with
``ImproperlyConfigured`` saying which variable to set. With the variables of
docs/how-to/deploy.md set, ``manage.py check --deploy`` reports no issue
(tests/test_deploy_settings.py runs it).

Required: ``DJANGO_SECRET_KEY``, ``DJANGO_ALLOWED_HOSTS``, ``DATABASE_URL``, ``DJANGO_CACHE_URL``,
``DJANGO_EMAIL_HOST``, ``DJANGO_DEFAULT_FROM_EMAIL``. ``DEBUG`` is off and is not read from the
environment (``DJANGO_DEBUG`` is ignored here): with DEBUG on, Django shows settings and
tracebacks to visitors and serves files it should not.
"""

import os
from importlib.util import find_spec
from urllib.parse import urlparse

from django.core.exceptions import ImproperlyConfigured

from wagtail_disclosure.security import recommended_policy

from .settings import *  # noqa: F403
from .settings import BASE_DIR, DATABASES, MIDDLEWARE, WAGTAIL_DISCLOSURE, database_from_url

#: The fallback key of ``agency.settings``: it is in the repository, so anyone can sign with it
#: (a tracking page's document link was forged with it).
PUBLISHED_EXAMPLE_KEY = "example-only-not-secret-change-me"
GENERATE_KEY = ('python -c "from django.core.management.utils import get_random_secret_key; '
                'print(get_random_secret_key())"')


def env(name, default=None, *, required=False, hint=""):
    value = os.environ.get(name, "").strip()
    if value:
        return value
    if required:
        raise ImproperlyConfigured(
            f"Set the environment variable {name} for the production settings"
            f"{': ' + hint if hint else '.'} (docs/how-to/deploy.md)")
    return default


def env_flag(name, default=False):
    value = env(name)
    if value is None:
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be 1 or 0, not {value!r}.")


def check_secret_key(key, name):
    """The key is not the published example key and passes Django's own test (security.W009):
    at least 50 characters, at least 5 different ones, not Django's 'django-insecure-' key."""
    if key == PUBLISHED_EXAMPLE_KEY:
        raise ImproperlyConfigured(
            f"{name} is the example key published in agency/settings.py: anyone can sign "
            f"session cookies and document links with it. Generate a new one: {GENERATE_KEY}")
    if len(key) < 50 or len(set(key)) < 5 or key.startswith("django-insecure-"):
        raise ImproperlyConfigured(
            f"{name} must be a random string of at least 50 characters (it has {len(key)}). "
            f"Generate one: {GENERATE_KEY}")
    return key


# -- secrets and hosts --------------------------------------------------------------------

DEBUG = False

SECRET_KEY = check_secret_key(
    env("DJANGO_SECRET_KEY", required=True,
        hint=f"a random string of at least 50 characters; generate one with {GENERATE_KEY}"),
    "DJANGO_SECRET_KEY")
# Old keys, still accepted for checking signatures while a new key is rolled out
# (space-separated). Links signed with a key dropped from here stop working.
SECRET_KEY_FALLBACKS = [check_secret_key(key, "DJANGO_SECRET_KEY_FALLBACKS")
                        for key in env("DJANGO_SECRET_KEY_FALLBACKS", "").split()]

ALLOWED_HOSTS = [host.strip() for host in env(
    "DJANGO_ALLOWED_HOSTS", required=True,
    hint="the site's host names, comma-separated: gxs.example.gov.cn,www.gxs.example.gov.cn",
).split(",") if host.strip()]
if not ALLOWED_HOSTS or "*" in ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "DJANGO_ALLOWED_HOSTS must list the site's host names; '*' would accept any Host "
        "header (links in emails and password resets could point elsewhere).")
CSRF_TRUSTED_ORIGINS = env("DJANGO_CSRF_TRUSTED_ORIGINS", "").split()

# The address used in emails to staff (admin links) and in the API's absolute URLs.
BASE_URL = env("DJANGO_BASE_URL", f"https://{ALLOWED_HOSTS[0].lstrip('.')}").rstrip("/")
WAGTAILADMIN_BASE_URL = BASE_URL
WAGTAILAPI_BASE_URL = BASE_URL

# -- database -----------------------------------------------------------------------------

# agency.settings has already read DATABASE_URL (postgres://user:password@host:port/name);
# without it, it falls back to the SQLite file of the demo, which production must not use.
env("DATABASE_URL", required=True, hint="postgres://user:password@host:5432/name")
DATABASES = {"default": {**DATABASES["default"], "CONN_HEALTH_CHECKS": True,
                         "CONN_MAX_AGE": int(env("DJANGO_CONN_MAX_AGE", "60"))}}

# Read replicas (docs/how-to/read-replicas.md): DATABASE_REPLICA_URLS, space-separated
# postgres:// URLs of hot standbys of the primary, become the aliases replica1, replica2, …;
# the package's router sends the anonymous reads of the catalogue's pages and API there.
_REPLICA_URLS = env("DATABASE_REPLICA_URLS", "").split()
for _number, _url in enumerate(_REPLICA_URLS, start=1):
    if urlparse(_url).scheme not in ("postgres", "postgresql"):
        raise ImproperlyConfigured(
            f"DATABASE_REPLICA_URLS must be postgres:// URLs, not {urlparse(_url).scheme!r}.")
    DATABASES[f"replica{_number}"] = {
        **DATABASES["default"], **database_from_url(_url), "TEST": {"MIRROR": "default"}}
if _REPLICA_URLS:
    DATABASE_ROUTERS = ["wagtail_disclosure.routers.ReadReplicaRouter"]
    WAGTAIL_DISCLOSURE = {**WAGTAIL_DISCLOSURE, "READ_REPLICAS": [
        f"replica{n}" for n in range(1, len(_REPLICA_URLS) + 1)]}

# -- cache: the rate limits are counted here, shared by every worker process --------------


def cache_from_url(url):
    """A CACHES entry from ``redis://``/``rediss://`` (Django's RedisCache, needs the ``redis``
    package) or ``memcached://host:port[,host:port]`` (PyMemcacheCache, needs ``pymemcache``)."""
    scheme = urlparse(url).scheme
    if scheme in ("redis", "rediss"):
        backend, library, location = "django.core.cache.backends.redis.RedisCache", "redis", url
    elif scheme == "memcached":
        backend = "django.core.cache.backends.memcached.PyMemcacheCache"
        library, location = "pymemcache", url.split("://", 1)[1].strip("/").split(",")
    else:
        raise ImproperlyConfigured(
            f"DJANGO_CACHE_URL must start with redis://, rediss:// or memcached:// (got "
            f"{scheme or url!r}): the rate limits need a cache every worker process shares.")
    if find_spec(library) is None:
        raise ImproperlyConfigured(
            f"DJANGO_CACHE_URL is {scheme}:// but the Python package {library!r} is not "
            f"installed: pip install {library}")
    return {"BACKEND": backend, "LOCATION": location,
            "KEY_PREFIX": env("DJANGO_CACHE_KEY_PREFIX", "agency")}


CACHES = {"default": cache_from_url(env(
    "DJANGO_CACHE_URL", required=True,
    hint="redis://127.0.0.1:6379/0 or memcached://127.0.0.1:11211"))}

# -- HTTPS, cookies and headers -----------------------------------------------------------

SECURE_SSL_REDIRECT = True
# Behind a proxy that terminates TLS (nginx, a load balancer), Django sees plain HTTP: set
# DJANGO_BEHIND_TLS_PROXY=1 when the proxy sets X-Forwarded-Proto and the application server
# can be reached through the proxy only (otherwise a client could claim HTTPS itself).
if env_flag("DJANGO_BEHIND_TLS_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

SECURE_HSTS_SECONDS = 365 * 24 * 3600  # one year
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# "preload" asks browsers to build HTTPS-only into their list for the whole domain, which is
# hard to undo (months); it is a decision for the domain's owner: DJANGO_HSTS_PRELOAD=1.
SECURE_HSTS_PRELOAD = env_flag("DJANGO_HSTS_PRELOAD")
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"  # search terms and signed links stay on the site
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Wagtail's preview views send SAMEORIGIN themselves (the editor's preview panel is a
# same-origin iframe), so every other page can refuse framing.
X_FRAME_OPTIONS = "DENY"

SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"  # "Strict" would log staff out when they follow an email link
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True  # Wagtail's admin reads the token from the page, not the cookie
CSRF_COOKIE_SAMESITE = "Lax"

# The Content-Security-Policy of wagtail_disclosure.security: no inline script or style on
# the public pages, a looser policy in the Wagtail admin. DJANGO_CSP_REPORT_ONLY=1 sends it as
# Content-Security-Policy-Report-Only (browsers log violations, block nothing) for a trial.
DISCLOSURE_CSP = recommended_policy("/admin/", report_only=env_flag("DJANGO_CSP_REPORT_ONLY"))
# The admin's dashboard would ask releases.wagtail.org for new versions (an outside request
# the policy refuses, and that a government network may not allow).
WAGTAIL_ENABLE_UPDATE_CHECK = False

MIDDLEWARE = list(MIDDLEWARE)
if "wagtail_disclosure.middleware.RequestFormUploadGuard" not in MIDDLEWARE:
    MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.csrf.CsrfViewMiddleware"),
                      "wagtail_disclosure.middleware.RequestFormUploadGuard")
if "wagtail_disclosure.security.ContentSecurityPolicyMiddleware" not in MIDDLEWARE:
    MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
                      "wagtail_disclosure.security.ContentSecurityPolicyMiddleware")

# -- files --------------------------------------------------------------------------------

# collectstatic copies the static files here, with hashed names (served by the web server,
# cached for ever); MEDIA_ROOT's disclosure_private/ folder must never be served by it.
STATIC_ROOT = env("DJANGO_STATIC_ROOT", str(BASE_DIR / "static_collected"))
MEDIA_ROOT = env("DJANGO_MEDIA_ROOT", str(BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}

# -- email --------------------------------------------------------------------------------

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env("DJANGO_EMAIL_HOST", required=True,
                 hint="the SMTP server, e.g. smtp.example.gov.cn")
EMAIL_PORT = int(env("DJANGO_EMAIL_PORT", "587"))
EMAIL_HOST_USER = env("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_SSL = env_flag("DJANGO_EMAIL_USE_SSL")  # TLS from the start, port 465
EMAIL_USE_TLS = env_flag("DJANGO_EMAIL_USE_TLS", default=not EMAIL_USE_SSL)  # STARTTLS, 587
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("Set only one of DJANGO_EMAIL_USE_TLS and DJANGO_EMAIL_USE_SSL.")
EMAIL_TIMEOUT = 30  # a hung mail server must not hold a worker for ever
DEFAULT_FROM_EMAIL = env(
    "DJANGO_DEFAULT_FROM_EMAIL", required=True,
    hint="the disclosure office's address, e.g. 政府信息公开 <zfxxgk@example.gov.cn>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# No ADMINS: Django's error emails carry the request's POST data (applicants' names, ID
# numbers); errors go to the log below, which never writes request bodies.
ADMINS = []
MANAGERS = []

# -- logging ------------------------------------------------------------------------------

# One line per record on stderr (the process manager or journald keeps it). The format has no
# %(request)s: Django attaches the request to its error records, and its repr is never written,
# nor are request bodies, headers or cookies. SQL (with its parameters: personal data) is not
# logged either.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "line": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "stderr": {"class": "logging.StreamHandler", "formatter": "line"},
    },
    "root": {"handlers": ["stderr"], "level": "WARNING"},
    "loggers": {
        # Replaces Django's default handlers (among them mail_admins).
        "django": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        "django.db.backends": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
        "wagtail_disclosure": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
    },
}
