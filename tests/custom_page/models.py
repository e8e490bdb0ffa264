"""The swapped-in base page model of tests.settings_custom_page (Wagtail 8 only).

Modelled on wagtail/test/basepage: a direct subclass of ``AbstractPage`` (so it has neither
``seo_title``/``search_description`` nor ``show_in_menus``) with one field of its own.
"""

from django.db import models
from wagtail.models import AbstractPage


class AgencyBasePage(AbstractPage):
    department = models.CharField(blank=True, max_length=100)

    content_panels = AbstractPage.content_panels + ["department"]
