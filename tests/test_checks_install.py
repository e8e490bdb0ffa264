"""The system checks of an installation: apps the package needs (E040-E042), the sender of its
emails (W104), and a misspelt WAGTAIL_DISCLOSURE key (E001) reported cleanly, never as a
traceback."""

import io
import logging

import pytest
from django.core.checks import run_checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

from wagtail_disclosure.checks import check_email_sender, check_installed_apps
from wagtail_disclosure.conf import DEFAULTS, configuration_problems, disclosure_settings

# run_checks() runs every check, and W101 (calendar coverage) reads the imported notices.
pytestmark = pytest.mark.django_db


def _ids(messages):
    return {m.id for m in messages}


@pytest.fixture
def without_apps(monkeypatch):
    """Make Django's app registry report the given apps as not installed. (Overriding
    INSTALLED_APPS itself would re-populate the registry and re-import the URL modules, which
    the API routers do not allow.)"""
    from django.apps import apps

    real = apps.is_installed

    def remove(*names):
        for name in names:
            assert real(name), name
        monkeypatch.setattr(apps, "is_installed", lambda name: name not in names and real(name))

    return remove


def test_the_example_project_is_complete():
    assert check_installed_apps() == []
    assert check_email_sender() == []


@pytest.mark.parametrize("app, check_id, consequence", [
    ("wagtail.contrib.routable_page", "wagtail_disclosure.E040", "every page of the section"),
    ("wagtail.contrib.settings", "wagtail_disclosure.E041", "the Wagtail admin fails"),
    ("wagtail.snippets", "wagtail_disclosure.E042", "publishing organs"),
])
def test_a_missing_app_is_an_error(app, check_id, consequence, without_apps):
    without_apps(app)
    errors = check_installed_apps()
    assert [e.id for e in errors] == [check_id]
    assert errors[0].is_serious()
    assert app in errors[0].msg and consequence in errors[0].msg
    assert f"Add '{app}' to INSTALLED_APPS" in errors[0].hint


def test_several_missing_apps_give_one_error_each(without_apps):
    without_apps("wagtail.contrib.routable_page", "wagtail.contrib.settings")
    assert _ids(check_installed_apps()) == {"wagtail_disclosure.E040", "wagtail_disclosure.E041"}


def test_default_sender_is_a_warning():
    with override_settings(DEFAULT_FROM_EMAIL="webmaster@localhost"):
        warnings = check_email_sender()
    assert [w.id for w in warnings] == ["wagtail_disclosure.W104"]
    assert not warnings[0].is_serious()
    assert "webmaster@localhost" in warnings[0].msg


def test_a_real_sender_passes():
    with override_settings(DEFAULT_FROM_EMAIL="政府信息公开 <zfxxgk@example.gov.cn>"):
        assert check_email_sender() == []


# -- a misspelt key ---------------------------------------------------------------------------


def test_misspelt_key_is_e001_with_a_suggestion_through_every_check():
    with override_settings(WAGTAIL_DISCLOSURE={"PAGE_SIZ": 7}):
        # all registered checks, Wagtail's too (which build the page forms and so read the
        # publication channels): none raises
        messages = run_checks(include_deployment_checks=False)
    e001 = [m for m in messages if m.id == "wagtail_disclosure.E001"]
    assert len(e001) == 1
    assert "'PAGE_SIZ' (did you mean 'PAGE_SIZE'?)" in e001[0].msg
    assert "settings.md" in e001[0].hint


@pytest.mark.django_db
def test_manage_py_check_reports_e001_not_a_traceback():
    with override_settings(WAGTAIL_DISCLOSURE={"PAGE_SIZ": 7, "LATEST_ITEMS": 5}):
        with pytest.raises(SystemCheckError) as exc:
            call_command("check", stdout=io.StringIO(), stderr=io.StringIO())
    text = str(exc.value)
    assert "(wagtail_disclosure.E001) Unknown WAGTAIL_DISCLOSURE key(s): 'PAGE_SIZ'" in text
    assert "did you mean 'PAGE_SIZE'?" in text


def test_known_keys_are_still_applied_and_the_typo_ignored():
    with override_settings(WAGTAIL_DISCLOSURE={"PAGE_SIZ": 7, "LATEST_ITEMS": 5}):
        assert disclosure_settings.LATEST_ITEMS == 5
        assert disclosure_settings.PAGE_SIZE == DEFAULTS["PAGE_SIZE"]
        assert configuration_problems() != []
    assert configuration_problems() == []


def test_reading_an_unknown_key_still_fails_loudly():
    with pytest.raises(AttributeError, match="did you mean 'PAGE_SIZE'"):
        disclosure_settings.PAGE_SIZ  # noqa: B018


def test_the_typo_is_logged_when_the_settings_are_read(caplog):
    with caplog.at_level(logging.ERROR, logger="wagtail_disclosure.conf"):
        with override_settings(WAGTAIL_DISCLOSURE={"FEED_ITEM": 3}):
            disclosure_settings.FEED_ITEMS  # noqa: B018
    assert "'FEED_ITEM' (did you mean 'FEED_ITEMS'?)" in caplog.text


def test_a_key_far_from_any_gets_no_suggestion():
    with override_settings(WAGTAIL_DISCLOSURE={"COLOUR": "red"}):
        problems = configuration_problems()
    assert problems == ["Unknown WAGTAIL_DISCLOSURE key(s): 'COLOUR'. They are ignored."]


@pytest.mark.parametrize("value", [[("PAGE_SIZE", 5)], "PAGE_SIZE=5"])
def test_a_setting_that_is_not_a_dict_is_e001(value):
    with override_settings(WAGTAIL_DISCLOSURE=value):
        messages = run_checks(include_deployment_checks=False)
        assert disclosure_settings.PAGE_SIZE == DEFAULTS["PAGE_SIZE"]
    assert "wagtail_disclosure.E001" in _ids(messages)


@pytest.mark.parametrize("channels", ["weibo", [("weibo",)], [("a", "A", "extra")]])
def test_malformed_channels_are_e004_not_a_traceback(channels):
    with override_settings(WAGTAIL_DISCLOSURE={"PUBLICATION_CHANNELS": channels}):
        messages = run_checks(include_deployment_checks=False)
    assert "wagtail_disclosure.E004" in _ids(messages)
