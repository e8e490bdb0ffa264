"""StreamField blocks of the catalogue pages."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class ProcessStepBlock(blocks.StructBlock):
    """One step of an administrative power item's process (办理流程)."""

    step = blocks.CharBlock(label=_("step"), max_length=100)
    responsible_post = blocks.CharBlock(label=_("responsible post"), max_length=100,
                                        required=False)
    time_limit = blocks.CharBlock(label=_("time limit"), max_length=100, required=False,
                                  help_text=_("e.g. 1 working day"))
    description = blocks.TextBlock(label=_("what happens"), required=False)

    class Meta:
        icon = "list-ol"
        label = _("process step")


class MaterialBlock(blocks.StructBlock):
    """A document an applicant must bring (申请材料)."""

    name = blocks.CharBlock(label=_("material"), max_length=200)
    copies = blocks.CharBlock(label=_("copies and form"), max_length=100, required=False,
                              help_text=_("e.g. original and 1 copy"))
    note = blocks.CharBlock(label=_("note"), max_length=255, required=False)

    class Meta:
        icon = "doc-full"
        label = _("material")


class GuideSectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), max_length=200)
    text = blocks.RichTextBlock(label=_("text"))

    class Meta:
        icon = "doc-full"
        label = _("section")
