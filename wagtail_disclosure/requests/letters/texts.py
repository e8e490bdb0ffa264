"""The default texts of the letters (文书), their printed titles and the remedy paragraphs.

English source strings; the Chinese letters come from the zh_Hans catalogue. Each
``# Translators:`` comment gives the exact Chinese wording the catalogue must hold, because
these are legal texts: keep the placeholders, the article numbers and the time limits as they
are. A default text never contains instructions in brackets: what the officer must add goes
in a placeholder (``{reasons}``), which the admin's forms ask them to replace.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..choices import LetterKind

PLACEHOLDERS = {
    "tracking_number": _("the tracking number"),
    "name": _("the applicant's name"),
    "address": _("the applicant's postal address"),
    "received_on": _("the date of receipt"),
    "due_on": _("the reply deadline"),
    "description": _("the information asked for"),
    "issuing_body": _("the issuing body printed at the head of letters"),
    "office_name": _("the disclosure office's name"),
    "today": _("today's date"),
    "letter_number": _("the letter's number (reply letters: e.g. 鹿供公开〔2026〕1号)"),
    "outcome": _("the outcome (the national table's row), once it is chosen"),
    "reasons": _("the reasons and details typed by the officer"),
    "remedy": _("the remedies (reconsideration, lawsuit) that fit the outcome, filled in when "
                "the letter is issued"),
    "reconsideration_body": _("the reconsideration body (复议机关) of the settings"),
    "court": _("the court of the settings"),
    "reply_working_days": _("the working days to reply"),
    "correction_due_on": _("the date the correction is due"),
    "extension_days": _("the working days of the extension"),
    "delayed_until": _("the later reply date of a delayed reply (条例 Art.35)"),
    "third_party": _("the third party consulted"),
    "consultation_working_days": _("the working days a third party has to answer"),
    "amount": _("the fee in yuan"),
    "payment_working_days": _("the working days to pay a fee, from the day after receiving "
                              "the notice"),
    "fee_received_on": _("the date the applicant received the fee notice"),
    "pay_by": _("the date the fee is due"),
}

DEFAULT_TEMPLATES = {
    # Translators: 登记回执. Render exactly as: "{name}：\n\n本机关于{received_on}收到您提交的
    # 政府信息公开申请，已予登记，查询码为{tracking_number}。\n\n申请公开的政府信息：
    # {description}\n\n根据《中华人民共和国政府信息公开条例》第三十三条的规定，本机关将于
    # {due_on}前作出答复。征求第三方和其他机关意见所需时间不计算在答复期限内。需要补正申请或者
    # 延长答复期限的，本机关将另行书面告知。您可以凭查询码和查询密码在本机关网站查询办理进度。"
    LetterKind.ACKNOWLEDGEMENT: _(
        "{name}:\n\nWe received your request for government information on {received_on} "
        "and registered it under tracking number {tracking_number}.\n\nInformation "
        "requested: {description}\n\nUnder Article 33 of the Regulations of the People's "
        "Republic of China on Open Government Information, we will reply by {due_on}. Time "
        "spent consulting third parties or other agencies does not count towards this "
        "period. If the request has to be corrected or the time to reply is extended, we "
        "will tell you in writing. You can follow the request on our website with its "
        "tracking number and access code."),
    # Translators: 补正告知书. Render exactly as: "{name}：\n\n本机关于{received_on}收到您提交的
    # 政府信息公开申请（查询码：{tracking_number}）。经审查，您的申请内容不明确。根据《中华人民
    # 共和国政府信息公开条例》第三十条的规定，现一次性告知需要补正的事项如下：\n\n{reasons}\n\n
    # 请于{correction_due_on}前向本机关提交补正后的申请。答复期限自本机关收到补正后的申请之日起
    # 计算。无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。"
    LetterKind.CORRECTION_NOTICE: _(
        "{name}:\n\nWe received your request for government information, tracking number "
        "{tracking_number}, on {received_on}. Its content is not clear. Under Article 30 of "
        "the Regulations of the People's Republic of China on Open Government Information, "
        "we tell you at once everything that must be corrected or added:\n\n{reasons}\n\n"
        "Please send us the corrected request by {correction_due_on}. The time to reply "
        "counts from the day we receive the corrected request. If you do not correct the "
        "request in time without good reason, it is treated as abandoned and we will not "
        "process it further."),
    # Translators: 延期答复告知书. Render exactly as: "{name}：\n\n本机关于{received_on}收到您
    # 提交的政府信息公开申请（查询码：{tracking_number}）。因不能在规定期限内作出答复，根据
    # 《中华人民共和国政府信息公开条例》第三十三条第二款的规定，经本机关政府信息公开工作机构
    # 负责人同意，答复期限延长{extension_days}个工作日，本机关将于{due_on}前作出答复。\n\n
    # 延期理由：{reasons}"
    LetterKind.EXTENSION_NOTICE: _(
        "{name}:\n\nWe received your request for government information, tracking number "
        "{tracking_number}, on {received_on}. As we cannot reply within the time limit, "
        "under Article 33, paragraph 2 of the Regulations of the People's Republic of China "
        "on Open Government Information and with the approval of the head of our open "
        "government information office, the time to reply is extended by {extension_days} "
        "working days. We will reply by {due_on}.\n\nReason for the extension: {reasons}"),
    # Translators: 延迟答复告知书. Render exactly as: "{name}：\n\n本机关于{received_on}收到您
    # 提交的政府信息公开申请（查询码：{tracking_number}）。您申请公开政府信息的数量、频次明显
    # 超过合理范围，本机关认为您说明的申请理由合理，但无法在《中华人民共和国政府信息公开条例》
    # 第三十三条规定的期限内答复。根据该条例第三十五条的规定，本机关确定延迟答复的合理期限为
    # {delayed_until}，将于该日前作出答复。\n\n说明：{reasons}"
    LetterKind.DELAY_NOTICE: _(
        "{name}:\n\nWe received your request for government information, tracking number "
        "{tracking_number}, on {received_on}. The quantity or frequency of the information "
        "you request clearly exceeds a reasonable range. We consider the reasons you gave "
        "reasonable, but we cannot reply within the time limit of Article 33 of the "
        "Regulations of the People's Republic of China on Open Government Information. Under "
        "Article 35 of the Regulations, we set {delayed_until} as the reasonable time limit "
        "for a delayed reply, and we will reply by that day.\n\nExplanation: {reasons}"),
    # Translators: 征求第三方意见书. Render exactly as: "{third_party}：\n\n本机关收到一件政府
    # 信息公开申请（查询码：{tracking_number}），申请公开：{description}\n\n公开该政府信息可能
    # 损害你方的合法权益。根据《中华人民共和国政府信息公开条例》第三十二条的规定，现书面征求
    # 你方意见。请自收到本意见书之日起{consultation_working_days}个工作日内提出书面意见；不同意
    # 公开的，请说明理由。逾期未提出意见的，由本机关依照该条例的规定决定是否公开。"
    LetterKind.CONSULTATION: _(
        "{third_party}:\n\nWe have received a request for government information, tracking "
        "number {tracking_number}, for: {description}\n\nDisclosing this information may "
        "harm your lawful rights and interests. Under Article 32 of the Regulations of the "
        "People's Republic of China on Open Government Information, we ask for your opinion "
        "in writing. Please send it within {consultation_working_days} working days of "
        "receiving this letter; if you do not agree to the disclosure, please give your "
        "reasons. If we receive no opinion in time, we will decide whether to disclose the "
        "information under the Regulations."),
    # Translators: 收费通知书. Render exactly as: "{name}：\n\n本机关于{received_on}收到您提交的
    # 政府信息公开申请（查询码：{tracking_number}）。您申请公开政府信息的数量、频次明显超过合理
    # 范围，根据《中华人民共和国政府信息公开条例》第四十二条和《政府信息公开信息处理费管理办法》
    # （国办函〔2020〕109号）的规定，需缴纳信息处理费{amount}元。\n\n{reasons}\n\n请自收到本
    # 通知书之日的次日起{payment_working_days}个工作日内缴纳。逾期未缴纳的，视为放弃申请，本机关
    # 不再处理该政府信息公开申请。"
    LetterKind.FEE_NOTICE: _(
        "{name}:\n\nWe received your request for government information, tracking number "
        "{tracking_number}, on {received_on}. The quantity or frequency of the information "
        "you request clearly exceeds a reasonable range. Under Article 42 of the Regulations "
        "of the People's Republic of China on Open Government Information and the Measures "
        "for the Administration of Information Processing Fees for Open Government "
        "Information, 国办函〔2020〕109号, an information processing fee of {amount} yuan is "
        "payable.\n\n{reasons}\n\nPlease pay it within {payment_working_days} working days, "
        "counted from the day after you receive this notice. If it is not paid in time, the "
        "request is treated as abandoned and we will not process it further."),
    # Translators: 答复书. Render exactly as: "{name}：\n\n本机关于{received_on}收到您提交的
    # 政府信息公开申请（查询码：{tracking_number}），申请公开：{description}\n\n经审查，根据
    # 《中华人民共和国政府信息公开条例》的规定，现答复如下：\n\n{reasons}\n\n{remedy}"
    LetterKind.REPLY: _(
        "{name}:\n\nWe received your request for government information, tracking number "
        "{tracking_number}, on {received_on}. You asked for: {description}\n\nHaving "
        "examined the request under the Regulations of the People's Republic of China on "
        "Open Government Information, we reply as follows:\n\n{reasons}\n\n{remedy}"),
    # Translators: 办结告知书. Render exactly as: "{name}：\n\n本机关于{received_on}收到您提交的
    # 政府信息公开申请（查询码：{tracking_number}）。现告知如下：\n\n{reasons}\n\n该申请已办结。
    # \n\n{remedy}"
    LetterKind.CLOSURE: _(
        "{name}:\n\nWe received your request for government information, tracking number "
        "{tracking_number}, on {received_on}. We inform you as follows:\n\n{reasons}\n\n"
        "The handling of this request is concluded.\n\n{remedy}"),
}

# The heading printed on each letter, under the issuing body.
DOCUMENT_TITLES = {
    # Translators: render exactly as "政府信息公开申请登记回执"
    LetterKind.ACKNOWLEDGEMENT: pgettext_lazy(
        "letter heading", "Acknowledgement of a request for government information"),
    # Translators: render exactly as "政府信息公开申请补正告知书"
    LetterKind.CORRECTION_NOTICE: pgettext_lazy(
        "letter heading", "Notice to correct a request for government information"),
    # Translators: render exactly as "延期答复告知书"
    LetterKind.EXTENSION_NOTICE: pgettext_lazy(
        "letter heading", "Notice of an extended time to reply"),
    # Translators: render exactly as "延迟答复告知书"
    LetterKind.DELAY_NOTICE: pgettext_lazy("letter heading", "Notice of a delayed reply"),
    # Translators: render exactly as "征求第三方意见书"
    LetterKind.CONSULTATION: pgettext_lazy(
        "letter heading", "Request for a third party's opinion"),
    # Translators: render exactly as "收费通知书"
    LetterKind.FEE_NOTICE: pgettext_lazy("letter heading", "Fee notice"),
    # Translators: render exactly as "政府信息公开申请答复书"
    LetterKind.REPLY: pgettext_lazy(
        "letter heading", "Reply to a request for government information"),
    # Translators: render exactly as "政府信息公开申请办结告知书"
    LetterKind.CLOSURE: pgettext_lazy(
        "letter heading", "Notice of conclusion of a request for government information"),
}

# -- remedies (行政复议法 2023, 行政诉讼法) ---------------------------------------------------
# Reconsideration first (复议前置, 行政复议法 Art.23 ¶1 (四)), then a lawsuit against the
# reconsideration decision within 15 days (行政诉讼法 Art.45).
# Translators: render exactly as "如对本答复不服，可以自收到本答复之日起60日内向
# {reconsideration_body}申请行政复议；对行政复议决定不服的，可以自收到行政复议决定书之日起
# 15日内依法向{court}提起行政诉讼。"
REMEDY_RECONSIDERATION_FIRST = _(
    "If you disagree with this reply, you may apply to {reconsideration_body} for "
    "administrative reconsideration within 60 days of receiving it; if you disagree with the "
    "reconsideration decision, you may bring an administrative lawsuit before {court} within "
    "15 days of receiving the reconsideration decision.")
# Reconsideration within 60 days (行政复议法 Art.20) or a lawsuit within 6 months (行政诉讼法
# Art.46).
# Translators: render exactly as "如对本答复不服，可以自收到本答复之日起60日内向
# {reconsideration_body}申请行政复议，或者自收到本答复之日起6个月内依法向{court}提起行政诉讼。"
REMEDY_GENERAL = _(
    "If you disagree with this reply, you may apply to {reconsideration_body} for "
    "administrative reconsideration within 60 days of receiving it, or bring an "
    "administrative lawsuit before {court} within 6 months of receiving it.")
# The same for a closure notice (不予处理, 其他处理).
# Translators: render exactly as "如对本告知不服，可以自收到本告知之日起60日内向
# {reconsideration_body}申请行政复议，或者自收到本告知之日起6个月内依法向{court}提起行政诉讼。"
REMEDY_GENERAL_CLOSURE = _(
    "If you disagree with this notice, you may apply to {reconsideration_body} for "
    "administrative reconsideration within 60 days of receiving it, or bring an "
    "administrative lawsuit before {court} within 6 months of receiving it.")

# Used while the settings name no reconsideration body or court: correct for every agency
# (since 2024 a department's reconsideration body is usually the government at its level, a
# vertically managed one's its superior department), so the sentence never names a wrong one.
# Translators: render exactly as "依法有管辖权的行政复议机关"; it follows "向" in the remedy.
DEFAULT_RECONSIDERATION_BODY = _("the administrative reconsideration body with jurisdiction "
                                 "under the law")
# Translators: render exactly as "有管辖权的人民法院"; it follows "依法向" in the remedy.
DEFAULT_COURT = _("the people's court with jurisdiction")
