"""Models of the governance tools: confidentiality review, the release register, withheld
information and the feedback box.

The page types (``FeedbackPage``) live in ``governance/pages.py``; the workflow task in
``governance/workflows.py``.
"""

import swapper
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .choices import (
    ExemptionGround,
    FeedbackCategory,
    FeedbackStatus,
    RegisterEvent,
    ReviewConclusion,
    ReviewDecision,
    WithheldReviewDecision,
    WithheldStatus,
)
from .register_guard import RegisterEntryGuard, RegisterEntryQuerySet

swapper.set_app_prefix("wagtailcore", "wagtail")
PAGE_MODEL = swapper.get_model_name("wagtailcore", "Page")


# -- 保密审查 (条例 Art.17) -------------------------------------------------------------------


class ChecklistQuestion(models.Model):
    """One question of the confidentiality review checklist. The agency edits the list; the
    reviewer answers every active question when recording a conclusion."""

    text = models.CharField(_("question"), max_length=255)
    help_text = models.CharField(_("help text"), max_length=500, blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("confidentiality checklist question")
        verbose_name_plural = _("confidentiality checklist questions")

    def __str__(self):
        return self.text


class ConfidentialityReview(models.Model):
    """A reviewer's recorded decision on one revision in a ``ConfidentialityReviewTask``.

    Kept when the page or the task state is deleted (the register quotes it)."""

    page = models.ForeignKey(PAGE_MODEL, verbose_name=_("page"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    revision = models.ForeignKey("wagtailcore.Revision", verbose_name=_("revision"), null=True,
                                 blank=True, on_delete=models.SET_NULL, related_name="+")
    task_state = models.ForeignKey("wagtailcore.TaskState", verbose_name=_("task state"),
                                   null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("reviewer"),
                                 null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    reviewer_name = models.CharField(_("reviewer name"), max_length=255, blank=True)
    decision = models.CharField(_("decision"), max_length=20, choices=ReviewDecision.choices)
    conclusion = models.CharField(_("conclusion"), max_length=20, blank=True,
                                  choices=ReviewConclusion.choices)
    ground = models.CharField(_("ground"), max_length=40, blank=True,
                              choices=ExemptionGround.choices)
    #: [{"question": text, "answer": "yes" | "no", "note": text}, ...] as asked at the time
    answers = models.JSONField(_("checklist answers"), default=list, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("confidentiality review")
        verbose_name_plural = _("confidentiality reviews")

    def __str__(self):
        return f"{self.get_decision_display()} · {self.reviewer_name}"


# -- 信息发布审核登记 (the release register) ---------------------------------------------------


class ReleaseRegisterEntry(RegisterEntryGuard, models.Model):
    """One immutable line of the release register (信息发布审核登记).

    Written by ``governance.register.record``; never updated or deleted (the model, its
    queryset and, on PostgreSQL and SQLite, database triggers refuse it). It refers to the
    page by id only, with copies of what it showed, so that deleting the page leaves it."""

    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True, db_index=True)
    event = models.CharField(_("event"), max_length=30, choices=RegisterEvent.choices)
    page_id = models.PositiveIntegerField(_("page id"), db_index=True)
    page_type = models.CharField(_("page type"), max_length=100, blank=True)
    revision_id = models.PositiveIntegerField(_("revision id"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=255)
    index_number = models.CharField(_("index number"), max_length=64, blank=True)
    url = models.CharField(_("URL"), max_length=1000, blank=True)
    organ_id = models.PositiveIntegerField(_("organ id"), null=True, blank=True, db_index=True)
    organ_name = models.CharField(_("publishing organ"), max_length=255, blank=True)
    column_id = models.PositiveIntegerField(_("column id"), null=True, blank=True,
                                            db_index=True)
    column_title = models.CharField(pgettext_lazy("disclosure column", "column"),
                                    max_length=255, blank=True)
    drafter_name = models.CharField(_("drafter"), max_length=255, blank=True)
    reviewer_name = models.CharField(_("reviewer"), max_length=255, blank=True)
    review_conclusion = models.CharField(_("review conclusion"), max_length=20, blank=True,
                                         choices=ReviewConclusion.choices)
    approver_name = models.CharField(_("approver"), max_length=255, blank=True)
    event_at = models.DateTimeField(_("time"), db_index=True)
    publication_date = models.DateField(_("publication date"), null=True, blank=True)
    channels = models.JSONField(_("channels"), default=list, blank=True)
    backdated = models.BooleanField(_("back-dated"), default=False)
    backdating_reason = models.TextField(_("back-dating reason"), blank=True)
    #: the public reason of a withdrawal, the old and new validity, …
    detail = models.TextField(_("detail"), blank=True)

    objects = RegisterEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-event_at", "-pk"]
        # entries are never added, changed or deleted by hand
        default_permissions = ("view",)
        verbose_name = _("release register entry")
        verbose_name_plural = _("release register entries")

    def __str__(self):
        return f"{self.event_at:%Y-%m-%d %H:%M} {self.get_event_display()} {self.title}"


# -- 不予公开 register (条例 Art.18) ------------------------------------------------------------


class WithheldInformation(models.Model):
    """Information the agency decided not to disclose, with its ground and the date its
    decision is next reviewed (条例 Art.18: 定期对不予公开的政府信息进行评估审查)."""

    title = models.CharField(_("title"), max_length=255)
    organ = models.ForeignKey("wagtail_disclosure.PublishingOrgan",
                              verbose_name=_("publishing organ"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    description = models.TextField(_("description"), blank=True)
    ground = models.CharField(_("ground"), max_length=40, choices=ExemptionGround.choices)
    reason = models.TextField(_("reason"))
    decided_on = models.DateField(_("decided on"))
    review_due_on = models.DateField(_("next review due"), db_index=True)
    status = models.CharField(_("status"), max_length=20, choices=WithheldStatus.choices,
                              default=WithheldStatus.WITHHELD, db_index=True)
    #: the draft item this entry came from, or the draft created when it is disclosed
    page = models.ForeignKey(PAGE_MODEL, verbose_name=_("item"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("entered by"),
                                   null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    #: the site (agency) the entry belongs to: its item's site, else the one chosen when it
    #: was entered (docs/how-to/multi-site.md)
    site = models.ForeignKey("wagtailcore.Site", verbose_name=_("site"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["review_due_on", "pk"]
        verbose_name = _("withheld information")
        verbose_name_plural = _("withheld information")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.site_id is None and self.page_id is not None:
            from ..sites import site_id_for_page

            self.site_id = site_id_for_page(self.page)
        super().save(*args, **kwargs)


class WithheldReview(models.Model):
    """One periodic review of a withheld entry."""

    entry = models.ForeignKey(WithheldInformation, on_delete=models.CASCADE,
                              related_name="reviews")
    reviewed_on = models.DateField(_("reviewed on"))
    decision = models.CharField(_("decision"), max_length=20,
                                choices=WithheldReviewDecision.choices)
    note = models.TextField(_("note"), blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("reviewed by"),
                                    null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")

    class Meta:
        ordering = ["-reviewed_on", "-pk"]
        verbose_name = _("withheld information review")
        verbose_name_plural = _("withheld information reviews")


# -- 意见箱 (the feedback box) ----------------------------------------------------------------


class Feedback(models.Model):
    """An opinion left by a visitor on a ``FeedbackPage``.

    Name, email and phone are personal data: shown only to staff with the personal-data
    permission, never in any page API, never published."""

    page = models.ForeignKey("wagtail_disclosure.FeedbackPage", verbose_name=_("page"),
                             null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="feedback")
    reference = models.CharField(_("reference"), max_length=32, unique=True)
    received_at = models.DateTimeField(_("received at"), db_index=True)
    category = models.CharField(_("category"), max_length=20,
                                choices=FeedbackCategory.choices,
                                default=FeedbackCategory.SUGGESTION)
    subject = models.CharField(_("subject"), max_length=200)
    message = models.TextField(_("message"))
    name = models.CharField(_("name"), max_length=100, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=FeedbackStatus.choices,
                              default=FeedbackStatus.NEW, db_index=True)
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("assigned to"),
                                    null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("answered by"),
                                    null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    answer_emailed_at = models.DateTimeField(_("answer emailed at"), null=True, blank=True)
    #: what the page shows when published: edited by staff, without personal data
    public_question = models.TextField(_("question as published"), blank=True)
    public_answer = models.TextField(_("answer as published"), blank=True)
    published = models.BooleanField(_("published"), default=False, db_index=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    #: closed without an answer (status CLOSED): when and why; answered_at stays empty
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    close_reason = models.CharField(_("reason for closing"), max_length=500, blank=True)
    #: the answer's email: attempts made and the last failure (without any address)
    answer_email_attempts = models.PositiveSmallIntegerField(_("answer email attempts"),
                                                             default=0)
    answer_email_error = models.CharField(_("answer email error"), max_length=300,
                                          blank=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        permissions = [
            ("answer_feedback", _("Can assign, answer and publish feedback")),
            ("view_feedback_personal_data", _("Can see the contact details of feedback")),
        ]

    def __str__(self):
        # The reference alone: the subject is the visitor's text and may hold personal data
        # (this string labels the audit log and the admin's breadcrumbs).
        return self.reference


class GovernancePermissions(models.Model):
    """Holds the permissions of the governance views that have no model of their own."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("view_compliance", _("Can see the compliance self-inspection")),
            ("view_assessment", _("Can see the assessment report")),
            ("withdraw_item", _("Can withdraw published items")),
        ]
