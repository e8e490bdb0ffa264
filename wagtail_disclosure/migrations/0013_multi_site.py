"""Many agencies on one installation: the site of a request and of a working-day override,
a tracking-number prefix per site (docs/how-to/multi-site.md)."""

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models


def set_request_sites(apps, schema_editor):
    """A request's site is the site of its form page (the deepest site root above it), else
    the default site: what ``RequestSettings`` already used for it."""
    Site = apps.get_model("wagtailcore", "Site")
    InformationRequest = apps.get_model("wagtail_disclosure", "InformationRequest")
    roots = sorted(((site.root_page.path, site.pk) for site in
                    Site.objects.select_related("root_page")), key=lambda r: -len(r[0]))
    default = Site.objects.filter(is_default_site=True).values_list("pk", flat=True).first()
    pages = dict(InformationRequest.objects.filter(request_page__isnull=False)
                 .values_list("request_page_id", "request_page__path").distinct())
    for page_id, path in pages.items():
        site_id = next((pk for root, pk in roots if path.startswith(root)), default)
        InformationRequest.objects.filter(request_page_id=page_id).update(site_id=site_id)
    InformationRequest.objects.filter(request_page__isnull=True).update(site_id=default)


class Migration(migrations.Migration):

    dependencies = [
        ('wagtail_disclosure', '0012_private_storage'),
        ('wagtailcore', '0094_alter_page_locale'),
    ]

    operations = [
        migrations.AddField(
            model_name='informationrequest',
            name='site',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.site', verbose_name='site'),
        ),
        migrations.AddField(
            model_name='requestsettings',
            name='tracking_number_prefix',
            field=models.CharField(blank=True, help_text="Put before this site's tracking numbers (e.g. LC gives LC2026-000001); each prefix counts its own serials. On a platform hosting several agencies, give each site its own prefix. Changing it applies to requests received afterwards.", max_length=10, validators=[django.core.validators.RegexValidator('^[A-Z0-9]*$', 'Use upper-case letters A to Z and digits only.', code='invalid')], verbose_name='tracking number prefix'),
        ),
        migrations.AddField(
            model_name='workdayoverride',
            name='site',
            field=models.ForeignKey(blank=True, help_text="Blank: the day applies to every site (a national day or a correction). A site: a local holiday or working day of that site's agency only; on that site it takes the place of a row for every site on the same day.", null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='wagtailcore.site', verbose_name='site'),
        ),
        migrations.AlterField(
            model_name='informationrequest',
            name='tracking_number',
            field=models.CharField(editable=False, max_length=40, unique=True, verbose_name='tracking number'),
        ),
        migrations.AlterField(
            model_name='workdayoverride',
            name='date',
            field=models.DateField(verbose_name='date'),
        ),
        migrations.AddConstraint(
            model_name='workdayoverride',
            constraint=models.UniqueConstraint(condition=models.Q(('site__isnull', True)), fields=('date',), name='wd_override_date_all_sites'),
        ),
        migrations.AddConstraint(
            model_name='workdayoverride',
            constraint=models.UniqueConstraint(fields=('site', 'date'), name='wd_override_date_per_site'),
        ),
        migrations.RunPython(set_request_sites, migrations.RunPython.noop, elidable=True),
    ]
