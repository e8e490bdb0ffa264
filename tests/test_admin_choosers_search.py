"""The admin's choosers and snippet listings find topics and organs by part of their name.

Wagtail's admin searches snippets with the backend's autocomplete (every term exact but the
last, a prefix). The package indexes names with ``SegmentedAutocompleteField`` so that a
Chinese word inside a longer name is found, and indexes the national topics seeded by a data
migration after ``migrate`` (``catalogue/indexing.py``). The test database is built by
``migrate`` (pytest-django), so the seeded topics here were indexed by that handler alone.
"""

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.search.models import IndexEntry

from wagtail_disclosure.catalogue.indexing import index_missing_snippets, missing_from_index
from wagtail_disclosure.models import PublishingOrgan, Topic

pytestmark = pytest.mark.django_db


# admin_client: pytest-django's client logged in as a superuser.


@pytest.fixture
def organs():
    return [
        PublishingOrgan.objects.create(name="温州市鹿城区供销合作社", code="014320144",
                                       short_name="鹿供"),
        PublishingOrgan.objects.create(name="温州市鹿城区农业农村局", code="002584032",
                                       short_name="鹿农"),
    ]


def chooser_results(client, model, query):
    url = reverse(model.snippet_viewset.chooser_viewset.get_url_name("choose_results"))
    response = client.get(url, {"q": query})
    assert response.status_code == 200
    return response


def listing(client, model, query):
    response = client.get(reverse(model.snippet_viewset.get_url_name("list")), {"q": query})
    assert response.status_code == 200  # not a 500 from wagtail#10217 on SQLite
    return response


def names(response):
    context = response.context
    rows = context["results"] if "results" in context else context["object_list"]
    return {str(obj) for obj in rows}


# -- seeded topics are indexed by migrate ------------------------------------------------------


def test_every_seeded_topic_is_in_the_index_after_migrate():
    assert Topic.objects.count() > 100  # the national list, seeded by migration 0002
    assert not missing_from_index(Topic).exists()


def test_the_topic_chooser_finds_a_seeded_topic_by_part_of_its_name(admin_client):
    found = names(chooser_results(admin_client, Topic, "资源"))
    assert "城乡建设、环境保护\\节能与资源综合利用" in found
    assert "国土资源、能源" in found
    assert all("资源" in name for name in found)


def test_migrate_indexes_topics_missing_from_the_index(admin_client):
    IndexEntry.objects.filter(content_type__model="topic").delete()
    assert "国土资源、能源" not in names(chooser_results(admin_client, Topic, "资源"))
    call_command("migrate", verbosity=0)  # nothing to migrate: post_migrate still runs
    assert not missing_from_index(Topic).exists()
    assert "国土资源、能源" in names(chooser_results(admin_client, Topic, "资源"))


def test_the_handler_is_one_query_per_snippet_model_when_all_are_indexed(
        organs, django_assert_num_queries):
    assert not missing_from_index(PublishingOrgan).exists()  # indexed when saved
    # the list of tables, then for each of the two models (topics, organs) one query for
    # the missing rows (the content types are cached after the first call)
    index_missing_snippets(using="default")
    with django_assert_num_queries(3):
        index_missing_snippets(using="default")


# -- organs ------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["供销", "鹿城区供销", "供销合作社", "合作"])
def test_the_organ_chooser_finds_an_organ_by_part_of_its_name(admin_client, organs, query):
    assert names(chooser_results(admin_client, PublishingOrgan, query)) == {organs[0].name}


def test_the_organ_chooser_finds_by_short_name_and_code(admin_client, organs):
    assert names(chooser_results(admin_client, PublishingOrgan, "鹿农")) == {organs[1].name}
    assert names(chooser_results(admin_client, PublishingOrgan, "0143")) == {organs[0].name}


def test_the_organ_listing_search_works_on_every_backend(admin_client, organs):
    assert names(listing(admin_client, PublishingOrgan, "供销")) == {organs[0].name}
    assert names(listing(admin_client, PublishingOrgan, "鹿城区")) == {o.name for o in organs}
    assert names(listing(admin_client, PublishingOrgan, "002584")) == {organs[1].name}
    assert names(listing(admin_client, PublishingOrgan, "环保")) == set()


def test_an_organ_renamed_is_found_by_its_new_name(admin_client, organs):
    organ = organs[1]
    organ.name = "温州市鹿城区再生资源管理办公室"
    organ.save()
    assert names(chooser_results(admin_client, PublishingOrgan, "再生资源")) == {organ.name}
    assert names(chooser_results(admin_client, PublishingOrgan, "农业")) == set()


# -- topics ------------------------------------------------------------------------------------


def test_the_topic_listing_finds_a_topic_by_part_of_its_name(admin_client):
    found = names(listing(admin_client, Topic, "综合利用"))
    assert found == {"城乡建设、环境保护\\节能与资源综合利用"}


def test_a_new_topic_is_found_by_any_part_of_its_name(admin_client):
    parent = Topic.objects.get(name="工业、交通", parent=None)
    Topic.objects.create(name="再生资源回收", parent=parent, sort_order=99)
    assert "工业、交通\\再生资源回收" in names(chooser_results(admin_client, Topic, "资源回收"))
    assert "工业、交通\\再生资源回收" in names(chooser_results(admin_client, Topic, "再生"))


def test_a_punctuation_only_query_is_no_error(admin_client, organs):
    chooser_results(admin_client, PublishingOrgan, "、，")
    listing(admin_client, PublishingOrgan, "“”")
