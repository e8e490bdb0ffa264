"""The page types subclass the site's base page model (Wagtail 8's swappable WAGTAIL_PAGE_MODEL).

Runs under both settings, never skipped:

* ``agency.settings`` (Wagtail 8 or 7.4): the base is ``wagtailcore.Page``;
* ``tests.settings_custom_page`` (Wagtail 8): the base is ``custom_page.AgencyBasePage``.

``wagtail.models.AbstractPage`` (Wagtail 8 only) is never imported here: the custom base model
is looked up through the app registry, so the module imports on Wagtail 7.4 too.
"""

import datetime

import pytest
import swapper
from django.apps import apps
from django.conf import settings
from wagtail.models import Site

from home.models import HomePage
from wagtail_disclosure.models import (
    DisclosureColumnPage,
    DisclosureIndexPage,
    DisclosureItemPage,
    FeedbackPage,
    PowerItemPage,
    PublishingOrgan,
)

swapper.set_app_prefix("wagtailcore", "wagtail")

SWAPPED = swapper.is_swapped("wagtailcore", "Page")
PAGE_TYPES = [HomePage, DisclosureIndexPage, DisclosureColumnPage, DisclosureItemPage,
              PowerItemPage, FeedbackPage]


def base_page_model():
    return swapper.load_model("wagtailcore", "Page")


def test_page_types_subclass_the_configured_base_page_model():
    base = base_page_model()
    if SWAPPED:
        assert settings.WAGTAIL_PAGE_MODEL == "custom_page.AgencyBasePage"
        custom = apps.get_model("custom_page", "AgencyBasePage")
        assert base is custom
        from wagtail.models import AbstractPage, Page as WagtailcorePage

        assert issubclass(custom, AbstractPage)
        assert custom in DisclosureItemPage.__mro__
        assert WagtailcorePage not in DisclosureItemPage.__mro__
        assert WagtailcorePage._meta.swapped == "custom_page.AgencyBasePage"
        # multi-table inheritance straight onto the custom table
        assert DisclosureItemPage._meta.get_ancestor_link(custom).name == "agencybasepage_ptr"
    else:
        from wagtail.models import Page as WagtailcorePage

        assert base is WagtailcorePage
        assert base._meta.label == "wagtailcore.Page"
        assert WagtailcorePage in DisclosureItemPage.__mro__
        assert DisclosureItemPage._meta.get_ancestor_link(base).name == "page_ptr"
        assert not apps.is_installed("tests.custom_page")
    for model in PAGE_TYPES:
        assert issubclass(model, base), model
        if hasattr(model, "base_page_model"):  # Wagtail 8
            assert model.base_page_model is base, model


@pytest.mark.django_db
def test_item_can_be_created_published_and_rendered(client):
    base = base_page_model()
    extra = {"department": "办公室"} if SWAPPED else {}

    site = Site.objects.get(is_default_site=True)
    root = base.get_first_root_node()
    assert isinstance(site.root_page, base)
    home = root.add_child(instance=HomePage(title="区供销合作社", slug="compat-home", **extra))
    site.root_page = home
    site.save()
    section = home.add_child(instance=DisclosureIndexPage(
        title="政府信息公开", slug="zfxxgk", request_channels=["in_person", "post"]))
    column = section.add_child(instance=DisclosureColumnPage(title="通知公告", slug="tzgg"))
    organ = PublishingOrgan.objects.create(name="温州市鹿城区供销合作社", code="014320144")
    item = DisclosureItemPage(title="关于开展2024年度农资打假工作的通知", slug="nzdj", organ=organ,
                              formation_date=datetime.date(2024, 3, 1), live=False, **extra)
    column.add_child(instance=item)
    item.save_revision().publish()
    item.refresh_from_db()

    assert item.live
    assert item.index_number.startswith("014320144/")
    # the base table holds the row, and .specific gets the item back
    base_row = base.objects.get(pk=item.pk)
    assert type(base_row) is base
    assert isinstance(base_row.specific, DisclosureItemPage)
    assert list(DisclosureItemPage.objects.live().descendant_of(column)) == [item]

    response = client.get(item.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "关于开展2024年度农资打假工作的通知" in html
    assert item.index_number in html
    rendered_page = response.context["page"]
    assert isinstance(rendered_page, DisclosureItemPage)
    if SWAPPED:
        # the custom base page's own field round-trips through the revision and rendering
        assert item.department == "办公室"
        assert base_row.department == "办公室"
        assert item.live_revision.content["department"] == "办公室"
        assert rendered_page.department == "办公室"
        item.department = "法规科"
        item.save_revision().publish()
        assert base.objects.get(pk=item.pk).department == "法规科"
        assert client.get(item.url).context["page"].department == "法规科"
    else:
        assert not hasattr(item, "department")


def test_no_test_module_uses_the_swapped_out_page_model():
    """Tests that create pages use the configured base page model.

    ``wagtail.models.Page`` has no table when ``WAGTAIL_PAGE_MODEL`` is swapped, so a test importing
    it passes on the default settings and errors only in the custom-page leg (as the search tests
    once did). The browser tests and benchmarks run on the default settings only.
    """
    import ast
    from pathlib import Path

    offenders = []
    for path in sorted(Path(__file__).parent.glob("test_*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "wagtail.models":
                names = [(alias.name, alias.asname) for alias in node.names]
                if ("Page", None) in names:
                    offenders.append(f"{path.name}:{node.lineno}")
    assert not offenders, (
        "import the base page model from wagtail_disclosure.catalogue.pages instead: "
        + ", ".join(offenders)
    )


def test_the_package_migrations_name_the_configured_base_page_model():
    """A page type's migration bases and links use ``PAGE_MODEL`` (swapper), never the literal
    ``wagtailcore.page``: with a swapped page model the literal builds a table whose parent
    link points at a table that does not exist (as the feedback box's first migration did)."""
    from pathlib import Path

    import wagtail_disclosure

    migrations = Path(wagtail_disclosure.__file__).parent / "migrations"
    offenders = [path.name for path in sorted(migrations.glob("0*.py"))
                 if "'wagtailcore.page'" in path.read_text(encoding="utf-8").lower()
                 or '"wagtailcore.page"' in path.read_text(encoding="utf-8").lower()]
    assert not offenders, offenders
