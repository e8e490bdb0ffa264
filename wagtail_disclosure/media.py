"""Serving MEDIA_ROOT in development without the applicants' private files.

Django's ``static()`` helper serves every file below MEDIA_ROOT when DEBUG is on, and so the ID
card scans that applicants attach to their requests, to anyone who guesses or learns a path. A
site that serves its media through Django (development, or a small deployment) uses
:func:`serve_public_media` instead; in production the web server must likewise refuse the
private folder (docs: "Keep applicants' files private").
"""

import posixpath
from urllib.parse import unquote

from django.http import Http404
from django.views.static import serve

from .requests.models import PRIVATE_UPLOAD_DIR


def is_private_media_path(path):
    """``path`` (as in a media URL) names the private folder or something inside it, however
    it is spelt (``./``, ``x/../``, percent-encoding, backslashes, letter case)."""
    text = unquote(str(path)).replace("\\", "/")
    normalised = posixpath.normpath("/" + text).lstrip("/").lower()
    private = PRIVATE_UPLOAD_DIR.lower()
    return normalised == private or normalised.startswith(private + "/")


def serve_public_media(request, path, document_root=None, show_indexes=False):
    """Django's development ``serve`` view for MEDIA_ROOT, refusing the private folder (404)."""
    if is_private_media_path(path):
        raise Http404("Not found")
    return serve(request, path, document_root=document_root, show_indexes=False)
