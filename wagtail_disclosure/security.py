"""A Content-Security-Policy header for the site (Django 5.2 has none built in; 6.0 will).

``ContentSecurityPolicyMiddleware`` sends the policy of the ``DISCLOSURE_CSP`` setting with
every response. It does nothing while the setting is absent or ``None``, so it can sit in
``MIDDLEWARE`` of a development site switched off (Django's debug pages use inline scripts and
styles) and be switched on in production settings or in a test::

    MIDDLEWARE = [
        ...
        "django.middleware.security.SecurityMiddleware",
        "wagtail_disclosure.security.ContentSecurityPolicyMiddleware",
        ...
    ]
    from wagtail_disclosure.security import recommended_policy

    DISCLOSURE_CSP = recommended_policy("/admin/")  # which is:
    DISCLOSURE_CSP = {
        "DIRECTIVES": STRICT_DIRECTIVES,
        # Longest matching prefix of request.path_info wins; None sends no header there.
        "PATH_DIRECTIVES": {
            "/admin/": ADMIN_DIRECTIVES,
            "/admin/disclosure/requests/letter/": STRICT_DIRECTIVES,
        },
        "REPORT_ONLY": False,  # True: Content-Security-Policy-Report-Only (violations logged only)
    }

A directive's value is a list of sources (``["'self'", "data:"]``), or ``True`` for a directive
without sources (``"upgrade-insecure-requests": True``). A response that already carries a
``Content-Security-Policy`` header (set by its view) keeps it.

Why two policies: the package's templates (public pages, 404 and 500, the letter print view)
have no inline script, inline style, ``style=""`` attribute or event-handler attribute, so they
satisfy :data:`STRICT_DIRECTIVES`, which has no ``'unsafe-inline'``. The Wagtail admin does not
(Wagtail 8 still writes inline ``<script>`` initialisers, for the date pickers and inline
panels, and inline styles), so the admin path gets :data:`ADMIN_DIRECTIVES`, which allows them
but keeps everything else to the site's own origin, and ``frame-ancestors 'self'`` because the
page editor's live preview shows the page in a same-origin iframe.
"""

import re

from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver

SETTING_NAME = "DISCLOSURE_CSP"

#: The policy the package's public templates satisfy: nothing but the site's own files, no
#: inline code, no plug-ins, no framing (clickjacking), forms posting to the site only.
STRICT_DIRECTIVES = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}

#: The policy of the Wagtail admin: inline scripts and styles allowed (Wagtail needs them),
#: ``blob:`` images (upload previews), same-origin framing (the page editor's preview panel).
ADMIN_DIRECTIVES = {
    **STRICT_DIRECTIVES,
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "frame-ancestors": ["'self'"],
}

#: Below the admin prefix, the paths of the package's own admin pages that are not Wagtail
#: admin chrome and satisfy the strict policy (the letter print view, 文书打印).
STRICT_ADMIN_PATHS = ["disclosure/requests/letter/"]


def recommended_policy(admin_prefix="/admin/", report_only=False):
    """The ``DISCLOSURE_CSP`` value for a site whose Wagtail admin is at ``admin_prefix``:
    :data:`STRICT_DIRECTIVES` everywhere, :data:`ADMIN_DIRECTIVES` in the admin except for
    :data:`STRICT_ADMIN_PATHS`."""
    if not admin_prefix.startswith("/") or not admin_prefix.endswith("/"):
        raise ImproperlyConfigured(f"The admin prefix {admin_prefix!r} must start and end "
                                   "with /.")
    return {
        "DIRECTIVES": STRICT_DIRECTIVES,
        "PATH_DIRECTIVES": {
            admin_prefix: ADMIN_DIRECTIVES,
            **{admin_prefix + path: STRICT_DIRECTIVES for path in STRICT_ADMIN_PATHS},
        },
        "REPORT_ONLY": report_only,
    }


