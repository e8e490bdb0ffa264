"""Demo data of the governance tool 'feedback'."""


def build(context):
    """Add this tool's demo data (idempotent: running the demo twice adds nothing)."""
