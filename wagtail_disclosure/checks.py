"""System checks (run by ``manage.py check``, ``migrate`` and ``runserver``): the apps and
Django settings the package needs (E040-E042, W104-W106), and the ``WAGTAIL_DISCLOSURE``
settings.
Every id is listed in docs/reference/settings.md."""

from django.core import checks
from django.core.exceptions import ImproperlyConfigured

#: The apps the package cannot do without: (app, check id, what goes wrong without it, why it
#: is needed). ``wagtail start`` projects lack the first two.
REQUIRED_APPS = [
    ("wagtail.contrib.routable_page", "E040",
     "every page of the section fails with a server error",
     "the section's search/, the columns' feed/ and the request form's submitted/ and track/ "
     "are routable-page routes"),
    ("wagtail.contrib.settings", "E041",
     "the Wagtail admin fails with a server error",
     "the information request settings (office email, letter templates) are a site setting"),
    ("wagtail.snippets", "E042",
     "the publishing organs (发布机构) and topics (主题分类) are missing from the admin",
     "they are edited as snippets"),
]


@checks.register(checks.Tags.compatibility)
def check_installed_apps(app_configs=None, **kwargs):
    """E040-E042: an app of :data:`REQUIRED_APPS` is not in ``INSTALLED_APPS``."""
    from django.apps import apps

    return [
        checks.Error(
            f"'{app}' is not in INSTALLED_APPS: {consequence}.",
            hint=f"Add '{app}' to INSTALLED_APPS ({reason}); see the package's guide "
                 "'Add wagtail-disclosure to your site'.",
            id=f"wagtail_disclosure.{id_}")
        for app, id_, consequence, reason in REQUIRED_APPS if not apps.is_installed(app)
    ]


@checks.register(checks.Tags.compatibility)
def check_email_sender(app_configs=None, **kwargs):
    """W104: ``DEFAULT_FROM_EMAIL`` is still Django's ``webmaster@localhost``."""
    from django.conf import global_settings, settings

    if settings.DEFAULT_FROM_EMAIL != global_settings.DEFAULT_FROM_EMAIL:
        return []
    return [checks.Warning(
        f"DEFAULT_FROM_EMAIL is not set: the emails to applicants (acknowledgements, letters) "
        f"and to staff would be sent from Django's default {settings.DEFAULT_FROM_EMAIL!r}.",
        hint="Set it to the disclosure office's address, for example "
             "DEFAULT_FROM_EMAIL = '政府信息公开 <zfxxgk@example.gov.cn>'.",
        id="wagtail_disclosure.W104")]


@checks.register(checks.Tags.caches)
def check_rate_limit_cache(app_configs=None, **kwargs):
    """W105: with ``DEBUG`` off, the default cache, where the rate limits are counted, is
    process-local (``LocMemCache``: each worker process counts alone, and a restart resets the
    counts) or Django's ``DummyCache`` (nothing is counted: no limit at all). A file-based
    cache is accepted: every process of one host shares its directory, and it survives
    restarts (on several hosts, share the directory or use Redis or Memcached)."""
    from django.conf import settings
    from django.core.cache import caches
    from django.core.cache.backends.base import InvalidCacheBackendError
    from django.core.cache.backends.dummy import DummyCache
    from django.core.cache.backends.locmem import LocMemCache

    if settings.DEBUG:
        return []
    try:
        backend = caches["default"]
    except (InvalidCacheBackendError, ImproperlyConfigured):
        return []  # a broken CACHES setting is Django's own checks' to report
    hint = ("Use a cache that all the site's processes share, such as Redis "
            "(django.core.cache.backends.redis.RedisCache) or Memcached; see the package's "
            "settings reference (SUBMIT_RATE_LIMIT).")
    if isinstance(backend, DummyCache):
        return [checks.Warning(
            "The default cache is Django's DummyCache, which stores nothing: the rate limits "
            "of the request form, the tracking page and its document links count nothing, so "
            "there is no limit at all.", hint=hint, id="wagtail_disclosure.W105")]
    if isinstance(backend, LocMemCache):
        return [checks.Warning(
            "The default cache is process-local (LocMemCache): the rate limits of the request "
            "form, the tracking page and its document links are counted by each worker "
            "process alone and start again at every restart.", hint=hint,
            id="wagtail_disclosure.W105")]
    return []


