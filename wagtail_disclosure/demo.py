"""The demo site: ``manage.py disclosure_demo`` builds a realistic 政府信息公开 section for a
district supply and marketing cooperative (温州市鹿城区供销合作社).

:func:`build_demo` creates whatever is missing, in one transaction, from the content in
:mod:`wagtail_disclosure.data.demo_site` and the items :func:`~.data.demo_items.item_specs`
derives from it. Pages are found by slug, so running it again creates nothing and changes
nothing.

Every page is published through ``save_revision().publish()``, so it has a revision and the
publication log an editor would leave. An item's 发布日期 is set before its first publication,
so its generated 索引号 carries the right year; items from the old site bring their 索引号.
"""

import datetime
import hashlib
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext, gettext_lazy

from .data import demo_site as content
from .data.demo_items import item_specs, paragraphs_html, tiny_pdf
from .data.topics import seed_topics

DEMO_USERNAME = "admin"
DEMO_PASSWORD = "admin"


# -- Building it in the database -------------------------------------------------------------


@dataclass
class DemoReport:
    """What a run created and what was already there, per kind of object."""

    counts: dict = field(default_factory=dict)
    admin_user: str = ""
    admin_password: str = ""
    section_url: str = ""
    notes: list = field(default_factory=list)
    tracking: dict | None = None  # a processed demo request the applicant's view can open

    def tally(self, what, created):
        pair = self.counts.setdefault(what, [0, 0])
        pair[0 if created else 1] += 1

    @property
    def created_total(self):
        return sum(created for created, _present in self.counts.values())


def _page_model():
    import swapper

    return swapper.load_model("wagtailcore", "Page")


def _home_page_model():
    """The example project's ``home.HomePage``; a plain page on sites that have no such model."""
    try:
        return apps.get_model("home", "HomePage")
    except LookupError:
        return _page_model()


def _publish(parent, page, user):
    """Add ``page`` under ``parent`` as a draft, then publish it through a revision."""
    from .catalogue.standard_tree import publish_new_page

    return publish_new_page(parent, page, user)


def _is_stock_welcome_page(page):
    """Wagtail's "Welcome to your new Wagtail site!" page, untouched and childless."""
    from django.contrib.contenttypes.models import ContentType

    return (page.depth == 2 and page.numchild == 0
            and page.content_type_id == ContentType.objects.get_for_model(_page_model()).pk
            and page.title.startswith("Welcome to your new Wagtail site"))


def ensure_superuser(report):
    User = get_user_model()
    if User.objects.filter(is_superuser=True).exists():
        report.tally("superuser", created=False)
        existing = User.objects.filter(**{User.USERNAME_FIELD: DEMO_USERNAME}).first()
        if existing is not None and existing.check_password(DEMO_PASSWORD):
            report.admin_user, report.admin_password = DEMO_USERNAME, DEMO_PASSWORD
        return existing if existing is not None and existing.is_superuser else None
    if User.objects.filter(**{User.USERNAME_FIELD: DEMO_USERNAME}).exists():
        report.notes.append(f"A user named {DEMO_USERNAME!r} exists but is not a superuser; "
                            "no superuser was created.")
        return None
    user = User.objects.create_superuser(
        **{User.USERNAME_FIELD: DEMO_USERNAME}, email="admin@example.com", password=DEMO_PASSWORD)
    report.tally("superuser", created=True)
    report.admin_user, report.admin_password = DEMO_USERNAME, DEMO_PASSWORD
    return user


def ensure_organs(report):
    from .catalogue.snippets import PublishingOrgan

    organs = {}
    for key, data in content.ORGANS.items():
        organ = (PublishingOrgan.objects.filter(code=data["code"]).first()
                 or PublishingOrgan.objects.filter(name=data["name"]).first())
        report.tally("publishing organs", created=organ is None)
        if organ is None:
            organ = PublishingOrgan(**data)
            organ.full_clean()  # the code's check character is verified here
            organ.save()
        organs[key] = organ
    return organs


def ensure_home(report, user):
    """The default site's root: a HomePage, replacing Wagtail's stock welcome page."""
    from wagtail.models import Site

    HomePage = _home_page_model()
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None and isinstance(site.root_page.specific, HomePage):
        report.tally("home page", created=False)
        return site.root_page.specific, False
    root = _page_model().get_first_root_node()
    home = HomePage.objects.child_of(root).filter(slug=content.HOME["slug"]).first()
    created = home is None
    if created:
        home = _publish(root, HomePage(title=content.HOME["title"], slug=content.HOME["slug"]),
                        user)
    report.tally("home page", created=created)
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True)
    old_root = site.root_page if site.pk else None
    if (site.hostname, site.port) == ("localhost", 80):
        # where `make demo` serves it, so absolute URLs (API html_url, feeds) work
        site.hostname, site.port = "127.0.0.1", 8000
    site.root_page = home
    site.site_name = site.site_name or content.SITE_NAME
    site.save()
    if old_root is not None and old_root.pk != home.pk:
        if _is_stock_welcome_page(old_root):
            old_root.delete()
        else:
            report.notes.append(
                f"The old root page “{old_root.title}” (id {old_root.pk}) was kept.")
    return home, created


