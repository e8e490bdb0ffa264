"""Connects the governance tools' signal receivers when the app is ready, so that they apply to
every path that saves or publishes (scripts, scheduled publishing, imports), not only once the
admin's hooks are loaded. Each ``connect`` is idempotent (``dispatch_uid``)."""


def connect_governance_signals():
    from .register_signals import connect_register_signals
    from .review_guard import connect as connect_review_guard
    from .withdrawal_admin import connect_signals as connect_withdrawal_signals
    from .withheld import connect_withheld_signals

    connect_review_guard()
    connect_register_signals()
    connect_withdrawal_signals()
    connect_withheld_signals()
