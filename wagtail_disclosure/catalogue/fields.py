"""A list-of-choices model field stored as JSON (works on SQLite and PostgreSQL alike)."""

from django import forms
from django.db import models


class ChoiceListField(models.JSONField):
    """A JSON list of choice codes, edited as checkboxes.

    ``choices_callable`` returns the (code, label) pairs at form time, so choices that come
    from settings do not end up in migrations.
    """

    def __init__(self, *args, choices_callable=None, **kwargs):
        self.choices_callable = choices_callable
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        choices = self.choices_callable() if self.choices_callable else []
        return forms.TypedMultipleChoiceField(
            choices=choices,
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
            widget=forms.CheckboxSelectMultiple,
        )

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        if value is not None and not isinstance(value, list):
            raise forms.ValidationError("Expected a list.")
