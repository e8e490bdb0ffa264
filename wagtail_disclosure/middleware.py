"""Middleware of the package.

``RequestFormUploadGuard`` keeps a client that has used up ``SUBMIT_RATE_LIMIT`` from making the
server read its uploads. Django parses a multipart body the first time anything reads
``request.POST`` or ``request.FILES``, writing every file over ``FILE_UPLOAD_MAX_MEMORY_SIZE``
(2.5 MB) to a temporary file, and ``CsrfViewMiddleware`` reads ``request.POST`` before any view
runs: so without this middleware the request form's rate-limit check comes after a refused
client's attachments (up to ``ATTACHMENT_MAX_FILES`` × ``ATTACHMENT_MAX_BYTES``, 50 MB by
default) have been received and stored on disk. Put it before ``CsrfViewMiddleware``::

    MIDDLEWARE = [
        ...
        "wagtail_disclosure.middleware.RequestFormUploadGuard",
        "django.middleware.csrf.CsrfViewMiddleware",
        ...
    ]

For every other multipart POST it puts
:class:`~wagtail_disclosure.requests.uploads.LegacyFileNameUploadHandler` first, so a file whose
name arrives in GBK is kept under its decoded name instead of being dropped by Django.

The system check ``wagtail_disclosure.W106`` warns when it is missing or after the CSRF
middleware. What the client sends still has to cross the network: the web server's body limit
(nginx's ``client_max_body_size``) bounds that.
"""

from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.urls import Resolver404, resolve

#: The dotted path to put in ``MIDDLEWARE`` (and that the system check looks for).
MIDDLEWARE_PATH = "wagtail_disclosure.middleware.RequestFormUploadGuard"

_DISCARDED = "_wagtail_disclosure_uploads_discarded"


class DiscardUploadsHandler(FileUploadHandler):
    """An upload handler that keeps no file: each file of the body is skipped (Django's
    ``SkipFile``), so the parser reads its bytes off the connection one chunk at a time and
    drops them. Nothing is written, no temporary file is made and nothing is kept in memory;
    the text fields of the form still arrive in ``request.POST``."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        setattr(self.request, _DISCARDED, True)
        raise SkipFile

    def receive_data_chunk(self, raw_data, start):
        return None

    def file_complete(self, file_size):
        return None


def uploads_discarded(request):
    """Whether the guard dropped files sent with this request (the view must then not accept
    the submission as if it had none)."""
    return getattr(request, _DISCARDED, False)


def is_request_form_url(request):
    """Whether the request's URL is a live :class:`RequestFormPage`'s own URL (its form), on
    the site the request is for. Resolves the URL as Django will (so a language prefix of
    ``i18n_patterns`` and the mount point of Wagtail's URLs count), then one query on
    ``url_path`` of the request-form pages, which are a handful of rows joined by primary key
    (Wagtail does not index ``url_path`` itself)."""
    from wagtail.models import Site

    from .requests.pages import RequestFormPage

    try:
        match = resolve(request.path_info, getattr(request, "urlconf", None))
    except Resolver404:
        return False
    if match.url_name != "wagtail_serve":
        return False
    path = match.args[0] if match.args else match.kwargs.get("path", "")
    site = Site.find_for_request(request)  # cached on the request: Wagtail's serve reuses it
    if site is None:
        return False
    root = site.root_page.localized
    return RequestFormPage.objects.live().filter(url_path=root.url_path + path).exists()


class RequestFormUploadGuard:
    """For a multipart POST to a request form from a client over ``SUBMIT_RATE_LIMIT``
    (peeked at, not counted: the view counts the attempt), replace the upload handlers by
    :class:`DiscardUploadsHandler` before anything reads the body. The form then re-renders
    with the rate-limit error and the text the visitor typed. Costs nothing for other
    requests, a cache read for multipart POSTs, and one query only when that client is
    over the limit."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._should_discard(request):
            request.upload_handlers = [DiscardUploadsHandler(request)]
        elif request.method == "POST" and request.content_type == "multipart/form-data":
            # A file name sent in GBK would be dropped by Django's parser without a word
            # (requests/uploads.py): parse through the handler that decodes it.
            from .requests.uploads import LegacyFileNameUploadHandler

            request.upload_handlers.insert(0, LegacyFileNameUploadHandler(request))
        return self.get_response(request)

    @staticmethod
    def _should_discard(request):
        from .conf import disclosure_settings
        from .requests import ratelimit

        if request.method != "POST" or request.content_type != "multipart/form-data":
            return False
        if not ratelimit.exhausted(request, "submit", disclosure_settings.SUBMIT_RATE_LIMIT):
            return False
        return is_request_form_url(request)
