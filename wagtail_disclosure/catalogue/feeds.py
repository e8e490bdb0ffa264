"""RSS and Atom feeds of a column.

Both are valid by their specifications: every RSS ``<guid>`` that is not a URL (the 索引号)
says ``isPermaLink="false"``; every Atom entry has the ``<id>`` (an IRI: a ``tag:`` URI made
of the site's host, the publication date and the 索引号, so that it never changes when the
item moves) and the ``<updated>`` the format requires.
"""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
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
        from .placements import in_listing_order

        return in_listing_order(self.column.items().select_related("organ"),
                                self.column)[: disclosure_settings.FEED_ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        parts = [item.index_number or "", item.document_number, item.summary]
        return " | ".join(p for p in parts if p)

    def item_link(self, item):
        return item.get_url(self.request)

    def item_guid(self, item):
        return item.index_number or str(item.pk)

    # The 索引号 identifies the item; it is not a URL (RSS 2.0: isPermaLink="false").
    item_guid_is_permalink = False

    def item_pubdate(self, item):
        if item.published_on:
            # the 发布日期 is a day of the site's calendar (TIME_ZONE), not of UTC
            return datetime.datetime.combine(item.published_on, datetime.time(),
                                             tzinfo=timezone.get_default_timezone())
        return item.first_published_at

    def item_updateddate(self, item):
        """When the item last changed: its latest publication, never before its 发布日期."""
        published = self.item_pubdate(item)
        latest = item.last_published_at
        if published is None:
            return latest
        return max(published, latest) if latest else published

    def item_author_name(self, item):
        return item.organ.name if item.organ_id else None

    def item_categories(self, item):
        return [str(item.get_kind_display())]


class ColumnAtomFeed(ColumnRssFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()

    def item_guid(self, item):
        """An Atom ``<id>`` must be an IRI: ``tag:host,date:索引号`` (RFC 4151), fixed for
        the life of the item."""
        when = item.first_published_at or item.last_published_at
        day = item.published_on or (timezone.localdate(when) if when else timezone.localdate())
        return f"tag:{self._host()},{day.isoformat()}:{item.index_number or item.pk}"

    def author_name(self):
        # RFC 4287 wants an author for the feed unless every entry names one.
        site = self._site()
        return (site.site_name if site else "") or self.column.title

    def _site(self):
        from wagtail.models import Site

        return Site.find_for_request(self.request)

    def _host(self):
        site = self._site()
        return site.hostname if site else self.request.get_host().split(":")[0]
