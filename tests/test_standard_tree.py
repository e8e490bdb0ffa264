"""``manage.py disclosure_create_section``: the standard column tree of a new section
(wagtail_disclosure.catalogue.standard_tree)."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from wagtail.models import Revision

from tests.factories import home_page
from wagtail_disclosure.catalogue.pages import Page  # the configured base page model
from wagtail_disclosure.catalogue.standard_tree import STANDARD_TREE
from wagtail_disclosure.models import (
    AnnualReportIndexPage,
    DisclosureColumnPage,
    DisclosureIndexPage,
    DisclosureItemPage,
)

pytestmark = pytest.mark.django_db


def _run(*args):
    out = io.StringIO()
    call_command("disclosure_create_section", *args, stdout=out)
    return out.getvalue()


def _tree_size(nodes):
    return sum(1 + _tree_size(node.get("children", ())) for node in nodes)


def test_creates_the_published_section_with_the_standard_columns():
    home = home_page()
    output = _run()

    section = DisclosureIndexPage.objects.get()
    assert section.get_parent().pk == home.pk
    assert (section.title, section.slug, section.live) == ("政府信息公开", "zfxxgk", True)
    assert section.request_channels == ["in_person", "post"]
    top = [(p.slug, p.title, type(p.specific)) for p in section.get_children().specific()]
    assert top == [
        ("gkzn", "政府信息公开指南", DisclosureColumnPage),
        ("gkzd", "政府信息公开制度", DisclosureColumnPage),
        ("fdzdgknr", "法定主动公开内容", DisclosureColumnPage),
        ("gknb", "政府信息公开年报", AnnualReportIndexPage),
    ]
    statutory = DisclosureColumnPage.objects.get(slug="fdzdgknr")
    sub = [p.slug for p in statutory.get_children()]
    assert sub[:5] == ["jgzn", "zcwj", "ghjh", "xzql", "czzj"]
    assert len(sub) >= 5
    below = Page.objects.descendant_of(section)
    assert below.count() == _tree_size(STANDARD_TREE)
    assert not below.filter(live=False).exists()
    # published through revisions, as an editor would, and without any content
    assert Revision.page_revisions.filter(object_id=str(section.pk)).exists()
    assert not DisclosureItemPage.objects.exists()
    assert "13 page(s) created, 0 already present." in output
    assert "/zfxxgk/fdzdgknr/zcwj/" in output


def test_the_section_and_a_column_are_served():
    home_page()
    _run()
    client = Client()
    section = client.get("/zfxxgk/")
    assert section.status_code == 200
    assert "政府信息公开指南" in section.content.decode()
    column = client.get("/zfxxgk/fdzdgknr/zcwj/")
    assert column.status_code == 200
    assert "政策文件" in column.content.decode()
    assert client.get("/zfxxgk/gknb/").status_code == 200


def test_running_twice_creates_nothing_and_says_so():
    home_page()
    _run()
    pages, revisions = Page.objects.count(), Revision.objects.count()
    output = _run()
    assert Page.objects.count() == pages
    assert Revision.objects.count() == revisions
    assert output.startswith("Nothing to do")


def test_missing_columns_are_added_and_edited_ones_kept():
    home_page()
    _run()
    DisclosureColumnPage.objects.get(slug="zcwj").delete()
    guide = DisclosureColumnPage.objects.get(slug="gkzn")
    guide.title = "本机关政府信息公开指南"
    guide.save_revision().publish()

    output = _run()

    assert DisclosureColumnPage.objects.filter(slug="zcwj", live=True).count() == 1
    assert DisclosureColumnPage.objects.get(slug="gkzn").title == "本机关政府信息公开指南"
    assert "1 page(s) created, 12 already present." in output


def test_dry_run_writes_nothing():
    home_page()
    pages = Page.objects.count()
    output = _run("--dry-run")
    assert Page.objects.count() == pages
    assert "would create" in output and "/zfxxgk/gknb/" in output
    assert "13 page(s) would be created" in output


def test_title_slug_and_parent_by_path():
    home = home_page()
    about = home.add_child(instance=Page(title="关于我们", slug="about"))
    _run("--parent", "/about/", "--title", "政务公开", "--slug", "zwgk")
    section = DisclosureIndexPage.objects.get()
    assert (section.title, section.slug, section.get_parent().pk) == ("政务公开", "zwgk", about.pk)
    assert Client().get("/about/zwgk/fdzdgknr/").status_code == 200


def test_parent_by_id():
    home = home_page()
    _run("--parent", str(home.pk))
    assert DisclosureIndexPage.objects.get().get_parent().pk == home.pk


def test_one_section_per_site():
    home_page()
    _run()
    with pytest.raises(CommandError, match="already has its 政府信息公开 section") as exc:
        _run("--slug", "xxgk")
    assert "--slug zfxxgk" in str(exc.value)
    assert DisclosureIndexPage.objects.count() == 1


@pytest.mark.parametrize("parent", ["999999", "/no/such/page/"])
def test_unknown_parent_is_a_clear_error(parent):
    home_page()
    with pytest.raises(CommandError, match="--parent"):
        _run("--parent", parent)
    assert not DisclosureIndexPage.objects.exists()


def test_a_page_of_another_type_with_the_slug_is_refused():
    home = home_page()
    home.add_child(instance=Page(title="政府信息公开（旧）", slug="zfxxgk"))
    with pytest.raises(CommandError, match="already has the slug 'zfxxgk'"):
        _run()
    assert not DisclosureIndexPage.objects.exists()


def test_a_parent_that_does_not_allow_a_section_is_refused(monkeypatch):
    from home.models import HomePage

    home = home_page()
    # a home page type whose subpage_types leave the section out
    monkeypatch.setattr(HomePage, "_clean_subpage_models", [HomePage])
    with pytest.raises(CommandError, match="subpage_types"):
        _run("--parent", str(home.pk))
    assert not DisclosureIndexPage.objects.exists()
