"""公开属性 (条例 Arts.13–17) and back-dating rules of an item."""

from django.utils.translation import gettext_lazy as _

from .choices import DisclosureAttribute


def item_errors(item):
    """Field errors of ``item``'s disclosure attribute and dates: {field: message}."""
    errors = {}
    if item.disclosure_attribute != DisclosureAttribute.PROACTIVE:
        if not (item.attribute_reason or "").strip():
            errors["attribute_reason"] = _("Give the reason why the item is not disclosed "
                                           "proactively.")
        if (item.disclosure_attribute == DisclosureAttribute.NOT_DISCLOSED
                and not item.exemption_ground):
            errors["exemption_ground"] = _("Choose the ground (条例 Arts.14–16).")
    return errors
