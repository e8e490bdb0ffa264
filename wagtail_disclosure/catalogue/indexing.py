"""Search-index helpers: Chinese-segmented index fields, and snippets indexed after ``migrate``.

Wagtail's database backends store text as the backend's tokenizer splits it, so a run of
Chinese characters is one token (see ``catalogue/search.py`` and ``docs/explanation/search.md``).
The two field classes here store a field's text segmented instead, for any model:

- :class:`SegmentedSearchField` for full-text search (``search()``): the text as
  :func:`~wagtail_disclosure.catalogue.search.segment_for_index` cuts it, which is what
  :func:`~wagtail_disclosure.catalogue.search.search_pages` and ``search_site`` look for;
- :class:`SegmentedAutocompleteField` for the admin's choosers and listings
  (``autocomplete()``): every suffix of each run of Chinese characters, so that any part of a
  name is the prefix of an indexed term.

Rows written by a data migration are not indexed (migrations use historical models, which send
no signals): :func:`index_missing_snippets` adds the package's snippets (the national topics
seeded by migration ``0002``, organs) to the search index after ``migrate``.
"""

import logging

from django.db import DEFAULT_DB_ALIAS, connections, router
from django.db.models import Exists, OuterRef, TextField
from django.db.models.functions import Cast
from wagtail.search import index

from .search import segment_for_autocomplete, segment_for_index

logger = logging.getLogger(__name__)


def _as_text(value):
    """A field's value as one string (rich-text and stream fields give lists of strings)."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return " ".join(_as_text(v) for v in value)
    if isinstance(value, dict):
        return " ".join(_as_text(v) for v in value.values())
    return str(value)


class SegmentedSearchField(index.SearchField):
    """An ``index.SearchField`` whose text is indexed segmented for Chinese search.

    Use it next to (not instead of) Wagtail's own fields, so that the site's other searches keep
    working: ``search_fields = Page.search_fields + [SegmentedSearchField("body")]``. A page
    type of the 政府信息公开 section that declares one is also listed by the section's search,
    under the items (see :func:`~wagtail_disclosure.catalogue.search.section_search_models`).
    """

    def get_value(self, obj):
        return segment_for_index(_as_text(super().get_value(obj)))


class SegmentedAutocompleteField(index.AutocompleteField):
    """An ``index.AutocompleteField`` whose Chinese text is found by any part of it.

    For short texts such as names: see
    :func:`~wagtail_disclosure.catalogue.search.segment_for_autocomplete`.
    """

    def get_value(self, obj):
        return segment_for_autocomplete(_as_text(super().get_value(obj)))


# -- indexing what a data migration created ----------------------------------------------


def _database_backends():
    """The configured search backends that keep their index in the database's own tables."""
    from wagtail.search.backends import get_search_backends

    for backend in get_search_backends(with_auto_update=True):
        index_class = getattr(backend, "index_class", None)
        if index_class is not None and ".backends.database." in index_class.__module__:
            yield backend


def missing_from_index(model, using=DEFAULT_DB_ALIAS):
    """The rows of ``model`` that have no entry in the database search index (one query)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.search.models import IndexEntry

    content_type = ContentType.objects.db_manager(using).get_for_model(model)
    entries = IndexEntry._default_manager.using(using).filter(
        content_type=content_type, object_id=OuterRef("wd_object_id"))
    return (model._default_manager.using(using)
            .annotate(wd_object_id=Cast("pk", TextField()))
            .filter(~Exists(entries)))


def index_missing(model, using=DEFAULT_DB_ALIAS):
    """Add the rows of ``model`` missing from the database search index; returns how many.

    Cheap when everything is indexed: one query finds nothing to do. Search backends that do
    not keep their index in the database (Elasticsearch, OpenSearch) are left alone: build
    their index with ``manage.py update_index``.
    """
    backends = list(_database_backends())
    if not backends:
        return 0
    missing = list(missing_from_index(model, using))
    for backend in backends:
        if missing:
            backend.add_bulk(model, missing)
    return len(missing)


def snippet_models():
    """The package's indexed snippets: their admin choosers search the index."""
    from .snippets import PublishingOrgan, Topic

    return [Topic, PublishingOrgan]


def _tables_exist(using, models):
    from wagtail.search.models import IndexEntry

    tables = set(connections[using].introspection.table_names())
    return all(m._meta.db_table in tables for m in [IndexEntry, *models])


def index_missing_snippets(sender=None, using=DEFAULT_DB_ALIAS, **kwargs):
    """``post_migrate`` receiver: index the topics and organs that are not in the index yet.

    The national topics are seeded by a data migration, which does not index them; without this
    the topic chooser would find nothing until ``manage.py update_index``.
    """
    from wagtail.search.models import IndexEntry

    models = snippet_models()
    if router.db_for_write(IndexEntry) != using or not _tables_exist(using, models):
        return
    for model in models:
        added = index_missing(model, using)
        if added:
            logger.info("Indexed %d %s for search.", added, model._meta.verbose_name_plural)
