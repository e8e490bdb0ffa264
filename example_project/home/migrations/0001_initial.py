
import django.db.models.deletion
import wagtail.fields
import swapper
from django.db import migrations, models


swapper.set_app_prefix("wagtailcore", "wagtail")

# Swappable-page safe (Wagtail 8's WAGTAIL_PAGE_MODEL) and loadable on Wagtail 7.4.
PAGE_MODEL = swapper.get_model_name("wagtailcore", "Page")
PAGE_PTR = f"{swapper.split(PAGE_MODEL)[1].lower()}_ptr"
PAGE_DEPENDENCIES = [("wagtailcore", "0094_alter_page_locale")]
if swapper.is_swapped("wagtailcore", "Page"):
    PAGE_DEPENDENCIES.append(swapper.dependency("wagtailcore", "Page"))


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        *PAGE_DEPENDENCIES,
    ]

    operations = [
        migrations.CreateModel(
            name='HomePage',
            fields=[
                (PAGE_PTR, models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=PAGE_MODEL)),
                ('body', wagtail.fields.RichTextField(blank=True, verbose_name='body')),
            ],
            options={
                'verbose_name': 'home page',
            },
            bases=(PAGE_MODEL,),
        ),
    ]
