"""The page cache: anonymous GET responses of the package's pages, invalidated exactly.

See :mod:`.page_cache` and docs/explanation/page-cache.md.
"""
