"""The one settings dict of the package: ``WAGTAIL_DISCLOSURE``.

Every key has a default in :data:`DEFAULTS`; a key that is not listed there raises
``ImproperlyConfigured`` so that a typo never goes unnoticed. Values are read lazily and the
cache is dropped on Django's ``setting_changed`` signal, so ``override_settings`` works in tests.
"""

from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

SETTING_NAME = "WAGTAIL_DISCLOSURE"

DEFAULTS = {
    # Items per page in a column listing and in search results.
    "PAGE_SIZE": 20,
    # How many of the newest items the section's front page shows.
    "LATEST_ITEMS": 10,
    # How many items a column's RSS/Atom feed carries.
    "FEED_ITEMS": 30,
    # The format of generated 索引号. Fields: organ_code, year, month, serial.
    # The serial counts per organ and per period: per year, or per month when the format
    # uses {month}.
    "INDEX_NUMBER_FORMAT": "{organ_code}/{year}-{serial:05d}",
    # Publication channels besides the website (which every item is always published on).
    # A list of (code, label) pairs; codes are stored on items, so keep them stable.
    "PUBLICATION_CHANNELS": [
        ("weibo", _("Government Weibo")),
        ("wechat", _("Government WeChat")),
        ("gazette", _("Government gazette")),
        ("press_conference", _("Press conference")),
        ("internal_report", _("Internal information reporting")),
    ],
    # How Chinese text is segmented for the database search backends: "bigram" or "jieba".
    "SEARCH_SEGMENTER": "bigram",
}

_cache = {}


class DisclosureSettings:
    """Attribute access to the merged settings: ``disclosure_settings.PAGE_SIZE``."""

    def _load(self):
        from django.conf import settings

        if "merged" not in _cache:
            user = getattr(settings, SETTING_NAME, {}) or {}
            if not isinstance(user, dict):
                raise ImproperlyConfigured(f"{SETTING_NAME} must be a dict.")
            unknown = sorted(set(user) - set(DEFAULTS))
            if unknown:
                raise ImproperlyConfigured(
                    f"Unknown {SETTING_NAME} key(s): {', '.join(unknown)}. "
                    f"Known keys: {', '.join(sorted(DEFAULTS))}."
                )
            _cache["merged"] = {**DEFAULTS, **user}
        return _cache["merged"]

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        merged = self._load()
        try:
            return merged[name]
        except KeyError:
            raise AttributeError(f"{SETTING_NAME} has no key {name!r}") from None


disclosure_settings = DisclosureSettings()


def reload_settings():
    _cache.clear()


@receiver(setting_changed)
def _on_setting_changed(setting, **kwargs):
    if setting == SETTING_NAME:
        reload_settings()


def get_channel_choices(include_website=True):
    """The publication channels as (code, label) pairs, the website first."""
    choices = [("website", _("Government website"))] if include_website else []
    return choices + [(code, label) for code, label in disclosure_settings.PUBLICATION_CHANNELS]
