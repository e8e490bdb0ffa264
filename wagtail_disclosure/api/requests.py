"""The JSON API of information requests (依申请公开), for front ends other than the package's own
pages (a single-page app, a mini program, a mobile app).

Mount it in the project's URLconf, before Wagtail's catch-all::

    from wagtail_disclosure.api.requests import api as disclosure_api

    urlpatterns += [path("api/disclosure/", disclosure_api.urls)]

It follows the HTML pages (``requests/pages.py``) exactly: the body is validated by the same
:class:`~wagtail_disclosure.requests.forms.RequestForm`, a request is stored by
:func:`services.submit`, looked up by :func:`tracking.find_request`, and counted against the
same per-IP rate limits. See ``docs/reference/request-api.md``. The same API object also serves
the catalogue's endpoints (``api/catalogue.py``, ``docs/reference/catalogue-api.md``), under the
same CORS and language rules.

* Every invalid input, wrong JSON types and malformed JSON included, is a 422 with
  ``{"errors": {"field": ["message", ...], "__all__": [...]}}``.
* Messages and labels follow ``Accept-Language`` (``Content-Language`` says which was used).
* No cookie or session is used, so there is no CSRF check; cross-origin browsers are let in
  only from ``WAGTAIL_DISCLOSURE["API_ALLOWED_ORIGINS"]`` (exact origins, never ``*``).
* The tracking answer never holds the applicant's name, identity number, phone, email or
  address, not even inside the letters' text.
"""

import base64
import binascii
import datetime
import functools
import json
import re
import time

from django import forms as django_forms
from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.urls import URLPattern, register_converter
from django.utils.cache import patch_vary_headers
from django.utils.datastructures import MultiValueDict
from django.utils.translation import get_language, get_language_from_request, override
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI, Schema
from ninja.errors import ValidationError as NinjaValidationError
from wagtail.rich_text import expand_db_html

from .. import resilience, sites
from ..conf import disclosure_settings
from ..requests import ratelimit, services, tracking
from ..requests.forms import HONEYPOT_FIELD, MultipleFileField, RequestForm
from ..requests.pages import RequestFormPage

try:
    from ninja import Status
except ImportError:  # django-ninja < 1.6 returns (status, body) tuples instead
    def Status(status_code, value):
        return status_code, value

__all__ = ["DisclosureNinjaAPI", "api"]

CORS_ALLOW_METHODS = "GET, POST, OPTIONS"
CORS_ALLOW_HEADERS = "Content-Type, X-Access-Code, Accept-Language"
CORS_MAX_AGE = "600"
CORS_EXPOSE_HEADERS = "Retry-After, Content-Language"

# Fields of the applicant that the tracking answer never shows, even inside a letter's text.
PERSONAL_FIELDS = ("name", "id_number", "phone", "email", "address", "legal_representative",
                   "contact_person")
REDACTED = "***"

#: The deepest nesting a request body may have. A valid body is an object holding the list of
#: attachments, each an object (3 levels); anything deeper is refused before it is looked at.
MAX_JSON_DEPTH = 8
#: Page ids are positive 64-bit integers (the database's bigint): anything outside is no page
#: (and would overflow the query on SQLite and PostgreSQL).
MAX_ID = 2**63 - 1
_SURROGATE = re.compile("[\ud800-\udfff]")

_DATA_URL = re.compile(r"^data:[^,]*;base64,", re.IGNORECASE)


# -- CORS, language and the API object ----------------------------------------------------


def allowed_origin(request):
    """The request's ``Origin`` when it is listed in ``API_ALLOWED_ORIGINS``, else None."""
    origin = request.headers.get("Origin")
    if not origin or origin == "*":
        return None
    listed = {str(o).rstrip("/") for o in disclosure_settings.API_ALLOWED_ORIGINS or ()}
    return origin if origin in listed else None


