"""Demo data of the governance tool 'register' (信息发布审核登记).

The demo publishes its items and reports through revisions, so the register's signals have
already written their entries (back-dated items with their reason). This completes the
register for pages published while the signals were not connected (an older demo database),
and adds nothing when every live item and report already has an entry."""


def build(context):
    """Add this tool's demo data (idempotent: running the demo twice adds nothing)."""
    from ..catalogue.pages import Page
    from .choices import RegisterEvent
    from .models import ReleaseRegisterEntry
    from .register import record, registered_page_types
    registered = set(ReleaseRegisterEntry.objects.values_list("page_id", flat=True).distinct())
    pages = (Page.objects.descendant_of(context.section).live()
             .type(*registered_page_types()).exclude(pk__in=registered)
             .specific().order_by("first_published_at", "pk"))
    for page in pages:
        record(page, RegisterEvent.PUBLISHED, user=context.user, revision=page.live_revision,
               when=page.last_published_at or page.first_published_at)