@checks.register(checks.Tags.security)
def check_upload_guard(app_configs=None, **kwargs):
    """W106: ``RequestFormUploadGuard`` is not in ``MIDDLEWARE`` before the CSRF middleware,
    so that a client over ``SUBMIT_RATE_LIMIT`` still gets its uploads read and written to
    temporary files (``CsrfViewMiddleware`` parses the body before any view)."""
    from django.conf import settings

    from .middleware import MIDDLEWARE_PATH

    middleware = list(getattr(settings, "MIDDLEWARE", None) or [])
    csrf = next((i for i, path in enumerate(middleware) if _is_csrf_middleware(path)), None)
    guard = middleware.index(MIDDLEWARE_PATH) if MIDDLEWARE_PATH in middleware else None
    if guard is not None and (csrf is None or guard < csrf):
        return []
    where = "is not in MIDDLEWARE" if guard is None else "comes after the CSRF middleware"
    return [checks.Warning(
        f"'{MIDDLEWARE_PATH}' {where}: a client that has used up SUBMIT_RATE_LIMIT still has "
        "the files it sends to the request form received and written to temporary files "
        "before it is refused (CsrfViewMiddleware reads the body before any view).",
        hint=f"Add '{MIDDLEWARE_PATH}' to MIDDLEWARE just before "
             "'django.middleware.csrf.CsrfViewMiddleware'; see the package's guide 'Add "
             "wagtail-disclosure to your site'.",
        id="wagtail_disclosure.W106")]


def _is_csrf_middleware(path):
    from django.middleware.csrf import CsrfViewMiddleware
    from django.utils.module_loading import import_string

    if path == "django.middleware.csrf.CsrfViewMiddleware":
        return True
    try:
        cls = import_string(path)
    except ImportError:
        return False
    return isinstance(cls, type) and issubclass(cls, CsrfViewMiddleware)


@checks.register(checks.Tags.compatibility)
def check_settings(app_configs=None, **kwargs):
    from .catalogue.index_numbers import validate_format
    from .conf import configuration_problems, disclosure_settings

    errors = []

    def error(msg, hint, id_):
        errors.append(checks.Error(msg, hint=hint, id=f"wagtail_disclosure.{id_}"))

    for problem in configuration_problems():
        error(problem, "The keys are listed in the package's settings reference "
              "(docs/reference/settings.md) and in wagtail_disclosure/conf.py (DEFAULTS).", "E001")

    for key in ("PAGE_SIZE", "LATEST_ITEMS", "FEED_ITEMS"):
        value = getattr(disclosure_settings, key)
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 500:
            error(f"WAGTAIL_DISCLOSURE['{key}'] must be a whole number from 1 to 500.",
                  f"It is {value!r}.", "E002")

    try:
        validate_format(disclosure_settings.INDEX_NUMBER_FORMAT)
    except ValueError as exc:
        error(f"WAGTAIL_DISCLOSURE['INDEX_NUMBER_FORMAT'] is not usable: {exc}",
              "The default is '{organ_code}/{year}-{serial:05d}'.", "E003")

    channels = disclosure_settings.PUBLICATION_CHANNELS
    ok = isinstance(channels, (list, tuple)) and all(
        isinstance(c, (list, tuple)) and len(c) == 2 and isinstance(c[0], str) and c[0]
        for c in channels
    )
    if not ok:
        error("WAGTAIL_DISCLOSURE['PUBLICATION_CHANNELS'] must be a list of (code, label) pairs.",
              f"It is {channels!r}.", "E004")
    else:
        codes = [c[0] for c in channels]
        if len(set(codes)) != len(codes) or "website" in codes:
            error("WAGTAIL_DISCLOSURE['PUBLICATION_CHANNELS'] codes must be unique and must not "
                  "be 'website' (the website is always a channel).", f"Codes: {codes}", "E005")
        if any(len(code) > 40 for code in codes):
            error("Publication channel codes must be at most 40 characters.", "", "E006")

    if disclosure_settings.SEARCH_SEGMENTER not in ("bigram", "jieba"):
        error("WAGTAIL_DISCLOSURE['SEARCH_SEGMENTER'] must be 'bigram' or 'jieba'.",
              f"It is {disclosure_settings.SEARCH_SEGMENTER!r}.", "E007")
    elif disclosure_settings.SEARCH_SEGMENTER == "jieba":
        try:
            import jieba  # noqa: F401
        except ImportError:
            error("WAGTAIL_DISCLOSURE['SEARCH_SEGMENTER'] is 'jieba' but jieba is not installed.",
                  "pip install 'wagtail-disclosure[jieba]'", "E008")
    _check_request_settings(disclosure_settings, error)
    _check_page_cache_settings(disclosure_settings, error)
    return errors