def ensure_section(home, report, user):
    from .catalogue.pages import DisclosureIndexPage

    section = (DisclosureIndexPage.objects.child_of(home).filter(slug=content.SECTION["slug"])
               .first() or DisclosureIndexPage.objects.descendant_of(home).first())
    report.tally("section", created=section is None)
    if section is not None:
        return section
    data = dict(content.SECTION)
    data["guide"] = [("section", {"heading": heading, "text": paragraphs_html(paragraphs)})
                     for heading, paragraphs in data["guide"]]
    return _publish(home, DisclosureIndexPage(**data), user)


def ensure_columns(section, report, user):
    """The columns, found by slug under their parent. Returns {slug: column}."""
    from .catalogue.pages import DisclosureColumnPage

    columns = {}

    def ensure(parent, slug, title, description):
        column = DisclosureColumnPage.objects.child_of(parent).filter(slug=slug).first()
        report.tally("columns", created=column is None)
        if column is None:
            column = _publish(parent, DisclosureColumnPage(
                title=title, slug=slug, description=f"<p>{escape(description)}</p>"), user)
        columns[slug] = column
        return column

    for slug, title, description, children in content.COLUMNS:
        column = ensure(section, slug, title, description)
        for child_slug, child_title, child_description in children:
            ensure(column, child_slug, child_title, child_description)
    return columns


def _make_document(attachment, user):
    from wagtail.documents import get_document_model

    if "text" in attachment:
        data = attachment["text"].encode("utf-8")
    else:
        data = tiny_pdf(attachment["lines"])
    document = get_document_model()(title=attachment["title"], uploaded_by_user=user,
                                    file_size=len(data),
                                    file_hash=hashlib.sha1(data).hexdigest())
    document.file.save(f"demo/{attachment['name']}", ContentFile(data), save=False)
    document.save()
    return document


BACKDATING_REASON = "演示数据：按原网站的发布日期迁入"


def _new_item_page(spec, organs, topics, user, report):
    from .catalogue.pages import DisclosureItemAttachment, DisclosureItemPage
    from .catalogue.power_items import PowerItemPage

    fields = dict(
        title=spec.title, slug=spec.slug, organ=organs[spec.organ],
        topic=topics.get(content.TOPICS[spec.topic]), kind=spec.kind,
        document_number=spec.document_number, formation_date=spec.formation_date,
        effective_date=spec.effective_date, keywords=spec.keywords, summary=spec.summary,
        body=spec.body, channels=spec.channels, published_on=spec.published_on,
        index_number=spec.index_number or None,
        # the demo's items are dated as if brought over from an old site (条例 rules on
        # back-dating: the reason is stated and shown in the release register)
        backdating_reason=(BACKDATING_REASON if spec.published_on < timezone.localdate()
                           else ""),
        first_published_at=timezone.make_aware(datetime.datetime.combine(
            spec.published_on, datetime.time(9, 30))),
    )
    page = PowerItemPage(**fields, **spec.power) if spec.power else DisclosureItemPage(**fields)
    for position, attachment in enumerate(spec.attachments):
        page.attachments.add(DisclosureItemAttachment(
            document=_make_document(attachment, user), sort_order=position))
        report.tally("documents", created=True)
    return page


def ensure_items(section, columns, organs, specs, report, user):
    """Create the items that are missing, oldest first (so 索引号 serials follow the dates),
    then record the later history: repealed, expired and amended items.

    Items are looked up by slug anywhere in the section, so one an editor moved to another
    column is not created again."""
    from .catalogue.pages import DisclosureItemPage
    from .catalogue.snippets import Topic

    topics = {t.path_label: t for t in Topic.objects.select_related("parent__parent")}
    existing = {page.slug: page for page in DisclosureItemPage.objects.descendant_of(section)}
    pages = {}
    for spec in specs:
        page = existing.get(spec.slug)
        report.tally("power items" if spec.power else "disclosure items", created=page is None)
        if page is None:
            page = _publish(columns[spec.column],
                            _new_item_page(spec, organs, topics, user, report), user)
        pages[spec.slug] = page
    for spec in specs:
        page = pages[spec.slug]
        if spec.validity == "in_force" or page.validity != "in_force":
            continue
        page = page.specific
        page.validity, page.repeal_date = spec.validity, spec.repeal_date
        page.replaced_by = pages[spec.replaced_by] if spec.replaced_by else None
        page.save_revision(user=user).publish(user=user)
        report.tally("validity changes", created=True)
    return pages


def _link_home_to_section(home, section, user):
    home.body = paragraphs_html([content.HOME["intro"]]) + (
        f'<p><a linktype="page" id="{section.pk}">{escape(section.title)}</a></p>')
    home.save_revision(user=user).publish(user=user)


