"""The standard column tree of a 政府信息公开 section, for a new site (``disclosure_create_section``).

The four top-level columns are the ones government sites share (政府信息公开指南, 制度, 法定主动公开
内容, 年报; reference/ogi-rules.md §4, "Column structure"). The sub-columns of 法定主动公开内容
follow the Art.20 categories of the 条例 that most agencies publish in; a site deletes those it
has nothing for, since empty columns count against it in website inspections.

:data:`STANDARD_TREE` is plain data: edit a copy and pass it to :func:`ensure_section` to build
another tree. ``type`` is ``"column"`` (a ``DisclosureColumnPage``) or ``"annual_reports"``
(the package's ``AnnualReportIndexPage``).
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.html import escape

SECTION_TITLE = "政府信息公开"
SECTION_SLUG = "zfxxgk"

#: The columns created below the section, in this order.
STANDARD_TREE = [
    {"title": "政府信息公开指南", "slug": "gkzn", "type": "column",
     "description": "政府信息的分类、编排体系、获取方式，政府信息公开工作机构的名称、办公地址、"
                    "办公时间、联系电话、传真号码和互联网联系方式（条例第十二条）。"},
    {"title": "政府信息公开制度", "slug": "gkzd", "type": "column",
     "description": "政府信息公开工作的各项制度：发布审核、保密审查、依申请公开办理、考核评议等。"},
    {"title": "法定主动公开内容", "slug": "fdzdgknr", "type": "column",
     "description": "依照《中华人民共和国政府信息公开条例》第二十条应当主动公开的政府信息。",
     "children": [
         {"title": "机构职能", "slug": "jgzn", "type": "column",
          "description": "机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名（第二十条第二项）。"},
         {"title": "政策文件", "slug": "zcwj", "type": "column",
          "description": "行政法规、规章和规范性文件（第二十条第一项）。"},
         {"title": "规划计划", "slug": "ghjh", "type": "column",
          "description": "国民经济和社会发展规划、专项规划、区域规划及相关政策（第二十条第三项）。"},
         {"title": "行政权力事项", "slug": "xzql", "type": "column",
          "description": "行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果，"
                         "行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的"
                         "决定（第二十条第五项、第六项）。"},
         {"title": "财政资金", "slug": "czzj", "type": "column",
          "description": "财政预算、决算信息，“三公”经费，行政事业性收费项目及其依据、标准"
                         "（第二十条第七项、第八项）。"},
         {"title": "政府采购", "slug": "zfcg", "type": "column",
          "description": "政府集中采购项目的目录、标准及实施情况（第二十条第九项）。"},
         {"title": "应急管理", "slug": "yjgl", "type": "column",
          "description": "突发公共事件的应急预案、预警信息及应对情况（第二十条第十二项）。"},
         {"title": "人事信息", "slug": "rsxx", "type": "column",
          "description": "公务员招考的职位、名额、报考条件等事项以及录用结果（第二十条第十四项）。"},
     ]},
    {"title": "政府信息公开年报", "slug": "gknb", "type": "annual_reports",
     "description": "本机关政府信息公开工作年度报告（条例第四十九条、第五十条）。"},
]


class SectionError(Exception):
    """The section cannot be created where it was asked for; the message says why."""


@dataclass
class TreeReport:
    """What :func:`ensure_section` did: (url path, title, created?) per page, in tree order."""

    pages: list = field(default_factory=list)

    @property
    def created(self):
        return [entry for entry in self.pages if entry[2]]

    @property
    def present(self):
        return [entry for entry in self.pages if not entry[2]]


def _page_classes():
    from ..reports.pages import AnnualReportIndexPage
    from .pages import DisclosureColumnPage

    return {"column": DisclosureColumnPage, "annual_reports": AnnualReportIndexPage}


def _existing_child(parent, slug):
    if parent is None:
        return None
    return parent.get_children().filter(slug=slug).first()


def _path(parent_path, slug):
    return f"{parent_path}{slug}/"


def site_path(page):
    """The page's path on its site ("/" for the site's root page), or its tree path if it is
    in no site."""
    site = page.get_site()
    if site is None:
        return page.url_path
    return "/" + page.url_path[len(site.root_page.url_path):]


def find_existing_section(parent):
    """The section of ``parent``'s site (one per site), or ``None``."""
    from .pages import DisclosureIndexPage

    site = parent.get_site()
    sections = DisclosureIndexPage.objects.all()
    if site is not None:
        sections = sections.descendant_of(site.root_page, inclusive=True)
    return sections.first()


