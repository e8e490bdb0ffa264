"""Settings of the example agency site (区供销合作社)."""

import os
from pathlib import Path
from urllib.parse import unquote, urlparse

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "example-only-not-secret-change-me")
DEBUG = os.environ.get("DJANGO_DEBUG", "1") == "1"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver", "[::1]"]

INSTALLED_APPS = [
    "home",
    "wagtail_disclosure",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

try:  # Wagtail 8's API v3 preview (absent on 7.4 LTS)
    import wagtail.api.v3  # noqa: F401

    INSTALLED_APPS.insert(INSTALLED_APPS.index("wagtail.api.v2") + 1, "wagtail.api.v3")
    HAS_API_V3 = True
except ImportError:
    HAS_API_V3 = False

MIDDLEWARE = [
    # A clean 503 (page or JSON) instead of a 500 while the database is unreachable or the
    # disk is full (docs/explanation/faults.md).
    "wagtail_disclosure.resilience.ServiceUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before the CSRF middleware, which reads the body: a client over the submission limit has
    # its uploads dropped unread, and GBK-encoded file names are decoded (docs/how-to).
    "wagtail_disclosure.middleware.RequestFormUploadGuard",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Sends no header while DISCLOSURE_CSP is None; agency.settings_production switches it on.
    "wagtail_disclosure.security.ContentSecurityPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Page-cache hits answered before Wagtail's routing (docs/explanation/page-cache.md).
    "wagtail_disclosure.caching.middleware.PageCacheMiddleware",
]

# The Content-Security-Policy (wagtail_disclosure.security): off in development, on in
# agency.settings_production (docs/how-to/deploy.md).
DISCLOSURE_CSP = None

ROOT_URLCONF = "agency.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "agency.wsgi.application"


def database_from_url(url):
    """A DATABASES entry from DATABASE_URL (postgres://user:pass@host:port/name or sqlite)."""
    parsed = urlparse(url)
    if parsed.scheme in ("postgres", "postgresql"):
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parsed.path.lstrip("/")),
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "",
            "PORT": str(parsed.port or ""),
        }
    raise ValueError(f"Unsupported DATABASE_URL scheme: {parsed.scheme!r}")


if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": database_from_url(os.environ["DATABASE_URL"])}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", BASE_DIR / "db.sqlite3"),
            "OPTIONS": {"timeout": 20},
        }
    }

# A second connection to the same database, standing for a read replica in the tests of
# wagtail_disclosure.routers (tests/test_read_replicas.py): nothing is read through it unless
# DATABASE_ROUTERS has the package's router and READ_REPLICAS names it. A real replica:
# docs/how-to/read-replicas.md (agency.settings_production reads DATABASE_REPLICA_URL).
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    INSTALLED_APPS.append("django.contrib.postgres")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]

# The public site is Chinese whatever the browser asks for (no LocaleMiddleware); the Wagtail
# admin follows each user's preferred language.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = [("zh-hans", "简体中文")]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

WAGTAIL_SITE_NAME = "区供销合作社"
WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "ofd", "txt", "zip", "wps"]
WAGTAILAPI_BASE_URL = "http://127.0.0.1:8000"
# No Gravatar: avatars in the admin and the userbar are Wagtail's own, so nothing is fetched
# from outside (the site works offline, and visitors' and editors' browsers call no third party).
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Emails (to applicants and staff) are written to files here instead of being sent.
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
DEFAULT_FROM_EMAIL = "gxs@example.gov.cn"
# With the SMTP backend: seconds before a mail server that does not answer counts as
# unreachable (Django's default is to wait for ever; docs/explanation/faults.md).
EMAIL_TIMEOUT = 10
EMAIL_FILE_PATH = BASE_DIR / "sent-emails"

# The package's settings; every key is optional (see docs/reference/settings.md).
WAGTAIL_DISCLOSURE = {
    "PAGE_SIZE": 20,
    # Anonymous views of the section, columns, items and reports from the cache, invalidated
    # on every change (docs/explanation/page-cache.md). With several processes, CACHES must
    # be shared (Redis); the default local-memory cache suits runserver only.
    "PAGE_CACHE": True,
}
