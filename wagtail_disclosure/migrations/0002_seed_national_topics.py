from django.db import migrations


def seed(apps, schema_editor):
    from wagtail_disclosure.data.topics import seed_topics

    seed_topics(apps.get_model("wagtail_disclosure", "Topic"))


class Migration(migrations.Migration):
    dependencies = [("wagtail_disclosure", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
