"""The page types of the governance tools: the feedback box (意见箱)."""

import swapper
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField

swapper.set_app_prefix("wagtailcore", "wagtail")
Page = swapper.load_model("wagtailcore", "Page", require_ready=False)


class FeedbackPage(Page):
    """意见箱: visitors leave an opinion on the disclosure work; answers staff choose to publish
    are listed on the page."""

    intro = RichTextField(_("introduction"), blank=True)
    thank_you_text = RichTextField(_("text after sending"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("thank_you_text")]

    parent_page_types = ["wagtail_disclosure.DisclosureIndexPage"]
    subpage_types = []
    template = "wagtail_disclosure/governance/feedback_page.html"

    class Meta:
        verbose_name = _("feedback box")
        verbose_name_plural = _("feedback boxes")
