"""Admin panels of the catalogue."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class AssignedOnPublicationPanel(FieldPanel):
    """A read-only field that the first publication fills in (索引号, 发布日期): until then it
    says so instead of showing an empty value."""

    def __init__(self, field_name, *args, **kwargs):
        kwargs["read_only"] = True
        super().__init__(field_name, *args, **kwargs)

    def format_value_for_display(self, value):
        if value in (None, ""):
            return _("(assigned on publication)")
        return super().format_value_for_display(value)
