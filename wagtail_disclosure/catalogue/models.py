"""Models of the catalogue: snippets, pages and the index-number sequences."""

from django.db import models, transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from ..conf import disclosure_settings
from .index_numbers import format_index_number, serial_scope
from .pages import (  # noqa: F401
    DisclosureColumnPage,
    DisclosureIndexPage,
    DisclosureItemAttachment,
    DisclosureItemPage,
)
from .placements import ItemPlacement  # noqa: F401
from .power_items import PowerItemPage  # noqa: F401
from .snippets import PublishingOrgan, Topic  # noqa: F401


class IndexNumberSequence(models.Model):
    """The last serial handed out per organ and period.

    Allocation is a database guarantee, not a Python lock: the row is created with
    ``INSERT … ON CONFLICT DO NOTHING`` and incremented with a single ``UPDATE … SET
    last_serial = last_serial + 1``, which PostgreSQL serialises with a row lock held until the
    surrounding transaction (the page save) commits; SQLite serialises all writers. The unique
    constraint on ``DisclosureItemPage.index_number`` is the last line of defence.
    """

    scope = models.CharField(_("scope"), max_length=80, unique=True)
    last_serial = models.PositiveIntegerField(_("last serial"), default=0)

    class Meta:
        verbose_name = _("index number sequence")
        verbose_name_plural = _("index number sequences")

    def __str__(self):
        return f"{self.scope}: {self.last_serial}"

    @classmethod
    def next_serial(cls, scope):
        with transaction.atomic():
            cls.objects.bulk_create([cls(scope=scope)], ignore_conflicts=True)
            cls.objects.filter(scope=scope).update(last_serial=F("last_serial") + 1)
            return cls.objects.filter(scope=scope).values_list("last_serial", flat=True).get()

    @classmethod
    def next_index_number(cls, organ, date):
        """The next free index number for ``organ`` published on ``date``.

        Numbers taken by items imported from an old site are skipped.
        """
        fmt = disclosure_settings.INDEX_NUMBER_FORMAT
        scope = serial_scope(fmt, organ.index_code, date.year, date.month)
        while True:
            serial = cls.next_serial(scope)
            candidate = format_index_number(fmt, organ.index_code, date.year, date.month, serial)
            if not DisclosureItemPage.objects.filter(index_number=candidate).exists():
                return candidate