def _api_view(view):
    """Wrap one of the API's URL views: answer preflight requests, run the view in the
    language of ``Accept-Language``, and add the CORS headers for a listed origin."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        origin = allowed_origin(request)
        with override(get_language_from_request(request)):
            if request.method == "OPTIONS":
                response = HttpResponse(status=204)
                response["Allow"] = CORS_ALLOW_METHODS
                if origin:
                    response["Access-Control-Allow-Methods"] = CORS_ALLOW_METHODS
                    response["Access-Control-Allow-Headers"] = CORS_ALLOW_HEADERS
                    response["Access-Control-Max-Age"] = CORS_MAX_AGE
            else:
                response = view(request, *args, **kwargs)
            response["Content-Language"] = get_language()
        patch_vary_headers(response, ("Origin", "Accept-Language"))
        if origin:
            response["Access-Control-Allow-Origin"] = origin
            response["Access-Control-Expose-Headers"] = CORS_EXPOSE_HEADERS
        return response

    wrapper.csrf_exempt = getattr(view, "csrf_exempt", False)
    return wrapper


class DisclosureNinjaAPI(NinjaAPI):
    """A ``NinjaAPI`` whose every URL (the operations and ``openapi.json``) goes through
    :func:`_api_view`."""

    def _get_urls(self):
        return [
            URLPattern(p.pattern, _api_view(p.callback), p.default_args, p.name)
            if isinstance(p, URLPattern) else p
            for p in super()._get_urls()
        ]


api = DisclosureNinjaAPI(
    title="wagtail-disclosure",
    version="1",
    description="Information requests (依申请公开): the form's schema, submitting a request, "
                "and following it with its tracking number and access code. The catalogue "
                "(公开目录): a column's items with the column page's filters, and the filters' "
                "choices with counts.",
    urls_namespace="wagtail_disclosure_api",
    docs_url=None,  # no interactive page: it would load scripts from a CDN
)


def _errors(errors):
    """A 422 answer: ``{"errors": {field: [message, ...]}}``."""
    return Status(422, {"errors": {k: [str(m) for m in v] for k, v in errors.items()}})


@api.exception_handler(NinjaValidationError)
def _validation_error(request, exc):
    """Ninja's own parameter checks (e.g. ``?page=abc``) in the API's error shape."""
    errors = {}
    for error in exc.errors:
        loc = [part for part in error.get("loc", ()) if isinstance(part, str)]
        field = loc[-1] if len(loc) > 1 else "__all__"
        kind = error.get("type", "")
        if kind == "missing":
            message = _("This field is required.")
        elif kind.startswith("int"):
            message = _("Enter a whole number.")
        else:
            message = _("Enter a valid value.")
        errors.setdefault(field, []).append(message)
    return api.create_response(request, {"errors": errors}, status=422)


@api.exception_handler(OperationalError)
@api.exception_handler(InterfaceError)
@api.exception_handler(OSError)
def _service_unavailable(request, exc):
    """The database unreachable or the disk full: a 503 with ``Retry-After`` in the API's
    error shape (``resilience.response_for``), so that the API answers cleanly whether or not
    the site installs ``resilience.ServiceUnavailableMiddleware``. Any other ``OSError`` is
    a bug and goes on to Django's 500 handling."""
    response = resilience.response_for(request, exc)
    if response is None:
        raise exc
    return response


# -- response schemas (for the OpenAPI document) ------------------------------------------


class Errors(Schema):
    errors: dict[str, list[str]]


class Detail(Schema):
    detail: str


class ErrorsWithDetail(Schema):
    detail: str
    errors: dict[str, list[str]]


class Choice(Schema):
    value: str
    label: str


class FieldInfo(Schema):
    name: str
    type: str
    required: bool
    label: str
    help_text: str
    max_length: int | None = None
    choices: list[Choice] | None = None


class PageInfo(Schema):
    id: int
    title: str
    url: str | None = None


class AttachmentLimits(Schema):
    max_files: int
    max_bytes: int
    types: list[str]
    extensions: list[str]


class Periods(Schema):
    reply_working_days: int
    correction_notice_working_days: int
    max_extension_working_days: int
    consultation_working_days: int
    correction_period_working_days: int


class FormSchema(Schema):
    page: PageInfo | None = None
    intro: str
    privacy_notice: str
    confirmation_text: str
    fields: list[FieldInfo]
    honeypot_field: str
    attachments: AttachmentLimits
    max_body_bytes: int | None = None
    periods: Periods


class Created(Schema):
    tracking_number: str
    access_code: str
    received_on: datetime.date
    due_on: datetime.date
    due_provisional: bool
    status: str


class DocumentOut(Schema):
    title: str
    url: str | None = None


