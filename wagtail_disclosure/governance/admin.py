"""The governance menu of the Wagtail admin (政务公开管理). Each tool contributes its
viewsets through its own ``*_admin`` module's ``VIEWSETS``; hooks of a tool live in its module.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup

from . import (
    assessment_admin,
    compliance_admin,
    feedback_admin,
    register_admin,
    review_admin,
    withdrawal_admin,
)

TOOL_MODULES = (compliance_admin, register_admin, assessment_admin, review_admin,
                withdrawal_admin, feedback_admin)


class GovernanceViewSetGroup(ViewSetGroup):
    items = tuple(viewset for module in TOOL_MODULES for viewset in module.VIEWSETS)
    menu_icon = "clipboard-list"
    menu_label = _("Disclosure governance")
    menu_name = "disclosure-governance-group"
    menu_order = 260


@hooks.register("register_admin_viewset")
def register_governance_viewsets():
    return GovernanceViewSetGroup()
