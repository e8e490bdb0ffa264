# Work in progress of the governance tool 'review' (merged into one migration before release).
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("wagtail_disclosure", "0008_governance"),
    ]

    operations = []
