"""Figures stated in the free text of a legacy (pre-2021) report.

Legacy reports state their figures in sentences: "主动公开信息数55条(不同渠道和方式公开相同信息计1条),
其中通过政府内部信息报送主动公开数47条,通过政府网站主动发布信息数28条…", "没有收到依申请公开请求".
The text is cut into clauses (at ，。；：、 and brackets); each number with a unit is an indicator
(label = the clause around it); a clause naming one publication channel gives that channel's
count; "主动公开…信息…N条" without a channel is the deduplicated total. Negated sentences ("没有…",
"未…", "无…") state a zero. Requests received, reconsiderations and lawsuits are read however the
sentence puts them ("共受理依申请公开申请3份", "受理申请十二件", "被提起行政诉讼两起"): in digits or
Chinese numerals, bounded (``import_base.parse_count``). Only what the text actually says is
returned.
"""

import re

from .import_base import CHINESE_NUMERAL, MAX_STATED, parse_count
from .import_limits import refuse_over

_CLAUSE = re.compile(r"[^，,。；;：:（）()！？!?\n]+")
_SEGMENT = re.compile(r"[^、]+")
_FIGURE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*(万元|元|人次|条|件|篇|次|场|个|人|项|期|份|家|%)")
_CHANNELS = (("internal_report", ("内部信息报送",)),
             ("website", ("政府网站", "门户网站", "网站")),
             ("weibo", ("微博",)),
             ("wechat", ("微信",)),
             ("gazette", ("公报",)),
             ("press_conference", ("新闻发布会", "发布会")))
_TOTAL = re.compile(r"主动公开[^\d，,。；;]{0,10}?(?:政府信息|政务信息|信息)[^\d，,。；;]{0,6}?(\d+)\s*(条|件|篇)")
_LABEL_PREFIX = re.compile(r"^(?:其中|通过|共计|共|累计|全年|包括|以及|\d{4}\s*年度?)+")
_NOT = r"(?:没有|未(?!来)|无(?!法|正当|障碍|论|须|需|偿|纸|缝))"
_NEGATION = re.compile(_NOT)
_NO_REQUESTS = re.compile(_NOT + r"(?:收到|受理|接到|发生)?[^，,。；;]{0,8}(?:依申请|公开申请|申请公开|信息公开申请|请求)")
_NO_FEES = re.compile(_NOT + r"(?:发生|产生)?[^，,。；;]{0,12}(?:收费|收取|费用)")
_NO_REVIEW = re.compile(_NOT + r"[^。]{0,30}行政复议")
_NO_LAWSUIT = re.compile(_NOT + r"[^。]{0,40}诉讼")
# A count of requests received, however the sentence puts it: "共受理依申请公开申请3份",
# "受理申请十二件", "全年共收到政府信息依申请公开1499件", "收到政府信息公开申请共计5件",
# "本年度共有信息公开申请两件". A verb of receiving, then (within the clause) the word 申请 or
# 请求, then the count in digits or Chinese numerals and a unit of things.
_COUNT = rf"(\d+|[{CHINESE_NUMERAL}]{{1,20}})"
_REQUESTS = re.compile(
    r"(?:收到|受理|接到|接收|共有|总计有?)[^，,。；;：:\d]{0,20}?(?:申请|请求)(?!人)"
    r"[^，,。；;：:\d" + CHINESE_NUMERAL + r"]{0,10}?" + _COUNT + r"\s*(份|件|条|次|个|宗)")
# Counts of something else that a receiving sentence may hold: consultations, replies.
_NOT_REQUESTS = re.compile(r"咨询|答复|回复|办结|转办|复议|诉讼")
# Reconsiderations and lawsuits stated as counts: "被申请行政复议2件", "行政诉讼一起".
_CASES = (("reconsiderations", re.compile(
              r"行政复议[^，,。；;：:\d" + CHINESE_NUMERAL + r"]{0,10}?" + _COUNT + r"\s*(件|起|次|宗)")),
          ("lawsuits", re.compile(
              r"(?:行政)?诉讼[^，,。；;：:\d" + CHINESE_NUMERAL + r"]{0,10}?" + _COUNT + r"\s*(件|起|次|宗)")))
_QUOTED = re.compile(r"“[^”\n]{0,40}”|\"[^\"\n]{0,40}\"|《[^》\n]{0,60}》|‘[^’\n]{0,40}’")
_RULE_CLAUSE = re.compile(r"相同信息计\s*1\s*条")


def _channel(clause):
    codes = {code for code, words in _CHANNELS if any(word in clause for word in words)}
    if "微博微信" in clause or len(codes) > 1:
        return "several"
    return codes.pop() if codes else None


def _label(before, after):
    label = _LABEL_PREFIX.sub("", before.strip()).strip()
    tail = re.match(r"[\u4e00-\u9fff]{1,6}", after or "")
    if tail and not label.endswith(tail.group(0)):
        label += tail.group(0)
    return label[-40:]


