"""wagtail-disclosure: 政府信息公开 (open government information) for Wagtail sites."""

__version__ = "0.1.0"
