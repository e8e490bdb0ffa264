"""The one settings dict of the package: ``WAGTAIL_DISCLOSURE``.

Every key has a default in :data:`DEFAULTS`. A key of the dict that is not listed there (a typo)
is reported by the system check ``wagtail_disclosure.E001``, which stops ``manage.py check``,
``migrate`` and ``runserver`` with a clear message, and is logged as an error when the settings
are first read; it is never applied. Reading a key that does not exist
(``disclosure_settings.PAGE_SIZ``) raises ``AttributeError``. Values are read lazily and the
cache is dropped on Django's ``setting_changed`` signal, so ``override_settings`` works in tests.

Unknown keys deliberately do not raise when a known key is read: Django's and Wagtail's own
system checks read the package's settings (e.g. the publication channels, when Wagtail builds
the page forms) before or after ours, in no fixed order, and a raise there would turn the
documented E001 message into a traceback.
"""

import difflib
import logging

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

SETTING_NAME = "WAGTAIL_DISCLOSURE"

DEFAULTS = {
    # Items per page in a column listing and in search results.
    "PAGE_SIZE": 20,
    # How many of the newest items the section's front page shows.
    "LATEST_ITEMS": 10,
    # How many items a column's RSS/Atom feed carries.
    "FEED_ITEMS": 30,
    # The format of generated 索引号. Fields: organ_code, year, month, serial.
    # The serial counts per organ and per period: per year, or per month when the format
    # uses {month}.
    "INDEX_NUMBER_FORMAT": "{organ_code}/{year}-{serial:05d}",
    # Publication channels besides the website (which every item is always published on).
    # A list of (code, label) pairs; codes are stored on items, so keep them stable.
    "PUBLICATION_CHANNELS": [
        ("weibo", _("Government Weibo")),
        ("wechat", _("Government WeChat")),
        ("gazette", _("Government gazette")),
        ("press_conference", _("Press conference")),
        ("internal_report", _("Internal information reporting")),
    ],
    # How Chinese text is segmented for the database search backends: "bigram" or "jieba".
    "SEARCH_SEGMENTER": "bigram",
    # The 无障碍阅读 / 适老化 toolbar of the public pages (large text, high contrast, read-aloud,
    # simple layout); False leaves it out. See docs/reference/reading-aids.md.
    "READING_AIDS": True,
    # The page cache (docs/explanation/page-cache.md): anonymous GET responses of the
    # section, columns, items and reports kept in Django's cache CACHES[PAGE_CACHE_ALIAS],
    # invalidated exactly by a generation number per site; PAGE_CACHE_TIMEOUT (seconds, at
    # most a day) is a safety net only.
    "PAGE_CACHE": False,
    "PAGE_CACHE_ALIAS": "default",
    "PAGE_CACHE_TIMEOUT": 600,
    # How long a CDN or caching proxy may keep a cached page (s-maxage, seconds, 0 to 86,400;
    # 0: only with revalidation). Purged on every change when wagtail.contrib.frontend_cache
    # is configured (docs/how-to/cdn.md); PAGE_CACHE_PURGE_LIMIT bounds the listing pages
    # purged per site and change.
    "PAGE_CACHE_SHARED_MAX_AGE": 0,
    "PAGE_CACHE_PURGE_LIMIT": 1000,

    # Aliases of DATABASES that are read replicas of "default": with the router
    # wagtail_disclosure.routers.ReadReplicaRouter, anonymous reads of the catalogue's pages
    # and API go to one of them (docs/how-to/read-replicas.md). Empty: no replica.
    "READ_REPLICAS": [],
    # -- 依申请公开 (information requests) --------------------------------------------------
    # Tracking numbers shown to applicants. Fields: year, serial (per year).
    "TRACKING_NUMBER_FORMAT": "{year}-{serial:06d}",
    # Statutory periods, in working days (条例 Arts.30, 32, 33).
    "REPLY_WORKING_DAYS": 20,
    "CORRECTION_NOTICE_WORKING_DAYS": 7,
    "MAX_EXTENSION_WORKING_DAYS": 20,
    "CONSULTATION_WORKING_DAYS": 15,
    # The period an applicant is given to correct a request, unless the officer sets another.
    # The regulation says only "合理的补正期限"; 15 working days is a common practice.
    "CORRECTION_PERIOD_WORKING_DAYS": 15,
    # Handlers are reminded when a request is due within this many working days.
    "REMINDER_WORKING_DAYS": 5,
    # Art.35 延迟答复: the latest reply date an officer may set, in working days after the
    # ordinary deadline (the 条例 sets no maximum; this bounds what is typed).
    "MAX_DELAY_WORKING_DAYS": 60,
    # Art.31 for the online form: "submission" dates receipt on the day the form is sent
    # (today's behaviour); "confirmation" waits for an officer's "confirm receipt" action
    # (双方确认之日) and dates receipt on that day.
    "ONLINE_RECEIPT": "submission",
    # Art.30: a correction period that lapsed is closed as 其他处理/1 by the daily run only when
    # this is True; by default the officer confirms "无正当理由" or gives more time.
    "AUTO_CLOSE_LAPSED_CORRECTIONS": False,
    # How many days may be recorded as in the future for dates such as a pay-by date.
    "MAX_FUTURE_DAYS": 366,
    # -- 信息处理费 (国办函〔2020〕109号) ------------------------------------------------------
    # The applicant pays within this many working days counted from the day after receiving
    # the fee notice.
    "FEE_PAYMENT_WORKING_DAYS": 20,
    # Whether the working days from the fee notice until payment (or until the payment period
    # lapses) are left out of the reply period [U]; see docs/reference/fees.md.
    "FEE_PAUSES_CLOCK": True,
    # Upper bounds of what an officer may type on one fee notice.
    "FEE_MAX_ITEMS": 10_000,
    "FEE_MAX_ITEMS_BEFORE": 100_000,
    "FEE_MAX_PAGES": 1_000_000,
    # 信息处理费 (国办函〔2020〕109号). Per item: (up to and including N items in the natural
    # month, yuan per item) tiers, then bands of BAND[0] items, each BAND[1] yuan dearer per
    # item than the one before. Per page: (up to and including N pages, yuan per page); the
    # last tier's bound is None (no upper bound).
    "FEE_PER_ITEM_TIERS": [(10, 0), (30, 100)],
    "FEE_PER_ITEM_BAND": (10, 100),
    "FEE_PER_PAGE_TIERS": [(30, 0), (100, 10), (200, 20), (None, 40)],
    # Attachments to a request (e.g. a scan of an ID card): types are checked by content.
    "ATTACHMENT_TYPES": ["pdf", "jpeg", "png"],
    "ATTACHMENT_MAX_BYTES": 10 * 1024 * 1024,
    "ATTACHMENT_MAX_FILES": 5,
    # The STORAGES alias that keeps applicants' attachments and letters' documents (a
    # private bucket on object storage: docs/how-to/object-storage.md). Read at start-up.
    "PRIVATE_STORAGE": "default",
    # Per client IP address, "N/second|minute|hour|day". None switches a limit off.
    "SUBMIT_RATE_LIMIT": "10/hour",
    "TRACK_RATE_LIMIT": "30/hour",
    # Downloads of letters' documents through the tracking page's signed links.
    "DOCUMENT_RATE_LIMIT": "60/hour",
    # Dotted path to a callable(request, data) that raises ValidationError for a failed
    # captcha; None means no captcha. See docs/reference/settings.md.
    "CAPTCHA_VALIDATOR": None,
    # Origins (e.g. "https://www.example.gov.cn") allowed to call the request API from a
    # browser on another origin. Empty: same origin only.
    "API_ALLOWED_ORIGINS": [],
    # -- letters (文书) -------------------------------------------------------------------
    # The number of a reply letter (答复书), counted per organ and year. Fields: organ_short
    # (the organ's short name, else its name), year, serial.
    "REPLY_NUMBER_FORMAT": "{organ_short}公开〔{year}〕{serial}号",
    # -- annual report counting choices (docs/explanation/annual-reports.md) --------------
    # Table 二: whether an item declared 已失效 in the year counts as 本年废止 (besides 已废止).
    "REPORT_EXPIRED_COUNTS_AS_REPEALED": True,
    # Table 四: count a review case in the year it was filed ("filed"), or also in the year it
    # concluded when that is later ("filed_and_concluded").
    "REPORT_REVIEW_CASE_YEAR": "filed",
    # Days after a request is closed that its applicant's personal data is kept; then the
    # anonymise_requests command removes it. None keeps it until removed by hand.
    "PERSONAL_DATA_RETENTION_DAYS": 5 * 365,
    # -- governance -----------------------------------------------------------------------
    # 条例 Art.26: proactive information is published within this many working days of being
    # formed or changed.
    "TIMELINESS_WORKING_DAYS": 20,
    # The dashboard warns about drafts this many working days before the limit.
    "TIMELINESS_WARNING_WORKING_DAYS": 5,
    # The compliance self-inspection flags a column with nothing new for longer than this
    # many days, unless the column sets its own limit (local practice: 60 to 365 days).
    "COLUMN_FRESHNESS_DAYS": 180,
    # A feedback message unanswered for longer than this many months is a failure of the
    # national site inspection (政府网站检查指标: "留言超过3个月未回复" is a veto).
    "FEEDBACK_ANSWER_MONTHS": 3,
    # Bounds of the feedback form.
    "FEEDBACK_MAX_LENGTH": 2000,
    "FEEDBACK_RATE_LIMIT": "10/hour",
    # 条例 Art.50: the annual report is published by this day (month, day) of the next year.
    "ANNUAL_REPORT_DUE": (1, 31),
    # 条例 Art.18: how many months after a decision to withhold (or its last review) the
    # next review falls due.
    "WITHHELD_REVIEW_MONTHS": 12,
    # Who receives the weekly compliance digest: None means every active user with the
    # view_compliance permission; otherwise a list of addresses.
    "COMPLIANCE_DIGEST_RECIPIENTS": None,
}