#: The longest ``PAGE_CACHE_TIMEOUT``, in seconds: a day (the timeout is a safety net only).
MAX_PAGE_CACHE_TIMEOUT = 86_400


def _check_page_cache_settings(conf, error):
    from django.conf import settings

    if not isinstance(conf.PAGE_CACHE, bool):
        error("WAGTAIL_DISCLOSURE['PAGE_CACHE'] must be True or False.",
              f"It is {conf.PAGE_CACHE!r}.", "E050")
    timeout = conf.PAGE_CACHE_TIMEOUT
    if not isinstance(timeout, int) or isinstance(timeout, bool) or not (
            1 <= timeout <= MAX_PAGE_CACHE_TIMEOUT):
        error(f"WAGTAIL_DISCLOSURE['PAGE_CACHE_TIMEOUT'] must be a whole number of seconds "
              f"from 1 to {MAX_PAGE_CACHE_TIMEOUT}.", f"It is {timeout!r}.", "E051")
    alias = conf.PAGE_CACHE_ALIAS
    if alias not in getattr(settings, "CACHES", {"default": None}):
        error(f"WAGTAIL_DISCLOSURE['PAGE_CACHE_ALIAS'] names no cache of CACHES: {alias!r}.",
              "Use 'default' or a key of CACHES.", "E052")
    shared = conf.PAGE_CACHE_SHARED_MAX_AGE
    if not _whole_number_in(shared, 0, MAX_PAGE_CACHE_TIMEOUT):
        error(f"WAGTAIL_DISCLOSURE['PAGE_CACHE_SHARED_MAX_AGE'] must be a whole number of "
              f"seconds from 0 to {MAX_PAGE_CACHE_TIMEOUT}.", f"It is {shared!r}.", "E053")
    limit = conf.PAGE_CACHE_PURGE_LIMIT
    if not _whole_number_in(limit, 1, MAX_PAGE_CACHE_PURGE_LIMIT):
        error(f"WAGTAIL_DISCLOSURE['PAGE_CACHE_PURGE_LIMIT'] must be a whole number from 1 "
              f"to {MAX_PAGE_CACHE_PURGE_LIMIT}.", f"It is {limit!r}.", "E054")


#: The most listing pages purged from a CDN per site and change (``PAGE_CACHE_PURGE_LIMIT``).
MAX_PAGE_CACHE_PURGE_LIMIT = 10_000


def _whole_number_in(value, low, high):
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


ROUTER_PATH = "wagtail_disclosure.routers.ReadReplicaRouter"


@checks.register(checks.Tags.compatibility)
def check_read_replicas(app_configs=None, **kwargs):
    """E070: ``READ_REPLICAS`` is not a list of aliases of ``DATABASES`` other than
    ``default``; E071: the replicas and the router (``DATABASE_ROUTERS``) do not come together
    (either one alone routes nothing to a replica)."""
    from django.conf import settings

    from .conf import disclosure_settings

    aliases = disclosure_settings.READ_REPLICAS
    databases = getattr(settings, "DATABASES", {})
    routers = [r if isinstance(r, str) else f"{type(r).__module__}.{type(r).__qualname__}"
               for r in getattr(settings, "DATABASE_ROUTERS", [])]
    errors = []
    if not isinstance(aliases, (list, tuple)) or not all(isinstance(a, str) for a in aliases):
        return [checks.Error(
            "WAGTAIL_DISCLOSURE['READ_REPLICAS'] must be a list of aliases of DATABASES.",
            hint=f"It is {aliases!r}.", id="wagtail_disclosure.E070")]
    for alias in aliases:
        if alias == "default" or alias not in databases:
            errors.append(checks.Error(
                f"WAGTAIL_DISCLOSURE['READ_REPLICAS'] names {alias!r}, which is "
                f"{'the primary' if alias == 'default' else 'no alias of DATABASES'}.",
                hint="Name the DATABASES aliases of the read replicas of 'default' "
                     "(docs/how-to/read-replicas.md).", id="wagtail_disclosure.E070"))
    if aliases and ROUTER_PATH not in routers:
        errors.append(checks.Error(
            "WAGTAIL_DISCLOSURE['READ_REPLICAS'] names read replicas, but DATABASE_ROUTERS "
            "does not have the package's router: nothing is read from them.",
            hint=f"Add {ROUTER_PATH!r} (last) to DATABASE_ROUTERS.",
            id="wagtail_disclosure.E071"))
    elif not aliases and ROUTER_PATH in routers:
        errors.append(checks.Error(
            f"DATABASE_ROUTERS has {ROUTER_PATH!r} but WAGTAIL_DISCLOSURE['READ_REPLICAS'] is "
            "empty: nothing is read from a replica.",
            hint="Name the replicas' DATABASES aliases in READ_REPLICAS, or remove the router.",
            id="wagtail_disclosure.E071"))
    return errors


