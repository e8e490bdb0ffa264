"""The package's zh_Hans catalogue never rewrites Wagtail's or Django's own words.

Django looks a message up in one merged catalogue, where the first installed app that has a
msgid wins (and the package is usually listed before ``wagtail.admin``). So a generic msgid in
the package's catalogue, translated for the package's meaning ("Status" as 办理状态, "Published"
as 发布日期), used to change Wagtail's whole admin: page history, the explorer's status column,
the users list, action menus. The package's domain meanings are therefore asked for with a
context (``pgettext``), and a msgid the package shares with another installed app's catalogue,
without a context, is translated exactly as that catalogue has it.

The catalogues are read from the compiled ``.mo`` files, with Python's ``gettext`` (the same
files and the same reader Django uses).
"""

import gettext
from pathlib import Path

import django
import pytest
from django.apps import apps
from django.utils import translation

import wagtail_disclosure

LANGUAGE = "zh_Hans"
PACKAGE_MO = Path(wagtail_disclosure.__file__).parent / "locale" / LANGUAGE / "LC_MESSAGES" / (
    "django.mo")
CONTEXT_SEPARATOR = "\x04"  # how gettext stores "msgctxt\x04msgid"

# Generic words that the package once translated for its own meaning (the admin then said
# 办理状态 for the page explorer's status, 发布日期 for a published revision, ...): with the
# package's old, domain translation, which Wagtail's admin must no longer show.
GENERIC_WORDS = {
    "Published": "发布日期",
    "Status": "办理状态",
    "Name": "姓名或名称",
    "Close": "办结",
    "Reject": "不批准",
    "Rejected": "未批准",
    "Actions": "办理操作",
    "In progress": "办理中",
    "Timeline": "办理过程",
    "Search": "检索",
    "Email": "电子邮箱",
    "Summary": "内容概述",
    "Previous": "上一页",
    "Next": "下一页",
    "Breadcrumb": "当前位置",
    "Apply filters": "筛选",
    "description": "栏目说明",
    "content": "内容",
    "Text": "正文",
    "Method": "计收方式",
    ", ": "、",
}

# The same words in the package's own sense, asked for with a context: still the package's.
DOMAIN_WORDS = [
    ("information request", "Status", "办理状态"),
    ("information request status", "In progress", "办理中"),
    ("information request action", "Close", "办结"),
    ("information request", "Actions", "办理操作"),
    ("information request", "Timeline", "办理过程"),
    ("applicant", "Name", "姓名或名称"),
    ("contact details", "Email", "电子邮箱"),
    ("extension decision", "Reject", "不批准"),
    ("extension status", "Rejected", "未批准"),
    ("fee", "Method", "计收方式"),
    ("publication date", "Published", "发布日期"),
    ("catalogue metadata", "Summary", "内容概述"),
    ("public site search", "Search", "检索"),
    ("pagination", "Previous", "上一页"),
    ("pagination", "Next", "下一页"),
    ("public site navigation", "Breadcrumb", "当前位置"),
    ("public listing", "Apply filters", "筛选"),
    ("disclosure column", "description", "栏目说明"),
    ("topic", "name", "名称"),
    ("annual report section", "content", "内容"),
    ("annual report section", "Text", "正文"),
    ("enumeration", ", ", "、"),
]


def read_catalogue(path):
    """msgid (or ``(msgid, plural index)``) → translation, from a compiled catalogue."""
    with open(path, "rb") as mo:
        catalogue = dict(gettext.GNUTranslations(mo)._catalog)
    catalogue.pop("", None)  # the header
    return catalogue


def without_context(catalogue):
    return {key: value for key, value in catalogue.items()
            if CONTEXT_SEPARATOR not in (key[0] if isinstance(key, tuple) else key)}


def other_catalogues():
    """The zh_Hans catalogues of every other installed app (Wagtail's, taggit's, Django's
    contrib apps, ...) in INSTALLED_APPS order, then Django's own: Django's lookup order."""
    paths = []
    for app in apps.get_app_configs():
        if app.name == "wagtail_disclosure":
            continue
        path = Path(app.path) / "locale" / LANGUAGE / "LC_MESSAGES" / "django.mo"
        if path.exists():
            paths.append((app.name, path))
    paths.append(("django", Path(django.__file__).parent / "conf" / "locale" / LANGUAGE
                  / "LC_MESSAGES" / "django.mo"))
    return [(name, read_catalogue(path)) for name, path in paths]