class LetterOut(Schema):
    kind: str
    kind_label: str
    title: str
    sent_on: datetime.date
    body: str
    documents: list[DocumentOut]


class RequestStatus(Schema):
    tracking_number: str
    status: str
    status_label: str
    outcome: str | None = None
    outcome_group: str | None = None
    outcome_label: str | None = None
    outcome_applicant_label: str | None = None
    received_on: datetime.date
    clock_started_on: datetime.date
    due_on: datetime.date | None = None
    correction_due_on: datetime.date | None = None
    extension_days: int
    answered_on: datetime.date | None = None
    closed_on: datetime.date | None = None
    description: str
    letters: list[LetterOut]


# -- the request body -----------------------------------------------------------------------


def _field_type(field):
    if isinstance(field, MultipleFileField):
        return "files"
    if isinstance(field, django_forms.BooleanField):
        return "boolean"
    if isinstance(field, django_forms.ChoiceField):
        return "choice"
    if isinstance(field, django_forms.EmailField):
        return "email"
    return "string"


def _body_json_schema():
    """The JSON schema of the POST body, from the form's fields (for the OpenAPI document)."""
    properties = {}
    for name, field in RequestForm.base_fields.items():
        kind = _field_type(field)
        if kind == "files":
            properties[name] = {"type": "array", "items": {
                "type": "object", "required": ["name", "content_base64"], "properties": {
                    "name": {"type": "string", "example": "id.pdf"},
                    "content_base64": {"type": "string", "contentEncoding": "base64"}}}}
        elif kind == "boolean":
            properties[name] = {"type": "boolean"}
        else:
            prop = {"type": "string"}
            if kind == "choice":
                prop["enum"] = [str(value) for value, _label in field.choices if value]
            if kind == "email":
                prop["format"] = "email"
            if getattr(field, "max_length", None):
                prop["maxLength"] = field.max_length
            properties[name] = prop
    properties[HONEYPOT_FIELD] = {"type": "string", "description": "Leave empty (honeypot)."}
    properties["page"] = {"type": "integer", "description": "A RequestFormPage id."}
    required = [name for name, field in RequestForm.base_fields.items() if field.required]
    return {"type": "object", "properties": properties, "required": required}


def _decode_attachments(value):
    """``[{"name", "content_base64"}, ...]`` → (files, error messages)."""
    if not isinstance(value, list):
        return [], [_("Send the attachments as a list of objects with “name” and "
                      "“content_base64”.")]
    files, errors = [], []
    for number, item in enumerate(value, start=1):
        name = item.get("name") if isinstance(item, dict) else None
        content = item.get("content_base64") if isinstance(item, dict) else None
        if not isinstance(name, str) or not name.strip() or not isinstance(content, str):
            errors.append(_("Attachment %(number)s needs a “name” and a “content_base64” "
                            "(both strings).") % {"number": number})
            continue
        try:
            raw = base64.b64decode(_DATA_URL.sub("", content.strip()), validate=True)
        except (binascii.Error, ValueError):
            errors.append(_("“%(name)s” is not valid base64.") % {"name": name})
            continue
        files.append(SimpleUploadedFile(name.strip(), raw,
                                        content_type="application/octet-stream"))
    return files, errors


def _too_deep_message():
    return _("The request body is nested too deeply (at most %(depth)s levels).") % {
        "depth": MAX_JSON_DEPTH}


def _depth_exceeds(value, limit):
    """Whether ``value`` nests deeper than ``limit`` (walked without recursion, and stopping
    at the first level too deep, so the cost is bounded by the body's size)."""
    stack = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            children = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


def _has_surrogate(text):
    return isinstance(text, str) and _SURROGATE.search(text) is not None


def _members_with_invalid_text(body):
    """The top-level members whose strings (keys included) hold a lone surrogate, which JSON
    allows (``"\\ud800"``) but no text column can store: they are refused by name."""
    names = []
    for key, value in body.items():
        stack = [value]
        bad = _has_surrogate(key)
        while stack and not bad:
            node = stack.pop()
            if isinstance(node, dict):
                bad = any(_has_surrogate(k) for k in node)
                stack.extend(node.values())
            elif isinstance(node, list):
                stack.extend(node)
            else:
                bad = _has_surrogate(node)
        if bad:
            names.append("__all__" if _has_surrogate(key) else key)
    return names


