import re

from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from wagtail_disclosure.api.requests import api as disclosure_api

from .api import api_router

# A 503 instead of a 500 when other middleware meets an unreachable database or a full disk
# (docs/explanation/faults.md); anything else gets Django's 500 page.
handler500 = "wagtail_disclosure.resilience.server_error"

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("api/disclosure/", disclosure_api.urls),
]

if settings.HAS_API_V3:
    from wagtail.api.v3.urls import api as api_v3

    from wagtail_disclosure.api.v3 import bounded_urls

    # Wagtail's v3 paginator passes any ?offset= to the database (a 500 above 2⁶³)
    urlpatterns.append(path("api/v3/", bounded_urls(api_v3.urls)))

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    # MEDIA_ROOT without the applicants' private files (Django's static() would serve them).
    from django.urls import re_path

    from wagtail_disclosure.media import serve_public_media

    urlpatterns.append(re_path(r"^%s(?P<path>.*)$" % re.escape(settings.MEDIA_URL.lstrip("/")),
                               serve_public_media, {"document_root": settings.MEDIA_ROOT}))

urlpatterns.append(path("", include(wagtail_urls)))
