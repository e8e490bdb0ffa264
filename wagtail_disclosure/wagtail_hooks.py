"""Admin registrations (thin: the viewsets live with their domain)."""

from wagtail.snippets.models import register_snippet

from .catalogue.admin import CatalogueSnippetGroup

register_snippet(CatalogueSnippetGroup)
