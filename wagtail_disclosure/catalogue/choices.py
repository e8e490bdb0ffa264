"""Choice lists of the catalogue. The codes are stored; the labels are translated."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ItemKind(models.TextChoices):
    """What an item is. The annual report's table 二 counts 规章 and 行政规范性文件 by kind."""

    REGULATION = "regulation", _("Rules (regulation)")
    NORMATIVE_DOCUMENT = "normative_document", _("Administrative normative document")
    OTHER_DOCUMENT = "other_document", _("Other document")
    WORK_NEWS = "work_news", _("Work news")
    POWER_RESULT = "power_result", _("Administrative power result")
    POWER_ITEM = "power_item", _("Administrative power item")
    INTERPRETATION = "interpretation", _("Policy interpretation")
    PLAN_STATISTICS = "plan_statistics", _("Plans and statistics")
    BUDGET = "budget", _("Budgets and final accounts")


class Validity(models.TextChoices):
    IN_FORCE = "in_force", _("In force")
    AMENDED = "amended", _("Amended")
    REPEALED = "repealed", _("Repealed")
    EXPIRED = "expired", _("Expired")


class PowerKind(models.TextChoices):
    LICENSING = "licensing", _("Administrative licensing")
    PENALTY = "penalty", _("Administrative penalty")
    COERCION = "coercion", _("Administrative coercion")
    LEVY = "levy", _("Administrative levy")
    BENEFIT = "benefit", _("Administrative benefit payment")
    INSPECTION = "inspection", _("Administrative inspection")
    CONFIRMATION = "confirmation", _("Administrative confirmation")
    REWARD = "reward", _("Administrative reward")
    ADJUDICATION = "adjudication", _("Administrative adjudication")
    OTHER = "other", _("Other")


class RequestChannel(models.TextChoices):
    """How the office accepts information requests (stated in the 指南, 国办公开办函〔2017〕19号)."""

    IN_PERSON = "in_person", _("In person")
    POST = "post", _("By post")
    FAX = "fax", _("By fax")
    ONLINE = "online", _("Online form")
    EMAIL = "email", _("By email")
