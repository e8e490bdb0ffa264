# Work in progress of the governance tool 'feedback' (merged into one migration before release).
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("wagtail_disclosure", "0012_wip_compliance"),
    ]

    operations = []
