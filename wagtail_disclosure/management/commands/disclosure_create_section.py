"""``manage.py disclosure_create_section``: the 政府信息公开 section with its standard columns,
for a new site (see wagtail_disclosure.catalogue.standard_tree)."""

from django.core.management.base import BaseCommand, CommandError

from wagtail_disclosure.catalogue import standard_tree


class Command(BaseCommand):
    help = ("Create the 政府信息公开 section with the standard columns (指南, 制度, 法定主动公开内容 "
            "and its sub-columns, 年报), published and empty. Idempotent: what exists is kept.")

    def add_arguments(self, parser):
        parser.add_argument("--parent", help="The page the section goes below: its id, or its "
                            "path on the default site such as /about/ (default: the default "
                            "site's root page).")
        parser.add_argument("--title", default=standard_tree.SECTION_TITLE)
        parser.add_argument("--slug", default=standard_tree.SECTION_SLUG)
        parser.add_argument("--dry-run", action="store_true",
                            help="Only list what would be created.")

    def handle(self, *args, parent=None, title, slug, dry_run=False, **options):
        parent_page = find_parent(parent)
        try:
            report = standard_tree.ensure_section(parent_page, title=title, slug=slug,
                                                  dry_run=dry_run)
        except standard_tree.SectionError as exc:
            raise CommandError(str(exc)) from None
        if not report.created:
            self.stdout.write(f"Nothing to do: the section and its {len(report.pages) - 1} "
                              f"standard columns are already there ({report.pages[0][0]}).")
            return
        verb = "would create" if dry_run else "created"
        for path, page_title, created in report.pages:
            self.stdout.write(f"  {verb if created else 'present':<12}  {path}  {page_title}")
        self.stdout.write(f"{len(report.created)} page(s) "
                          f"{'would be created' if dry_run else 'created'}, "
                          f"{len(report.present)} already present.")


def find_parent(value):
    """The page given by ``--parent`` (an id or a path on the default site), else the default
    site's root page. Raises CommandError when there is no such page."""
    from wagtail.models import Site

    from wagtail_disclosure.catalogue.pages import Page  # the configured base page model

    if value and value.strip().isdigit():
        page = Page.objects.filter(pk=int(value)).first()
        if page is None:
            raise CommandError(f"--parent {value}: there is no page with id {value}.")
        return page.specific
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    if site is None:
        raise CommandError("There is no Wagtail site: create one (Settings › Sites), or give "
                           "--parent with a page id.")
    if not value or value.strip("/") == "":
        return site.root_page.specific
    url_path = site.root_page.url_path + value.strip("/") + "/"
    page = Page.objects.filter(url_path=url_path).first()
    if page is None:
        raise CommandError(f"--parent {value}: there is no page at {value!r} on the site "
                           f"{site.hostname}.")
    return page.specific
