"""The item editor in the Wagtail admin: index numbers cannot be edited, imported numbers
are validated, errors are field-level."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from wagtail_disclosure.models import DisclosureItemPage

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.com", "pw")
    client.force_login(user)
    return client


def _item_post(title, **extra):
    data = {
        "title": title,
        "slug": "",
        "organ": f.organ().pk,
        "document_number": "鹿供〔2015〕3号",
        "formation_date": "2015-01-10",
        "kind": "other_document",
        "validity": "in_force",
        "disclosure_attribute": "proactive",
        "summary": "概述",
        "body": rich_text("<p>正文</p>"),
        "attachments": inline_formset([]),
        "comments": inline_formset([]),
    }
    data.update(extra)
    return nested_form_data(data)


def _add_url(parent):
    return reverse("wagtailadmin_pages:add",
                   args=("wagtail_disclosure", "disclosureitempage", parent.pk))


def test_editor_form_has_no_editable_index_number(admin_client):
    col = f.column()
    page = f.item(col)
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    assert response.status_code == 200
    form = response.context["form"]
    assert "index_number" not in form.fields
    assert "existing_index_number" not in form.fields  # only before first publication
    assert page.index_number in response.content.decode()  # shown read-only


def test_publishing_from_the_admin_assigns_a_number(admin_client):
    col = f.column()
    response = admin_client.post(_add_url(col), {**_item_post("新条目", slug="xin"),
                                                "action-publish": "publish"})
    assert response.status_code == 302, response.content.decode()[:2000]
    page = DisclosureItemPage.objects.get(slug="xin")
    assert page.live and page.index_number.startswith("014320144/")


def test_imported_number_is_kept_and_normalised(admin_client):
    col = f.column()
    post = _item_post("旧站条目", slug="old", existing_index_number="０１４３２０１４４／２０１５－０００５６",
                      original_publication_date="2015-03-02",
                      backdating_reason="旧网站迁入，保留原发布日期")
    response = admin_client.post(_add_url(col), {**post, "action-publish": "publish"})
    assert response.status_code == 302, response.content.decode()[:2000]
    page = DisclosureItemPage.objects.get(slug="old")
    assert page.index_number == "014320144/2015-00056"
    assert str(page.published_on) == "2015-03-02"


def test_malformed_imported_number_gives_a_field_error(admin_client):
    col = f.column()
    post = _item_post("坏编号", slug="bad", existing_index_number="2015-56")
    response = admin_client.post(_add_url(col), {**post, "action-publish": "publish"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "existing_index_number" in errors
    assert not DisclosureItemPage.objects.filter(slug="bad").exists()


def test_colliding_imported_number_gives_a_field_error(admin_client):
    col = f.column()
    taken = f.item(col, title="已有条目")
    post = _item_post("冲突", slug="clash", existing_index_number=taken.index_number)
    response = admin_client.post(_add_url(col), {**post, "action-publish": "publish"})
    assert response.status_code == 200
    message = " ".join(response.context["form"].errors["existing_index_number"])
    assert "已有条目" in message
    assert not DisclosureItemPage.objects.filter(slug="clash").exists()


def test_snippet_admin_lists_organs_and_topics(admin_client):
    f.organ()
    assert admin_client.get("/admin/disclosure/organs/").status_code == 200
    response = admin_client.get("/admin/disclosure/topics/")
    assert response.status_code == 200
    assert "综合政务" in response.content.decode()


def test_import_fields_are_labelled_in_the_editor_until_first_publication(admin_client):
    col = f.column()
    html = admin_client.get(_add_url(col)).content.decode()
    assert 'for="id_existing_index_number"' in html
    assert 'for="id_original_publication_date"' in html
    draft = f.item(col, publish=False)
    assert 'id_existing_index_number' in admin_client.get(
        reverse("wagtailadmin_pages:edit", args=(draft.pk,))).content.decode()
    published = f.item(col)
    assert 'id_existing_index_number' not in admin_client.get(
        reverse("wagtailadmin_pages:edit", args=(published.pk,))).content.decode()


def test_the_reason_for_a_refused_number_is_shown_on_the_page(admin_client):
    col = f.column()
    post = _item_post("坏编号", slug="bad2", existing_index_number="2015-56")
    html = admin_client.post(_add_url(col), {**post, "action-publish": "publish"}).content.decode()
    assert "000014349/2017-00110" in html  # the example in the field-level message


def test_an_imported_number_saved_in_a_draft_can_still_be_corrected(admin_client):
    col = f.column()
    post = _item_post("草稿导入", slug="draft-import", existing_index_number="014320144/2015-00057")
    assert admin_client.post(_add_url(col), post).status_code == 302  # save draft
    page = DisclosureItemPage.objects.get(slug="draft-import")
    assert page.index_number == "014320144/2015-00057" and not page.live
    edit = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    post = _item_post("草稿导入", slug="draft-import", existing_index_number="014320144/2015-00058")
    response = admin_client.post(edit, {**post, "action-publish": "publish"})
    assert response.status_code == 302, response.content.decode()[:1500]
    page.refresh_from_db()
    assert page.live and page.index_number == "014320144/2015-00058"


def test_copying_a_published_item_gives_the_copy_its_own_number(admin_client):
    col = f.column()
    original = f.item(col, title="原件")
    response = admin_client.post(
        reverse("wagtailadmin_pages:copy", args=(original.pk,)),
        {"new_title": "副本", "new_slug": "copy-of-original", "new_parent_page": col.pk,
         "copy_subpages": False, "publish_copies": True},
    )
    assert response.status_code == 302
    copy = DisclosureItemPage.objects.get(slug="copy-of-original")
    assert copy.index_number and copy.index_number != original.index_number


def test_a_new_item_says_its_number_is_assigned_on_publication(admin_client):
    col = f.column()
    html = admin_client.get(_add_url(col)).content.decode()
    assert html.count("（发布时分配）") + html.count("(assigned on publication)") == 2


def test_the_power_item_editor_has_the_same_catalogue_panels(admin_client):
    col = f.column()
    url = reverse("wagtailadmin_pages:add", args=("wagtail_disclosure", "poweritempage", col.pk))
    html = admin_client.get(url).content.decode()
    for field in ("id_existing_index_number", "id_validity", "id_replaced_by", "process_steps"):
        assert field in html, field
    assert html.count("（发布时分配）") + html.count("(assigned on publication)") == 2
