"""The admin side of many agencies on one installation (see :mod:`wagtail_disclosure.sites`):
model viewsets whose rows belong to a site, the site field of their forms, and the permission
policy of the package's site settings.

- :class:`SiteScopedViewSetMixin` makes a Wagtail ``ModelViewSet`` show a staff member the rows
  of their sites only: the listing and its export, and the edit, delete, inspect, history and
  usage views (another site's row by its URL is a 404, as if it did not exist);
- :func:`limit_site_field` gives a form's ``site`` field the user's sites only, required on a
  platform of several sites for staff restricted to some (removed with a single site);
- :class:`SiteSettingsPermissionPolicy` is the policy of a ``BaseSiteSetting`` (Wagtail's
  ``SitePermissionPolicy``, where a model permission is valid on every site): a model
  permission is valid on the user's sites only; Wagtail's own per-site grants
  (``GroupSitePermission``, 设置 › 用户组 › 站点权限) still apply as Wagtail defines them.
"""

from django import forms
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import pgettext_lazy
from wagtail.permission_policies.sites import SitePermissionPolicy

from . import sites

# -- model viewsets --------------------------------------------------------------------------


class SiteScopedViewMixin:
    """Limits a generic admin view's rows to the user's sites (``site_field``: the path to
    the row's ``Site`` foreign key). Rows of no site are for unrestricted staff only."""

    site_field = "site"

    def scope_to_sites(self, queryset):
        return sites.restrict(queryset, self.request.user, self.site_field)

    # the listing and its export
    def get_base_queryset(self):
        return self.scope_to_sites(super().get_base_queryset())

    # edit and delete (Django's SingleObjectMixin.get_object reads get_queryset)
    def get_queryset(self):
        return self.scope_to_sites(super().get_queryset())

    # history and usage (Wagtail's BaseObjectMixin)
    def get_base_object_queryset(self):
        return self.scope_to_sites(super().get_base_object_queryset())


class _ScopedInspectMixin(SiteScopedViewMixin):
    def get_object(self, queryset=None):
        from django.contrib.admin.utils import unquote

        return get_object_or_404(self.scope_to_sites(self.model._default_manager.all()),
                                 pk=unquote(str(self.pk)))


#: The view-class attributes of ``ModelViewSet`` that show an existing row.
_ROW_VIEWS = ("index_view_class", "edit_view_class", "delete_view_class",
              "history_view_class", "usage_view_class")


class SiteScopedViewSetMixin:
    """Put before ``ModelViewSet``: each view that lists or shows rows is limited to the
    user's sites (``site_field``: the path to the row's ``Site`` foreign key)."""

    site_field = "site"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for attribute in _ROW_VIEWS:
            self._scope(attribute, SiteScopedViewMixin)
        self._scope("inspect_view_class", _ScopedInspectMixin)

    def _scope(self, attribute, mixin):
        view_class = getattr(self, attribute)
        if issubclass(view_class, SiteScopedViewMixin):
            return
        setattr(self, attribute, type(f"SiteScoped{view_class.__name__}", (mixin, view_class),
                                      {"site_field": self.site_field}))


def get_scoped_or_404(queryset, user, field="site", **lookup):
    """The row of ``queryset`` matching ``lookup`` within ``user``'s sites, else a 404."""
    found = sites.restrict(queryset, user, field).filter(**lookup).first()
    if found is None:
        raise Http404
    return found


# -- the site field of a form ----------------------------------------------------------------


def limit_site_field(form, user, name="site", *, remove_on_single_site=True):
    """Gives ``form.fields[name]`` (a choice of ``Site``) the sites of ``user`` only. With a
    single site the field is removed (nothing to choose) unless ``remove_on_single_site`` is
    false. For staff restricted to some sites it is required: a row of no site would be seen
    by none of them."""
    if name not in form.fields:
        return
    if not sites.is_multi_site():
        if remove_on_single_site:
            del form.fields[name]
        return
    field = form.fields[name]
    field.queryset = sites.sites_for_staff(user)
    if sites.staff_site_ids(user) is not sites.ALL_SITES:
        field.required = True
        field.empty_label = None
        if field.queryset.count() == 1 and not form.initial.get(name):
            form.initial[name] = field.queryset.first().pk


