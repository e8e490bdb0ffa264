"""System checks for the ``WAGTAIL_DISCLOSURE`` settings (run by ``manage.py check``)."""

from django.core import checks
from django.core.exceptions import ImproperlyConfigured


@checks.register(checks.Tags.compatibility)
def check_settings(app_configs=None, **kwargs):
    from .catalogue.index_numbers import validate_format
    from .conf import disclosure_settings

    errors = []

    def error(msg, hint, id_):
        errors.append(checks.Error(msg, hint=hint, id=f"wagtail_disclosure.{id_}"))

    try:
        disclosure_settings.PAGE_SIZE
    except ImproperlyConfigured as exc:
        return [checks.Error(str(exc), id="wagtail_disclosure.E001")]

    for key in ("PAGE_SIZE", "LATEST_ITEMS", "FEED_ITEMS"):
        value = getattr(disclosure_settings, key)
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 500:
            error(f"WAGTAIL_DISCLOSURE['{key}'] must be a whole number from 1 to 500.",
                  f"It is {value!r}.", "E002")

    try:
        validate_format(disclosure_settings.INDEX_NUMBER_FORMAT)
    except ValueError as exc:
        error(f"WAGTAIL_DISCLOSURE['INDEX_NUMBER_FORMAT'] is not usable: {exc}",
              "The default is '{organ_code}/{year}-{serial:05d}'.", "E003")

    channels = disclosure_settings.PUBLICATION_CHANNELS
    ok = isinstance(channels, (list, tuple)) and all(
        isinstance(c, (list, tuple)) and len(c) == 2 and isinstance(c[0], str) and c[0]
        for c in channels
    )
    if not ok:
        error("WAGTAIL_DISCLOSURE['PUBLICATION_CHANNELS'] must be a list of (code, label) pairs.",
              f"It is {channels!r}.", "E004")
    else:
        codes = [c[0] for c in channels]
        if len(set(codes)) != len(codes) or "website" in codes:
            error("WAGTAIL_DISCLOSURE['PUBLICATION_CHANNELS'] codes must be unique and must not "
                  "be 'website' (the website is always a channel).", f"Codes: {codes}", "E005")
        if any(len(code) > 40 for code in codes):
            error("Publication channel codes must be at most 40 characters.", "", "E006")

    if disclosure_settings.SEARCH_SEGMENTER not in ("bigram", "jieba"):
        error("WAGTAIL_DISCLOSURE['SEARCH_SEGMENTER'] must be 'bigram' or 'jieba'.",
              f"It is {disclosure_settings.SEARCH_SEGMENTER!r}.", "E007")
    elif disclosure_settings.SEARCH_SEGMENTER == "jieba":
        try:
            import jieba  # noqa: F401
        except ImportError:
            error("WAGTAIL_DISCLOSURE['SEARCH_SEGMENTER'] is 'jieba' but jieba is not installed.",
                  "pip install 'wagtail-disclosure[jieba]'", "E008")
    return errors
