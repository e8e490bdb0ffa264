from django.apps import AppConfig


class CustomPageConfig(AppConfig):
    """A site's own base page model (Wagtail 8's WAGTAIL_PAGE_MODEL), for the compat tests."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "tests.custom_page"
    label = "custom_page"
