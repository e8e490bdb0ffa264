"""The example site with a custom base page model (Wagtail 8's swappable ``WAGTAIL_PAGE_MODEL``).

    DJANGO_SETTINGS_MODULE=tests.settings_custom_page pytest -m "not browser and not postgres"

The app defining the base page model comes before every app whose pages subclass it.
"""

from agency.settings import *  # noqa: F403
from agency.settings import INSTALLED_APPS

INSTALLED_APPS = list(INSTALLED_APPS)
INSTALLED_APPS.insert(
    min(INSTALLED_APPS.index("home"), INSTALLED_APPS.index("wagtail_disclosure")),
    "tests.custom_page",
)

WAGTAIL_PAGE_MODEL = "custom_page.AgencyBasePage"