def _form_input(body):
    """The JSON body → (form data, form files, errors of JSON types)."""
    data, files, errors = {}, MultiValueDict(), {}
    known = set(RequestForm.base_fields) | {HONEYPOT_FIELD, "page"}
    for name in list(RequestForm.base_fields) + [HONEYPOT_FIELD]:
        field = RequestForm.base_fields.get(name)
        value = body.get(name)
        if value is None:
            continue
        kind = _field_type(field) if field is not None else "string"
        if kind == "files":
            decoded, problems = _decode_attachments(value)
            if problems:
                errors[name] = problems
            files.setlist(name, decoded)
        elif kind == "boolean":
            if isinstance(value, bool):
                data[name] = value
            else:
                errors[name] = [_("Enter true or false.")]
        elif isinstance(value, str):
            data[name] = value
        else:
            errors[name] = [_("Enter text (a JSON string).")]
    # Other string members (e.g. a captcha token) reach the CAPTCHA_VALIDATOR with the rest.
    for key, value in body.items():
        if key not in known and isinstance(value, str):
            data[key] = value
    return data, files, errors


def _form_pages(request):
    """The live request forms of the site the API is called on (every site's with one site:
    docs/how-to/multi-site.md)."""
    return sites.on_request_site(RequestFormPage.objects.live(), request)


def _default_page(request):
    return _form_pages(request).order_by("path").first()


def _live_form_page(pk, request):
    """The live request form with this id on the API's site, or None (also for ids no
    database can hold)."""
    if not 1 <= pk <= MAX_ID:
        return None
    return _form_pages(request).filter(pk=pk).first()


def _page_from_body(value, request):
    """(page, error message or None)."""
    if value is None:
        return _default_page(request), None
    if isinstance(value, bool) or not isinstance(value, int):
        return None, _("Enter a whole number.")
    page = _live_form_page(value, request)
    if page is None:
        return None, _("There is no information request form with this id.")
    return page, None


def _retry_after(rate):
    parsed = ratelimit.parse_rate(rate)
    if parsed is None:
        return None
    window = parsed[1]
    return str(max(1, int(window - time.time() % window)))


# -- GET requests/schema -----------------------------------------------------------------------


@api.get("requests/schema", response={200: FormSchema, 404: Detail, 422: Errors, 503: ErrorsWithDetail},
         summary="The request form: fields, rules, limits and statutory periods")
def request_schema(request, page: int | None = None):
    if page is None:
        page_obj = _default_page(request)
    else:
        page_obj = _live_form_page(page, request)
        if page_obj is None:
            return Status(404, {"detail": _("There is no information request form with this "
                                             "id.")})
    form = RequestForm(request=request)
    fields = []
    for name, field in form.fields.items():
        if name == HONEYPOT_FIELD:
            continue
        kind = _field_type(field)
        fields.append({
            "name": name, "type": kind, "required": field.required, "label": str(field.label),
            "help_text": str(field.help_text or ""),
            "max_length": getattr(field, "max_length", None),
            "choices": ([{"value": str(value), "label": str(label)}
                         for value, label in field.choices if value]
                        if kind == "choice" else None),
        })
    extensions = {"pdf": [".pdf"], "jpeg": [".jpg", ".jpeg"], "png": [".png"], "gif": [".gif"]}
    return {
        "page": ({"id": page_obj.pk, "title": page_obj.title,
                  "url": _absolute(request, page_obj.get_url(request))}
                 if page_obj else None),
        "intro": expand_db_html(page_obj.intro) if page_obj else "",
        "privacy_notice": expand_db_html(page_obj.privacy_notice) if page_obj else "",
        "confirmation_text": expand_db_html(page_obj.confirmation_text) if page_obj else "",
        "fields": fields,
        "honeypot_field": HONEYPOT_FIELD,
        "attachments": {
            "max_files": disclosure_settings.ATTACHMENT_MAX_FILES,
            "max_bytes": disclosure_settings.ATTACHMENT_MAX_BYTES,
            "types": list(disclosure_settings.ATTACHMENT_TYPES),
            "extensions": [e for t in disclosure_settings.ATTACHMENT_TYPES
                           for e in extensions[t]],
        },
        "max_body_bytes": settings.DATA_UPLOAD_MAX_MEMORY_SIZE,
        "periods": {
            "reply_working_days": disclosure_settings.REPLY_WORKING_DAYS,
            "correction_notice_working_days": disclosure_settings.CORRECTION_NOTICE_WORKING_DAYS,
            "max_extension_working_days": disclosure_settings.MAX_EXTENSION_WORKING_DAYS,
            "consultation_working_days": disclosure_settings.CONSULTATION_WORKING_DAYS,
            "correction_period_working_days": disclosure_settings.CORRECTION_PERIOD_WORKING_DAYS,
        },
    }


