"""The outcome of a request: exactly one result row of table 三 of the 2021 annual-report format.

The national table (国办公开办函〔2021〕30号) prints a group (（一）予以公开 …) and, in most
groups, numbered rows. ``group`` and ``label`` below are spelt exactly as the table prints them,
because the annual report (issue 4) and the statistics API use them; ``display`` is the
translatable name shown in the admin. How 条例 Art.36's seven answer types map onto these rows
is explained in ``docs/explanation/request-outcomes.md``.
"""

import re
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


@dataclass(frozen=True)
class OutcomeRow:
    key: str
    group: str
    label: str
    display: str
    articles: str  # the regulation's articles behind the row ([U]: see the explanation doc)

    @property
    def applicant_label(self):
        """The result as the applicant is told it (the tracking page): the table's group and
        row without the statistics' counting notes, e.g. ``（二）部分公开`` rather than
        ``（二）部分公开（区分处理的，只计这一情形，不计其他情形）``, and
        ``（三）不予公开 1.属于国家秘密``."""
        group = without_counting_note(self.group)
        label = without_counting_note(self.label)
        return group if label == group else f"{group} {label}"


ROWS = (
    OutcomeRow("disclosed", "（一）予以公开", "（一）予以公开",
               _("Disclosed"), "Art.36(1), (2)"),
    OutcomeRow("partially_disclosed", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
               "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
               _("Partially disclosed"), "Art.37"),
    OutcomeRow("withheld_state_secret", "（三）不予公开", "1.属于国家秘密",
               _("Withheld: state secret"), "Art.14"),
    OutcomeRow("withheld_prohibited_by_law", "（三）不予公开", "2.其他法律行政法规禁止公开",
               _("Withheld: other laws prohibit disclosure"), "Art.14"),
    OutcomeRow("withheld_security_stability", "（三）不予公开", "3.危及“三安全一稳定”",
               _("Withheld: endangers national, public, economic security or social stability"),
               "Art.14"),
    OutcomeRow("withheld_third_party", "（三）不予公开", "4.保护第三方合法权益",
               _("Withheld: protects a third party's lawful rights"), "Art.15, 32"),
    OutcomeRow("withheld_internal_affairs", "（三）不予公开", "5.属于三类内部事务信息",
               _("Withheld: internal affairs information"), "Art.16 ¶1"),
    OutcomeRow("withheld_process_information", "（三）不予公开", "6.属于四类过程性信息",
               _("Withheld: process information"), "Art.16 ¶2"),
    OutcomeRow("withheld_enforcement_file", "（三）不予公开", "7.属于行政执法案卷",
               _("Withheld: administrative enforcement file"), "Art.16 ¶2"),
    OutcomeRow("withheld_administrative_query", "（三）不予公开", "8.属于行政查询事项",
               _("Withheld: administrative query matter"), "Art.36(7)"),
    OutcomeRow("unavailable_not_held", "（四）无法提供", "1.本机关不掌握相关政府信息",
               _("Cannot be provided: not held by this agency"), "Art.36(4), (5)"),
    OutcomeRow("unavailable_needs_creation", "（四）无法提供", "2.没有现成信息需要另行制作",
               _("Cannot be provided: would have to be created"), "Art.38"),
    OutcomeRow("unavailable_still_unclear", "（四）无法提供", "3.补正后申请内容仍不明确",
               _("Cannot be provided: still unclear after correction"), "Art.30"),
    OutcomeRow("not_processed_petition", "（五）不予处理", "1.信访举报投诉类申请",
               _("Not processed: petition, report or complaint"), "Art.39 ¶1"),
    OutcomeRow("not_processed_repeat", "（五）不予处理", "2.重复申请",
               _("Not processed: repeated request"), "Art.36(6)"),
    OutcomeRow("not_processed_publication", "（五）不予处理", "3.要求提供公开出版物",
               _("Not processed: asks for a publication"), "Art.39 ¶2"),
    OutcomeRow("not_processed_excessive", "（五）不予处理", "4.无正当理由大量反复申请",
               _("Not processed: large numbers of repeated requests without good reason"),
               "Art.35"),
    OutcomeRow("not_processed_confirmation", "（五）不予处理", "5.要求行政机关确认或重新出具已获取信息",
               _("Not processed: asks to confirm or reissue information already obtained"),
               "Art.39"),
    OutcomeRow("other_no_correction", "（六）其他处理",
               "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
               _("Other: not corrected in time"), "Art.30"),
    OutcomeRow("other_unpaid_fee", "（六）其他处理",
               "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
               _("Other: fee not paid in time"), "Art.42; 国办函〔2020〕109号"),
    OutcomeRow("other", "（六）其他处理", "3.其他", pgettext_lazy("outcome", "Other"), "—"),
)

BY_KEY = {row.key: row for row in ROWS}

Outcome = models.TextChoices("Outcome", [(row.key.upper(), (row.key, row.display)) for row in ROWS])
Outcome.__doc__ = "The result rows of table 三 as model choices (code, translated display)."

# Outcomes a withdrawal and a lapsed correction end with (documented choices).
WITHDRAWN_OUTCOME = "other"
NO_CORRECTION_OUTCOME = "other_no_correction"
UNPAID_FEE_OUTCOME = "other_unpaid_fee"

# Rows recorded by answering (a reply letter with the information or the reasons); the rest end
# a request without an answer on the merits (closing).
ANSWER_GROUPS = ("（一）予以公开", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
                 "（三）不予公开", "（四）无法提供", "（五）不予处理")


# Rows a request can be closed with without a reply on the merits.
CLOSING_GROUPS = ("（五）不予处理", "（六）其他处理")


# A parenthesised note at the end of a row's name (not the leading （一） numeral): it tells the
# statistician how to count, not the applicant what happened.
_COUNTING_NOTE = re.compile(r"(?<=[^（）\s])（[^（）]*）$")


def without_counting_note(text):
    """``text`` without a closing parenthesised counting note:
    ``（二）部分公开（区分处理的，只计这一情形，不计其他情形）`` → ``（二）部分公开``."""
    return _COUNTING_NOTE.sub("", text)


def official_label(key):
    """The group and label of an outcome as the national table prints them, e.g.
    ``("（三）不予公开", "1.属于国家秘密")``."""
    row = BY_KEY[key]
    return row.group, row.label
