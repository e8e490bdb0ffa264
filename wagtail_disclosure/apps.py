from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class WagtailDisclosureConfig(AppConfig):
    name = "wagtail_disclosure"
    label = "wagtail_disclosure"
    verbose_name = _("Open government information")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
        from .catalogue.signals import connect_item_signals
        from .requests.signals import connect_request_signals

        connect_item_signals()
        connect_request_signals()

        from .governance.signals import connect_governance_signals

        connect_governance_signals()

        from .caching.signals import connect_page_cache_signals

        connect_page_cache_signals()

        from .catalogue.indexing import index_missing_snippets

        # the national topics are seeded by a data migration, which does not index them
        post_migrate.connect(index_missing_snippets, sender=self,
                             dispatch_uid="wagtail_disclosure_index_missing_snippets")
