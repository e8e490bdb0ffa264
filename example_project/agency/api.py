"""Wagtail API v2 as the example site mounts it at /api/v2/."""

from wagtail.api.v2.router import WagtailAPIRouter

from wagtail_disclosure.api.v2 import DisclosureDocumentsAPIViewSet, DisclosurePagesAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", DisclosurePagesAPIViewSet)
api_router.register_endpoint("documents", DisclosureDocumentsAPIViewSet)
