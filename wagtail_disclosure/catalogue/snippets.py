"""Snippets of the catalogue: publishing organs (发布机构) and topics (主题分类)."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from .index_numbers import normalise_organ_code
from .indexing import SegmentedAutocompleteField

_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def uscc_is_valid(code):
    """Check the 统一社会信用代码 (GB 32100-2015) check character."""
    code = code.upper()
    if len(code) != 18 or any(ch not in _USCC_ALPHABET for ch in code):
        return False
    total = sum(_USCC_ALPHABET.index(ch) * w for ch, w in zip(code[:17], _USCC_WEIGHTS))
    return _USCC_ALPHABET[(31 - total % 31) % 31] == code[17]


def validate_organ_code(value):
    code = normalise_organ_code(value)
    if not re.fullmatch(r"[0-9A-Za-z]{2,32}", code):
        raise ValidationError(
            _("Use the organisation code, the 18-character unified social credit code or the "
              "site code: 2 to 32 letters and digits (hyphens are dropped)."),
            code="invalid",
        )
    if len(code) == 18 and code[:2].isdigit() and not uscc_is_valid(code):
        raise ValidationError(
            _("“%(code)s” looks like a unified social credit code but its check character is "
              "wrong. Please check it against the organisation's certificate."),
            params={"code": code},
            code="checksum",
        )


class PublishingOrgan(index.Indexed, models.Model):
    """A 发布机构: the organ that publishes items. Its code is the 索引号 prefix."""

    name = models.CharField(_("full name"), max_length=200, unique=True,
                            help_text=_("The full official name, not an abbreviation."))
    code = models.CharField(
        _("organisation code"), max_length=40, unique=True, validators=[validate_organ_code],
        help_text=_("The organisation code (组织机构代码) or the unified social credit code "
                    "(统一社会信用代码). It becomes the prefix of the index numbers."),
    )
    short_name = models.CharField(
        _("short name"), max_length=50, blank=True,
        help_text=_("The organ's 机关代字 in its document numbers (e.g. 鹿供); reply letters "
                    "are numbered with it."))
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)

    panels = [FieldPanel("name"), FieldPanel("short_name"), FieldPanel("code"),
              FieldPanel("address"), FieldPanel("phone")]
    # The admin's chooser and listing search with autocomplete: the name is indexed so that
    # any part of it is found (供销 finds 温州市鹿城区供销合作社), the codes by their start.
    search_fields = [index.SearchField("name"), SegmentedAutocompleteField("name"),
                     SegmentedAutocompleteField("short_name"), index.AutocompleteField("code"),
                     index.SearchField("code")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("publishing organ")
        verbose_name_plural = _("publishing organs")

    def __str__(self):
        return self.name

    @property
    def index_code(self):
        return normalise_organ_code(self.code)

    def clean(self):
        super().clean()
        if self.code:
            self.code = self.code.strip()

    def api_representation(self):
        return {"id": self.pk, "name": self.name, "code": self.code}


class Topic(index.Indexed, models.Model):
    """A 主题分类, e.g. 综合政务\\政务公开. Topics nest one inside another."""

    name = models.CharField(pgettext_lazy("topic", "name"), max_length=100)
    parent = models.ForeignKey("self", verbose_name=_("parent topic"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="children")
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("parent"), FieldPanel("sort_order")]
    # any part of the name is found by the chooser (资源 finds 节能与资源综合利用)
    search_fields = [index.SearchField("name"), SegmentedAutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="wd_topic_unique_in_parent"),
        ]

    def __str__(self):
        return self.path_label

    @property
    def path_label(self):
        names, node, seen = [], self, set()
        while node is not None and node.pk not in seen:
            seen.add(node.pk)
            names.append(node.name)
            node = node.parent
        return "\\".join(reversed(names))

    def clean(self):
        super().clean()
        node = self.parent
        while node is not None:
            if node.pk == self.pk and self.pk is not None:
                raise ValidationError({"parent": _("A topic cannot be inside itself.")})
            node = node.parent

    @classmethod
    def tree_choices(cls):
        """``(id, path label)`` of every topic, each parent followed by its children
        (one query, no model instances: the filter form lists every topic on every page)."""
        children = {}
        for pk, name, parent_id in cls.objects.order_by("sort_order", "name").values_list(
                "pk", "name", "parent_id"):
            children.setdefault(parent_id, []).append((pk, name))
        choices = []

        def walk(parent_id, prefix):
            for pk, name in children.pop(parent_id, []):  # pop: a cycle cannot loop
                label = f"{prefix}\\{name}" if prefix else name
                choices.append((pk, label))
                walk(pk, label)

        walk(None, "")
        return choices

    @classmethod
    def descendant_ids(cls, topic_id):
        """The id of a topic and of every topic below it (one query)."""
        children = {}
        for pk, parent_id in cls.objects.values_list("pk", "parent_id"):
            children.setdefault(parent_id, []).append(pk)
        result, stack = [], [topic_id]
        while stack:
            current = stack.pop()
            if current in result:
                continue
            result.append(current)
            stack.extend(children.get(current, []))
        return result

    def api_representation(self):
        return {"id": self.pk, "name": self.name, "path": self.path_label}
