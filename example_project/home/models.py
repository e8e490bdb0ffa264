import swapper
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractFormField, EmailFormMixin, FormMixin
from wagtail.contrib.forms.panels import FormSubmissionsPanel
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


# -- the baseline of the request-form benchmark ---------------------------------------------


class RequestBaselineFormField(AbstractFormField):
    """A field of :class:`RequestBaselineFormPage` (Wagtail's documented form-builder field)."""

    page = ParentalKey("RequestBaselineFormPage", on_delete=models.CASCADE,
                       related_name="form_fields")


class RequestBaselineFormPage(EmailFormMixin, FormMixin, Page):
    """A plain ``wagtail.contrib.forms`` form page: the baseline that ``make bench``
    (tests/benchmarks/requests_bench.py) compares the package's request form with.

    ``EmailFormMixin, FormMixin, Page`` is what ``AbstractEmailForm`` is made of, with the
    configured base page model (Wagtail 8's ``WAGTAIL_PAGE_MODEL``) instead of
    ``wagtailcore.Page``, so that the example project also works with a custom base page
    model (``AbstractEmailForm`` subclasses ``wagtailcore.Page``, which is then swapped out).
    """

    intro = RichTextField(_("intro"), blank=True)
    thank_you_text = RichTextField(_("thank-you text"), blank=True)

    content_panels = Page.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("form fields")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel([
            FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
            FieldPanel("subject"),
        ], _("email")),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    template = "home/request_baseline_form_page.html"
    # landing_page_template: "home/request_baseline_form_page_landing.html" (FormMixin's default)

    class Meta:
        verbose_name = _("form page (benchmark baseline)")