def build_demo(create_superuser=True, today=None):
    """Build (or complete) the demo site. Returns a :class:`DemoReport`."""
    from .catalogue.snippets import Topic

    report = DemoReport()
    with transaction.atomic():
        seed_topics(Topic)
        user = ensure_superuser(report) if create_superuser else None
        organs = ensure_organs(report)
        home, home_created = ensure_home(report, user)
        section = ensure_section(home, report, user)
        columns = ensure_columns(section, report, user)
        from .reports import demo as report_demo

        report_index = report_demo.ensure_report_index(section, report, user, _publish)
        specs = item_specs(today=today)
        ensure_items(section, columns, organs, specs, report, user)
        from .requests import demo as request_demo

        request_page = request_demo.ensure_request_page(section, report, user, _publish)
        request_demo.ensure_groups(report)
        request_demo.ensure_requests(request_page, report, user, today=today)
        # before the reports are computed, so that their figures include these items too
        from .governance import demo as governance_demo

        governance_demo.build(governance_demo.DemoContext(
            report=report, user=user, section=section, columns=columns, organs=organs,
            today=today or timezone.localdate(), publish=_publish, specs=specs))
        report_demo.build(report_index, request_page, organs, specs, report, user,
                          today or timezone.localdate())
        report.tracking = request_demo.ensure_demo_tracking(request_page, report)
        report.section_url = section.url or ""
        if home_created and hasattr(home, "body"):
            _link_home_to_section(home, section, user)
    return report


# -- The command's output --------------------------------------------------------------------

REPORT_LABELS = {
    "superuser": gettext_lazy("superuser"),
    "publishing organs": gettext_lazy("publishing organs"),
    "home page": gettext_lazy("home page"),
    "section": gettext_lazy("disclosure section"),
    "columns": gettext_lazy("columns"),
    "disclosure items": gettext_lazy("disclosure items"),
    "power items": gettext_lazy("power items"),
    "documents": gettext_lazy("documents (attachments)"),
    "validity changes": gettext_lazy("validity changes"),
    "request form": gettext_lazy("request form page"),
    "staff groups": gettext_lazy("staff groups"),
    "information requests": gettext_lazy("information requests"),
    "report history": gettext_lazy("requests and cases of past years"),
    "annual reports": gettext_lazy("annual reports"),
    "government report": gettext_lazy("report of the cooperative and its units"),
    "feedback page": gettext_lazy("feedback box page"),
    "feedback": gettext_lazy("feedback messages"),
    "withheld information": gettext_lazy("withheld information"),
    "withdrawn items": gettext_lazy("withdrawn items"),
    "items marked repealed by the upkeep": gettext_lazy("items marked repealed by the upkeep"),
    "time-limited items": gettext_lazy("time-limited items"),
}


def base_url():
    """Where the development server runs (WAGTAILADMIN_BASE_URL), without a trailing slash."""
    from django.conf import settings

    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "http://127.0.0.1:8000"
    return base.rstrip("/")


def format_report(report):
    """The summary the command prints: counts, the site and the admin login."""
    order = list(REPORT_LABELS)
    keys = sorted(report.counts, key=lambda key: order.index(key) if key in order else len(order))
    width = max([28] + [len(str(REPORT_LABELS.get(key, key))) + 2 for key in keys])
    lines = [gettext("Demo site: %(name)s") % {"name": content.SITE_NAME}, "",
             f"  {'':{width}}{gettext('created'):>10}{gettext('already present'):>18}"]
    for key in keys:
        created, present = report.counts[key]
        lines.append(f"  {str(REPORT_LABELS.get(key, key)):{width}}{created:>10}{present:>18}")
    lines.append("")
    if not report.created_total:
        lines.append(gettext("Nothing to do: the demo site was already complete."))
    lines.extend(f"! {note}" for note in report.notes)
    if report.section_url:
        url = report.section_url  # relative unless the installation has several sites
        lines.append(gettext("Open government information: %(url)s")
                     % {"url": url if "://" in url else base_url() + url})
    if report.tracking:
        url = report.tracking["url"]
        lines.append(gettext("The applicant's view of an answered request: %(url)s  tracking "
                             "number: %(number)s  access code: %(code)s (the demo's fixed code)")
                     % {"url": url if "://" in url else base_url() + url,
                        "number": report.tracking["tracking_number"],
                        "code": report.tracking["access_code"]})
    admin = base_url() + reverse("wagtailadmin_home")
    if report.admin_user:
        lines.append(gettext("Admin: %(url)s  username: %(user)s  password: %(password)s "
                             "(demo only: change it on any shared machine)")
                     % {"url": admin, "user": report.admin_user,
                        "password": report.admin_password})
    else:
        lines.append(gettext("Admin: %(url)s (log in with your superuser)") % {"url": admin})
    return "\n".join(lines)
