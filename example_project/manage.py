#!/usr/bin/env python
"""The example agency site's manage.py."""
import os
import sys
from pathlib import Path

if __name__ == "__main__":
    here = Path(__file__).resolve().parent
    sys.path.insert(0, str(here))
    sys.path.insert(1, str(here.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "agency.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
