# Work in progress of the governance tool 'withdrawal' (merged into one migration before release).
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("wagtail_disclosure", "0013_wip_feedback"),
    ]

    operations = []
