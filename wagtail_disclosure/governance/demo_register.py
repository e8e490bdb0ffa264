"""Demo data of the governance tool 'register'."""


def build(context):
    """Add this tool's demo data (idempotent: running the demo twice adds nothing)."""
