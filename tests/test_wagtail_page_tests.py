"""Wagtail's own page assertions for every page type."""

import datetime

from wagtail.coreutils import get_dummy_request
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage
from wagtail_disclosure.models import (
    DisclosureColumnPage,
    DisclosureIndexPage,
    DisclosureItemPage,
    PowerItemPage,
)

from . import factories as f


class PageTypeTests(WagtailPageTestCase):
    def setUp(self):
        self.section = f.section()
        self.column = f.column(self.section)
        self.item = f.item(self.column, published_on=datetime.date(2024, 5, 1))
        self.power = f.power_item(self.column)
        # the class-level request caches the site root paths from before the site was built
        self.dummy_request = get_dummy_request()

    def test_allowed_parents_and_children(self):
        self.assertAllowedParentPageTypes(
            DisclosureColumnPage, {DisclosureIndexPage, DisclosureColumnPage})
        self.assertAllowedSubpageTypes(
            DisclosureColumnPage, {DisclosureColumnPage, DisclosureItemPage, PowerItemPage})
        self.assertAllowedSubpageTypes(DisclosureItemPage, set())
        self.assertAllowedSubpageTypes(PowerItemPage, set())
        self.assertCanCreateAt(DisclosureColumnPage, DisclosureItemPage)
        self.assertCanNotCreateAt(HomePage, DisclosureItemPage)
        self.assertCanNotCreateAt(DisclosureIndexPage, DisclosureItemPage)

    def test_routable_renderable_previewable(self):
        for page in (self.section, self.column, self.item, self.power):
            self.assertPageIsRoutable(page)
            self.assertPageIsRenderable(page)
            # assertPageIsPreviewable rebuilds the form from HTML, which cannot carry the
            # JavaScript-rendered StreamFields; preview the page object directly instead.
            response = page.make_preview_request(preview_mode=page.default_preview_mode)
            self.assertEqual(response.status_code, 200)
            self.assertContains(response, page.title)

    def test_column_sub_routes(self):
        for route in ("feed/", "feed/atom/"):
            self.assertPageIsRoutable(self.column, route)
            self.assertPageIsRenderable(self.column, route)
        self.assertPageIsRoutable(self.section, "search/")
        self.assertPageIsRenderable(self.section, "search/", query_data={"q": "供销"})


class RequestFormPageTests(WagtailPageTestCase):
    def setUp(self):
        self.section = f.section()
        self.form_page = f.request_form_page(self.section)
        self.dummy_request = get_dummy_request()

    def test_allowed_parents_and_children(self):
        from wagtail_disclosure.models import RequestFormPage

        self.assertAllowedParentPageTypes(RequestFormPage, {DisclosureIndexPage})
        self.assertAllowedSubpageTypes(RequestFormPage, set())
        self.assertCanCreateAt(DisclosureIndexPage, RequestFormPage)
        self.assertCanNotCreateAt(DisclosureColumnPage, RequestFormPage)
        self.assertCanNotCreateAt(HomePage, RequestFormPage)

    def test_routable_renderable_previewable(self):
        for route in ("", "track/"):
            self.assertPageIsRoutable(self.form_page, route)
            self.assertPageIsRenderable(self.form_page, route)
        # Without a submission in the session, the confirmation page sends back to the form.
        self.assertPageIsRoutable(self.form_page, "submitted/")
        response = self.form_page.make_preview_request(
            preview_mode=self.form_page.default_preview_mode)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'name="description"')
        self.assertPageIsPreviewable(self.form_page)

    def test_section_links_to_the_form(self):
        response = self.client.get(self.section.url)
        self.assertContains(response, f'href="{self.form_page.url}"')
