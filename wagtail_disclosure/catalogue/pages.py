"""The page types of the 政府信息公开 section."""

import swapper
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents import get_document_model_string
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from ..conf import disclosure_settings, get_channel_choices
from ..governance.choices import DisclosureAttribute, ExemptionGround
from .blocks import GuideSectionBlock
from .choices import ItemKind, RequestChannel, Validity
from .fields import ChoiceListField
from .forms import DisclosureItemForm
from ..governance.assessment_panels import ItemTimelinessPanel
from .panels import AssignedOnPublicationPanel
from .search import segment_for_index

swapper.set_app_prefix("wagtailcore", "wagtail")
# The site's base page model (Wagtail 8's WAGTAIL_PAGE_MODEL, or wagtailcore.Page).
Page = swapper.load_model("wagtailcore", "Page", require_ready=False)


def _request_channel_choices():
    return list(RequestChannel.choices)


def _publication_channel_choices():
    return get_channel_choices(include_website=False)


def private_q(request=None):
    """Wagtail's ``PageQuerySet.private_q()`` built from the restricted pages' paths, kept
    between requests when given the ``request`` (caching/aggregates.py). A restriction added
    on one site moves that site's generation only; another site's kept list may then lack it,
    which changes nothing there: a restriction covers pages of its own site only."""
    from wagtail.models import PageViewRestriction

    from ..caching.aggregates import kept

    paths = kept(request, "restricted-paths", lambda: sorted(set(
        PageViewRestriction.objects.values_list("page__path", flat=True))))
    q = Q()
    for path in paths:  # Wagtail's descendant_of_q(page, inclusive=True)
        q |= Q(path__startswith=path, depth__gte=len(path) // Page.steplen)
    return q if q else Q(pk__in=[])


class ItemContainerMixin:
    """For pages that hold items: the section and its columns."""

    def items(self, request=None):
        """The published, public items anywhere below this page (power items included),
        answerable from the path index on every database (:mod:`.tree_queries`)."""
        from .tree_queries import descendants

        return descendants(DisclosureItemPage.objects.live().exclude(self.private_q(request)),
                           self)

    def private_q(self, request=None):
        """Wagtail's ``PageQuerySet.private_q()``: the pages under a view restriction. Read
        once per page object (the listing and the section's columns share it; ``.public()``
        reads the restrictions each time it is called) and, given the ``request``, kept
        between requests under the site's generation, which every change of a restriction
        moves (:mod:`wagtail_disclosure.caching.signals`)."""
        q = self.__dict__.get("_wd_private_q")
        if q is None:
            q = self.__dict__["_wd_private_q"] = private_q(request)
        return q


class DisclosureIndexPage(ItemContainerMixin, RoutablePageMixin, Page):
    """政府信息公开: the section root and its 政府信息公开指南 (at most one per site)."""

    #: Anonymous views of this page type may be kept in the page cache (caching.page_cache).
    page_cache = True
    #: Listed pages: purged from a CDN on every change of the site (caching.purge).
    page_cache_purge_always = True

    #: Anonymous views of this page type may read from a replica (routers.ReadReplicaRouter).
    read_replica = True

    intro = RichTextField(_("introduction"), blank=True)
    office_name = models.CharField(_("office name"), max_length=200, blank=True,
                                   help_text=_("The 政府信息公开工作机构 that handles disclosure."))
    office_address = models.CharField(_("office address"), max_length=255, blank=True)
    office_hours = models.CharField(_("office hours"), max_length=255, blank=True)
    office_phone = models.CharField(_("phone"), max_length=50, blank=True)
    office_fax = models.CharField(_("fax"), max_length=50, blank=True)
    office_email = models.EmailField(_("email"), blank=True)
    office_postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    request_channels = ChoiceListField(
        _("request channels accepted"), choices_callable=_request_channel_choices,
        help_text=_("In person and by post must always be accepted (国办公开办函〔2017〕19号)."),
    )
    guide = StreamField([("section", GuideSectionBlock())], verbose_name=_("guide content"),
                        blank=True,
                        help_text=_("The rest of the guide: how information is classified and "
                                    "arranged, how to obtain it, fees, remedies."))

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel([
            FieldPanel("office_name"),
            FieldPanel("office_address"),
            FieldRowPanel([FieldPanel("office_phone"), FieldPanel("office_fax")]),
            FieldRowPanel([FieldPanel("office_email"), FieldPanel("office_postcode")]),
            FieldPanel("office_hours"),
            FieldPanel("request_channels"),
        ], heading=_("Disclosure office (政府信息公开指南)")),
        FieldPanel("guide"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = [
        APIField("intro"), APIField("office_name"), APIField("office_address"),
        APIField("office_hours"), APIField("office_phone"), APIField("office_fax"),
        APIField("office_email"), APIField("office_postcode"), APIField("request_channels"),
        APIField("guide"),
    ]

    subpage_types = ["wagtail_disclosure.DisclosureColumnPage",
                     "wagtail_disclosure.RequestFormPage",
                     "wagtail_disclosure.AnnualReportIndexPage", "wagtail_disclosure.FeedbackPage"]
    template = "wagtail_disclosure/disclosure_index_page.html"
    search_template = "wagtail_disclosure/search_results.html"

    class Meta:
        verbose_name = _("open government information section")
        verbose_name_plural = _("open government information sections")

    @classmethod
    def can_create_at(cls, parent):
        if not super().can_create_at(parent):
            return False
        site = parent.get_site()
        if site is None:
            return not cls.objects.exists()
        return not cls.objects.descendant_of(site.root_page, inclusive=True).exists()

    def clean(self):
        super().clean()
        channels = self.request_channels or []
        missing = [c for c in (RequestChannel.IN_PERSON, RequestChannel.POST) if c not in channels]
        if channels and missing:
            raise ValidationError({"request_channels": _(
                "Requests in person and by post must always be accepted; tick both.")})

    @cached_property
    def request_channel_labels(self):
        labels = dict(RequestChannel.choices)
        return [labels[c] for c in (self.request_channels or []) if c in labels]


    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # .type() filters on the indexed content type: the same pages, but the database
        # need not walk every page of the section to find its columns.
        from ..reports.pages import AnnualReportIndexPage

        # the 年报 column is listed with the other columns
        from .tree_queries import children, first_child_of_type

        context["columns"] = (
            children(Page.objects, self).type(DisclosureColumnPage, AnnualReportIndexPage)
            .live().exclude(self.private_q(request)).specific(defer=True)
        )
        from ..requests.pages import RequestFormPage

        context["request_page"] = first_child_of_type(RequestFormPage, self)
        from .placements import in_listing_order

        # newest first from the placements' index: no sort of the section's items
        context["latest_items"] = in_listing_order(
            self.items(request).select_related("organ"),
            self)[: disclosure_settings.LATEST_ITEMS]
        return context

    @path("search/", name="search")
    def search_view(self, request):
        from .views import search_results

        return search_results(request, self, self.items(request))

    @path("index-number/<path:number>/", name="index_number")
    def index_number_view(self, request, number):
        """A 索引号 resolves to its item for as long as the item exists, withdrawn or not."""
        from ..governance.withdrawal import resolve_index_number

        return resolve_index_number(request, self, number)


class DisclosureColumnPage(ItemContainerMixin, RoutablePageMixin, Page):
    """栏目: a column of the catalogue. Columns nest; a column lists the items in it and in
    every column below it, newest first."""

    #: Anonymous views of this page type may be kept in the page cache (caching.page_cache).
    page_cache = True
    #: Listed pages: purged from a CDN on every change of the site (caching.purge).
    page_cache_purge_always = True

    def get_cached_paths(self):
        """The paths a CDN may keep of this column: its first page and its feeds."""
        return ["/", "/feed/", "/feed/atom/"]

    #: Anonymous views of this page type may read from a replica (routers.ReadReplicaRouter).
    read_replica = True

    description = RichTextField(pgettext_lazy("disclosure column", "description"), blank=True)
    show_filters = models.BooleanField(_("show the filter form"), default=True)
    freshness_days = models.PositiveIntegerField(
        _("freshness limit (days)"), null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(3660)],
        help_text=_("The compliance self-inspection flags the column when nothing was published "
                    "in it for longer than this. Blank: the site's default."),
    )

    content_panels = Page.content_panels + [FieldPanel("description"), FieldPanel("show_filters")]
    settings_panels = Page.settings_panels + [FieldPanel("freshness_days")]
    search_fields = Page.search_fields + [index.SearchField("description")]
    api_fields = [APIField("description"), APIField("show_filters")]

    parent_page_types = ["wagtail_disclosure.DisclosureIndexPage",
                         "wagtail_disclosure.DisclosureColumnPage"]
    subpage_types = ["wagtail_disclosure.DisclosureColumnPage",
                     "wagtail_disclosure.DisclosureItemPage",
                     "wagtail_disclosure.PowerItemPage"]
    template = "wagtail_disclosure/disclosure_column_page.html"

    class Meta:
        verbose_name = _("disclosure column")
        verbose_name_plural = _("disclosure columns")


    @path("")
    def listing(self, request):
        from .views import column_listing

        return column_listing(request, self)

    @path("feed/", name="rss")
    def rss_feed(self, request):
        from .feeds import ColumnRssFeed

        return ColumnRssFeed(self)(request)

    @path("feed/atom/", name="atom")
    def atom_feed(self, request):
        from .feeds import ColumnAtomFeed

        return ColumnAtomFeed(self)(request)


#: the fields whose rules depend on today's date (governance.validity, .classification)
DATE_RELATIVE_FIELDS = ("validity", "publication_ends_on", "backdating_reason")


class DisclosureItemPage(Page):
    """信息条目: one disclosed item with the national catalogue metadata."""

    #: Anonymous views of this page type may be kept in the page cache (caching.page_cache).
    page_cache = True
    #: Anonymous views of this page type may read from a replica (routers.ReadReplicaRouter).
    read_replica = True

    index_number = models.CharField(
        _("index number"), max_length=64, unique=True, null=True, blank=True, editable=False,
        help_text=_("索引号: assigned when the item is first published; never changes."),
    )
    organ = models.ForeignKey("wagtail_disclosure.PublishingOrgan",
                              verbose_name=_("publishing organ"),
                              on_delete=models.PROTECT, related_name="+")
    document_number = models.CharField(_("document number"), max_length=100, blank=True,
                                       help_text=_("文号, e.g. 国办函〔2020〕109号"))
    formation_date = models.DateField(_("date of formation"), null=True, blank=True,
                                      help_text=_("成文日期: the date the document was signed."))
    published_on = models.DateField(
        _("publication date"), null=True, blank=True, editable=False, db_index=True,
        help_text=_("发布日期: the day the item was first published."),
    )
    topic = models.ForeignKey("wagtail_disclosure.Topic", verbose_name=_("topic"), null=True,
                              blank=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(_("kind"), max_length=40, choices=ItemKind.choices,
                            default=ItemKind.OTHER_DOCUMENT, db_index=True)
    validity = models.CharField(_("validity"), max_length=20, choices=Validity.choices,
                                default=Validity.IN_FORCE)
    effective_date = models.DateField(_("effective date"), null=True, blank=True)
    repeal_date = models.DateField(_("repeal date"), null=True, blank=True,
                                   help_text=_("The day it was repealed, amended or expired."))
    replaced_by = models.ForeignKey(
        "wagtail_disclosure.DisclosureItemPage", verbose_name=_("replaced by"), null=True,
        blank=True, on_delete=models.SET_NULL, related_name="replaces",
    )
    keywords = models.CharField(_("keywords"), max_length=255, blank=True,
                                help_text=_("主题词, separated by spaces or commas."))
    summary = models.TextField(_("summary"), blank=True,
                               help_text=_("内容概述: a short account of what the item contains."))
    body = RichTextField(_("body"), blank=True)
    channels = ChoiceListField(
        _("other publication channels"), choices_callable=_publication_channel_choices,
        help_text=_("Every item is published on the website; tick the other channels it went "
                    "out on. The annual report counts an item once however many channels."),
    )
    # -- governance: 公开属性 (条例 Arts.13–17), back-dating, time limits, withdrawal --------
    disclosure_attribute = models.CharField(
        _("disclosure attribute"), max_length=20, choices=DisclosureAttribute.choices,
        default=DisclosureAttribute.PROACTIVE, db_index=True,
        help_text=_("公开属性. Only items disclosed proactively can be published."),
    )
    attribute_reason = models.TextField(
        _("reason for the disclosure attribute"), blank=True, max_length=2000,
        help_text=_("Required when the item is not disclosed proactively."))
    exemption_ground = models.CharField(
        _("ground for not disclosing"), max_length=40, blank=True,
        choices=ExemptionGround.choices,
        help_text=_("条例 Arts.14–16: required when the item is not disclosed."))
    backdating_reason = models.TextField(
        _("reason for an earlier publication date"), blank=True, max_length=2000,
        help_text=_("Required when an original publication date before today is given, e.g. "
                    "for items brought over from an old site. It is audited and shown in the "
                    "release register."))
    expiry_date = models.DateField(
        _("expiry date"), null=True, blank=True,
        help_text=_("有效期至: the item is marked expired automatically on this day."))
    publication_ends_on = models.DateField(
        _("publication ends on"), null=True, blank=True,
        help_text=_("公开时限: for information shown for a limited time (e.g. penalty notices). "
                    "On this day the item is taken down and its address shows a notice."))
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True,
                                        editable=False)
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True, editable=False)
    publication_working_days = models.PositiveIntegerField(
        _("working days to publication"), null=True, blank=True, editable=False,
        help_text=_("Working days from the date of formation to first publication (条例 Art.26); "
                    "blank when not known."))

    base_form_class = DisclosureItemForm
    # a copy or an alias is a new catalogue entry: it gets its own 索引号 when published
    exclude_fields_in_copy = ["index_number", "published_on", "withdrawn_at",
                              "withdrawal_reason", "publication_working_days",
                              "backdating_reason"]
    # indexed after commit, with attachments: see catalogue/signals.py
    search_auto_update = False

    # Panel groups shared with PowerItemPage.
    assigned_panel = FieldRowPanel([AssignedOnPublicationPanel("index_number"),
                                    AssignedOnPublicationPanel("published_on")])
    import_panel = MultiFieldPanel([
        FieldRowPanel([FieldPanel("existing_index_number"),
                       FieldPanel("original_publication_date")]),
        FieldPanel("backdating_reason"),
    ], heading=_("Brought in from an old site"), classname="collapsed")
    validity_panel = MultiFieldPanel([
        FieldPanel("validity"),
        FieldRowPanel([FieldPanel("effective_date"), FieldPanel("repeal_date")]),
        FieldRowPanel([FieldPanel("expiry_date"), FieldPanel("publication_ends_on")]),
        FieldPanel("replaced_by"),
    ], heading=_("Validity"))
    attribute_panel = MultiFieldPanel([
        FieldPanel("disclosure_attribute"),
        FieldPanel("exemption_ground"),
        FieldPanel("attribute_reason"),
    ], heading=_("Disclosure attribute (公开属性)"))

    content_panels = Page.content_panels + [
        MultiFieldPanel([
            assigned_panel,
            FieldPanel("organ"),
            FieldRowPanel([FieldPanel("document_number"), FieldPanel("formation_date")]),
            FieldRowPanel([FieldPanel("kind"), FieldPanel("topic")]),
            FieldPanel("keywords"),
        ], heading=_("Catalogue metadata")),
        ItemTimelinessPanel(),
        attribute_panel,
        import_panel,
        validity_panel,
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("attachments", label=_("Attachments")),
        FieldPanel("channels"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("search_text"),
        index.FilterField("kind"),
        index.FilterField("validity"),
        index.FilterField("topic"),
        index.FilterField("organ"),
        index.FilterField("published_on"),
    ]

    api_fields = [
        APIField("index_number"), APIField("publishing_organ"), APIField("document_number"),
        APIField("formation_date"), APIField("published_on"), APIField("topic_detail"),
        APIField("kind"), APIField("kind_label"), APIField("validity"),
        APIField("validity_label"), APIField("effective_date"), APIField("repeal_date"),
        APIField("replaced_by_detail"), APIField("keywords"), APIField("summary"),
        APIField("body"), APIField("attachment_list"), APIField("publication_channels"),
        APIField("expiry_date"), APIField("timeliness"),
    ]

    parent_page_types = ["wagtail_disclosure.DisclosureColumnPage"]
    subpage_types = []
    template = "wagtail_disclosure/disclosure_item_page.html"

    class Meta:
        verbose_name = _("disclosure item")
        verbose_name_plural = _("disclosure items")

    # -- the 索引号 ---------------------------------------------------------------------

    def save(self, *args, **kwargs):
        if self.live and not (self.index_number and self.published_on):
            with transaction.atomic():
                self._assign_publication_metadata()
                return super().save(*args, **kwargs)
        return super().save(*args, **kwargs)

    def _assign_publication_metadata(self):
        """Give a first-published item its 发布日期 and 索引号 (unless it brought its own)."""
        from .models import IndexNumberSequence

        from ..governance.timeliness import working_days_to_publication

        if self.published_on is None:
            self.published_on = timezone.localdate()
        if self.publication_working_days is None:
            self.publication_working_days = working_days_to_publication(self)
        if not self.index_number:
            self.index_number = IndexNumberSequence.next_index_number(
                self.organ, self.published_on)

    def with_content_json(self, content):
        """Restoring or publishing a revision never changes an assigned index number or the
        first publication date (they live on the page, not in the revision)."""
        obj = super().with_content_json(content)
        obj.index_number = self.index_number or obj.index_number
        obj.published_on = self.published_on or obj.published_on
        obj.publication_working_days = (self.publication_working_days
                                        if self.published_on else obj.publication_working_days)
        obj.withdrawn_at = self.withdrawn_at
        obj.withdrawal_reason = self.withdrawal_reason
        # built from a revision (publishing it, a workflow approval, publish_scheduled): the
        # rules relative to today were checked when the revision was saved (see clean())
        obj._validated_as_revision = True
        return obj

    # -- validation ----------------------------------------------------------------------

    def clean(self):
        super().clean()
        errors = {}
        if self.replaced_by_id and self.replaced_by_id == self.pk:
            errors["replaced_by"] = _("An item cannot replace itself.")
        from ..governance.classification import item_errors as classification_errors
        from ..governance.validity import item_errors as validity_errors

        errors.update(validity_errors(self))
        errors.update(classification_errors(self))
        if getattr(self, "_validated_as_revision", False):
            # A revision checked when it was saved is not refused later because days passed
            # (a repeal date or an end of publication that arrived while it awaited approval,
            # an original date that became "earlier than today"): Wagtail cleans the page
            # again when it publishes a revision, and an error there is a crash, not a
            # message. The daily upkeep applies an arrived date after publication. The item
            # editor's form checks them again (DisclosureItemForm clears the mark).
            for name in DATE_RELATIVE_FIELDS:
                errors.pop(name, None)
        unknown = set(self.channels or []) - {c for c, _ in _publication_channel_choices()}
        if unknown:
            errors["channels"] = _("Unknown channel(s): %(codes)s") % {
                "codes": pgettext_lazy("enumeration", ", ").join(sorted(unknown))}
        if errors:
            raise ValidationError(errors)

    # -- presentation and API -------------------------------------------------------------

    @property
    def is_no_longer_in_force(self):
        return self.validity != Validity.IN_FORCE

    @property
    def timeliness(self):
        """{"on_time": bool | None, "working_days": int | None} (条例 Art.26); see
        ``governance.timeliness``."""
        from ..governance.timeliness import item_timeliness

        return item_timeliness(self)

    # -- withdrawal (撤回) and the end of time-limited publication --------------------------

    def route(self, request, path_components):
        """A withdrawn item keeps its address: it shows the withdrawal notice, not a 404."""
        from ..governance.withdrawal import route_withdrawn

        result = route_withdrawn(self, request, path_components)
        return result if result is not None else super().route(request, path_components)

    def serve(self, request, *args, **kwargs):
        from ..governance.withdrawal import serve_withdrawn

        response = serve_withdrawn(self, request)
        return response if response is not None else super().serve(request, *args, **kwargs)

    @property
    def publishing_organ(self):
        return self.organ.api_representation() if self.organ_id else None

    @property
    def topic_detail(self):
        return self.topic.api_representation() if self.topic_id else None

    @property
    def kind_label(self):
        return str(self.get_kind_display())

    @property
    def validity_label(self):
        return str(self.get_validity_display())

    @property
    def replaced_by_detail(self):
        target = self.replaced_by
        if target is None:
            return None
        return {"id": target.pk, "title": target.title, "index_number": target.index_number,
                "url": target.url}

    @property
    def attachment_list(self):
        return [a.api_representation() for a in self.attachments_with_documents]

    @property
    def attachments_with_documents(self):
        """The attachments with their documents: one query, not one more per attachment."""
        return self.attachments.select_related("document")

    @property
    def publication_channels(self):
        labels = dict(get_channel_choices())
        codes = ["website"] + [c for c in (self.channels or []) if c != "website"]
        return [{"code": c, "label": str(labels.get(c, c))} for c in codes]

    def search_text(self):
        parts = [self.title, self.document_number, self.index_number or "", self.summary,
                 self.keywords, strip_tags(self.body or "")]
        if self.pk:
            parts.extend(a.display_title for a in self.attachments_with_documents)
        parts.extend(self.extra_search_text())
        return segment_for_index(" ".join(p for p in parts if p))

    def extra_search_text(self):
        """Override this to add more text to the Chinese search index of a page type."""
        return []


class DisclosureItemAttachment(Orderable):
    page = ParentalKey(DisclosureItemPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(get_document_model_string(), verbose_name=_("document"),
                                 on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=255, blank=True,
                             help_text=_("Leave blank to use the document's title."))

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    @property
    def display_title(self):
        return self.title or self.document.title

    def api_representation(self):
        doc = self.document
        return {"title": self.display_title, "url": doc.url,
                "file_extension": doc.file_extension}