def _absolute(request, url):
    return request.build_absolute_uri(url) if url else None


# -- POST requests/ -------------------------------------------------------------------------


@api.post("requests/", response={201: Created, 413: ErrorsWithDetail, 415: ErrorsWithDetail,
                                 422: Errors, 429: ErrorsWithDetail,
                                 503: ErrorsWithDetail},
          summary="Submit an information request",
          openapi_extra={"requestBody": {"required": True, "content": {
              "application/json": {"schema": _body_json_schema()}}}})
def submit_request(request, response: HttpResponse):
    response["Cache-Control"] = "no-store"
    rate = disclosure_settings.SUBMIT_RATE_LIMIT
    if not ratelimit.hit(request, "submit", rate):
        message = _("Too many requests have been sent from your network. Please try again "
                    "later, or apply in person or by post.")
        retry = _retry_after(rate)
        if retry:
            response["Retry-After"] = retry
        return Status(429, {"detail": message, "errors": {"__all__": [message]}})
    if request.content_type != "application/json":
        # Only JSON: a browser on another origin cannot send it without a CORS preflight, so
        # other sites cannot make their visitors' browsers submit requests.
        message = _("Send the request as JSON (Content-Type: application/json).")
        return Status(415, {"detail": message, "errors": {"__all__": [message]}})
    try:
        raw = request.body
    except RequestDataTooBig:
        message = _("The request is too large. Send fewer or smaller attachments, or apply "
                    "in person or by post.")
        return Status(413, {"detail": message, "errors": {"__all__": [message]}})
    try:
        body = json.loads(raw.decode("utf-8"))
    except RecursionError:
        return _errors({"__all__": [_too_deep_message()]})
    except (UnicodeDecodeError, ValueError):
        return _errors({"__all__": [_("The request body is not valid JSON.")]})
    if not isinstance(body, dict):
        return _errors({"__all__": [_("The request body must be a JSON object.")]})
    if _depth_exceeds(body, MAX_JSON_DEPTH):
        return _errors({"__all__": [_too_deep_message()]})
    invalid_text = _members_with_invalid_text(body)
    if invalid_text:
        return _errors({name: [_("This contains characters that are not valid text (a lone "
                                 "UTF-16 surrogate such as \\ud800). Please type it again.")]
                        for name in invalid_text})

    data, files, type_errors = _form_input(body)
    page, page_error = _page_from_body(body.get("page"), request)
    if page_error:
        type_errors["page"] = [page_error]
    form = RequestForm(data, files, request=request)
    valid = form.is_valid()
    if not valid or type_errors:
        errors = {field: list(messages) for field, messages in form.errors.items()}
        errors.update(type_errors)  # "Enter text" instead of "This field is required."
        return _errors(errors)

    # What is stored and emailed (the log, the acknowledgement) is in the site's language,
    # as from the HTML form, whatever language the caller reads the API in.
    with override(settings.LANGUAGE_CODE):
        request_obj, code = services.submit(
            form.cleaned_data, form.cleaned_data["attachments"], page=page,
            consent=form.cleaned_data["consent"])
    return Status(201, {
        "tracking_number": request_obj.tracking_number, "access_code": code,
        "received_on": request_obj.received_on, "due_on": request_obj.due_on,
        "due_provisional": request_obj.due_provisional, "status": request_obj.status,
    })


# -- GET requests/{tracking_number} ------------------------------------------------------------


def _redactor(request_obj):
    """A function that replaces the applicant's personal data in a text by ``***`` (the same
    replacement as the admin's masking: ``permissions.text_replacer``)."""
    from ..requests.permissions import text_replacer

    return text_replacer([(str(getattr(request_obj, f) or ""), REDACTED, False)
                          for f in PERSONAL_FIELDS])


