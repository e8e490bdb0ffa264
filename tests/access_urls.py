"""The example site's URLs as a site mounts them in production-like form, for the access matrix:
Wagtail's sitemap (``wagtail.contrib.sitemaps``: ``path("sitemap.xml", sitemap)``) and the
media URL served by :func:`wagtail_disclosure.media.serve_public_media` whatever ``DEBUG`` is
(the example mounts it only in development), before the example's own patterns."""

import re

from django.conf import settings
from django.urls import path, re_path
from wagtail.contrib.sitemaps.views import sitemap

from agency.urls import urlpatterns as site_urlpatterns
from wagtail_disclosure.media import serve_public_media

urlpatterns = [
    path("sitemap.xml", sitemap),
    re_path(r"^%s(?P<path>.*)$" % re.escape(settings.MEDIA_URL.lstrip("/")),
            lambda request, path: serve_public_media(request, path,
                                                     document_root=settings.MEDIA_ROOT)),
    *site_urlpatterns,
]
