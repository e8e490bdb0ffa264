# Work in progress of the governance tool 'compliance' (merged into one migration before release).
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("wagtail_disclosure", "0011_wip_assessment"),
    ]

    operations = []
