"""Settings of the example site under the load test (tests/load/loadtest.py).

They start from ``agency.settings`` and change only what a deployment would: DEBUG off, the
rate limits counted in a Redis cache that every gunicorn worker shares, persistent database
connections, and the files (emails, uploads) written to the run's scratch folder instead of
the repository. The load test sets the environment variables read here; nothing else does.
"""

import os
from pathlib import Path

from agency.settings import *  # noqa: F403
from agency.settings import DATABASES, WAGTAIL_DISCLOSURE

SCRATCH = Path(os.environ["LOADTEST_DIR"])

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1"]

# The rate limits' counts (wagtail_disclosure.requests.ratelimit) live here: one Redis server
# for all worker processes, so a client's limit holds whichever worker serves it.
CACHES = {"default": {
    "BACKEND": "django.core.cache.backends.redis.RedisCache",
    "LOCATION": os.environ["LOADTEST_REDIS_URL"],
    "KEY_PREFIX": "loadtest",
}}

DATABASES = {"default": {**DATABASES["default"], "CONN_MAX_AGE": 60,
                         "CONN_HEALTH_CHECKS": True}}

WAGTAIL_DISCLOSURE = {
    **WAGTAIL_DISCLOSURE,
    # Each simulated applicant sends at most this many requests, so every legitimate one is
    # within its limit; the probe address sends more and must be refused past it.
    "SUBMIT_RATE_LIMIT": f"{int(os.environ.get('LOADTEST_SUBMIT_LIMIT', '10'))}/hour",
    # Tracking is not what the probe tests: applicants and browsers look their requests up
    # as often as the load makes them.
    "TRACK_RATE_LIMIT": "100000/hour",
}

# The reduced CI run may use a fast hasher (as the test suite does, tests/conftest.py); the
# full run keeps Django's PBKDF2, whose cost on every submission and lookup is deliberate.
if os.environ.get("LOADTEST_FAST_HASHER") == "1":
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = SCRATCH / "sent-emails"
MEDIA_ROOT = SCRATCH / "media"

# Errors (a 500's traceback) go to the worker's stderr, which the load test keeps and reads.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"line": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "line"}},
    "root": {"handlers": ["stderr"], "level": "WARNING"},
    "loggers": {"django": {"handlers": ["stderr"], "level": "WARNING", "propagate": False}},
}
