"""The reviewer groups of a ``ConfidentialityReviewTask``, checked when the task is configured.

A task whose groups nobody can act in would hold every submitted item forever: a group must
have an active member, and its members must be able to reach the admin (``access_admin``, or
be superusers), and the group must be allowed to publish pages somewhere: Wagtail opens the
editor to a task's reviewers, but the last approval of a workflow publishes the page as the
reviewer, which Wagtail refuses without the "publish" page permission.
"""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _


def page_permission(permission_type):
    """The page permission ``permission_type`` ("add", "change", "publish" …) of the site's base
    page model (``wagtailcore.Page``, or Wagtail 8's ``WAGTAIL_PAGE_MODEL``)."""
    import swapper
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    from ..catalogue.pages import Page

    model_name = swapper.split(swapper.get_model_name("wagtailcore", "Page"))[1].lower()
    return Permission.objects.get(content_type=ContentType.objects.get_for_model(Page),
                                  codename=f"{permission_type}_{model_name}")


def group_problems(group):
    """Why members of ``group`` could not review: a list of messages (empty: none)."""
    members = group.user_set.filter(is_active=True)
    if not members.exists():
        return [_("the group “%(group)s” has no active member") % {"group": group.name}]
    can_reach_admin = group.permissions.filter(
        content_type__app_label="wagtailadmin", codename="access_admin").exists()
    if not can_reach_admin and not members.filter(is_superuser=True).exists():
        return [_("members of “%(group)s” cannot reach the Wagtail admin (the group lacks "
                  "“Can access Wagtail admin”)") % {"group": group.name}]
    from wagtail.models import GroupPagePermission

    can_publish = GroupPagePermission.objects.filter(
        group=group, permission=page_permission("publish")).exists()
    if not can_publish and not members.filter(is_superuser=True).exists():
        return [_("“%(group)s” has no permission to publish pages (approving the last task of "
                  "a workflow publishes the page as the reviewer)") % {"group": group.name}]
    return []


class ReviewerGroupsFormField(forms.ModelMultipleChoiceField):
    def clean(self, value):
        groups = super().clean(value)
        problems = [p for group in groups for p in group_problems(group)]
        if problems:
            raise forms.ValidationError(
                _("The reviewers could not act: %(problems)s.") % {"problems": "; ".join(str(p) for p in problems)}, code="no_reviewer")
        return groups


class ReviewerGroupsField(models.ManyToManyField):
    """``AbstractGroupApprovalTask.groups`` with the checks above in its form field. It is the
    same column for migrations (``deconstruct`` names Django's field)."""

    def formfield(self, **kwargs):
        kwargs.setdefault("form_class", ReviewerGroupsFormField)
        kwargs.setdefault("error_messages", {
            "required": _("Choose at least one group of reviewers.")})
        return super().formfield(**kwargs)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.ManyToManyField", args, kwargs
