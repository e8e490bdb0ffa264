"""Who may do what with requests (Wagtail groups), and masking of personal data."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q
from wagtail.permission_policies import ModelPermissionPolicy

from .models import InformationRequest

permission_policy = ModelPermissionPolicy(InformationRequest)

APP = "wagtail_disclosure"
VIEW = f"{APP}.view_informationrequest"
PROCESS = f"{APP}.process_informationrequest"
APPROVE = f"{APP}.approve_extension"
PERSONAL_DATA = f"{APP}.view_personal_data"


def can_view(user):
    return user.is_active and (user.has_perm(VIEW) or user.has_perm(PROCESS))


def can_process(user):
    return user.is_active and user.has_perm(PROCESS)


def can_approve(user):
    return user.is_active and user.has_perm(APPROVE)


def can_see_personal_data(user):
    return user.is_active and user.has_perm(PERSONAL_DATA)


def users_with_permission(codename):
    """Active users holding a permission of this app, directly, by group, or as superusers."""
    perm = Permission.objects.filter(content_type__app_label=APP, codename=codename)
    return get_user_model().objects.filter(
        Q(is_superuser=True) | Q(user_permissions__in=perm) | Q(groups__permissions__in=perm),
        is_active=True).distinct()


def mask(value, keep_start=3, keep_end=4):
    """``110105********1234``: the middle replaced by asterisks. Short values are starred."""
    value = value or ""
    if len(value) <= keep_start + keep_end:
        return "*" * len(value)
    # At least 4 characters are hidden, so that a short number (a passport, an 8-digit permit)
    # is not shown all but one character.
    hidden = max(4, len(value) - keep_start - keep_end)
    keep_start = min(keep_start, (len(value) - hidden) // 2)
    keep_end = len(value) - hidden - keep_start
    return value[:keep_start] + "*" * hidden + (value[-keep_end:] if keep_end else "")


def mask_name(value):
    """张** / 某某公司 is kept: organisations' names are not personal data."""
    value = value or ""
    return value[:1] + "*" * (len(value) - 1) if value else ""


def masked_fields(request_obj, user):
    """The applicant's identifying fields as this user may see them."""
    if can_see_personal_data(user):
        return {"name": request_obj.name, "id_number": request_obj.id_number,
                "phone": request_obj.phone, "email": request_obj.email,
                "address": request_obj.address,
                "legal_representative": request_obj.legal_representative}
    is_person = request_obj.applicant_type == "natural_person"
    return {
        "name": mask_name(request_obj.name) if is_person else request_obj.name,
        "id_number": mask(request_obj.id_number, 3, 4),
        "phone": mask(request_obj.phone, 3, 4),
        "email": (request_obj.email[:1] + "***@" + request_obj.email.split("@")[-1]
                  if "@" in request_obj.email else ""),
        "address": (request_obj.address[:6] + "…") if request_obj.address else "",
        "legal_representative": mask_name(request_obj.legal_representative),
    }
