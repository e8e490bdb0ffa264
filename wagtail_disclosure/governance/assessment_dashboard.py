"""The dashboard panel of timeliness (条例 Art.26): drafts nearing or past the 20-working-day
limit, and the items published late this month. Bounded lists (the first ``LIST_SIZE`` and a
count), five queries whatever the number of items."""

import datetime

from django.db.models import Q
from django.utils import timezone
from wagtail.admin.ui.components import Component

from ..conf import disclosure_settings
from ..workdays import default_calendar
from . import timeliness

#: How many items each list of the panel shows (the count says how many there are).
LIST_SIZE = 10


def can_edit_items(user):
    """Whether ``user`` may edit or publish pages anywhere (the panel is for editors)."""
    from wagtail.permission_policies.pages import PagePermissionPolicy

    if not (user and user.is_active):
        return False
    return PagePermissionPolicy().user_has_any_permission(user, ["change", "publish"])


def _scopes(site_ids, calendar):
    """``[(Q on pages, calendar), …]``: the whole installation with one calendar on a single
    site (or with a ``calendar`` given); on a platform of several sites, one per site of
    ``site_ids`` (None: every site) with that site's calendar (its local holidays)."""
    from .. import sites

    if site_ids is None and (calendar is not None or not sites.is_multi_site()):
        return [(Q(), calendar if calendar is not None else default_calendar())]
    ids = site_ids if site_ids is not None else {r.site_id for r in sites.site_root_paths()}
    scopes = [(sites.url_path_q({site_id}),
               calendar if calendar is not None else default_calendar(site_id))
              for site_id in sorted(ids)]
    return scopes or [(Q(pk__in=[]), default_calendar())]


def panel_data(today=None, calendar=None, site_ids=None):
    """What the panel shows, as plain data: ``due_soon`` and ``past_due`` (drafts, each with
    its ``deadline``), ``published_late`` (this month's late items, each with ``late_by``),
    with the total counts and the settings used. ``site_ids``: the items of those sites only,
    each site's deadlines counted with its own calendar (None: the whole installation)."""
    from .. import sites
    from ..catalogue.pages import DisclosureItemPage
    from .choices import DisclosureAttribute

    today = today or timezone.localdate()
    limit = disclosure_settings.TIMELINESS_WORKING_DAYS
    warning = disclosure_settings.TIMELINESS_WARNING_WORKING_DAYS
    scopes = _scopes(site_ids, calendar)
    in_scope = past_due_q = due_soon_q = None  # (an empty Q would vanish in an "or")

    def either(first, second):
        return second if first is None else first | second

    for pages_q, scope_calendar in scopes:
        horizon = scope_calendar.add_working_days(today, warning)
        # deadline(f) is non-decreasing in f: the cut-offs select the drafts by formation date
        due_by_horizon = timeliness.latest_formation_due_by(horizon, scope_calendar)
        due_before_today = timeliness.latest_formation_due_by(
            today - datetime.timedelta(days=1), scope_calendar)
        in_scope = either(in_scope, pages_q)
        past_due_q = either(past_due_q, pages_q & Q(formation_date__lte=due_before_today))
        due_soon_q = either(due_soon_q, pages_q & Q(formation_date__gt=due_before_today,
                                                    formation_date__lte=due_by_horizon))
    drafts = (DisclosureItemPage.objects
              .filter(live=False, published_on__isnull=True, formation_date__isnull=False,
                      disclosure_attribute=DisclosureAttribute.PROACTIVE)
              .only("pk", "title", "formation_date", "draft_title", "url_path"))
    past_due = drafts.filter(past_due_q)
    due_soon = drafts.filter(due_soon_q)
    month_start = today.replace(day=1)
    late = (DisclosureItemPage.objects
            .filter(in_scope, published_on__gte=month_start, published_on__lte=today,
                    publication_working_days__gt=limit)
            .only("pk", "title", "published_on", "publication_working_days"))

    def calendar_of(page):
        if len(scopes) == 1:
            return scopes[0][1]
        return calendar if calendar is not None else default_calendar(
            sites.site_id_for_page(page))

    def with_deadlines(pages):
        for page in pages:
            page.timeliness_deadline = timeliness.deadline_for(page.formation_date,
                                                               calendar_of(page))
        return pages

    late_items = list(late.order_by("-publication_working_days", "pk")[:LIST_SIZE])
    for page in late_items:
        page.late_by = timeliness.late_by(page.publication_working_days, limit)
    return {
        "due_soon": with_deadlines(list(due_soon.order_by("formation_date", "pk")[:LIST_SIZE])),
        "due_soon_count": due_soon.count(),
        "past_due": with_deadlines(list(past_due.order_by("-formation_date", "pk")
                                        [:LIST_SIZE])),
        "past_due_count": past_due.count(),
        "published_late": late_items,
        "published_late_count": late.count(),
        "limit": limit,
        "warning": warning,
    }


class TimelinessPanel(Component):
    """The dashboard panel (``construct_homepage_panels``), for users who can edit pages."""

    name = "wagtail_disclosure_timeliness"
    template_name = "wagtail_disclosure/governance/assessment/dashboard_panel.html"
    order = 160

    def __init__(self, user):
        self.user = user

    @classmethod
    def for_user(cls, user):
        return cls(user) if can_edit_items(user) else None

    def get_context_data(self, parent_context=None):
        from .assessment_views import can_view

        from .. import sites

        # the items of the user's sites only (docs/how-to/multi-site.md)
        return {**panel_data(site_ids=sites.staff_site_ids(self.user)),
                "can_view_assessment": can_view(self.user)}