_cache = {}


logger = logging.getLogger(__name__)


def _describe_unknown_key(key):
    """"'PAGE_SIZ' (did you mean 'PAGE_SIZE'?)", or the key alone when nothing is close."""
    close = difflib.get_close_matches(str(key).upper(), DEFAULTS, n=1, cutoff=0.6)
    return f"{key!r} (did you mean {close[0]!r}?)" if close else repr(key)


def _read_user_settings():
    """The user's dict, and the problems of its shape: (known keys' values, [messages])."""
    from django.conf import settings

    user = getattr(settings, SETTING_NAME, None)
    if user is None:
        return {}, []
    if not isinstance(user, dict):
        return {}, [f"{SETTING_NAME} must be a dict, not {type(user).__name__}; it is ignored."]
    unknown = [key for key in user if key not in DEFAULTS]
    if not unknown:
        return dict(user), []
    problems = [
        f"Unknown {SETTING_NAME} key(s): "
        f"{', '.join(_describe_unknown_key(key) for key in unknown)}. They are ignored."
    ]
    return {key: value for key, value in user.items() if key in DEFAULTS}, problems


def configuration_problems():
    """What is wrong with the shape of ``WAGTAIL_DISCLOSURE`` (not a dict, unknown keys), as
    messages for the system check E001; empty when nothing is."""
    _load_settings()
    return list(_cache.get("problems", ()))


