"""Sphinx configuration of the wagtail-disclosure documentation.

The pages are Markdown, read by MyST. Build them with ``make docs`` (warnings are errors).
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _package_version():
    """The version in wagtail_disclosure/__init__.py, read without importing Django."""
    text = (ROOT / "wagtail_disclosure" / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'^__version__ = "([^"]+)"', text, re.M).group(1)


project = "wagtail-disclosure"
author = "wagtail-disclosure contributors"
copyright = "wagtail-disclosure contributors"
release = _package_version()
version = release

extensions = ["myst_parser"]
source_suffix = {".md": "markdown"}
root_doc = "index"
language = "en"

myst_enable_extensions = ["colon_fence", "deflist"]

exclude_patterns = ["_build"]

html_theme = "alabaster"
html_title = f"wagtail-disclosure {release}"
html_static_path = ["_static"]
html_theme_options = {
    "description": "政府信息公开 for Wagtail",
    "fixed_sidebar": True,
}
