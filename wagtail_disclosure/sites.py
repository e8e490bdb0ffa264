"""Many agencies on one installation (a county's or a province's 站群): which Wagtail ``Site`` a
row belongs to, and which sites a staff member works for.

Each agency is a Wagtail ``Site`` with its own 政府信息公开 section. Pages belong to the site
whose root page they are under (Wagtail's own rule); an information request carries its site
(``InformationRequest.site``, the site of the form it was sent with, or the one chosen when a
paper request is registered); feedback, register rows and the other records of pages belong
to their page's site.

**Who sees what.** With a single ``Site`` nothing is restricted: staff see what their model
permissions allow, as before. With several, a staff member's sites are the sites in which, or
above which, one of their groups holds a Wagtail page permission (add, change, publish, ...:
``GroupPagePermission``, set in 设置 › 用户组 › 页面权限). Their model permissions
(``view_informationrequest``, ``view_feedback`` ...) then apply to those sites' rows only;
superusers, and groups with a permission on the tree's root page, see every site. A staff
member of one site who opens another site's request by its URL gets a 404. See
``docs/how-to/multi-site.md``.
"""

from django.db.models import Q

#: The attribute caching a user's site ids for the request (as Wagtail caches page
#: permissions on the user object).
_CACHE_ATTRIBUTE = "_wagtail_disclosure_site_ids"

ALL_SITES = None  # what staff_site_ids answers for staff who are not restricted


def site_root_paths():
    """Wagtail's cached ``SiteRootPath`` tuples (site id, root page's url_path, root URL,
    language): read from Django's cache, no query after the first."""
    from wagtail.models import Site

    return Site.get_site_root_paths()


def _distinct_site_ids():
    return {root.site_id for root in site_root_paths()}


def is_multi_site():
    """Whether the installation has more than one Wagtail ``Site``."""
    return len(_distinct_site_ids()) > 1


def site_id_for_url_path(url_path):
    """The id of the site a page with this ``url_path`` belongs to (the site with the longest
    root path above it), or None when no site's root is above it."""
    best = None
    for root in site_root_paths():
        if url_path.startswith(root.root_path) and (
                best is None or len(root.root_path) > len(best.root_path)):
            best = root
    return best.site_id if best else None


def site_id_for_page(page):
    """The id of the site ``page`` belongs to (no query: from Wagtail's cached root paths)."""
    if page is None:
        return None
    return site_id_for_url_path(page.url_path or "")


def site_for_page(page):
    """The ``Site`` ``page`` belongs to, or None."""
    from wagtail.models import Site

    site_id = site_id_for_page(page)
    return Site.objects.filter(pk=site_id).first() if site_id is not None else None


def staff_site_ids(user):
    """The ids of the sites ``user`` works for (a frozenset), or :data:`ALL_SITES` (None) for
    staff who are not restricted: every user while there is one site; superusers, and users
    with a page permission on the tree's root, always. Cached on the user object."""
    cached = getattr(user, _CACHE_ATTRIBUTE, False)
    if cached is not False:
        return cached
    result = _compute_staff_site_ids(user)
    try:
        setattr(user, _CACHE_ATTRIBUTE, result)
    except AttributeError:  # e.g. a read-only user proxy
        pass
    return result


def _compute_staff_site_ids(user):
    if not is_multi_site():
        return ALL_SITES
    if user is None or not user.is_active or user.is_anonymous:
        return frozenset()
    if user.is_superuser:
        return ALL_SITES
    from wagtail.models import GroupPagePermission

    permitted = set(GroupPagePermission.objects.filter(group__user=user)
                    .values_list("page__url_path", "page__depth"))
    if any(depth == 1 for _url_path, depth in permitted):
        return ALL_SITES
    ids = set()
    for root in site_root_paths():
        for url_path, _depth in permitted:
            # a permission above the site's root, on it, or on a page inside the site
            if root.root_path.startswith(url_path) or url_path.startswith(root.root_path):
                ids.add(root.site_id)
                break
    return frozenset(ids)


def clear_user_cache(user):
    """Forget the cached site ids of ``user`` (after its groups changed in the same request)."""
    if hasattr(user, _CACHE_ATTRIBUTE):
        delattr(user, _CACHE_ATTRIBUTE)


def can_see_site(user, site_id):
    """Whether a row of the site ``site_id`` (None: of no site) is within ``user``'s sites."""
    ids = staff_site_ids(user)
    return ids is ALL_SITES or (site_id is not None and site_id in ids)


