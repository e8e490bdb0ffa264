"""Many agencies on one installation: the site of a withheld-information entry and of a
reconsideration or lawsuit case (docs/how-to/multi-site.md)."""

import django.db.models.deletion
from django.db import migrations, models


def set_sites(apps, schema_editor):
    """An entry's site is the site of its item (the deepest site root above it); a case's is
    its request's. Entries without an item and cases without a request keep none: with one
    site nothing is restricted, and on a platform of several only unrestricted staff see them
    until a site is chosen for them."""
    Site = apps.get_model("wagtailcore", "Site")
    WithheldInformation = apps.get_model("wagtail_disclosure", "WithheldInformation")
    ReviewCase = apps.get_model("wagtail_disclosure", "ReviewCase")
    roots = sorted(((site.root_page.path, site.pk) for site in
                    Site.objects.select_related("root_page")), key=lambda r: -len(r[0]))
    pages = dict(WithheldInformation.objects.filter(page__isnull=False)
                 .values_list("page_id", "page__path").distinct())
    for page_id, path in pages.items():
        site_id = next((pk for root, pk in roots if path.startswith(root)), None)
        if site_id is not None:
            WithheldInformation.objects.filter(page_id=page_id).update(site_id=site_id)
    for request_id, site_id in (ReviewCase.objects.filter(request__site__isnull=False)
                                .values_list("request_id", "request__site_id").distinct()):
        ReviewCase.objects.filter(request_id=request_id).update(site_id=site_id)


class Migration(migrations.Migration):

    dependencies = [
        ('wagtail_disclosure', '0014_item_placements'),
        ('wagtailcore', '0094_alter_page_locale'),
    ]

    operations = [
        migrations.AddField(
            model_name='reviewcase',
            name='site',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.site', verbose_name='site'),
        ),
        migrations.AddField(
            model_name='withheldinformation',
            name='site',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.site', verbose_name='site'),
        ),
        migrations.RunPython(set_sites, migrations.RunPython.noop, elidable=True),
    ]
