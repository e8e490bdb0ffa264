"""Timeliness of proactive disclosure: published within 20 working days of being formed or
changed (条例 Art.26), counted with the package's working-day calendar."""


def working_days_to_publication(item):
    """Working days from ``item.formation_date`` to ``item.published_on``; None when either
    is unknown or the calendar does not cover them."""
    return None


def item_timeliness(item):
    """{"on_time": bool | None, "working_days": int | None}."""
    return {"on_time": None, "working_days": None}
