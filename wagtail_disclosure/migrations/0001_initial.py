
import django.db.models.deletion
import modelcluster.fields
import wagtail.contrib.routable_page.models
import wagtail.fields
import wagtail.search.index
import wagtail_disclosure.catalogue.fields
import wagtail_disclosure.catalogue.snippets
import swapper
from wagtail.documents import get_document_model_string
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
        ('wagtaildocs', '0014_alter_document_file_size'),
    ]

    operations = [
        migrations.CreateModel(
            name='DisclosureColumnPage',
            fields=[
                (PAGE_PTR, models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=PAGE_MODEL)),
                ('description', wagtail.fields.RichTextField(blank=True, verbose_name='description')),
                ('show_filters', models.BooleanField(default=True, verbose_name='show the filter form')),
            ],
            options={
                'verbose_name': 'disclosure column',
                'verbose_name_plural': 'disclosure columns',
            },
            bases=(wagtail.contrib.routable_page.models.RoutablePageMixin, PAGE_MODEL),
        ),
        migrations.CreateModel(
            name='DisclosureIndexPage',
            fields=[
                (PAGE_PTR, models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=PAGE_MODEL)),
                ('intro', wagtail.fields.RichTextField(blank=True, verbose_name='introduction')),
                ('office_name', models.CharField(blank=True, help_text='The 政府信息公开工作机构 that handles disclosure.', max_length=200, verbose_name='office name')),
                ('office_address', models.CharField(blank=True, max_length=255, verbose_name='office address')),
                ('office_hours', models.CharField(blank=True, max_length=255, verbose_name='office hours')),
                ('office_phone', models.CharField(blank=True, max_length=50, verbose_name='phone')),
                ('office_fax', models.CharField(blank=True, max_length=50, verbose_name='fax')),
                ('office_email', models.EmailField(blank=True, max_length=254, verbose_name='email')),
                ('office_postcode', models.CharField(blank=True, max_length=10, verbose_name='postcode')),
                ('request_channels', wagtail_disclosure.catalogue.fields.ChoiceListField(blank=True, default=list, help_text='In person and by post must always be accepted (国办公开办函〔2017〕19号).', verbose_name='request channels accepted')),
                ('guide', wagtail.fields.StreamField([('section', 2)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'label': 'heading', 'max_length': 200}), 1: ('wagtail.blocks.RichTextBlock', (), {'label': 'text'}), 2: ('wagtail.blocks.StructBlock', [[('heading', 0), ('text', 1)]], {})}, help_text='The rest of the guide: how information is classified and arranged, how to obtain it, fees, remedies.', verbose_name='guide content')),
            ],
            options={
                'verbose_name': 'open government information section',
                'verbose_name_plural': 'open government information sections',
            },
            bases=(wagtail.contrib.routable_page.models.RoutablePageMixin, PAGE_MODEL),
        ),
        migrations.CreateModel(
            name='DisclosureItemPage',
            fields=[
                (PAGE_PTR, models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=PAGE_MODEL)),
                ('index_number', models.CharField(blank=True, editable=False, help_text='索引号: assigned when the item is first published; never changes.', max_length=64, null=True, unique=True, verbose_name='index number')),
                ('document_number', models.CharField(blank=True, help_text='文号, e.g. 国办函〔2020〕109号', max_length=100, verbose_name='document number')),
                ('formation_date', models.DateField(blank=True, help_text='成文日期: the date the document was signed.', null=True, verbose_name='date of formation')),
                ('published_on', models.DateField(blank=True, db_index=True, editable=False, help_text='发布日期: the day the item was first published.', null=True, verbose_name='publication date')),
                ('kind', models.CharField(choices=[('regulation', 'Rules (regulation)'), ('normative_document', 'Administrative normative document'), ('other_document', 'Other document'), ('work_news', 'Work news'), ('power_result', 'Administrative power result'), ('power_item', 'Administrative power item'), ('interpretation', 'Policy interpretation'), ('plan_statistics', 'Plans and statistics'), ('budget', 'Budgets and final accounts')], db_index=True, default='other_document', max_length=40, verbose_name='kind')),
                ('validity', models.CharField(choices=[('in_force', 'In force'), ('amended', 'Amended'), ('repealed', 'Repealed'), ('expired', 'Expired')], default='in_force', max_length=20, verbose_name='validity')),
                ('effective_date', models.DateField(blank=True, null=True, verbose_name='effective date')),
                ('repeal_date', models.DateField(blank=True, help_text='The day it was repealed, amended or expired.', null=True, verbose_name='repeal date')),
                ('keywords', models.CharField(blank=True, help_text='主题词, separated by spaces or commas.', max_length=255, verbose_name='keywords')),
                ('summary', models.TextField(blank=True, help_text='内容概述: a short account of what the item contains.', verbose_name='summary')),
                ('body', wagtail.fields.RichTextField(blank=True, verbose_name='body')),
                ('channels', wagtail_disclosure.catalogue.fields.ChoiceListField(blank=True, default=list, help_text='Every item is published on the website; tick the other channels it went out on. The annual report counts an item once however many channels.', verbose_name='other publication channels')),
                ('replaced_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='replaces', to='wagtail_disclosure.disclosureitempage', verbose_name='replaced by')),
            ],
            options={
                'verbose_name': 'disclosure item',
                'verbose_name_plural': 'disclosure items',
            },
            bases=(PAGE_MODEL,),
        ),
        migrations.CreateModel(
            name='IndexNumberSequence',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('scope', models.CharField(max_length=80, unique=True, verbose_name='scope')),
                ('last_serial', models.PositiveIntegerField(default=0, verbose_name='last serial')),
            ],
            options={
                'verbose_name': 'index number sequence',
                'verbose_name_plural': 'index number sequences',
            },
        ),
        migrations.CreateModel(
            name='PublishingOrgan',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(help_text='The full official name, not an abbreviation.', max_length=200, unique=True, verbose_name='full name')),
                ('code', models.CharField(help_text='The organisation code (组织机构代码) or the unified social credit code (统一社会信用代码). It becomes the prefix of the index numbers.', max_length=40, unique=True, validators=[wagtail_disclosure.catalogue.snippets.validate_organ_code], verbose_name='organisation code')),
                ('address', models.CharField(blank=True, max_length=255, verbose_name='address')),
                ('phone', models.CharField(blank=True, max_length=50, verbose_name='phone')),
            ],
            options={
                'verbose_name': 'publishing organ',
                'verbose_name_plural': 'publishing organs',
                'ordering': ['name'],
            },
            bases=(wagtail.search.index.Indexed, models.Model),
        ),
        migrations.CreateModel(
            name='PowerItemPage',
            fields=[
                ('disclosureitempage_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to='wagtail_disclosure.disclosureitempage')),
                ('power_kind', models.CharField(choices=[('licensing', 'Administrative licensing'), ('penalty', 'Administrative penalty'), ('coercion', 'Administrative coercion'), ('levy', 'Administrative levy'), ('benefit', 'Administrative benefit payment'), ('inspection', 'Administrative inspection'), ('confirmation', 'Administrative confirmation'), ('reward', 'Administrative reward'), ('adjudication', 'Administrative adjudication'), ('other', 'Other')], default='licensing', max_length=20, verbose_name='kind of power')),
                ('power_code', models.CharField(blank=True, help_text='事项编码 in the power list, if any.', max_length=64, verbose_name='item code')),
                ('legal_basis', wagtail.fields.RichTextField(blank=True, verbose_name='legal basis')),
                ('required_materials', wagtail.fields.StreamField([('material', 3)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'label': 'material', 'max_length': 200}), 1: ('wagtail.blocks.CharBlock', (), {'help_text': 'e.g. original and 1 copy', 'label': 'copies and form', 'max_length': 100, 'required': False}), 2: ('wagtail.blocks.CharBlock', (), {'label': 'note', 'max_length': 255, 'required': False}), 3: ('wagtail.blocks.StructBlock', [[('name', 0), ('copies', 1), ('note', 2)]], {})}, verbose_name='required materials')),
                ('process_steps', wagtail.fields.StreamField([('step', 4)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'label': 'step', 'max_length': 100}), 1: ('wagtail.blocks.CharBlock', (), {'label': 'responsible post', 'max_length': 100, 'required': False}), 2: ('wagtail.blocks.CharBlock', (), {'help_text': 'e.g. 1 working day', 'label': 'time limit', 'max_length': 100, 'required': False}), 3: ('wagtail.blocks.TextBlock', (), {'label': 'what happens', 'required': False}), 4: ('wagtail.blocks.StructBlock', [[('step', 0), ('responsible_post', 1), ('time_limit', 2), ('description', 3)]], {})}, verbose_name='process')),
                ('statutory_time_limit', models.CharField(blank=True, max_length=100, verbose_name='statutory time limit')),
                ('promised_time_limit', models.CharField(blank=True, max_length=100, verbose_name='promised time limit')),
                ('fees', models.CharField(blank=True, help_text='e.g. free of charge', max_length=255, verbose_name='fees')),
                ('enquiry_phone', models.CharField(blank=True, max_length=50, verbose_name='enquiry phone')),
                ('complaint_phone', models.CharField(blank=True, max_length=50, verbose_name='complaint phone')),
            ],
            options={
                'verbose_name': 'administrative power item',
                'verbose_name_plural': 'administrative power items',
            },
            bases=('wagtail_disclosure.disclosureitempage',),
        ),
        migrations.CreateModel(
            name='DisclosureItemAttachment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                ('title', models.CharField(blank=True, help_text="Leave blank to use the document's title.", max_length=255, verbose_name='title')),
                ('document', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=get_document_model_string(), verbose_name='document')),
                ('page', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='attachments', to='wagtail_disclosure.disclosureitempage')),
            ],
            options={
                'verbose_name': 'attachment',
                'verbose_name_plural': 'attachments',
                'ordering': ['sort_order'],
                'abstract': False,
            },
        ),
        migrations.AddField(
            model_name='disclosureitempage',
            name='organ',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtail_disclosure.publishingorgan', verbose_name='publishing organ'),
        ),
        migrations.CreateModel(
            name='Topic',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=100, verbose_name='name')),
                ('sort_order', models.PositiveIntegerField(default=0, verbose_name='sort order')),
                ('parent', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='children', to='wagtail_disclosure.topic', verbose_name='parent topic')),
            ],
            options={
                'verbose_name': 'topic',
                'verbose_name_plural': 'topics',
                'ordering': ['sort_order', 'name'],
            },
            bases=(wagtail.search.index.Indexed, models.Model),
        ),
        migrations.AddField(
            model_name='disclosureitempage',
            name='topic',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtail_disclosure.topic', verbose_name='topic'),
        ),
        migrations.AddConstraint(
            model_name='topic',
            constraint=models.UniqueConstraint(fields=('parent', 'name'), name='wd_topic_unique_in_parent'),
        ),
    ]
