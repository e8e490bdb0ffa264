"""The governance part of the demo site. Each tool adds its own demo data in its
``demo_*`` module; ``build`` runs them in order."""

import importlib
from types import SimpleNamespace


class DemoContext(SimpleNamespace):
    """What the tools' demos share; read as attributes or as items."""

    def __getitem__(self, name):
        return getattr(self, name)

DEMO_MODULES = ("demo_review", "demo_register", "demo_assessment", "demo_compliance",
                "demo_feedback", "demo_withdrawal")


def _with_default_topic(publish):
    """The demo's items all carry a 主题分类: those the tools add get 综合政务\\政务公开."""

    def publish_with_topic(parent, page, user):
        from ..catalogue.pages import DisclosureItemPage
        from ..catalogue.snippets import Topic

        if isinstance(page, DisclosureItemPage) and page.topic_id is None:
            page.topic = Topic.objects.filter(name="政务公开", parent__name="综合政务").first()
        return publish(parent, page, user)

    return publish_with_topic


def build(context):
    """Add the governance demo data. ``context`` has: report (the DemoReport, whose
    ``tally(what, created)`` counts what was made), user (the superuser or None), section,
    columns (dict slug → column page), organs (dict), today (a date), publish (callable
    ``publish(parent, page, user)`` adding and publishing a page)."""
    context.publish = _with_default_topic(context.publish)
    for name in DEMO_MODULES:
        module = importlib.import_module(f"{__package__}.{name}")
        module.build(context)
