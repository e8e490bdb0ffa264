"""Clean answers while something the site depends on is down: a 503, never a 500.

Two faults are answered here (docs/explanation/faults.md):

* **The database is unreachable** (restarted, failed over, out of connections): Django raises
  ``OperationalError`` or ``InterfaceError``. A submission is one transaction, rolled back
  with the connection, so the visitor is told to try again shortly. (Only if the database
  went away during the COMMIT itself may the request have been stored all the same; the
  message therefore does not claim that nothing was saved.)
  Django drops the broken connection at the end of the request (``close_old_connections``) and
  opens a new one on the next: service comes back by itself once the database does.
* **The disk is full** (``OSError`` ``ENOSPC``/``EDQUOT``) while a file is written. The request
  form catches it itself and re-renders with what the applicant typed; elsewhere (the JSON API,
  the admin) this answer applies.

The answer is a 503 with ``Retry-After`` (RFC 9110 §15.6.4, §10.2.3): for API URLs (a URL
namespace containing ``api``) or a client that asks for JSON, the API's error shape
``{"detail": message, "errors": {"__all__": [message]}}`` (documented as the 503 of every
operation of the JSON API, which answers it by itself through its exception handlers); else ``wagtail_disclosure/503.html``, rendered like
Django's 500 page, without a request, a page or a query. The error is logged (without the
request's data); the visitor sees no traceback.

Install :class:`ServiceUnavailableMiddleware` (first in ``MIDDLEWARE``) for errors raised by
views and templates, and :func:`server_error` as ``handler500`` in the root URLconf for those
raised by other middleware. With ``DEBUG = True`` Django's debug page and django-ninja's
traceback still win, as they should on a developer's machine.
"""

import errno
import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _
from django.views import defaults

logger = logging.getLogger(__name__)

#: Seconds a client is asked to wait before trying again (the ``Retry-After`` header).
RETRY_AFTER_SECONDS = 30

#: The template of the HTML answer; a site may override it like any package template.
TEMPLATE_NAME = "wagtail_disclosure/503.html"

DATABASE_ERRORS = (OperationalError, InterfaceError)
STORAGE_FULL_ERRNOS = frozenset(filter(None, (errno.ENOSPC, getattr(errno, "EDQUOT", None))))


def is_database_unavailable(exc):
    """Whether ``exc`` says the database could not be reached or used just now."""
    return isinstance(exc, DATABASE_ERRORS)


def is_storage_full(exc):
    """Whether ``exc`` is a write refused for want of space (disk full or quota reached)."""
    return isinstance(exc, OSError) and exc.errno in STORAGE_FULL_ERRNOS


def storage_full_message():
    return _("Your attachments could not be saved: the server has no room for files at the "
             "moment. Nothing was submitted. Please try again later, or apply in person or "
             "by post.")


def database_unavailable_message():
    return _("The service is briefly unavailable. Please try again in a few minutes.")


def wants_json(request):
    """Whether the client should get JSON: an API URL, or a request that asks for JSON."""
    match = getattr(request, "resolver_match", None)
    if match is not None and any("api" in namespace for namespace in match.namespaces):
        return True
    accept = request.headers.get("Accept", "")
    return request.content_type == "application/json" or (
        "application/json" in accept and "text/html" not in accept)


def service_unavailable(request, message):
    """The 503 answer (JSON or HTML) carrying ``message``."""
    if wants_json(request):
        response = JsonResponse({"detail": message, "errors": {"__all__": [message]}}, status=503,
                                json_dumps_params={"ensure_ascii": False})
    else:
        try:
            html = loader.get_template(TEMPLATE_NAME).render({"message": message})
        except Exception:  # a broken template must not turn this into a 500
            logger.exception("The 503 template could not be rendered")
            html = f"<!DOCTYPE html><title>503</title><p>{message}</p>"
        response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def log_storage_full(request, exc):
    """Log a write refused for want of space (for views that answer it themselves)."""
    logger.error("Storage full on %s %s: %s", request.method, request.path, exc.strerror,
                 exc_info=exc)


def response_for(request, exc):
    """The 503 answer when ``exc`` is one of the faults above, else None."""
    if is_database_unavailable(exc):
        logger.error("Database unavailable on %s %s: %s", request.method, request.path,
                     type(exc).__name__, exc_info=exc)
        return service_unavailable(request, database_unavailable_message())
    if is_storage_full(exc):
        log_storage_full(request, exc)
        return service_unavailable(request, storage_full_message())
    return None


class ServiceUnavailableMiddleware:
    """Answers a 503 instead of a 500 when a view or its template fails because the database
    is unreachable or the disk is full (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exc):
        return response_for(request, exc)


def server_error(request, template_name=defaults.ERROR_500_TEMPLATE_NAME):
    """A ``handler500`` that answers the faults above with a 503 and anything else with
    Django's own 500 page (``500.html``). Django calls it while handling the exception, so
    ``sys.exc_info()`` holds it."""
    response = response_for(request, sys.exc_info()[1])
    if response is not None:
        return response
    return defaults.server_error(request, template_name)
