# Work in progress of the governance tool 'register' (merged into one migration before release).
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("wagtail_disclosure", "0009_wip_review"),
    ]

    operations = []