def _load_settings():
    if "merged" not in _cache:
        user, problems = _read_user_settings()
        for problem in problems:
            logger.error("%s (system check wagtail_disclosure.E001)", problem)
        _cache["problems"] = problems
        _cache["merged"] = {**DEFAULTS, **user}
    return _cache["merged"]


class DisclosureSettings:
    """Attribute access to the merged settings: ``disclosure_settings.PAGE_SIZE``."""

    def _load(self):
        return _load_settings()

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        merged = self._load()
        try:
            return merged[name]
        except KeyError:
            raise AttributeError(
                f"{SETTING_NAME} has no key {_describe_unknown_key(name)}"
            ) from None


disclosure_settings = DisclosureSettings()


def reload_settings():
    _cache.clear()


@receiver(setting_changed)
def _on_setting_changed(setting, **kwargs):
    if setting == SETTING_NAME:
        reload_settings()


def get_channel_choices(include_website=True):
    """The publication channels as (code, label) pairs, the website first."""
    choices = [("website", _("Government website"))] if include_website else []
    channels = disclosure_settings.PUBLICATION_CHANNELS
    if not isinstance(channels, (list, tuple)):
        return choices  # reported by the system check E004
    return choices + [tuple(channel) for channel in channels
                      if isinstance(channel, (list, tuple)) and len(channel) == 2]
