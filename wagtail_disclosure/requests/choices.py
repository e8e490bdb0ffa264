"""Choice lists of information requests (依申请公开). The codes are stored and are the API's."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ApplicantType(models.TextChoices):
    NATURAL_PERSON = "natural_person", _("Natural person")
    ORGANISATION = "organisation", _("Legal person or other organisation")


class OrganisationKind(models.TextChoices):
    """The annual report's applicant columns (table 三) for organisations."""

    BUSINESS = "business", _("Commercial enterprise")
    RESEARCH = "research", _("Research institution")
    PUBLIC_INTEREST = "public_interest", _("Public-interest organisation")
    LEGAL_SERVICES = "legal_services", _("Legal services institution")
    OTHER = "other", pgettext_lazy("organisation kind", "Other")


def applicant_column(applicant_type, organisation_kind):
    """The annual report's applicant column (table 三) of a request: ``natural_person`` or the
    organisation's kind (``other`` when it has none)."""
    if applicant_type == ApplicantType.NATURAL_PERSON:
        return "natural_person"
    return organisation_kind if organisation_kind in OrganisationKind.values else (
        OrganisationKind.OTHER.value)


class IdType(models.TextChoices):
    RESIDENT_ID = "resident_id", _("Resident identity card")
    PASSPORT = "passport", _("Passport")
    HK_MACAO_PERMIT = "hk_macao_permit", _("Mainland travel permit for Hong Kong and Macao residents")
    TAIWAN_PERMIT = "taiwan_permit", _("Mainland travel permit for Taiwan residents")
    FOREIGN_PERMANENT = "foreign_permanent", _("Foreign permanent resident ID card")
    OTHER = "other", _("Other identity document")


class InformationForm(models.TextChoices):
    PAPER = "paper", _("Paper")
    ELECTRONIC = "electronic", _("Electronic")


class Delivery(models.TextChoices):
    POST = "post", _("By post")
    EMAIL = "email", _("By email")
    COLLECT = "collect", _("Collect in person")
    ON_SITE = "on_site", _("Read on site")


class ReceiptChannel(models.TextChoices):
    """How a request arrived; it decides the date of receipt (条例 Art.31)."""

    ONLINE = "online", _("Online form")
    IN_PERSON = "in_person", _("In person")
    REGISTERED_POST = "registered_post", _("Registered post (signed for)")
    LETTER = "letter", _("Ordinary letter")
    FAX = "fax", _("Fax")
    EMAIL = "email", _("Email")



class Status(models.TextChoices):
    # 条例 Art.31 "双方确认之日": an online request waits for the office to confirm receipt
    # when the ONLINE_RECEIPT setting is "confirmation"; the clock has not started.
    AWAITING_CONFIRMATION = "awaiting_confirmation", _("Awaiting confirmation of receipt")
    RECEIVED = "received", _("Received")
    AWAITING_CORRECTION = "awaiting_correction", _("Awaiting correction")
    IN_PROGRESS = "in_progress", pgettext_lazy("information request status", "In progress")
    CONSULTING = "consulting", _("Consulting a third party")
    EXTENDED = "extended", _("Extended")
    AWAITING_PAYMENT = "awaiting_payment", _("Awaiting payment of a fee")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_STATUSES = (Status.AWAITING_CONFIRMATION, Status.RECEIVED, Status.AWAITING_CORRECTION,
                 Status.IN_PROGRESS, Status.CONSULTING, Status.EXTENDED, Status.AWAITING_PAYMENT)
FINISHED_STATUSES = (Status.ANSWERED, Status.CLOSED, Status.WITHDRAWN)
# Open requests whose reply deadline applies: all but those whose receipt is not confirmed yet
# (the clock has not started), those waiting for the applicant's correction (the 20 working
# days start again when it arrives) and, while FEE_PAUSES_CLOCK is on, those waiting for a fee
# (the clock stands still; see awaiting_reply_statuses()).
AWAITING_REPLY_STATUSES = tuple(s for s in OPEN_STATUSES if s not in (
    Status.AWAITING_CONFIRMATION, Status.AWAITING_CORRECTION))


def awaiting_reply_statuses():
    """The statuses in which the reply deadline runs, by the ``FEE_PAUSES_CLOCK`` setting."""
    from ..conf import disclosure_settings

    if disclosure_settings.FEE_PAUSES_CLOCK:
        return tuple(s for s in AWAITING_REPLY_STATUSES if s != Status.AWAITING_PAYMENT)
    return AWAITING_REPLY_STATUSES


class LetterKind(models.TextChoices):
    ACKNOWLEDGEMENT = "acknowledgement", _("Acknowledgement of receipt")
    CORRECTION_NOTICE = "correction_notice", _("Correction notice (补正告知书)")
    EXTENSION_NOTICE = "extension_notice", _("Extension notice (延期答复告知书)")
    DELAY_NOTICE = "delay_notice", _("Delayed reply notice (延迟答复告知书)")
    CONSULTATION = "consultation", _("Letter to a third party (征求意见函)")
    FEE_NOTICE = "fee_notice", _("Fee notice (收费通知)")
    REPLY = "reply", _("Reply (答复书)")
    CLOSURE = "closure", _("Closure notice")


# Letters the applicant sees on the tracking page (a letter to a third party is not theirs).
APPLICANT_LETTER_KINDS = (LetterKind.ACKNOWLEDGEMENT, LetterKind.CORRECTION_NOTICE,
                          LetterKind.EXTENSION_NOTICE, LetterKind.DELAY_NOTICE,
                          LetterKind.FEE_NOTICE, LetterKind.REPLY, LetterKind.CLOSURE)


class ExtensionKind(models.TextChoices):
    EXTENSION = "extension", _("Extension (条例 Art.33)")
    DELAY = "delay", _("Delayed reply (条例 Art.35)")


class LetterDelivery(models.TextChoices):
    """How a letter was sent: it decides whether its receipt date defaults to the sending date."""

    EMAIL = "email", _("By email")
    IN_PERSON = "in_person", _("Handed over in person")
    POST = "post", _("By post")
    ONLINE = "online", _("Online (tracking page)")


# Sent this way, a letter is taken as received the day it is sent unless a date is recorded.
SAME_DAY_DELIVERIES = (LetterDelivery.EMAIL, LetterDelivery.IN_PERSON, LetterDelivery.ONLINE)


class ExtensionStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", pgettext_lazy("extension status", "Rejected")


class FeeMethod(models.TextChoices):
    PER_ITEM = "per_item", _("Per item (按件计收)")
    PER_PAGE = "per_page", _("Per page (按量计收)")
