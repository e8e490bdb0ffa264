"""The request's events in Wagtail's audit log: labels and messages of each action."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.log_actions import LogFormatter

from . import outcomes

PREFIX = "wagtail_disclosure.request"

DEADLINE_CAUSES = {
    "correction_received": _("the corrected request was received"),
    "consultation_started": _("a third-party consultation started"),
    "consultation_ended": _("a third-party consultation ended"),
    "consultation_received": _("the third party's receipt of the letter was recorded"),
    "extension": _("an extension was approved"),
    "delay": _("a delayed reply (Art.35) was approved"),
    "fee_notice": _("a fee notice stopped the clock until payment"),
    "fee_notice_received": _("the applicant's receipt of the fee notice was recorded"),
    "fee_paid": _("the fee was paid: the days awaiting payment are not counted"),
    "receipt_confirmed": _("receipt of the online request was confirmed"),
    "calendar": _("the working-day calendar changed"),
    "calendar_coverage": _("the holiday calendar now covers more days"),
    "holiday_notice": _("a State Council holiday notice was imported"),
}


class DeadlineFormatter(LogFormatter):
    label = _("Change reply deadline")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        raw = data.get("cause", "")
        cause = DEADLINE_CAUSES.get(raw) or DEADLINE_CAUSES.get(raw.split(":")[0], raw)
        message = _("Reply deadline changed from %(old)s to %(new)s because %(cause)s") % {
            "old": data.get("old"), "new": data.get("new"), "cause": cause}
        if data.get("provisional"):
            message += " " + _("(provisional)")
        return message


class OutcomeFormatter(LogFormatter):
    outcome_message = ""

    def format_message(self, log_entry):
        row = outcomes.BY_KEY.get((log_entry.data or {}).get("outcome"))
        text = str(self.outcome_message)
        return f"{text}: {row.group} {row.label}" if row and row.group != row.label else (
            f"{text}: {row.label}" if row else text)


def _channel_label(code):
    from .choices import ReceiptChannel

    try:
        return ReceiptChannel(code).label
    except ValueError:
        return code


class ReceiveFormatter(LogFormatter):
    label = _("Receive information request")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        message = _("Request received (%(channel)s) on %(date)s; reply due %(due)s") % {
            "channel": _channel_label(data.get("channel", "")), "date": data.get("received_on", ""),
            "due": data.get("due_on", "")}
        if data.get("possible_repeat_of"):
            message += " · " + _("possibly repeats %(number)s") % {
                "number": data["possible_repeat_of"]}
        return message


SIMPLE = {
    "confirm_receipt": (_("Confirm receipt"),
                        _("Receipt of the online request confirmed (clock started)")),
    "start": (_("Start processing"), _("Processing started")),
    "assign": (_("Assign handler"), _("Handler assigned")),
    "correction_notice": (_("Send correction notice"), _("Correction notice sent")),
    "correction_received": (_("Record corrected request"), _("Corrected request received")),
    "correction_lapsed": (_("Close: not corrected"),
                          _("Closed: not corrected in time (其他处理 1)")),
    "consultation_start": (_("Start third-party consultation"),
                           _("Third-party consultation started (clock stopped)")),
    "correction_more_time": (_("Give more time to correct"),
                             _("More time given to correct the request")),
    "consultation_received": (_("Record third party's receipt"),
                              _("The third party's receipt of the letter recorded")),
    "consultation_end": (_("End third-party consultation"),
                         _("Third-party consultation ended (clock restarted)")),
    "extension_request": (_("Request extension"), _("Extension requested")),
    "extension_approve": (_("Approve extension"), _("Extension approved")),
    "extension_reject": (_("Reject extension"), _("Extension or delay rejected")),
    "delay_request": (_("Request delayed reply"), _("Delayed reply (Art.35) requested")),
    "delay_approve": (_("Approve delayed reply"), _("Delayed reply (Art.35) approved")),
    "fee_notice": (_("Issue fee notice"), _("Fee notice issued (clock stopped)")),
    "fee_received": (_("Record receipt of fee notice"),
                     _("The applicant's receipt of the fee notice recorded")),
    "fee_paid": (_("Record payment"), _("Fee paid")),
    "delivery": (_("Record delivery"), _("Delivery of the reply recorded")),
    "withdraw": (_("Withdraw"), _("Withdrawn by the applicant")),
    "anonymise": (_("Remove personal data"), _("Personal data removed")),
    "publish_item": (_("Publish as item"), _("Draft proactive item created (Art.44)")),
}


class ImportNoticeFormatter(LogFormatter):
    label = _("Import holiday notice")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        message = _("Holiday notice for %(year)s imported (%(number)s): %(off)s days off, "
                    "%(working)s makeup working days") % {
            "year": data.get("year", ""), "number": data.get("document_number") or "-",
            "off": data.get("days_off", 0), "working": data.get("working_days", 0)}
        replaced = data.get("replaced_overrides") or []
        if replaced:
            message += " · " + _("%(count)s manual override(s) replaced") % {
                "count": len(replaced)}
        return message


def register(actions):
    """Called from the ``register_log_actions`` hook."""
    actions.register_action("wagtail_disclosure.calendar.import_notice")(ImportNoticeFormatter)
    actions.register_action(f"{PREFIX}.receive")(ReceiveFormatter)
    actions.register_action(f"{PREFIX}.deadline")(DeadlineFormatter)
    for name, (label, message) in SIMPLE.items():
        actions.register_action(f"{PREFIX}.{name}", label, message)
    for name, label, message in (("reply", _("Reply"), _("Replied")),
                                 ("close", pgettext_lazy("information request action", "Close"),
                                  _("Closed"))):
        formatter_cls = type("OutcomeFormatter", (OutcomeFormatter,),
                             {"label": label, "outcome_message": message})
        actions.register_action(f"{PREFIX}.{name}")(formatter_cls)
