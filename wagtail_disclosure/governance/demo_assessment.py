"""Demo data of the governance tool 'assessment'."""


def build(context):
    """Add this tool's demo data (idempotent: running the demo twice adds nothing)."""
