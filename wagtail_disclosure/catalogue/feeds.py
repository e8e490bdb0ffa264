"""RSS and Atom feeds of a column."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags

from ..conf import disclosure_settings


class ColumnRssFeed(Feed):
    def __init__(self, column):
        super().__init__()
        self.column = column

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return self.column.title

    def link(self):
        return self.column.get_url(self.request) or "/"

    def description(self):
        return strip_tags(self.column.description) or self.column.title

    def items(self):
        return (self.column.items().select_related("organ")
                .order_by("-published_on", "-pk")[: disclosure_settings.FEED_ITEMS])

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        parts = [item.index_number or "", item.document_number, item.summary]
        return " | ".join(p for p in parts if p)

    def item_link(self, item):
        return item.get_url(self.request)

    def item_guid(self, item):
        return item.index_number or str(item.pk)

    def item_pubdate(self, item):
        if item.published_on:
            return datetime.datetime.combine(item.published_on, datetime.time(),
                                             tzinfo=datetime.UTC)
        return item.first_published_at

    def item_author_name(self, item):
        return item.organ.name if item.organ_id else None

    def item_categories(self, item):
        return [str(item.get_kind_display())]


class ColumnAtomFeed(ColumnRssFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()