@checks.register(checks.Tags.compatibility)
def check_private_storage(app_configs=None, **kwargs):
    """E072: ``PRIVATE_STORAGE`` names no alias of ``STORAGES``."""
    from django.conf import settings

    from .conf import disclosure_settings

    alias = disclosure_settings.PRIVATE_STORAGE
    storages = getattr(settings, "STORAGES", {}) or {}
    if alias == "default" or (isinstance(alias, str) and alias in storages):
        return []
    return [checks.Error(
        f"WAGTAIL_DISCLOSURE['PRIVATE_STORAGE'] names no storage of STORAGES: {alias!r}.",
        hint="Use 'default' or a key of STORAGES holding a private storage for applicants' "
             "files (docs/how-to/object-storage.md).", id="wagtail_disclosure.E072")]


#: The statutory maxima of the period settings, in working days (条例 Arts.30, 32, 33).
STATUTORY_PERIODS = {
    "REPLY_WORKING_DAYS": (20, "条例 Art.33 ¶1"),
    "CORRECTION_NOTICE_WORKING_DAYS": (7, "条例 Art.30"),
    "MAX_EXTENSION_WORKING_DAYS": (20, "条例 Art.33 ¶2"),
    "CONSULTATION_WORKING_DAYS": (15, "条例 Art.32"),
}

#: Time zones whose local date is the date in mainland China (UTC+8, no daylight saving).
CHINA_TIME_ZONES = {"Asia/Shanghai", "Asia/Chongqing", "Asia/Chungking", "Asia/Harbin", "PRC"}


@checks.register(checks.Tags.compatibility)
def check_legal_settings(app_configs=None, **kwargs):
    """Warnings for settings that would put wrong dates in letters: a period longer than the
    statute (W102) and a time zone other than China's (W103)."""
    from django.conf import settings

    from .conf import disclosure_settings

    warnings = []
    try:
        conf = {key: getattr(disclosure_settings, key) for key in STATUTORY_PERIODS}
    except ImproperlyConfigured:
        return []  # reported as E001
    for key, (maximum, article) in STATUTORY_PERIODS.items():
        value = conf[key]
        if isinstance(value, int) and not isinstance(value, bool) and value > maximum:
            warnings.append(checks.Warning(
                f"WAGTAIL_DISCLOSURE['{key}'] is {value} working days, more than the "
                f"{maximum} of {article}.",
                hint="Deadlines and letters would give more time than the law allows; use "
                     f"at most {maximum}.", id="wagtail_disclosure.W102"))
    zone = getattr(settings, "TIME_ZONE", None)
    if not getattr(settings, "USE_TZ", True) or zone not in CHINA_TIME_ZONES:
        warnings.append(checks.Warning(
            f"TIME_ZONE is {zone!r}{'' if getattr(settings, 'USE_TZ', True) else ' with USE_TZ off'}"
            ": dates of receipt and deadlines are local dates in China.",
            hint="Set TIME_ZONE = 'Asia/Shanghai' (and USE_TZ = True). With UTC, a request "
                 "sent at 07:30 in Beijing is dated the day before.",
            id="wagtail_disclosure.W103"))
    return warnings


