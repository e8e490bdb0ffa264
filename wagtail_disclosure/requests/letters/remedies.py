"""The remedy paragraph of a letter (救济途径), by outcome, and the check of edited templates.

Since 2024-01-01 (行政复议法 as revised in 2023, Art.23 ¶1 (四)) an applicant refused
disclosure must apply for administrative reconsideration before suing (复议前置). So:

- （三）不予公开 and （二）部分公开 (for its withheld part): reconsideration within 60 days, then a
  lawsuit within 15 days of the reconsideration decision (行政诉讼法 Art.45);
- every other answer, a 不予处理 and the other closing outcomes: reconsideration within 60 days
  (行政复议法 Art.20) or a lawsuit within 6 months (行政诉讼法 Art.46);
- a withdrawal (the applicant's own act): no remedy;
- an outcome not known: reconsideration first, the one path that is open in every case.
"""

from django.utils.translation import gettext as _

from .. import outcomes
from ..choices import LetterKind, Status
from . import texts

RECONSIDERATION_FIRST_GROUPS = (outcomes.BY_KEY["partially_disclosed"].group,
                                outcomes.BY_KEY["withheld_state_secret"].group)

# Letters that carry a remedy: the decisions on a request.
KINDS_WITH_REMEDY = (LetterKind.REPLY, LetterKind.CLOSURE)


def needs_reconsideration_first(outcome):
    """Whether the applicant must apply for reconsideration before suing (复议前置)."""
    row = outcomes.BY_KEY.get(outcome or "")
    return row is None or row.group in RECONSIDERATION_FIRST_GROUPS


def remedy_bodies(request_obj=None, settings_obj=None):
    """The reconsideration body and the court named in letters: the site's settings, else a
    neutral wording that is right for every agency."""
    if settings_obj is None and request_obj is not None:
        from ..settings import settings_for

        settings_obj = settings_for(request_obj)
    body = (getattr(settings_obj, "reconsideration_body", "") or "").strip()
    court = (getattr(settings_obj, "court", "") or "").strip()
    return (body or str(texts.DEFAULT_RECONSIDERATION_BODY), court or str(texts.DEFAULT_COURT))


def remedy_text(outcome, request_obj=None, kind=LetterKind.REPLY, settings_obj=None):
    """The remedy paragraph for a letter of ``kind`` ending a request with ``outcome``;
    "" for letters that are not decisions and for withdrawn requests."""
    if kind not in KINDS_WITH_REMEDY:
        return ""
    if request_obj is not None and request_obj.status == Status.WITHDRAWN:
        return ""
    body, court = remedy_bodies(request_obj, settings_obj)
    if kind == LetterKind.CLOSURE:
        template = texts.REMEDY_GENERAL_CLOSURE
    elif needs_reconsideration_first(outcome):
        template = texts.REMEDY_RECONSIDERATION_FIRST
    else:
        template = texts.REMEDY_GENERAL
    return str(template).format(reconsideration_body=body, court=court)


# Wording that offers a lawsuit straight away; an edited reply template that has it, without
# {remedy} and without a lawsuit after the reconsideration decision, misleads refused
# applicants.
_DIRECT_LAWSUIT = ("6个月", "六个月", "提起行政诉讼", "6 months", "six months",
                   "administrative lawsuit")
_AFTER_RECONSIDERATION = ("复议决定", "reconsideration decision")


def reply_template_problems(settings_obj):
    """The problems of a site's edited reply template (a list of messages, empty if none):
    it offers a direct lawsuit for every outcome, which is wrong for 不予公开 and 部分公开
    since 2024 (行政复议法 Art.23 ¶1 (四)). A blank template (the default) has none."""
    text = (getattr(settings_obj, "reply_template", "") or "").strip()
    if not text or "{remedy}" in text:
        return []
    if not any(word in text for word in _DIRECT_LAWSUIT):
        return []
    if any(word in text for word in _AFTER_RECONSIDERATION):
        return []
    return [_(
        "The reply template offers a lawsuit without reconsideration for every outcome. Since "
        "1 January 2024 (行政复议法 Art.23 ¶1 (四)) an applicant refused disclosure, fully or in "
        "part, must apply for administrative reconsideration first. Replace the remedy "
        "sentence of the template with {remedy}: it is filled in when the reply is issued, "
        "with the remedy that fits the outcome.")]
