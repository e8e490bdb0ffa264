"""Admin forms of the catalogue pages."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from .index_numbers import IndexNumberError, parse_index_number

IMPORT_FIELDS = ("existing_index_number", "original_publication_date")


class DisclosureItemForm(WagtailAdminPageForm):
    """The item editor. Until an item is first published it may take an index number and a
    publication date from an old site (migration of existing catalogues); afterwards both are
    fixed and shown read-only."""

    existing_index_number = forms.CharField(
        label=_("Existing index number"), required=False, max_length=80,
        help_text=_("Only for items brought in from an old site: their 索引号 is kept. "
                    "Leave blank to have one assigned when the item is published."),
    )
    original_publication_date = forms.DateField(
        label=_("Original publication date"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Only for items brought in from an old site. Leave blank to use the "
                    "day of first publication."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.first_published_at:
            for name in IMPORT_FIELDS:
                self.fields.pop(name, None)
        else:
            self.initial.setdefault("existing_index_number", self.instance.index_number or "")
            self.initial.setdefault("original_publication_date", self.instance.published_on)

    def clean_existing_index_number(self):
        from .pages import DisclosureItemPage

        raw = self.cleaned_data.get("existing_index_number", "")
        if not raw.strip():
            return ""
        try:
            parsed = parse_index_number(raw)
        except IndexNumberError as exc:
            raise forms.ValidationError(str(exc), code="malformed") from None
        clash = DisclosureItemPage.objects.filter(index_number=parsed.text)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        other = clash.first()
        if other is not None:
            raise forms.ValidationError(
                _("Index number %(number)s is already used by “%(title)s”.")
                % {"number": parsed.text, "title": other.title},
                code="duplicate",
            )
        return parsed.text

    def save(self, commit=True):
        if "existing_index_number" in self.fields:
            self.instance.index_number = self.cleaned_data.get("existing_index_number") or None
            self.instance.published_on = self.cleaned_data.get("original_publication_date")
        return super().save(commit=commit)
