"""The 公开目录 tree: the column hierarchy of a 政府信息公开 section, as navigation.

Every Chinese disclosure platform shows its catalogue as a tree beside the content. The tree
is the section's live, public child pages (its columns and whatever other page types the
section takes, such as the annual report index or the request form: the catalogue does not
need to know them) and, below them, the live, public columns at any depth. Items are not in
the tree: the column pages list them.

:func:`section_tree` reads the tree in one query; :func:`build_tree` is a pure function that
nests the rows and marks where the visitor is.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr

from .pages import DisclosureColumnPage, DisclosureIndexPage, Page

# Wagtail's tree paths use 4 characters per level.
STEPLEN = Page.steplen


@dataclass
class TreeNode:
    """One page of the tree, with the pages below it."""

    page: object
    children: list = field(default_factory=list)
    current: bool = False        # the page the visitor is on
    contains_current: bool = False  # the visitor is on a page below this one

    @property
    def expanded(self):
        """Branches on the way to the current page are open; the others are folded."""
        return self.contains_current or self.current

    @property
    def aria_current(self):
        """``page`` on the current page's link; ``location`` on the column that holds the
        current item (the nearest one only)."""
        if self.current:
            return "page"
        if self.contains_current and not any(c.expanded for c in self.children):
            return "location"
        return ""


def _not_restricted():
    """The page is not in a private part of the site (no view restriction on it or on an
    ancestor): Wagtail's ``.public()`` in the same query instead of a query of its own."""
    from wagtail.models import PageViewRestriction

    return ~Exists(PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))))


def tree_pages(section):
    """The pages of ``section``'s tree in tree order (one query): its live, public children
    and the live, public columns below them."""
    from .tree_queries import descendants

    return list(
        descendants(Page.objects.all(), section).live()
        .filter(_not_restricted())
        .filter(Q(content_type_id__in=content_type_ids(DisclosureColumnPage))
                | Q(depth=section.depth + 1))
        .order_by("path")
    )


def content_type_ids(model):
    """The content types of ``model`` and its subclasses (cached by Django: no query)."""
    subclasses = [m for m in apps.get_models() if issubclass(m, model)]
    return {ct.pk for ct in ContentType.objects.get_for_models(*subclasses).values()}


def build_tree(pages, section, current=None):
    """Nest ``pages`` (tree order, below ``section``) into :class:`TreeNode` lists.

    A page whose parent is not in the tree (a column under a restricted or draft column) is
    left out with its branch. ``current`` is the page being viewed (any page: a column, an
    item, the section); the nodes on its path are marked.
    """
    nodes = {section.path: TreeNode(section)}
    for page in pages:
        parent = nodes.get(page.path[:-STEPLEN])
        if parent is None:
            continue
        node = TreeNode(page)
        parent.children.append(node)
        nodes[page.path] = node
    if current is not None:
        for length in range(len(section.path) + STEPLEN, len(current.path) + 1, STEPLEN):
            node = nodes.get(current.path[:length])
            if node is None:
                break
            if length == len(current.path):
                node.current = True
            else:
                node.contains_current = True
    return nodes[section.path].children


def section_of(page, ancestors=None):
    """The 政府信息公开 section ``page`` is in (or is), or None.

    ``ancestors``: the page's ancestors if already fetched (no query then); otherwise one
    query.
    """
    if isinstance(page, DisclosureIndexPage):
        return page
    if ancestors is None:
        return DisclosureIndexPage.objects.ancestor_of(page).first()
    index_types = content_type_ids(DisclosureIndexPage)
    for ancestor in reversed(list(ancestors)):
        if ancestor.content_type_id in index_types:
            return ancestor
    return None


def ancestors_of(page, request=None):
    """The page's ancestors below the tree root, read once per page object (i.e. per page
    view) and shared by the breadcrumbs, the 公开目录 tree and the column's sub-columns.
    Given the ``request``, kept between requests under the site's generation: an ancestor
    edited, moved or deleted, or the page moved, moves it."""
    cached = page.__dict__.get("_wd_ancestors")
    if cached is None:
        from ..caching.aggregates import kept

        cached = page.__dict__["_wd_ancestors"] = kept(
            request, f"ancestors:{page.pk}:{page.path}",
            lambda: [a for a in page.get_ancestors() if a.depth > 1])
    return cached


def kept_tree_pages(section, request=None):
    """:func:`tree_pages`, kept between requests under the site's generation when given the
    ``request`` (computed without it)."""
    from ..caching.aggregates import kept

    return kept(request, f"tree:{section.pk}", lambda: tree_pages(section))


def child_columns(column, request=None):
    """The live, public columns directly below ``column`` (of its own type), in tree order:
    read from the section's tree, so no query of their own while the tree is kept."""
    section = section_of(column, ancestors_of(column, request))
    if section is None:
        return []
    types = content_type_ids(type(column))
    return [page for page in kept_tree_pages(section, request)
            if page.path[:-STEPLEN] == column.path and page.content_type_id in types]


def section_tree(page, ancestors=None, request=None):
    """The tree of the section ``page`` is in, marked for ``page``; an empty list outside a
    section.

    Given the ``request``, the section's pages are kept between requests under the site's
    generation (:mod:`wagtail_disclosure.caching.aggregates`): finding the columns among the
    section's descendants reads every page below it (200,000 items: half a second on SQLite),
    and the tree changes only when a page of the site does."""
    section = section_of(page, ancestors)
    if section is None:
        return []
    return build_tree(kept_tree_pages(section, request), section, current=page)
