"""Settings of the example site under several gunicorn workers sharing one Redis server
(tests/test_shared_cache_workers.py).

The settings of the test run that starts them (``FAULTS_BASE_SETTINGS``: ``agency.settings``,
or ``tests.settings_custom_page`` in the custom page model's leg) with what a deployment of
several processes has: Django's cache on Redis (``DISTRIBUTED_REDIS_URL``), shared by every
worker, for the rate limits, the page cache and the calendar's version; DEBUG off. Each
response says which worker process answered (``X-Worker-Pid``, tests/distributed/middleware.py).
The database comes from ``DATABASE_URL`` or ``SQLITE_PATH`` as in agency.settings.
"""

import importlib
import os

os.environ.setdefault("DJANGO_DEBUG", "0")

_base = importlib.import_module(os.environ.get("FAULTS_BASE_SETTINGS", "agency.settings"))
globals().update({name: value for name, value in vars(_base).items() if name.isupper()})

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "testserver"]
MIDDLEWARE = ["tests.distributed.middleware.worker_pid", *_base.MIDDLEWARE]

CACHES = {"default": {
    "BACKEND": "django.core.cache.backends.redis.RedisCache",
    "LOCATION": os.environ["DISTRIBUTED_REDIS_URL"],
    "KEY_PREFIX": "distributed",
}}

# Only the primary: the replica alias of agency.settings is for the in-process tests.
DATABASES = {"default": {**_base.DATABASES["default"]}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several processes write to one file: take the write lock when a transaction starts
    # (a deferred transaction that later needs it can fail at once with "database is locked").
    DATABASES["default"]["OPTIONS"] = {"timeout": 30, "transaction_mode": "IMMEDIATE"}

WAGTAIL_DISCLOSURE = {
    **_base.WAGTAIL_DISCLOSURE,
    "PAGE_CACHE": True,
    # Per client address and day (a day: the window cannot end while the test runs, but at
    # midnight UTC); the test sends from addresses of its own on loopback.
    "SUBMIT_RATE_LIMIT": f"{int(os.environ.get('DISTRIBUTED_SUBMIT_LIMIT', '4'))}/day",
}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = os.environ["DISTRIBUTED_SCRATCH"] + "/media"
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["DISTRIBUTED_SCRATCH"] + "/sent-emails"
LOGGING = {"version": 1, "disable_existing_loggers": False,
           "handlers": {"console": {"class": "logging.StreamHandler"}},
           "root": {"handlers": ["console"], "level": "WARNING"}}
