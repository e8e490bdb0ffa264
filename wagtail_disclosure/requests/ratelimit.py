"""Per-IP rate limits (fixed windows in Django's cache) for submitting, tracking and
downloading the tracking page's documents.

The counts are kept in Django's default cache, so they hold across processes and restarts only
when that cache does: Redis or Memcached (or the database cache) in production. Django's default
local-memory cache counts in each process alone, and the dummy cache counts nothing at all; the
system check ``wagtail_disclosure.W105`` warns of both when ``DEBUG`` is off. See
docs/reference/settings.md.

The client address is ``REMOTE_ADDR``. Behind a reverse proxy, set it from the proxy's header
in a middleware of your own (see docs/reference/settings.md); never trust a header the client
can set.
"""

import hashlib
import time

from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

_UNITS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}


def parse_rate(rate):
    """``"10/hour"`` → (10, 3600). None → None."""
    if rate is None:
        return None
    try:
        count, unit = str(rate).split("/")
        return int(count), _UNITS[unit.strip().rstrip("s")]
    except (ValueError, KeyError):
        raise ImproperlyConfigured(
            f"Rate limit {rate!r} is not of the form 'N/second|minute|hour|day'.") from None


def client_address(request):
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _key(request, scope, window):
    slot = int(time.time() // window)
    address = hashlib.sha256(client_address(request).encode()).hexdigest()[:24]
    return f"wagtail_disclosure:rl:{scope}:{address}:{slot}"


def hit(request, scope, rate):
    """Count one attempt; return True when it is within the limit."""
    parsed = parse_rate(rate)
    if parsed is None:
        return True
    limit, window = parsed
    key = _key(request, scope, window)
    if cache.add(key, 1, timeout=window + 5):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=window + 5)
            count = 1
    return count <= limit


def exhausted(request, scope, rate):
    """Whether this client has used up ``rate`` in ``scope``: its next :func:`hit` would be
    refused. Only reads the count (the same key as :func:`hit`), never adds to it."""
    parsed = parse_rate(rate)
    if parsed is None:
        return False
    limit, window = parsed
    count = cache.get(_key(request, scope, window))
    return isinstance(count, int) and count >= limit
