"""The listing order index (catalogue/placements.py): one row per item and container above it,
built for the existing items."""

import django.db.models.deletion
import swapper
from django.db import migrations, models

swapper.set_app_prefix("wagtailcore", "wagtail")
PAGE_MODEL = swapper.get_model_name("wagtailcore", "Page")


def place_existing_items(apps, schema_editor):
    """Rows for every existing item. The containers are recognised by their classes
    (``ItemContainerMixin``, which historical models do not carry), so the real models'
    content types are used to find them; the rows are written with the historical models."""
    from wagtail_disclosure.catalogue.placements import BATCH, _ancestor_paths, container_type_ids

    Page = apps.get_model(PAGE_MODEL)
    Item = apps.get_model("wagtail_disclosure", "DisclosureItemPage")
    Placement = apps.get_model("wagtail_disclosure", "ItemPlacement")
    containers = dict(Page.objects.filter(content_type_id__in=container_type_ids())
                      .values_list("path", "pk"))
    if not containers:
        return
    steplen = 4
    rows, last = [], 0
    while True:
        chunk = list(Item.objects.filter(pk__gt=last).order_by("pk")
                     .values_list("pk", "path", "published_on")[:BATCH])
        if not chunk:
            break
        for pk, path, published_on in chunk:
            rows.extend(Placement(container_id=containers[p], item_id=pk,
                                  published_on=published_on)
                        for p in _ancestor_paths(path, steplen) if p in containers)
        Placement.objects.bulk_create(rows, batch_size=BATCH)
        rows, last = [], chunk[-1][0]


class Migration(migrations.Migration):

    dependencies = [
        ('wagtail_disclosure', '0013_multi_site'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.CreateModel(
            name='ItemPlacement',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('published_on', models.DateField(null=True)),
                ('container', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to=PAGE_MODEL)),
                ('item', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='placements', to='wagtail_disclosure.disclosureitempage')),
            ],
            options={
                'verbose_name': 'item placement',
                'verbose_name_plural': 'item placements',
                'indexes': [models.Index(fields=['container', '-published_on', '-item'], name='wd_placement_order')],
                'constraints': [models.UniqueConstraint(fields=('container', 'item'), name='wd_placement_unique')],
            },
        ),
        migrations.RunPython(place_existing_items, migrations.RunPython.noop, elidable=True),
    ]
