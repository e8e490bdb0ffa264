"""Admin forms of the catalogue pages."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from .index_numbers import IndexNumberError, parse_index_number

IMPORT_FIELDS = ("existing_index_number", "original_publication_date")

#: the editor's buttons (POST keys of Wagtail's page editor) that publish, now or at the end of
#: a workflow: only 主动公开 items may take them (条例 Art.19; governance.classification)
PUBLISHING_ACTIONS = ("action-publish", "action-submit", "action-restart-workflow")


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
        # what the editor submits is checked against today (see DisclosureItemPage.clean)
        self.instance._validated_as_revision = False
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

    def clean(self):
        from ..governance import classification

        cleaned = super().clean()
        if "original_publication_date" in self.fields:
            given = cleaned.get("original_publication_date")
            if given and given > timezone.localdate():
                self.add_error("original_publication_date", _(
                    "The publication date cannot be in the future: leave it blank to have "
                    "it set when the item is published."))
            elif "original_publication_date" not in self.errors:
                # the model's clean (run next) checks the reason and the date of formation
                # against the date as given
                self.instance.published_on = given
        if self._publishes() and "disclosure_attribute" in self.fields:
            self.instance.disclosure_attribute = cleaned.get(
                "disclosure_attribute", self.instance.disclosure_attribute)
            for field, message in classification.publication_errors(self.instance).items():
                self.add_error(field, message)
        return cleaned

    def _publishes(self):
        """Whether the button pressed publishes the item now or at the end of a workflow
        (approving a workflow task from the editor may be its last step)."""
        if any(self.data.get(key) for key in PUBLISHING_ACTIONS):
            return True
        return bool(self.data.get("action-workflow-action")
                    and self.data.get("workflow-action-name") == "approve")

    def _update_errors(self, errors):
        """A model rule about a field this editor does not show (e.g. 发布日期) becomes an
        error of the whole form rather than a server error."""
        error_dict = getattr(errors, "error_dict", None)
        if error_dict:
            for name in [n for n in error_dict if n != NON_FIELD_ERRORS and n not in self.fields]:
                error_dict.setdefault(NON_FIELD_ERRORS, []).extend(error_dict.pop(name))
        super()._update_errors(errors)

    def save(self, commit=True):
        if "existing_index_number" in self.fields:
            self.instance.index_number = self.cleaned_data.get("existing_index_number") or None
            self.instance.published_on = self.cleaned_data.get("original_publication_date")
        return super().save(commit=commit)
