# Work in progress of the governance tool 'assessment' (merged into one migration before release).
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("wagtail_disclosure", "0010_wip_register"),
    ]

    operations = []
