"""Settings of ``run.py``: the example project's, with the page cache set up for measuring.

* The page cache's store is its own cache alias, ``bench_pages``: a local-memory cache, or
  Django's Redis backend when ``run.py --cache-url redis://…`` is given (passed on here in the
  environment variable ``DISCLOSURE_BENCH_CACHE_URL``).
* ``PAGE_CACHE`` is on, ``PAGE_CACHE_TIMEOUT`` a day (a full run outlasts the default); ``run.py`` switches it off and on between requests
  (``override_settings``, outside the timed part) to measure every URL both ways in one run.
* ``wagtail_disclosure.caching.middleware.PageCacheMiddleware`` is at the end of
  ``MIDDLEWARE`` when that module exists (the package version under test may predate it), and
  left out otherwise; ``run.py`` says which serving paths it measured.
"""

import importlib.util
import os

from agency.settings import *  # noqa: F403
from agency.settings import MIDDLEWARE, WAGTAIL_DISCLOSURE

PAGE_CACHE_MIDDLEWARE = "wagtail_disclosure.caching.middleware.PageCacheMiddleware"
HAS_PAGE_CACHE_MIDDLEWARE = (importlib.util.find_spec("wagtail_disclosure.caching") is not None
                             and importlib.util.find_spec(
                                 "wagtail_disclosure.caching.middleware") is not None)

MIDDLEWARE = [name for name in MIDDLEWARE if name != PAGE_CACHE_MIDDLEWARE]
if HAS_PAGE_CACHE_MIDDLEWARE:
    MIDDLEWARE.append(PAGE_CACHE_MIDDLEWARE)

BENCH_CACHE_URL = os.environ.get("DISCLOSURE_BENCH_CACHE_URL", "")
if BENCH_CACHE_URL:
    _pages = {"BACKEND": "django.core.cache.backends.redis.RedisCache",
              # a prefix of this run's own: entries of an earlier run are never hits, and
              # nothing else in that Redis database is touched
              "LOCATION": BENCH_CACHE_URL, "KEY_PREFIX": f"disclosure-bench-{os.getpid()}"}
else:
    _pages = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
              "LOCATION": "disclosure-bench-pages", "OPTIONS": {"MAX_ENTRIES": 10_000}}

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": "disclosure-bench-default"},
    "bench_pages": _pages,
}

# The longest timeout the system check allows (a day): a full run takes longer than the
# default 600 s, and entries expiring in the middle of it would be misses among the hits.
WAGTAIL_DISCLOSURE = {**WAGTAIL_DISCLOSURE, "PAGE_CACHE": True,
                      "PAGE_CACHE_ALIAS": "bench_pages", "PAGE_CACHE_TIMEOUT": 86_400}
