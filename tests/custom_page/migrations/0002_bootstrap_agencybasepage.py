# Modelled on wagtail/test/basepage/migrations/0002_bootstrap_basepage_model.py.
# wagtailcore's 0002 creates the root page in this table before the locale and
# translation_key columns exist; add them nullable and fill them in.

from django.db import migrations

from wagtail.models import BootstrapLocaleField, BootstrapTranslatableModel, BootstrapTranslationKeyField


class Migration(migrations.Migration):

    dependencies = [
        ("custom_page", "0001_initial"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        BootstrapLocaleField("custom_page.AgencyBasePage"),
        BootstrapTranslationKeyField("custom_page.AgencyBasePage"),
        BootstrapTranslatableModel("custom_page.AgencyBasePage"),
    ]