def ensure_section(parent, *, title=SECTION_TITLE, slug=SECTION_SLUG, tree=None, user=None,
                   dry_run=False):
    """Create the section below ``parent`` with the columns of ``tree`` (:data:`STANDARD_TREE`
    by default), published, leaving alone whatever already exists (found by slug under its
    parent). With ``dry_run`` nothing is written and the report says what would be created.

    Raises :class:`SectionError` when the site already has a section elsewhere, when a page
    that is not a section has the slug, or when ``parent`` does not allow a section below it.
    """
    from .choices import RequestChannel
    from .pages import DisclosureIndexPage

    tree = STANDARD_TREE if tree is None else tree
    report = TreeReport()
    parent_path = site_path(parent)
    existing = find_existing_section(parent)
    section = _existing_child(parent, slug)
    if existing is not None and (section is None or section.pk != existing.pk):
        raise SectionError(
            f"This site already has its 政府信息公开 section, {existing.title!r} (page id "
            f"{existing.pk}, {site_path(existing)}); a site has only one. To add the standard "
            f"columns to it, run: manage.py disclosure_create_section "
            f"--parent {existing.get_parent().pk} --slug {existing.slug}")
    if section is not None and not isinstance(section.specific, DisclosureIndexPage):
        raise SectionError(
            f"The page {section.title!r} (id {section.pk}) below {parent.title!r} already has "
            f"the slug {slug!r}; choose another with --slug.")
    if section is None and not DisclosureIndexPage.can_create_at(parent):
        raise SectionError(
            f"A 政府信息公开 section cannot be created below {parent.title!r} (id {parent.pk}): "
            f"its page type does not allow it. Add 'wagtail_disclosure.DisclosureIndexPage' to "
            f"its subpage_types, or choose another parent with --parent.")

    with transaction.atomic():
        section_path = _path(parent_path, slug)
        report.pages.append((section_path, title if section is None else section.title,
                             section is None))
        if section is None and not dry_run:
            section = publish_new_page(parent, DisclosureIndexPage(
                title=title, slug=slug,
                # the statutory minimum (国办公开办函〔2017〕19号); editors add the others
                request_channels=[RequestChannel.IN_PERSON, RequestChannel.POST]), user)
        _ensure_children(section, section_path, tree, report, user, dry_run)
    return report


def _ensure_children(parent, parent_path, nodes, report, user, dry_run):
    classes = _page_classes()
    for node in nodes:
        page = _existing_child(parent, node["slug"])
        path = _path(parent_path, node["slug"])
        report.pages.append((path, node["title"] if page is None else page.title, page is None))
        if page is None and not dry_run:
            page_class = classes[node.get("type", "column")]
            description = node.get("description", "")
            text = f"<p>{escape(description)}</p>" if description else ""
            fields = {"description": text} if page_class is classes["column"] else {"intro": text}
            page = publish_new_page(
                parent, page_class(title=node["title"], slug=node["slug"], **fields), user)
        _ensure_children(page, path, node.get("children", ()), report, user, dry_run)


def publish_new_page(parent, page, user):
    """Add ``page`` below ``parent`` and publish it through a revision, as an editor would."""
    page.live = False
    parent.add_child(instance=page)
    page.save_revision(user=user).publish(user=user)
    page.refresh_from_db()
    return page
