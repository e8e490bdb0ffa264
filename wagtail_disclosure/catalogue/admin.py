"""Admin viewsets of the catalogue snippets."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .snippets import PublishingOrgan, Topic


class PublishingOrganViewSet(SnippetViewSet):
    model = PublishingOrgan
    icon = "group"
    menu_label = _("Publishing organs")
    list_display = ["name", "code", "phone"]
    # No search_fields: naming fields fails on SQLite (wagtail#10217); the model's
    # autocomplete fields (name, short name, code) are searched instead.
    url_prefix = "disclosure/organs"


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "folder-open-inverse"
    menu_label = _("Topics")
    list_display = ["path_label", "sort_order"]
    list_filter = ["parent"]
    url_prefix = "disclosure/topics"
    ordering = ["parent__sort_order", "sort_order", "name"]


class CatalogueSnippetGroup(SnippetViewSetGroup):
    items = (PublishingOrganViewSet, TopicViewSet)
    menu_icon = "folder-open-1"
    menu_label = _("Open government information")
    menu_name = "disclosure"
