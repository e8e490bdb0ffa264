"""Admin of the governance tool 'review' (保密审查, 条例 Art.17): the checklist the agency edits,
the audit-log actions of the review and of back-dating, and the guard of the bulk "publish"
action (only 主动公开 items are published)."""

from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import LogFormatter

from . import classification, review, review_guard
from .choices import ExemptionGround, ReviewConclusion
from .models import ChecklistQuestion


class ChecklistQuestionViewSet(ModelViewSet):
    """The questions every reviewer answers when recording a conclusion."""

    model = ChecklistQuestion
    icon = "list-ol"
    menu_label = _("Confidentiality checklist")
    name = "disclosure_review_checklist"
    url_prefix = "disclosure/review-checklist"
    form_fields = ["text", "help_text", "sort_order", "active"]
    list_display = ["text", "sort_order", "active"]
    list_filter = ["active"]
    ordering = ["sort_order", "pk"]
    copy_view_enabled = False


VIEWSETS = [ChecklistQuestionViewSet]


def _label(choices, code):
    try:
        return str(choices(code).label)
    except ValueError:
        return code or ""


class ReviewFormatter(LogFormatter):
    """'保密审查：<conclusion>（<ground>）', the reviewer's comment as the entry's comment."""

    prefix = ""

    def format_message(self, log_entry):
        data = log_entry.data or {}
        text = str(self.prefix)
        if data.get("conclusion"):
            text += _(": %(conclusion)s") % {
                "conclusion": _label(ReviewConclusion, data["conclusion"])}
        if data.get("ground"):
            text += _(" (%(ground)s)") % {"ground": _label(ExemptionGround, data["ground"])}
        answered_yes = [a.get("question", "") for a in data.get("answers") or []
                        if a.get("answer") == "yes"]
        if answered_yes:
            text += _("; answered yes: %(questions)s") % {"questions": "、".join(answered_yes)}
        return text

    def format_comment(self, log_entry):
        return (log_entry.data or {}).get("comment", "")


class ApproveFormatter(ReviewFormatter):
    label = _("Confidentiality review: approve")
    prefix = _("Confidentiality review approved")


class RejectFormatter(ReviewFormatter):
    label = _("Confidentiality review: return")
    prefix = _("Confidentiality review returned the item")


class WithholdFormatter(ReviewFormatter):
    label = _("Confidentiality review: not to be disclosed")
    prefix = _("Confidentiality review concluded the item is not to be disclosed")


class BackdatedFormatter(LogFormatter):
    label = _("Publish with an earlier publication date")

    def format_message(self, log_entry):
        return _("Published with the publication date %(date)s") % {
            "date": (log_entry.data or {}).get("published_on", "")}

    def format_comment(self, log_entry):
        return (log_entry.data or {}).get("reason", "")


@hooks.register("register_log_actions")
def register_review_log_actions(actions):
    actions.register_action(review.APPROVE_ACTION)(ApproveFormatter)
    actions.register_action(review.REJECT_ACTION)(RejectFormatter)
    actions.register_action(review.WITHHOLD_ACTION)(WithholdFormatter)
    actions.register_action(review_guard.BACKDATED_ACTION)(BackdatedFormatter)


@hooks.register("before_bulk_action")
def refuse_bulk_publishing_of_non_proactive_items(request, action_type, objects, action):
    """The pages' bulk "publish" publishes each page's latest draft: refuse it when a draft is
    not 主动公开 (nothing is published)."""
    if action_type != "publish" or request.method != "POST":
        return None
    refused = []
    for obj in objects:
        specific = getattr(obj, "specific", obj)
        draft = (specific.get_latest_revision_as_object()
                 if hasattr(specific, "get_latest_revision_as_object") else specific)
        if classification.publication_errors(draft):
            refused.append(draft.get_admin_display_title())
    if not refused:
        return None
    messages.error(request, _("Nothing was published: only items disclosed proactively "
                              "(主动公开) can be published, and these are not: %(titles)s") % {
        "titles": "、".join(refused)})
    return redirect(get_valid_next_url_from_request(request) or "wagtailadmin_explore_root")
