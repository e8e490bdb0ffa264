"""Immutability of the release register (信息发布审核登记): the model and its queryset refuse
every change and deletion of an entry.

The database refuses them too (triggers of migration ``0009_governance_data``): UPDATE on SQLite
and PostgreSQL, DELETE on PostgreSQL. See ``docs/reference/release-register.md``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RegisterEntryImmutable(Exception):
    """Raised on any attempt to change or delete a release register entry."""

    def __init__(self, message=None):
        super().__init__(str(message or _("Release register entries cannot be changed or "
                                          "deleted.")))


class RegisterEntryQuerySet(models.QuerySet):
    """Entries are written once (``create``) and read; nothing else."""

    def update(self, **kwargs):
        raise RegisterEntryImmutable

    def bulk_update(self, objs, fields, batch_size=None):
        raise RegisterEntryImmutable

    def update_or_create(self, defaults=None, create_defaults=None, **kwargs):
        raise RegisterEntryImmutable

    def delete(self):
        raise RegisterEntryImmutable

    delete.queryset_only = True

    def _raw_delete(self, using):
        raise RegisterEntryImmutable


class RegisterEntryGuard:
    """Mixin of ``ReleaseRegisterEntry``: an entry is inserted once, never saved again, never
    deleted."""

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise RegisterEntryImmutable
        # a new object carrying an existing pk must not turn into an UPDATE
        kwargs["force_insert"] = True
        kwargs.pop("force_update", None)
        kwargs.pop("update_fields", None)
        return super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RegisterEntryImmutable