def of_sites(queryset, site_ids, field="site"):
    """``queryset`` limited to the rows whose ``field`` (a foreign key to ``Site``) is one of
    ``site_ids`` (unchanged for :data:`ALL_SITES`, None)."""
    if site_ids is ALL_SITES:
        return queryset
    return queryset.filter(**{f"{field}__in": site_ids})


def restrict(queryset, user, field="site"):
    """``queryset`` limited to the rows whose ``field`` (a foreign key to ``Site``) is one of
    ``user``'s sites (unchanged for unrestricted staff)."""
    return of_sites(queryset, staff_site_ids(user), field)


def url_path_q(site_ids, field="url_path"):
    """A ``Q`` matching pages (through ``field``, a path to a page's ``url_path``) inside the
    sites ``site_ids``; matches nothing for no sites."""
    q = Q(pk__in=[])
    for root in site_root_paths():
        if root.site_id in site_ids:
            q |= Q(**{f"{field}__startswith": root.root_path})
    return q


def pages_of_sites(queryset, site_ids, field="url_path"):
    """``queryset`` (of pages, or of rows reaching a page through ``field``) limited to pages
    inside the sites ``site_ids`` (unchanged for :data:`ALL_SITES`, None)."""
    if site_ids is ALL_SITES:
        return queryset
    return queryset.filter(url_path_q(site_ids, field))


def restrict_pages(queryset, user, field="url_path"):
    """``queryset`` (of pages, or of rows reaching a page through ``field``) limited to pages
    inside ``user``'s sites (unchanged for unrestricted staff)."""
    return pages_of_sites(queryset, staff_site_ids(user), field)


def page_ids_of_sites(site_ids):
    """A subquery of the ids of the pages inside the sites ``site_ids``."""
    import swapper

    page_model = swapper.load_model("wagtailcore", "Page")
    return page_model.objects.filter(url_path_q(site_ids)).values("pk")


def restrict_page_ids(queryset, user, field="page_id"):
    """``queryset`` of rows naming a page by id only (``field``, e.g. the release register,
    which outlives its pages) limited to pages inside ``user``'s sites."""
    ids = staff_site_ids(user)
    if ids is ALL_SITES:
        return queryset
    return queryset.filter(**{f"{field}__in": page_ids_of_sites(ids)})


def sites_for_staff(user):
    """The ``Site`` rows ``user`` works for, by name."""
    from wagtail.models import Site

    sites = Site.objects.order_by("-is_default_site", "site_name", "hostname")
    ids = staff_site_ids(user)
    return sites if ids is ALL_SITES else sites.filter(pk__in=ids)


def site_of_request(http_request):
    """The ``Site`` serving an HTTP request (Wagtail's ``Site.find_for_request``)."""
    from wagtail.models import Site

    return Site.find_for_request(http_request) if http_request is not None else None


def same_site_q(site, field="site"):
    """The rows of ``site`` on a platform of several sites; every row on a single site (where
    rows entered before the site was recorded may have none)."""
    if not is_multi_site():
        return Q()
    if site is None:
        return Q(pk__in=[])
    return Q(**{field: site})


def on_request_site(queryset, http_request, field="url_path"):
    """``queryset`` (of pages, or reaching a page through ``field``) limited to the site
    serving ``http_request``, on a platform of several sites: an API called on one agency's
    host name never serves another agency's pages. Unchanged with a single site."""
    if not is_multi_site():
        return queryset
    site = site_of_request(http_request)
    if site is None:
        return queryset.none()
    return queryset.filter(url_path_q({site.pk}, field))


def request_site_id(http_request):
    """The id of the site serving ``http_request`` on a platform of several sites; None with
    a single site (no restriction) — for :func:`same_site_q`."""
    if not is_multi_site():
        return None
    site = site_of_request(http_request)
    return site.pk if site is not None else 0


def staff_of_site_q(site_id, prefix=""):
    """A ``Q`` on users matching the staff who work for the site ``site_id`` (see
    :func:`staff_site_ids`): superusers, and users with a page permission on a page above the
    site's root, on it or inside it. Matches every user with a single site (or no site)."""
    if not is_multi_site() or site_id is None:
        return Q()
    roots = [root.root_path for root in site_root_paths() if root.site_id == site_id]
    if not roots:
        return Q(**{f"{prefix}is_superuser": True})
    root = roots[0]
    parts = root.strip("/").split("/") if root.strip("/") else []
    ancestors = ["/"] + ["/" + "/".join(parts[:n]) + "/" for n in range(1, len(parts) + 1)]
    field = f"{prefix}groups__page_permissions__page__url_path"
    return (Q(**{f"{prefix}is_superuser": True}) | Q(**{f"{field}__in": ancestors})
            | Q(**{f"{field}__startswith": root}))