def _check_law_settings(conf, error):
    """The settings of the request process's legal choices (E018, E019)."""
    if conf.ONLINE_RECEIPT not in ("submission", "confirmation"):
        error("WAGTAIL_DISCLOSURE['ONLINE_RECEIPT'] must be 'submission' or 'confirmation'.",
              f"It is {conf.ONLINE_RECEIPT!r}.", "E018")
    for key in ("FEE_PAUSES_CLOCK", "AUTO_CLOSE_LAPSED_CORRECTIONS"):
        if not isinstance(getattr(conf, key), bool):
            error(f"WAGTAIL_DISCLOSURE['{key}'] must be True or False.",
                  f"It is {getattr(conf, key)!r}.", "E018")
    for key, low, high in (("FEE_PAYMENT_WORKING_DAYS", 1, 365),
                           ("MAX_DELAY_WORKING_DAYS", 1, 365),
                           ("MAX_FUTURE_DAYS", 1, 3660),
                           ("FEE_MAX_ITEMS", 1, 10**7),
                           ("FEE_MAX_ITEMS_BEFORE", 0, 10**8),
                           ("FEE_MAX_PAGES", 1, 10**8)):
        value = getattr(conf, key)
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            error(f"WAGTAIL_DISCLOSURE['{key}'] must be a whole number from {low} to {high}.",
                  f"It is {value!r}.", "E019")


def _check_request_settings(conf, error):
    from .fees import validate_fee_tiers
    from .requests.ratelimit import parse_rate

    try:
        validate_fee_tiers(conf.FEE_PER_ITEM_TIERS, conf.FEE_PER_ITEM_BAND,
                           conf.FEE_PER_PAGE_TIERS)
    except ValueError as exc:
        error(f"The fee tiers are not usable: {exc}", "See docs/reference/fees.md.", "E009")
    for key in ("REPLY_WORKING_DAYS", "CORRECTION_NOTICE_WORKING_DAYS",
                "MAX_EXTENSION_WORKING_DAYS", "CONSULTATION_WORKING_DAYS",
                "CORRECTION_PERIOD_WORKING_DAYS", "REMINDER_WORKING_DAYS"):
        value = getattr(conf, key)
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 365:
            error(f"WAGTAIL_DISCLOSURE['{key}'] must be a whole number of working days "
                  "from 0 to 365.", f"It is {value!r}.", "E010")
    _check_law_settings(conf, error)
    for key in ("SUBMIT_RATE_LIMIT", "TRACK_RATE_LIMIT", "DOCUMENT_RATE_LIMIT"):
        try:
            parse_rate(getattr(conf, key))
        except ImproperlyConfigured as exc:
            error(str(exc), "For example '10/hour', or None for no limit.", "E011")
    fmt = conf.TRACKING_NUMBER_FORMAT
    try:
        sample = fmt.format(year=2026, serial=999999)
        if fmt.format(year=2026, serial=1) == fmt.format(year=2026, serial=2):
            raise ValueError("the format must contain {serial}")
        if len(sample) > 30:
            raise ValueError("the numbers would be longer than 30 characters")
    except (KeyError, IndexError, ValueError, AttributeError) as exc:
        error("WAGTAIL_DISCLOSURE['TRACKING_NUMBER_FORMAT'] is not usable.",
              f"Use the fields {{year}} and {{serial}}: {exc}", "E012")
    origins = conf.API_ALLOWED_ORIGINS
    if not isinstance(origins, (list, tuple)) or any(
            not isinstance(o, str) or o == "*" or not o.startswith(("http://", "https://"))
            for o in origins):
        error("WAGTAIL_DISCLOSURE['API_ALLOWED_ORIGINS'] must list origins such as "
              "'https://www.example.gov.cn' ('*' is not allowed).", f"It is {origins!r}.",
              "E013")
    types = conf.ATTACHMENT_TYPES
    if not isinstance(types, (list, tuple)) or not set(types) <= {"pdf", "jpeg", "png", "gif"}:
        error("WAGTAIL_DISCLOSURE['ATTACHMENT_TYPES'] may hold only 'pdf', 'jpeg', 'png' and "
              "'gif'.", f"It is {types!r}.", "E014")
    for key, minimum in (("ATTACHMENT_MAX_BYTES", 1), ("ATTACHMENT_MAX_FILES", 0)):
        value = getattr(conf, key)
        if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
            error(f"WAGTAIL_DISCLOSURE['{key}'] must be a whole number of at least {minimum}.",
                  f"It is {value!r}.", "E016")
    retention = conf.PERSONAL_DATA_RETENTION_DAYS
    if retention is not None and (not isinstance(retention, int) or isinstance(retention, bool)
                                  or retention < 0):
        error("WAGTAIL_DISCLOSURE['PERSONAL_DATA_RETENTION_DAYS'] must be None or a whole "
              "number of days, 0 or more.", f"It is {retention!r}.", "E017")
    if conf.CAPTCHA_VALIDATOR:
        from django.utils.module_loading import import_string

        try:
            if not isinstance(conf.CAPTCHA_VALIDATOR, str):
                raise ImportError("it must be a dotted path (a string)")
            import_string(conf.CAPTCHA_VALIDATOR)
        except ImportError as exc:
            error("WAGTAIL_DISCLOSURE['CAPTCHA_VALIDATOR'] cannot be imported.", str(exc),
                  "E015")


