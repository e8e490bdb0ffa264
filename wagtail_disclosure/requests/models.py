"""Models of information requests (依申请公开) and of the working-day calendar."""

import hashlib
import secrets
import uuid

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import models
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext_lazy as _

from . import outcomes
from .choices import (
    APPLICANT_LETTER_KINDS,
    OPEN_STATUSES,
    ApplicantType,
    Delivery,
    ExtensionKind,
    ExtensionStatus,
    FeeMethod,
    IdType,
    InformationForm,
    LetterDelivery,
    LetterKind,
    OrganisationKind,
    ReceiptChannel,
    Status,
    applicant_column,
    awaiting_reply_statuses,
)

ACCESS_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


def new_access_code():
    """A secret of 12 characters (60 bits) in three groups: ``K7MQ-2WXC-9HPA``."""
    raw = "".join(secrets.choice(ACCESS_CODE_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def normalise_tracking_number(value):
    """Tracking numbers are stored in upper case, so any case the applicant types matches."""
    return (value or "").strip().upper()


def normalise_access_code(code):
    """The code as compared: upper case, letters and digits only (``k7mq 2wxc-9hpa`` is
    ``K7MQ2WXC9HPA``)."""
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def hash_access_code(code):
    """A slow, salted hash of the (normalised) code, made by Django's first
    ``PASSWORD_HASHERS`` entry (PBKDF2-SHA256 with Django's iteration count by default), in
    Django's ``algorithm$…`` format. The code is a bearer secret that opens the applicant's
    personal data and letters: from a leaked database, codes must not be tried at the speed of
    one round of SHA-256 (billions a second on a GPU) but at the hasher's deliberate cost."""
    return make_password(normalise_access_code(code))


def _legacy_sha256_hash(normalised, salt):
    return f"{salt}${hashlib.sha256(f'{salt}:{normalised}'.encode()).hexdigest()}"


def _is_legacy_sha256_hash(encoded):
    """Earlier versions stored codes as ``salt$hex``: one round of salted SHA-256."""
    salt, sep, digest = (encoded or "").partition("$")
    return bool(sep and salt) and len(digest) == 64 and all(
        ch in "0123456789abcdef" for ch in digest)


#: The folder below MEDIA_ROOT that holds applicants' files; never served by a media URL
#: (see :func:`wagtail_disclosure.media.serve_public_media`).
PRIVATE_UPLOAD_DIR = "disclosure_private"


def private_upload_to(instance, filename):
    """Applicants' files get unguessable names in a folder of their own.

    Keep ``MEDIA_ROOT/disclosure_private/`` out of the public web server's reach: the package
    serves these files only to permitted staff and, with a signed link, to the applicant.
    """
    extension = filename.rsplit(".", 1)[-1].lower()[:5] if "." in filename else "bin"
    return f"{PRIVATE_UPLOAD_DIR}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{extension}"


def private_storage():
    """The storage of applicants' attachments and letters' documents: the ``STORAGES`` alias
    named by ``WAGTAIL_DISCLOSURE["PRIVATE_STORAGE"]`` ("default": Django's default storage).

    With object storage (S3 and the like, docs/how-to/object-storage.md) give it a private
    bucket of its own: the package reads and writes these files only through the storage API
    (``open``, ``save``, ``delete``, ``listdir``; never a filesystem ``path``) and serves them
    only through its own views (staff permissions, the applicant's signed links), never by the
    storage's URL. Read when the models are loaded: a change takes a restart."""
    from django.core.files.storage import default_storage, storages

    from ..conf import disclosure_settings

    alias = disclosure_settings.PRIVATE_STORAGE
    return default_storage if alias == "default" else storages[alias]


class HolidayNotice(models.Model):
    """A State Council notice of a year's holidays (《国务院办公厅关于YYYY年部分节假日安排的通知》),
    imported from its text: its days off and makeup working days are ``WorkdayOverride`` rows
    pointing to it, and the year counts as covered by real data."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    document_number = models.CharField(_("document number"), max_length=100, blank=True)
    text = models.TextField(_("text of the notice"))
    imported_at = models.DateTimeField(_("imported at"), default=timezone.now)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("imported by"),
                                    null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")

    class Meta:
        ordering = ["-year"]
        verbose_name = _("holiday notice")
        verbose_name_plural = _("holiday notices")

    def __str__(self):
        return self.document_number or self.title


class WorkdayOverride(models.Model):
    """A day the national calendar gets wrong for this agency: a local holiday, a correction,
    or a day of a year ``chinesecalendar`` does not know yet."""

    date = models.DateField(_("date"))
    site = models.ForeignKey(
        "wagtailcore.Site", verbose_name=_("site"), null=True, blank=True,
        on_delete=models.CASCADE, related_name="+",
        help_text=_("Blank: the day applies to every site (a national day or a correction). "
                    "A site: a local holiday or working day of that site's agency only; on "
                    "that site it takes the place of a row for every site on the same day."))
    notice = models.ForeignKey(
        HolidayNotice, verbose_name=_("from the notice"), null=True, blank=True,
        on_delete=models.CASCADE, related_name="overrides",
        help_text=_("The State Council notice this day was imported from, if any."))
    is_working_day = models.BooleanField(
        _("working day"), default=False,
        help_text=_("Ticked: a working day (e.g. a makeup working Saturday). Not ticked: a day "
                    "off (e.g. a local holiday)."))
    note = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["date"], condition=models.Q(site__isnull=True),
                                    name="wd_override_date_all_sites"),
            models.UniqueConstraint(fields=["site", "date"], name="wd_override_date_per_site"),
        ]
        verbose_name = _("working-day override")
        verbose_name_plural = _("working-day overrides")

    def __str__(self):
        kind = _("working day") if self.is_working_day else _("day off")
        return f"{self.date:%Y-%m-%d} ({kind})"


class InformationRequestQuerySet(models.QuerySet):
    def awaiting_reply(self):
        """Open requests whose reply deadline runs (see ``awaiting_reply_statuses()``)."""
        return self.filter(status__in=awaiting_reply_statuses())

    def due_by(self, day):
        """Awaiting a reply that is due on or before ``day`` (overdue ones included)."""
        return self.awaiting_reply().filter(due_on__lte=day)

    def overdue(self, today):
        return self.awaiting_reply().filter(due_on__lt=today)

    def due_within_working_days(self, today, working_days):
        """Awaiting a reply that is due within ``working_days`` working days of ``today``
        (overdue ones included), each counted with its own site's calendar (a site's local
        holiday moves its horizon only). No query but the listing's: the sites are Wagtail's
        cached root paths and the calendars are cached (``workdays.default_calendar``)."""
        from django.db.models import Q

        from ..sites import site_root_paths
        from ..workdays import default_calendar

        by_horizon = {}
        for site_id in {root.site_id for root in site_root_paths()}:
            horizon = default_calendar(site_id).add_working_days(today, working_days)
            by_horizon.setdefault(horizon, []).append(site_id)
        known = [site_id for ids in by_horizon.values() for site_id in ids]
        # a request of no site (or of a site since removed): the calendar for every site
        fallback = default_calendar().add_working_days(today, working_days)
        due = (Q(site__isnull=True) | ~Q(site__in=known)) & Q(due_on__lte=fallback)
        for horizon, site_ids in by_horizon.items():
            due |= Q(site__in=site_ids, due_on__lte=horizon)
        return self.awaiting_reply().filter(due)


class InformationRequest(models.Model):
    """An information request (政府信息公开申请) and where it stands."""

    objects = InformationRequestQuerySet.as_manager()

    tracking_number = models.CharField(_("tracking number"), max_length=40, unique=True,
                                       editable=False)
    # 128 like Django's own password column: every built-in hasher fits (argon2 ~104, scrypt 128)
    access_code_hash = models.CharField(max_length=128, editable=False)
    request_page = models.ForeignKey(
        "wagtail_disclosure.RequestFormPage", verbose_name=_("request form page"),
        null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # The agency's site (one installation can host many: docs/how-to/multi-site.md). Staff
    # see the requests of the sites they hold page permissions on; the applicant finds the
    # request only on its site. A deleted site leaves its requests to unrestricted staff.
    site = models.ForeignKey(
        "wagtailcore.Site", verbose_name=_("site"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+")

    # How and when it arrived (条例 Art.31).
    organ = models.ForeignKey(
        "wagtail_disclosure.PublishingOrgan", verbose_name=_("organ"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
        help_text=_("The organ the request is addressed to; the annual report counts it there."))
    channel = models.CharField(_("channel"), max_length=20, choices=ReceiptChannel.choices,
                               default=ReceiptChannel.ONLINE)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    received_on = models.DateField(_("date of receipt"))

    # The applicant (条例 Art.29 (1)). Personal data: masked in listings, never in page APIs.
    applicant_type = models.CharField(_("applicant type"), max_length=20,
                                      choices=ApplicantType.choices)
    organisation_kind = models.CharField(_("kind of organisation"), max_length=20, blank=True,
                                         choices=OrganisationKind.choices)
    name = models.CharField(_("name of the applicant"), max_length=200)
    id_type = models.CharField(_("identity document"), max_length=30, blank=True,
                               choices=IdType.choices)
    id_number = models.CharField(_("identity document number"), max_length=40, blank=True)
    organisation_code = models.CharField(_("unified social credit code"), max_length=18,
                                         blank=True)
    legal_representative = models.CharField(_("legal representative"), max_length=100,
                                            blank=True)
    contact_person = models.CharField(_("contact person"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    postcode = models.CharField(_("postcode"), max_length=6, blank=True)

    # The information sought (Art.29 (2), (3)).
    description = models.TextField(_("description of the information"))
    document_number = models.CharField(_("document number"), max_length=100, blank=True)
    purpose = models.TextField(_("purpose"), blank=True)
    form = models.CharField(_("form of the information"), max_length=20,
                            choices=InformationForm.choices)
    delivery = models.CharField(_("how to obtain it"), max_length=20, choices=Delivery.choices)
    consent_given_at = models.DateTimeField(_("consented to the privacy notice at"), null=True,
                                            blank=True)

    # Processing.
    status = models.CharField(_("status"), max_length=30, choices=Status.choices,
                              default=Status.RECEIVED, db_index=True)
    outcome = models.CharField(_("outcome"), max_length=40, blank=True,
                               choices=outcomes.Outcome.choices, db_index=True)
    handler = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("handler"), null=True,
                                blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("entered by"),
                                   null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    possible_repeat_of = models.ForeignKey(
        "self", verbose_name=_("possibly repeats"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
        help_text=_("An earlier request by the same applicant for apparently the same "
                    "information (Art.36(6)). Check before answering."))

    # The statutory clock (see clock.py). clock_started_on is the date of receipt, or of the
    # corrected request (Art.30); due_on is the reply deadline.
    clock_started_on = models.DateField(_("clock started on"))
    due_on = models.DateField(_("reply due on"), db_index=True)
    due_provisional = models.BooleanField(
        _("provisional deadline"), default=False,
        help_text=_("The deadline counts days of a year the holiday calendar does not cover "
                    "yet, as Monday to Friday."))
    correction_notice_due_on = models.DateField(_("correction notice due on"))
    correction_due_on = models.DateField(_("correction due from the applicant on"), null=True,
                                         blank=True)
    extension_days = models.PositiveSmallIntegerField(_("extension (working days)"), default=0)
    delayed_until = models.DateField(
        _("delayed reply due on"), null=True, blank=True,
        help_text=_("条例 Art.35: the reasonable later date set for a request clearly beyond a "
                    "reasonable volume or frequency; the reply is due by then."))
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    reply_delivery = models.CharField(_("reply delivered by"), max_length=20, blank=True,
                                      choices=Delivery.choices)
    reply_delivered_on = models.DateField(_("reply delivered on"), null=True, blank=True)
    last_reminded_on = models.DateField(null=True, blank=True, editable=False)
    anonymised_at = models.DateTimeField(_("personal data removed at"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("information request")
        verbose_name_plural = _("information requests")
        permissions = [
            ("process_informationrequest", _("Can process information requests")),
            ("approve_extension", _("Can approve extensions of information requests")),
            ("view_personal_data", _("Can see applicants' full personal data")),
        ]
        indexes = [models.Index(fields=["status", "due_on"]),
                   models.Index(fields=["received_on"]),
                   # for the possible-repeat check at each submission
                   models.Index(fields=["id_number"]),
                   models.Index(fields=["organisation_code"]),
                   models.Index(fields=["name", "phone"])]

    def __str__(self):
        return self.tracking_number

    # -- the access code -----------------------------------------------------------------

    def set_access_code(self, code):
        """Store the code's slow hash (:func:`hash_access_code`); the code itself is never
        stored. Does not save."""
        self.access_code_hash = hash_access_code(code)

    def check_access_code(self, code):
        """Whether ``code`` is this request's access code. Runs the slow hasher once (and once
        more when it upgrades the hash), so that a wrong code takes as long as a wrong number
        (:func:`tracking.find_request`). A hash in an old format (one round of SHA-256) or one
        made with weaker parameters than ``PASSWORD_HASHERS[0]``'s is replaced by a new hash
        on the first successful check, as Django does for passwords."""
        normalised = normalise_access_code(code)
        encoded = self.access_code_hash or ""
        if _is_legacy_sha256_hash(encoded):
            salt = encoded.partition("$")[0]
            matches = constant_time_compare(_legacy_sha256_hash(normalised, salt), encoded)
            if matches:
                self._upgrade_access_code_hash(normalised)
            else:
                make_password(normalised)  # the same work as a check with the slow hasher
            return matches
        return check_password(normalised, encoded,
                              setter=self._upgrade_access_code_hash)

    def _upgrade_access_code_hash(self, normalised):
        self.access_code_hash = make_password(normalised)
        if self.pk is not None:
            # only this column: no save() signals, no overwriting of fields changed meanwhile
            type(self).objects.filter(pk=self.pk).update(access_code_hash=self.access_code_hash)

    # -- derived -------------------------------------------------------------------------

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES

    @property
    def outcome_row(self):
        return outcomes.BY_KEY.get(self.outcome)

    @property
    def applicant_column(self):
        """The annual report's applicant column: natural_person or an organisation kind."""
        return applicant_column(self.applicant_type, self.organisation_kind)

    def is_overdue(self, today=None):
        today = today or timezone.localdate()
        return self.awaiting_reply and self.due_on < today

    @property
    def awaiting_reply(self):
        """Whether the reply deadline runs now (see ``awaiting_reply_statuses()``)."""
        return self.status in awaiting_reply_statuses()

    def applicant_letters(self):
        return self.letters.filter(kind__in=APPLICANT_LETTER_KINDS, sent_on__isnull=False)


