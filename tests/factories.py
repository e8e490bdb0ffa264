"""Small builders for test data (plain functions: the suite needs no factory library)."""

import datetime
import itertools

from wagtail.models import Site

from home.models import HomePage
from wagtail_disclosure.catalogue.pages import Page  # the configured base page model
from wagtail_disclosure.models import (
    DisclosureColumnPage,
    DisclosureIndexPage,
    DisclosureItemPage,
    PowerItemPage,
    PublishingOrgan,
    Topic,
)

_counter = itertools.count(1)


def home_page():
    """The default site's root page, as a HomePage (created once per test database)."""
    site = Site.objects.get(is_default_site=True)
    root = site.root_page.specific
    if isinstance(root, HomePage):
        return root
    home = Page.get_first_root_node().add_child(
        instance=HomePage(title="区供销合作社", slug=f"home-{next(_counter)}")
    )
    site.root_page = home
    site.save()
    return home


def organ(name="温州市鹿城区供销合作社", code="014320144"):
    obj, _ = PublishingOrgan.objects.get_or_create(code=code, defaults={"name": name})
    return obj


def section(**kwargs):
    existing = DisclosureIndexPage.objects.first()
    if existing:
        return existing
    kwargs.setdefault("title", "政府信息公开")
    kwargs.setdefault("slug", "zfxxgk")
    kwargs.setdefault("office_name", "区供销社办公室")
    kwargs.setdefault("office_phone", "0577-88888888")
    kwargs.setdefault("request_channels", ["in_person", "post", "online"])
    return home_page().add_child(instance=DisclosureIndexPage(**kwargs))


def column(parent=None, title=None, **kwargs):
    parent = parent or section()
    n = next(_counter)
    return parent.add_child(
        instance=DisclosureColumnPage(title=title or f"栏目{n}", slug=f"column-{n}", **kwargs)
    )


def item(parent, title=None, publish=True, organ_obj=None, **kwargs):
    """A disclosure item under ``parent``; published (so it gets its 索引号) unless told not."""
    n = next(_counter)
    kwargs.setdefault("formation_date", datetime.date(2024, 3, 1))
    page = DisclosureItemPage(
        title=title or f"信息条目{n}", slug=f"item-{n}", organ=organ_obj or organ(), live=False,
        **kwargs,
    )
    parent.add_child(instance=page)
    if publish:
        page.save_revision().publish()
        page.refresh_from_db()
    return page


def power_item(parent, title=None, publish=True, **kwargs):
    n = next(_counter)
    page = PowerItemPage(title=title or f"行政权力事项{n}", slug=f"power-{n}", organ=organ(),
                         live=False, **kwargs)
    parent.add_child(instance=page)
    if publish:
        page.save_revision().publish()
        page.refresh_from_db()
    return page


def topic(path):
    """The seeded topic at ``path`` such as '综合政务\\政务公开'."""
    parent = None
    for name in path.split("\\"):
        parent = Topic.objects.get(name=name, parent=parent)
    return parent