def stated_figures(paragraphs):
    """``(stated, channels, indicators, recognised, unrecognised)`` from a legacy report's text."""
    stated, channels, found, recognised, unrecognised = {}, {}, [], [], []
    # Figures inside quotes or 《》 are names ("创业富民30条"), not counts: mask them.
    text = _QUOTED.sub(lambda m: "□" * len(m.group(0)), "\n".join(paragraphs))

    def state(key, value, label, unit, position):
        if key in stated:
            return
        stated[key] = value
        recognised.append(f"stated: {label} {value} {unit}")
        if not any(position == p for p, _i in found):
            found.append((position, {"label": label, "value": value, "unit": unit}))

    for sentence_match in re.finditer(r"[^。！？!?\n]+", text):
        sentence, base = sentence_match.group(0), sentence_match.start()
        for big_match in _CLAUSE.finditer(sentence):
            context = _Context(big_match.group(0))
            for clause_match in _SEGMENT.finditer(context.text):
                clause = clause_match.group(0)
                start = base + big_match.start() + clause_match.start()
                _figures(clause, start, context, stated, channels, found, recognised,
                         unrecognised)
            _stated_counts(big_match.group(0), base + big_match.start(), state, unrecognised)
        # Negated statements: a zero.
        for clause_match in _CLAUSE.finditer(sentence):
            clause, position = clause_match.group(0), base + clause_match.start()
            if _NO_REQUESTS.search(clause) and not re.search(r"行政复议|诉讼", clause):
                state("requests_received", 0, "收到依申请公开请求", "件", position)
            if _NO_FEES.search(clause):
                state("fees_yuan", 0, "政府信息公开收费", "元", position)
        if _NO_REVIEW.search(sentence):
            state("reconsiderations", 0, "行政复议", "件", base)
        if _NO_LAWSUIT.search(sentence):
            state("lawsuits", 0, "行政诉讼", "件", base + 1)
    indicators = [item for _position, item in sorted(found, key=lambda pair: pair[0])]
    return stated, channels, indicators, recognised, unrecognised


def fees_collected(paragraphs):
    """Section 六's 信息处理费 in a 2021-format report: ``yuan`` or None when not stated."""
    for paragraph in paragraphs:
        for sentence in re.findall(r"[^。！？!?\n]+", paragraph):
            if not re.search(r"处理费|收费|收取", sentence):
                continue
            amount = re.search(r"(\d+(?:\.\d+)?)\s*(万元|元)", sentence)
            if amount:
                value = float(amount.group(1)) * (10000 if amount.group(2) == "万元" else 1)
                return int(value) if value.is_integer() else value
            if _NEGATION.search(sentence):
                return 0
    return None


class _Context:
    """What the figures of a clause's segments need to know of the whole clause, worked out
    once per clause (not once per segment: a clause can hold thousands of them)."""

    def __init__(self, text):
        self.text, self.head = text, text[:40]
        self.channel = _channel(text)
        self.publishing = any(word in text for word in ("主动", "发布", "公开"))
        self.through = "通过" in text


def _figures(clause, start, context, stated, channels, found, recognised, unrecognised):
    """Every number with a unit in one clause (an indicator each), and what it states."""
    if _RULE_CLAUSE.search(clause):
        return
    previous = 0
    channel, publishing = context.channel, context.publishing
    total = _TOTAL.search(clause)   # the same for every figure of the clause: searched once
    for figure in _FIGURE.finditer(clause):
        value = float(figure.group(1)) if "." in figure.group(1) else int(figure.group(1))
        unit = figure.group(2)
        label = _label(clause[previous:figure.start()], clause[figure.end():figure.end() + 8])
        previous = figure.end()
        position = start + figure.start()
        found.append((position, {"label": label, "value": value, "unit": unit}))
        refuse_over("figures", len(found))
        if unit not in ("条", "篇", "件", "次", "场"):
            continue
        if channel and channel != "several" and (publishing or channel == "press_conference"):
            if channel not in channels:
                channels[channel] = value
                recognised.append(f"channel: {channel} {value} {unit} ({label})")
        elif channel == "several" and publishing:
            unrecognised.append(f"figure names several channels, kept as an indicator only: "
                                f"{context.head}")
        elif context.through and publishing and not channel:
            unrecognised.append(f"unknown channel, kept as an indicator only: {context.head}")
        if total and not channel and "proactive_total" not in stated and "累计" not in clause \
                and total.start(1) == figure.start(1):
            stated["proactive_total"] = value
            recognised.append(f"stated: {label} {value} {unit}")
    charging = re.search(r"收取|收费", clause) is not None
    for figure in _FIGURE.finditer(clause):
        if figure.group(2) in ("元", "万元") and charging and "fees_yuan" not in stated:
            amount = float(figure.group(1)) * (10000 if figure.group(2) == "万元" else 1)
            stated["fees_yuan"] = int(amount) if amount.is_integer() else amount
            recognised.append(f"stated: fees {stated['fees_yuan']} 元")


def _stated_counts(clause, start, state, unrecognised):
    """Requests received, reconsiderations and lawsuits a clause states, in digits or words.

    A clause about 行政复议 or 诉讼 never states requests (its 申请 is the application for
    review). Counts above ``MAX_STATED`` or malformed numerals are reported, not read."""
    def read(match, key, label):
        value = parse_count(match.group(1))
        if value is None:
            unrecognised.append(f"figure not read (not a count, or larger than {MAX_STATED}): "
                                f"{match.group(0)[:40]}")
            return
        state(key, value, label, match.group(2), start + match.start(1))

    if not re.search(r"复议|诉讼", clause):
        match = _REQUESTS.search(clause)
        if match and not _NOT_REQUESTS.search(match.group(0)):
            read(match, "requests_received", _label(clause[:match.start(1)], ""))
    for key, pattern in _CASES:
        match = pattern.search(clause)
        if match and not _NEGATION.search(clause[:match.start(1)]):
            read(match, key, _label(clause[:match.start(1)], ""))