@pytest.fixture(scope="module")
def ours():
    return read_catalogue(PACKAGE_MO)


@pytest.fixture(scope="module")
def theirs():
    """What a site shows for each msgid without the package: the first catalogue that has it,
    as (translation, app)."""
    effective = {}
    for name, catalogue in other_catalogues():
        for key, value in catalogue.items():
            effective.setdefault(key, (value, name))
    return effective


def test_the_other_catalogues_are_found(theirs):
    names = {name for name, _ in other_catalogues()}
    assert {"wagtail", "wagtail.admin", "wagtail.users", "django"} <= names
    assert theirs["Published"][1] == "wagtail.admin"  # listed before wagtail


def test_shared_msgids_translate_as_wagtail_and_django_do(ours, theirs):
    shared = [key for key in without_context(ours) if key in theirs]
    # The package does share msgids with them ("Settings", "Yes", ...), with no context.
    assert len(shared) > 10
    differing = {key: (ours[key], *theirs[key]) for key in shared if ours[key] != theirs[key][0]}
    assert not differing, (
        "The package's catalogue translates msgids it shares with other apps differently, and "
        "so rewrites their pages (use a pgettext context for a domain meaning, or translate "
        "as they do):\n" + "\n".join(
            f"  {key!r}: ours {mine!r}, {app}'s {their!r}"
            for key, (mine, their, app) in sorted(differing.items(), key=str)))


@pytest.mark.parametrize("word", sorted(GENERIC_WORDS))
def test_the_admin_shows_wagtails_and_djangos_words(word, theirs):
    """What Wagtail's admin renders for a generic word, in Chinese, with the package
    installed: the translation Wagtail (or Django) ships, never the package's."""
    with translation.override("zh-hans"):
        shown = translation.gettext(word)
    # A word no other catalogue has (the Method of a fee) stays English without its context.
    assert shown == theirs.get(word, (word, None))[0]
    assert shown != GENERIC_WORDS[word]


def test_the_admin_words_read_as_wagtail_ships_them():
    """A few, spelled out: the page explorer's status column, page history, the users list,
    the action menus."""
    with translation.override("zh-hans"):
        assert translation.gettext("Status") == "状态"
        assert translation.gettext("Published") == "已发布"
        assert translation.gettext("Name") == "名字"
        assert translation.gettext("Close") == "关闭"
        assert translation.gettext("Reject") == "拒绝"
        assert translation.gettext("Actions") == "动作"


@pytest.mark.parametrize("context, word, translated", DOMAIN_WORDS)
def test_the_package_keeps_its_domain_words(context, word, translated):
    with translation.override("zh-hans"):
        assert translation.pgettext(context, word) == translated


def test_the_request_forms_and_listing_ask_for_their_domain_words():
    """The labels the package's own screens show come through their contexts."""
    from wagtail_disclosure.requests.choices import ExtensionStatus, Status
    from wagtail_disclosure.requests.filters import InformationRequestFilterSet
    from wagtail_disclosure.requests.forms import RequestForm

    with translation.override("zh-hans"):
        assert str(InformationRequestFilterSet.base_filters["status"].label) == "办理状态"
        assert str(RequestForm.base_fields["name"].label) == "姓名或名称"
        assert str(RequestForm.base_fields["email"].label) == "电子邮箱"
        assert str(Status.IN_PROGRESS.label) == "办理中"
        assert str(ExtensionStatus.REJECTED.label) == "未批准"


def test_the_public_request_form_words_a_missing_field_for_visitors(db):
    """Django's "This field is required." is 必需字段 in Wagtail's admin catalogue; the public
    form asks for its own wording through a context, so visitors read a sentence."""
    from django.utils import translation

    from wagtail_disclosure.requests.forms import RequestForm

    with translation.override("zh-hans"):
        form = RequestForm(data={})
        assert not form.is_valid()
        assert form.errors["name"] == ["此项为必填项。"]
        assert form.errors["description"] == ["此项为必填项。"]
