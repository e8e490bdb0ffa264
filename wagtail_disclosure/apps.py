from django.apps import AppConfig
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
