"""有效性 upkeep: validation of an item's validity dates, and the daily marking of items whose
repeal or expiry date has arrived."""

from django.utils.translation import gettext_lazy as _

from ..catalogue.choices import Validity


def item_errors(item):
    """Field errors of ``item``'s validity fields: {field: message}."""
    errors = {}
    if item.effective_date and item.repeal_date and item.repeal_date < item.effective_date:
        errors["repeal_date"] = _("The repeal date cannot be before the effective date.")
    if item.validity == Validity.IN_FORCE and item.repeal_date:
        errors["validity"] = _("An item in force has no repeal date: choose repealed, "
                               "amended or expired, or clear the repeal date.")
    if item.validity in (Validity.REPEALED, Validity.EXPIRED) and not item.repeal_date:
        errors["repeal_date"] = _("Give the date it stopped being in force.")
    return errors
