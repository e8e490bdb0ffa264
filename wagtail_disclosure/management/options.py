"""Options the package's management commands share."""

import datetime

from django.core.management.base import CommandError


def add_date_option(parser):
    """``--date YYYY-MM-DD``: run as of this date (to catch up on a missed day, or in tests)."""
    parser.add_argument("--date", help="Run as of this date (YYYY-MM-DD); default today.")


def date_option(options):
    """The ``--date`` given, as a date; None (today) when absent. Anything else than a date
    such as 2026-11-25 stops the command with an error."""
    if not options.get("date"):
        return None
    try:
        return datetime.date.fromisoformat(options["date"])
    except ValueError:
        raise CommandError("--date must be a date such as 2026-11-25.") from None