class RequestAttachment(models.Model):
    """A file the applicant sent with the request (e.g. a scan of an identity card)."""

    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE,
                                related_name="attachments")
    file = models.FileField(upload_to=private_upload_to, storage=private_storage)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("request attachment")
        verbose_name_plural = _("request attachments")

    def __str__(self):
        return self.original_name


class RequestLetter(models.Model):
    """A letter about a request: to the applicant (notices, the reply) or to a third party."""

    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE,
                                related_name="letters")
    kind = models.CharField(_("kind of letter"), max_length=30, choices=LetterKind.choices)
    number = models.CharField(_("letter number"), max_length=100, blank=True,
                              help_text=_("Reply letters are numbered per organ and year."))
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    sent_on = models.DateField(_("sent on"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("letter")
        verbose_name_plural = _("letters")

    def __str__(self):
        return self.title


class LetterDocument(models.Model):
    """A document sent with a letter (the information disclosed)."""

    letter = models.ForeignKey(RequestLetter, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(upload_to=private_upload_to, storage=private_storage)
    title = models.CharField(_("title"), max_length=255)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("letter document")
        verbose_name_plural = _("letter documents")

    def __str__(self):
        return self.title


class Consultation(models.Model):
    """A written consultation of a third party (条例 Art.32): the clock stops while it runs.

    The third party's 15 working days run from the day it **receives** the letter
    (``received_on``; for email and hand delivery the sending date unless another is recorded).
    """

    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE,
                                related_name="consultations")
    third_party = models.CharField(_("third party"), max_length=200)
    started_on = models.DateField(_("letter sent on"))
    delivery = models.CharField(_("letter sent by"), max_length=20, blank=True,
                                choices=LetterDelivery.choices)
    received_on = models.DateField(
        _("letter received on"), null=True, blank=True,
        help_text=_("The day the third party received the letter; its 15 working days count "
                    "from the day after. Unknown (e.g. a letter still in the post): counted "
                    "from the sending date until recorded."))
    due_on = models.DateField(_("answer due on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    result = models.TextField(_("result"), blank=True)

    class Meta:
        ordering = ["started_on", "id"]
        verbose_name = _("third-party consultation")
        verbose_name_plural = _("third-party consultations")

    def __str__(self):
        return self.third_party


class Extension(models.Model):
    """An extension of the reply deadline (Art.33 ¶2): approved by the office's head."""

    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE,
                                related_name="extensions")
    kind = models.CharField(_("kind"), max_length=20, choices=ExtensionKind.choices,
                            default=ExtensionKind.EXTENSION)
    days = models.PositiveSmallIntegerField(_("working days"))
    until = models.DateField(_("reply due on"), null=True, blank=True,
                             help_text=_("Delayed reply (Art.35) only: the later reply date."))
    reason = models.TextField(_("reason"))
    status = models.CharField(_("status"), max_length=20, choices=ExtensionStatus.choices,
                              default=ExtensionStatus.PENDING)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["requested_at", "id"]
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")

    def __str__(self):
        return f"{self.request} +{self.days}"


class FeeNotice(models.Model):
    """A 收费通知 for 信息处理费 (Art.42, 国办函〔2020〕109号)."""

    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE,
                                related_name="fee_notices")
    method = models.CharField(_("method"), max_length=20, choices=FeeMethod.choices)
    quantity = models.PositiveIntegerField(_("items or pages"))
    items_before = models.PositiveIntegerField(
        _("items already requested this month"), default=0,
        help_text=_("Per-item fees only: the applicant's items in the same natural month "
                    "before this request."))
    amount = models.PositiveIntegerField(_("amount (yuan)"))
    issued_on = models.DateField(_("issued on"))
    delivery = models.CharField(_("notice sent by"), max_length=20, blank=True,
                                choices=LetterDelivery.choices)
    received_on = models.DateField(
        _("notice received on"), null=True, blank=True,
        help_text=_("The day the applicant received the notice; the payment period counts from "
                    "the day after. Email or in person: the sending date unless recorded."))
    pay_by = models.DateField(_("pay by"))
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    lapsed_on = models.DateField(_("payment period lapsed on"), null=True, blank=True)

    class Meta:
        ordering = ["issued_on", "id"]
        verbose_name = _("fee notice")
        verbose_name_plural = _("fee notices")

    def __str__(self):
        return f"{self.request} {self.amount}"


class Notification(models.Model):
    """An email waiting to go out, or sent: the outbox.

    A notification is stored in the same transaction as what caused it, and sent by a
    django-tasks task after the commit, so a broken mail server or task worker loses nothing:
    the ``send_request_reminders`` command sends what is still waiting.
    """

    request = models.ForeignKey(InformationRequest, null=True, blank=True,
                                on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=40)
    recipient = models.EmailField()
    subject = models.CharField(max_length=200)
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self):
        return f"{self.kind} ({'sent' if self.sent_at else 'waiting'})"
