"""Choice lists of the governance tools. The codes are stored; the labels are translated."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DisclosureAttribute(models.TextChoices):
    """公开属性 of an item, set when it is drafted (条例 Arts.13–17). Only 主动公开 items are
    published."""

    PROACTIVE = "proactive", pgettext_lazy("disclosure attribute", "Proactive disclosure")
    ON_REQUEST = "on_request", pgettext_lazy("disclosure attribute", "Disclosed on request")
    NOT_DISCLOSED = "not_disclosed", pgettext_lazy("disclosure attribute", "Not disclosed")


class ExemptionGround(models.TextChoices):
    """The ground for not disclosing (条例 Arts.14–16)."""

    STATE_SECRET = "art14_state_secret", _("Art.14: state secret")
    PROHIBITED_BY_LAW = "art14_prohibited", _("Art.14: disclosure prohibited by law or "
                                              "administrative regulation")
    SECURITY_STABILITY = "art14_security", _("Art.14: endangers national, public or economic "
                                             "security or social stability")
    THIRD_PARTY = "art15_third_party", _("Art.15: commercial secret or personal privacy of a "
                                         "third party")
    INTERNAL_AFFAIRS = "art16_internal", _("Art.16: internal affairs information")
    PROCESS_INFORMATION = "art16_process", _("Art.16: process information")
    ENFORCEMENT_FILE = "art16_enforcement", _("Art.16: administrative enforcement file")


class ReviewConclusion(models.TextChoices):
    """The conclusion of a 保密审查 (条例 Art.17)."""

    DISCLOSE = "disclose", pgettext_lazy("review conclusion", "May be disclosed")
    PARTIAL = "partial", pgettext_lazy("review conclusion", "Partly disclosed")
    WITHHOLD = "withhold", pgettext_lazy("review conclusion", "Not to be disclosed")


class ReviewDecision(models.TextChoices):
    APPROVED = "approved", pgettext_lazy("review decision", "Approved")
    REJECTED = "rejected", pgettext_lazy("review decision", "Returned")


class RegisterEvent(models.TextChoices):
    """What a release register entry records (信息发布审核登记)."""

    PUBLISHED = "published", pgettext_lazy("register event", "Published")
    REPUBLISHED = "republished", pgettext_lazy("register event", "Published again (changed)")
    UNPUBLISHED = "unpublished", pgettext_lazy("register event", "Unpublished")
    WITHDRAWN = "withdrawn", pgettext_lazy("register event", "Withdrawn")
    PUBLICATION_ENDED = "publication_ended", pgettext_lazy("register event",
                                                           "Publication period ended")
    VALIDITY_CHANGED = "validity_changed", pgettext_lazy("register event", "Validity changed")
    DELETED = "deleted", pgettext_lazy("register event", "Deleted")


class WithheldStatus(models.TextChoices):
    WITHHELD = "withheld", pgettext_lazy("withheld information", "Withheld")
    DISCLOSED = "disclosed", pgettext_lazy("withheld information", "Decided to disclose")


class WithheldReviewDecision(models.TextChoices):
    KEEP = "keep", pgettext_lazy("withheld review", "Keep withheld")
    DISCLOSE = "disclose", pgettext_lazy("withheld review", "Disclose")


class FeedbackCategory(models.TextChoices):
    SUGGESTION = "suggestion", pgettext_lazy("feedback category", "Opinion or suggestion")
    QUESTION = "question", pgettext_lazy("feedback category", "Question about disclosure")
    COMPLAINT = "complaint", pgettext_lazy("feedback category", "Complaint")
    ERROR = "error", pgettext_lazy("feedback category", "Error on the site")
    OTHER = "other", pgettext_lazy("feedback category", "Other")


class FeedbackStatus(models.TextChoices):
    NEW = "new", pgettext_lazy("feedback status", "New")
    ASSIGNED = "assigned", pgettext_lazy("feedback status", "Assigned")
    ANSWERED = "answered", pgettext_lazy("feedback status", "Answered")
    CLOSED = "closed", pgettext_lazy("feedback status", "Closed without answer")
