import swapper
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField

swapper.set_app_prefix("wagtailcore", "wagtail")
Page = swapper.load_model("wagtailcore", "Page", require_ready=False)


class HomePage(Page):
    """The agency's home page (a plain Wagtail page, used as the benchmark baseline too)."""

    body = RichTextField(_("body"), blank=True)
    content_panels = Page.content_panels + [FieldPanel("body")]
    template = "home/home_page.html"

    class Meta:
        verbose_name = _("home page")