_KEYS = {"DIRECTIVES", "PATH_DIRECTIVES", "REPORT_ONLY"}
_DIRECTIVE_NAME = re.compile(r"^[a-z][a-z-]*$")
_SOURCE = re.compile(r"^[^\s;,]+$")  # no separator a source could smuggle a directive with

_cache = {}


@receiver(setting_changed)
def _clear_cache(setting, **kwargs):
    if setting == SETTING_NAME:
        _cache.clear()


def format_policy(directives):
    """The header value of ``directives`` (a dict as :data:`STRICT_DIRECTIVES`); raises
    ``ImproperlyConfigured`` for a malformed directive or source."""
    parts = []
    for name, sources in directives.items():
        if not isinstance(name, str) or not _DIRECTIVE_NAME.match(name):
            raise ImproperlyConfigured(f"{SETTING_NAME}: {name!r} is not a CSP directive name.")
        if sources is True:
            parts.append(name)
            continue
        if isinstance(sources, str) or not isinstance(sources, (list, tuple)) or not sources:
            raise ImproperlyConfigured(
                f"{SETTING_NAME}: the sources of {name!r} must be a non-empty list of strings "
                f"(or True for a directive without sources), not {sources!r}.")
        for source in sources:
            if not isinstance(source, str) or not _SOURCE.match(source):
                raise ImproperlyConfigured(
                    f"{SETTING_NAME}: {source!r} in {name!r} is not a CSP source.")
        parts.append(" ".join([name, *sources]))
    return "; ".join(parts)


def _compile(config):
    """(header name, default header value or None, [(prefix, value or None)] longest first)."""
    if not isinstance(config, dict) or set(config) - _KEYS or "DIRECTIVES" not in config:
        raise ImproperlyConfigured(
            f"{SETTING_NAME} must be a dict with the key 'DIRECTIVES' and optionally "
            f"'PATH_DIRECTIVES' and 'REPORT_ONLY' (got {config!r}).")
    header = ("Content-Security-Policy-Report-Only" if config.get("REPORT_ONLY")
              else "Content-Security-Policy")

    def value(directives):
        return None if directives is None else format_policy(directives)

    paths = config.get("PATH_DIRECTIVES") or {}
    for prefix in paths:
        if not isinstance(prefix, str) or not prefix.startswith("/"):
            raise ImproperlyConfigured(
                f"{SETTING_NAME}['PATH_DIRECTIVES']: {prefix!r} must be a path starting with /.")
    by_prefix = sorted(((p, value(d)) for p, d in paths.items()), key=lambda p: -len(p[0]))
    return header, value(config["DIRECTIVES"]), by_prefix


def current_policy():
    """The compiled ``DISCLOSURE_CSP`` (None when it is absent or None), cached until the
    setting changes."""
    from django.conf import settings

    if "policy" not in _cache:
        config = getattr(settings, SETTING_NAME, None)
        _cache["policy"] = None if config is None else _compile(config)
    return _cache["policy"]


def policy_for_path(path):
    """(header name, header value) for a request path, or None when no header is sent."""
    compiled = current_policy()
    if compiled is None:
        return None
    header, default, by_prefix = compiled
    for prefix, value in by_prefix:
        if path.startswith(prefix):
            return (header, value) if value else None
    return (header, default) if default else None


class ContentSecurityPolicyMiddleware:
    """Adds the ``DISCLOSURE_CSP`` policy of the request's path to each response."""

    def __init__(self, get_response):
        self.get_response = get_response
        current_policy()  # a malformed setting stops the server at start, not at a request

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "is_dummy", False):
            # Wagtail's preview renders the page through the middleware with a dummy request
            # for the page's public URL; its response is shown inside the admin's preview
            # URL, which gets the admin's policy. The public one (frame-ancestors 'none')
            # would forbid the preview panel's iframe.
            return response
        policy = policy_for_path(request.path_info)
        if policy is not None:
            header, value = policy
            if "Content-Security-Policy" not in response and header not in response:
                response[header] = value
        return response
