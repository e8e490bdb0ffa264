"""Template tags of the public pages' navigation: the 公开目录 tree, the breadcrumbs'
ancestors and the page numbers of a listing."""

from django import template

from ..catalogue.navigation import ancestors_of, section_tree

register = template.Library()

# Page numbers shown either side of the current one (1 … 4 5 [6] 7 8 … 20).
PAGE_WINDOW = 2


_ancestors = ancestors_of  # read once per page view (catalogue/navigation.py)


@register.simple_tag(takes_context=True)
def page_ancestors(context, page):
    """``{% page_ancestors page as ancestors %}``: the ancestors shown in the breadcrumbs."""
    if page is None or not getattr(page, "pk", None):
        return []
    return _ancestors(page, context.get("request"))


@register.simple_tag(takes_context=True)
def disclosure_tree(context, page):
    """``{% disclosure_tree page as tree %}``: the 公开目录 tree of the section ``page`` is in
    (a list of :class:`~wagtail_disclosure.catalogue.navigation.TreeNode`), marked for
    ``page``; empty outside a section."""
    if page is None or not getattr(page, "pk", None):
        return []
    request = context.get("request")
    return section_tree(page, ancestors=_ancestors(page, request), request=request)


@register.simple_tag
def page_numbers(page_obj, window=PAGE_WINDOW):
    """``{% page_numbers page_obj as numbers %}``: the page numbers to link, ``None`` where
    numbers are left out: the first and last pages, and ``window`` pages either side of the
    current one (a gap of a single page is shown as that page, not as an ellipsis)."""
    last = page_obj.paginator.num_pages
    current = page_obj.number
    shown = {1, last} | set(range(max(1, current - window), min(last, current + window) + 1))
    numbers = []
    previous = 0
    for number in sorted(shown):
        if number - previous == 2:
            numbers.append(number - 1)
        elif number - previous > 2:
            numbers.append(None)
        numbers.append(number)
        previous = number
    return numbers