def site_choice_field(user, *, required=False):
    """A form field choosing one of ``user``'s sites (empty: all of them), or None with a
    single site or when the user works for one site only."""
    if not sites.is_multi_site():
        return None
    choices = sites.sites_for_staff(user)
    if sites.staff_site_ids(user) is not sites.ALL_SITES and choices.count() <= 1:
        return None
    return forms.ModelChoiceField(
        label=pgettext_lazy("multi-site", "Site"), queryset=choices, required=required,
        empty_label=pgettext_lazy("multi-site", "All my sites")
        if sites.staff_site_ids(user) is not sites.ALL_SITES
        else pgettext_lazy("multi-site", "All sites"))


class SiteFilterForm(forms.Form):
    """The choice of one of the user's sites above a view of figures (``?site=``); without a
    field with a single site or for staff of one site. ``site_ids`` is what to count; a site
    that is not one of the user's is a 404."""

    def __init__(self, data, user):
        super().__init__(data)
        self.user = user
        field = site_choice_field(user)
        if field is not None:
            self.fields["site"] = field

    @property
    def site_ids(self):
        value = self.data.get("site")
        if not value:
            return sites.staff_site_ids(self.user)
        if "site" not in self.fields:  # nothing to choose: only the user's own site is known
            try:
                site_id = int(value)
            except (TypeError, ValueError):
                raise Http404 from None
            if not sites.can_see_site(self.user, site_id):
                raise Http404
            return sites.staff_site_ids(self.user)
        if not self.is_valid():
            raise Http404
        return chosen_site_ids(self.user, self.cleaned_data["site"])


def chosen_site_ids(user, site=None):
    """The site ids a figure counts for ``user``: ``{site.pk}`` when one is chosen (one of
    theirs), else all of theirs (:data:`sites.ALL_SITES` for unrestricted staff)."""
    if site is not None:
        return frozenset({site.pk})
    return sites.staff_site_ids(user)


# -- site settings ---------------------------------------------------------------------------


class SiteSettingsPermissionPolicy(SitePermissionPolicy):
    """Wagtail's policy of site settings, where a model permission (e.g.
    ``change_requestsettings``) is valid on the user's sites only (``sites.staff_site_ids``):
    on a platform of several agencies, one agency's officer cannot open another agency's
    settings (403) and the site switcher lists their own sites. Superusers and unrestricted
    staff edit every site; Wagtail's per-site grants (``GroupSitePermission``) still apply."""

    def _has_site_grant(self, user, actions, site_id):
        codenames = self._get_permission_codenames(actions)
        return any(
            grant.permission.content_type_id == self._content_type.pk
            and grant.permission.codename in codenames and grant.site_id == site_id
            for grant in self.get_cached_permissions_for_user(user))

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if not (user.is_authenticated and user.is_active):
            return False
        if user.is_superuser:
            return True
        from wagtail.models import Site

        site_id = (instance.pk if isinstance(instance, Site)
                   else getattr(instance, self.site_fk_field_name))
        if self._user_has_global_permission(user, actions) and sites.can_see_site(user,
                                                                                 site_id):
            return True
        return self._has_site_grant(user, actions, site_id)

    def sites_user_has_any_permission_for(self, user, actions):
        from wagtail.models import Site

        if not (user.is_authenticated and user.is_active):
            return Site.objects.none()
        if user.is_superuser:
            return Site.objects.all()
        permission_ids = list(self._get_permission_objects_for_actions(actions)
                              .values_list("id", flat=True))
        granted = Q(group_permissions__permission_id__in=permission_ids,
                    group_permissions__group__in=user.groups.all())
        if self._user_has_global_permission(user, actions):
            ids = sites.staff_site_ids(user)
            if ids is sites.ALL_SITES:
                return Site.objects.all()
            granted |= Q(pk__in=ids)
        return Site.objects.filter(pk__in=Site.objects.filter(granted).values("pk"))


class SiteScopedSettingMixin:
    """Put before ``BaseSiteSetting``: its permission policy is
    :class:`SiteSettingsPermissionPolicy`."""

    @classmethod
    def get_permission_policy(cls):
        return SiteSettingsPermissionPolicy(cls)
