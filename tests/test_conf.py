import pytest
from django.test import override_settings

from wagtail_disclosure.checks import check_settings
from wagtail_disclosure.conf import DEFAULTS, disclosure_settings, get_channel_choices


def test_defaults_apply_when_nothing_is_set():
    with override_settings(WAGTAIL_DISCLOSURE={}):
        assert disclosure_settings.PAGE_SIZE == DEFAULTS["PAGE_SIZE"]
        assert disclosure_settings.INDEX_NUMBER_FORMAT == "{organ_code}/{year}-{serial:05d}"


def test_override_settings_is_seen_and_undone():
    with override_settings(WAGTAIL_DISCLOSURE={"PAGE_SIZE": 7}):
        assert disclosure_settings.PAGE_SIZE == 7
    assert disclosure_settings.PAGE_SIZE != 7 or DEFAULTS["PAGE_SIZE"] == 7


def test_unknown_key_is_reported_by_e001_not_raised():
    # a raise here would break Wagtail's own system checks before E001 is shown
    # (tests/test_checks_install.py); reading an unknown key still raises AttributeError
    with override_settings(WAGTAIL_DISCLOSURE={"PAGE_SIZ": 7}):
        assert disclosure_settings.PAGE_SIZE == DEFAULTS["PAGE_SIZE"]
        with pytest.raises(AttributeError):
            disclosure_settings.PAGE_SIZ


def test_channels_always_start_with_the_website():
    with override_settings(WAGTAIL_DISCLOSURE={"PUBLICATION_CHANNELS": [("app", "客户端")]}):
        codes = [code for code, _ in get_channel_choices()]
    assert codes == ["website", "app"]


def _ids(settings_dict):
    with override_settings(WAGTAIL_DISCLOSURE=settings_dict):
        return {m.id for m in check_settings()}


def test_default_settings_pass_the_checks():
    assert _ids({}) == set()


@pytest.mark.parametrize(
    "bad, expected",
    [
        ({"PAGE_SIZE": 0}, "wagtail_disclosure.E002"),
        ({"PAGE_SIZE": "20"}, "wagtail_disclosure.E002"),
        ({"FEED_ITEMS": 10_000}, "wagtail_disclosure.E002"),
        ({"INDEX_NUMBER_FORMAT": "{year}-{serial:05d}"}, "wagtail_disclosure.E003"),
        ({"INDEX_NUMBER_FORMAT": "{organ_code}/{year}-{serial:05d}-{colour}"},
         "wagtail_disclosure.E003"),
        ({"INDEX_NUMBER_FORMAT": "{organ_code}/{year}-{serial:05"}, "wagtail_disclosure.E003"),
        ({"PUBLICATION_CHANNELS": ["weibo"]}, "wagtail_disclosure.E004"),
        ({"PUBLICATION_CHANNELS": [("a", "A"), ("a", "B")]}, "wagtail_disclosure.E005"),
        ({"PUBLICATION_CHANNELS": [("website", "网站")]}, "wagtail_disclosure.E005"),
        ({"SEARCH_SEGMENTER": "whitespace"}, "wagtail_disclosure.E007"),
        ({"NOT_A_KEY": 1}, "wagtail_disclosure.E001"),
    ],
)
def test_checks_catch_bad_values(bad, expected):
    assert expected in _ids(bad)


def test_year_month_format_is_accepted():
    assert _ids({"INDEX_NUMBER_FORMAT": "{organ_code}/{year}{month:02d}-{serial:05d}"}) == set()
