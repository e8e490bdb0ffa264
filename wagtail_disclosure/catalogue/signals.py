"""Signal handlers of the catalogue."""

from django.dispatch import receiver
from wagtail.search import index
from wagtail.signals import page_published


@receiver(page_published)
def reindex_item_with_attachments(sender, instance, **kwargs):
    """Wagtail indexes a page when the page row is saved, before its attachments (child rows)
    are saved; index it again once they are, so attachment titles are searchable."""
    from .pages import DisclosureItemPage

    if isinstance(instance, DisclosureItemPage):
        index.insert_or_update_object(instance)
