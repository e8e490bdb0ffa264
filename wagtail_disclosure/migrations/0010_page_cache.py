"""The page cache's generation numbers (caching.models.PageCacheGeneration)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('wagtail_disclosure', '0009_governance_data'),
        # Site exists since Wagtail's first migration; the one the package already needs
        # (Wagtail 7.4 has no 0098).
        ('wagtailcore', '0094_alter_page_locale'),
    ]

    operations = [
        migrations.CreateModel(
            name='PageCacheGeneration',
            fields=[
                ('site', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='+', serialize=False, to='wagtailcore.site', verbose_name='site')),
                ('generation', models.PositiveBigIntegerField(default=0, verbose_name='generation')),
            ],
            options={
                'verbose_name': 'page cache generation',
                'verbose_name_plural': 'page cache generations',
            },
        ),
    ]
