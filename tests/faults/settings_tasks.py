"""Settings of the example site for the fault tests' subprocesses (site, worker, scenario).

The example site's settings with what a production deployment has and the example lacks:
a persistent task backend (django-tasks-db, run by ``manage.py db_worker``), real SMTP, and
DEBUG off. The database comes from ``DATABASE_URL`` or ``SQLITE_PATH`` as in agency.settings.

They extend ``FAULTS_BASE_SETTINGS``: the settings of the test run that starts the subprocess
(``agency.settings``, or ``tests.settings_custom_page`` in the custom page model's leg), so
that the subprocess has the schema of the database copy it is given.
"""

import importlib
import os

os.environ.setdefault("DJANGO_DEBUG", "0")

_base = importlib.import_module(os.environ.get("FAULTS_BASE_SETTINGS", "agency.settings"))
globals().update({name: value for name, value in vars(_base).items() if name.isupper()})

DEBUG = False
INSTALLED_APPS = [*_base.INSTALLED_APPS, "django_tasks_db"]
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ.get("FAULTS_SMTP_PORT", "25"))
EMAIL_TIMEOUT = 10

# The fault tests' applicants all come from 127.0.0.1 and submit more than 10 an hour.
WAGTAIL_DISCLOSURE = {**_base.WAGTAIL_DISCLOSURE, "SUBMIT_RATE_LIMIT": "100000/hour"}

# Fast access-code hashing (as tests/conftest.py does for the in-process tests).
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = os.environ.get("FAULTS_MEDIA_ROOT", "/tmp/faults-media")
LOGGING = {"version": 1, "disable_existing_loggers": False,
           "handlers": {"console": {"class": "logging.StreamHandler"}},
           "root": {"handlers": ["console"], "level": "WARNING"}}