def _document_base(request, request_obj):
    page = request_obj.request_page
    if page is None or not page.live:
        page = _default_page(request)
    else:
        page = page.specific
    if page is None:
        return None, None
    url = page.get_url(request)
    return (page, url) if url else (None, None)


ACCESS_CODE_IN_URL_MESSAGE = gettext_lazy(
    "The access code is never sent in the address, where it would be written to logs: send it "
    "in the X-Access-Code header.")


class _AnyTextConverter:
    """A path segment that may hold anything, "/" and line breaks included (Django's ``str``
    stops at "/", its ``path`` at a line break)."""

    regex = r"[\s\S]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(_AnyTextConverter, "disclosure_any_text")


# Any text: a number given with a "/" or a line break in it (a format such as
# "{year}/{serial}", or a mistyped number) is answered by this operation with its documented
# JSON 404, not by the site's HTML 404 page (after an APPEND_SLASH redirect, for a "/").
@api.get("requests/{disclosure_any_text:tracking_number}",
         response={200: RequestStatus, 400: Detail, 404: Detail, 429: Detail,
                   503: ErrorsWithDetail},
         summary="Where a request stands, with the office's letters",
         openapi_extra={"parameters": [{
             "in": "header", "name": "X-Access-Code", "required": False,
             "schema": {"type": "string"},
             "description": "The access code given when the request was submitted. Never "
                            "in the address: an access_code query parameter gets 400."}]})
def track_request(request, tracking_number: str, response: HttpResponse):
    """The access code comes in the ``X-Access-Code`` header only: an address (a query
    parameter) lands in server and proxy logs and in the browser's history, so a code sent
    there is refused with 400 and not looked at."""
    response["Cache-Control"] = "no-store"
    if "access_code" in request.GET:
        return Status(400, {"detail": str(ACCESS_CODE_IN_URL_MESSAGE)})
    rate = disclosure_settings.TRACK_RATE_LIMIT
    if not ratelimit.hit(request, "track", rate):
        retry = _retry_after(rate)
        if retry:
            response["Retry-After"] = retry
        return Status(429, {"detail": str(tracking.TOO_MANY_LOOKUPS_MESSAGE)})
    code = request.headers.get("X-Access-Code") or ""
    request_obj = tracking.find_request(tracking_number, code,
                                        site=sites.request_site_id(request))
    if request_obj is None:
        return Status(404, {"detail": str(tracking.NOT_FOUND_MESSAGE)})
    redact = _redactor(request_obj)
    page, page_url = _document_base(request, request_obj)
    letters = []
    for letter in request_obj.applicant_letters().prefetch_related("documents"):
        documents = []
        for document in letter.documents.all():
            url = None
            if page is not None:
                url = request.build_absolute_uri(page_url + page.reverse_subpage(
                    "document", args=[tracking.document_token(document)]))
            documents.append({"title": redact(document.title), "url": url})
        letters.append({"kind": letter.kind, "kind_label": letter.get_kind_display(),
                        "title": redact(letter.title), "sent_on": letter.sent_on,
                        "body": redact(letter.body), "documents": documents})
    row = request_obj.outcome_row
    return {
        "tracking_number": request_obj.tracking_number,
        "status": request_obj.status,
        "status_label": request_obj.get_status_display(),
        "outcome": request_obj.outcome or None,
        "outcome_group": row.group if row else None,
        "outcome_label": row.label if row else None,
        # What the tracking page shows: the result without the statistics' counting note.
        "outcome_applicant_label": row.applicant_label if row else None,
        "received_on": request_obj.received_on,
        "clock_started_on": request_obj.clock_started_on,
        "due_on": request_obj.due_on if request_obj.is_open else None,
        "correction_due_on": request_obj.correction_due_on,
        "extension_days": request_obj.extension_days,
        "answered_on": request_obj.answered_on,
        "closed_on": request_obj.closed_on,
        "description": redact(request_obj.description),
        "letters": letters,
    }


# -- the catalogue -----------------------------------------------------------------------------

# The catalogue's endpoints (api/catalogue.py) are served by this same API: one mount in the
# URLconf, one OpenAPI document, and the CORS rule and language handling of _api_view above.
from .catalogue import router as catalogue_router  # noqa: E402

api.add_router("", catalogue_router)