@checks.register(checks.Tags.compatibility)
def check_reply_number_format(app_configs=None, **kwargs):
    """E020: ``REPLY_NUMBER_FORMAT`` must number reply letters (see requests/letters)."""
    from .conf import disclosure_settings
    from .requests.letters import reply_number_format_problem

    try:
        problem = reply_number_format_problem(disclosure_settings.REPLY_NUMBER_FORMAT)
    except ImproperlyConfigured:
        return []  # reported as E001
    if not problem:
        return []
    return [checks.Error(f"WAGTAIL_DISCLOSURE['REPLY_NUMBER_FORMAT'] is not usable: {problem}.",
                         hint="The default is '{organ_short}公开〔{year}〕{serial}号'.",
                         id="wagtail_disclosure.E020")]


#: The values of ``REPORT_REVIEW_CASE_YEAR`` (docs/explanation/annual-reports.md).
REVIEW_CASE_YEARS = ("filed", "filed_and_concluded")


@checks.register(checks.Tags.compatibility)
def check_report_counting_settings(app_configs=None, **kwargs):
    """The annual report's counting choices (E030): ``REPORT_EXPIRED_COUNTS_AS_REPEALED`` is
    True or False, ``REPORT_REVIEW_CASE_YEAR`` one of ``REVIEW_CASE_YEARS``."""
    from .conf import disclosure_settings

    try:
        expired = disclosure_settings.REPORT_EXPIRED_COUNTS_AS_REPEALED
        case_year = disclosure_settings.REPORT_REVIEW_CASE_YEAR
    except ImproperlyConfigured:
        return []  # reported as E001
    errors = []
    if not isinstance(expired, bool):
        errors.append(checks.Error(
            "WAGTAIL_DISCLOSURE['REPORT_EXPIRED_COUNTS_AS_REPEALED'] must be True or False.",
            hint=f"It is {expired!r}.", id="wagtail_disclosure.E030"))
    if not isinstance(case_year, str) or case_year not in REVIEW_CASE_YEARS:
        errors.append(checks.Error(
            "WAGTAIL_DISCLOSURE['REPORT_REVIEW_CASE_YEAR'] must be 'filed' or "
            "'filed_and_concluded'.", hint=f"It is {case_year!r}.",
            id="wagtail_disclosure.E030"))
    return errors


@checks.register(checks.Tags.compatibility)
def check_calendar_coverage(app_configs=None, **kwargs):
    """W101: the working-day calendar does not cover this year (or, from 1 November, the next
    year): neither ``chinesecalendar`` nor an imported State Council notice knows it, so its
    deadlines are provisional (docs/reference/workdays.md). Reads the database defensively:
    before ``migrate`` no notice counts."""
    from django.db.utils import DatabaseError

    from .requests.calendar import missing_years

    try:
        years = missing_years()
    except DatabaseError:
        return []
    return [checks.Warning(
        f"The working-day calendar does not cover {year}: its deadlines are provisional "
        f"(the statutory holidays are known, its makeup working days are not).",
        hint=f"Import the State Council's notice 《国务院办公厅关于{year}年部分节假日安排的通知》 "
             f"(admin: Information requests › Working-day calendar › Import a holiday notice, "
             f"or manage.py import_holiday_notice FILE), or upgrade chinesecalendar.",
        id="wagtail_disclosure.W101") for year in years]
