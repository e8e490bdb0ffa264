
import django.db.models.deletion
import django.utils.timezone
import wagtail.contrib.routable_page.models
import wagtail.fields
import wagtail_disclosure.requests.models
from django.conf import settings
from django.db import migrations, models
import swapper

swapper.set_app_prefix("wagtailcore", "wagtail")

# Swappable-page safe (Wagtail 8's WAGTAIL_PAGE_MODEL) and loadable on Wagtail 7.4.
PAGE_MODEL = swapper.get_model_name("wagtailcore", "Page")
PAGE_PTR = f"{swapper.split(PAGE_MODEL)[1].lower()}_ptr"
PAGE_DEPENDENCIES = [("wagtailcore", "0094_alter_page_locale")]
if swapper.is_swapped("wagtailcore", "Page"):
    PAGE_DEPENDENCIES.append(swapper.dependency("wagtailcore", "Page"))


class Migration(migrations.Migration):

    dependencies = [
        ('wagtail_disclosure', '0002_seed_national_topics'),
        *PAGE_DEPENDENCIES,
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='RequestFormPage',
            fields=[
                (PAGE_PTR, models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=PAGE_MODEL)),
                ('intro', wagtail.fields.RichTextField(blank=True, help_text='What the applicant should know: who may apply, what to write, the time limits, fees, how replies are sent.', verbose_name='rules and instructions')),
                ('privacy_notice', wagtail.fields.RichTextField(help_text='What personal data is collected, why, how long it is kept and who sees it. Applicants must agree to it.', verbose_name='personal information notice')),
                ('confirmation_text', wagtail.fields.RichTextField(blank=True, help_text='Shown with the tracking number and access code.', verbose_name='text after submitting')),
            ],
            options={
                'verbose_name': 'information request form',
                'verbose_name_plural': 'information request forms',
            },
            bases=(wagtail.contrib.routable_page.models.RoutablePageMixin, PAGE_MODEL),
        ),
        migrations.CreateModel(
            name='WorkdayOverride',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('date', models.DateField(unique=True, verbose_name='date')),
                ('is_working_day', models.BooleanField(default=False, help_text='Ticked: a working day (e.g. a makeup working Saturday). Not ticked: a day off (e.g. a local holiday).', verbose_name='working day')),
                ('note', models.CharField(blank=True, max_length=200, verbose_name='reason')),
            ],
            options={
                'verbose_name': 'working-day override',
                'verbose_name_plural': 'working-day overrides',
                'ordering': ['date'],
            },
        ),
        migrations.CreateModel(
            name='InformationRequest',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('tracking_number', models.CharField(editable=False, max_length=30, unique=True, verbose_name='tracking number')),
                ('access_code_hash', models.CharField(editable=False, max_length=100)),
                ('channel', models.CharField(choices=[('online', 'Online form'), ('in_person', 'In person'), ('registered_post', 'Registered post (signed for)'), ('letter', 'Ordinary letter'), ('fax', 'Fax'), ('email', 'Email')], default='online', max_length=20, verbose_name='channel')),
                ('submitted_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='submitted at')),
                ('received_on', models.DateField(verbose_name='date of receipt')),
                ('applicant_type', models.CharField(choices=[('natural_person', 'Natural person'), ('organisation', 'Legal person or other organisation')], max_length=20, verbose_name='applicant type')),
                ('organisation_kind', models.CharField(blank=True, choices=[('business', 'Commercial enterprise'), ('research', 'Research institution'), ('public_interest', 'Public-interest organisation'), ('legal_services', 'Legal services institution'), ('other', 'Other')], max_length=20, verbose_name='kind of organisation')),
                ('name', models.CharField(max_length=200, verbose_name='name of the applicant')),
                ('id_type', models.CharField(blank=True, choices=[('resident_id', 'Resident identity card'), ('passport', 'Passport'), ('hk_macao_permit', 'Mainland travel permit for Hong Kong and Macao residents'), ('taiwan_permit', 'Mainland travel permit for Taiwan residents'), ('foreign_permanent', 'Foreign permanent resident ID card'), ('other', 'Other identity document')], max_length=30, verbose_name='identity document')),
                ('id_number', models.CharField(blank=True, max_length=40, verbose_name='identity document number')),
                ('organisation_code', models.CharField(blank=True, max_length=18, verbose_name='unified social credit code')),
                ('legal_representative', models.CharField(blank=True, max_length=100, verbose_name='legal representative')),
                ('contact_person', models.CharField(blank=True, max_length=100, verbose_name='contact person')),
                ('phone', models.CharField(blank=True, max_length=30, verbose_name='phone')),
                ('email', models.EmailField(blank=True, max_length=254, verbose_name='email')),
                ('address', models.CharField(blank=True, max_length=255, verbose_name='address')),
                ('postcode', models.CharField(blank=True, max_length=6, verbose_name='postcode')),
                ('description', models.TextField(verbose_name='description of the information')),
                ('document_number', models.CharField(blank=True, max_length=100, verbose_name='document number')),
                ('purpose', models.TextField(blank=True, verbose_name='purpose')),
                ('form', models.CharField(choices=[('paper', 'Paper'), ('electronic', 'Electronic')], max_length=20, verbose_name='form of the information')),
                ('delivery', models.CharField(choices=[('post', 'By post'), ('email', 'By email'), ('collect', 'Collect in person'), ('on_site', 'Read on site')], max_length=20, verbose_name='how to obtain it')),
                ('consent_given_at', models.DateTimeField(blank=True, null=True, verbose_name='consented to the privacy notice at')),
                ('status', models.CharField(choices=[('received', 'Received'), ('awaiting_correction', 'Awaiting correction'), ('in_progress', 'In progress'), ('consulting', 'Consulting a third party'), ('extended', 'Extended'), ('awaiting_payment', 'Awaiting payment of a fee'), ('answered', 'Answered'), ('closed', 'Closed'), ('withdrawn', 'Withdrawn')], db_index=True, default='received', max_length=30, verbose_name='status')),
                ('outcome', models.CharField(blank=True, choices=[('disclosed', 'Disclosed'), ('partially_disclosed', 'Partially disclosed'), ('withheld_state_secret', 'Withheld: state secret'), ('withheld_prohibited_by_law', 'Withheld: other laws prohibit disclosure'), ('withheld_security_stability', 'Withheld: endangers national, public, economic security or social stability'), ('withheld_third_party', "Withheld: protects a third party's lawful rights"), ('withheld_internal_affairs', 'Withheld: internal affairs information'), ('withheld_process_information', 'Withheld: process information'), ('withheld_enforcement_file', 'Withheld: administrative enforcement file'), ('withheld_administrative_query', 'Withheld: administrative query matter'), ('unavailable_not_held', 'Cannot be provided: not held by this agency'), ('unavailable_needs_creation', 'Cannot be provided: would have to be created'), ('unavailable_still_unclear', 'Cannot be provided: still unclear after correction'), ('not_processed_petition', 'Not processed: petition, report or complaint'), ('not_processed_repeat', 'Not processed: repeated request'), ('not_processed_publication', 'Not processed: asks for a publication'), ('not_processed_excessive', 'Not processed: large numbers of repeated requests without good reason'), ('not_processed_confirmation', 'Not processed: asks to confirm or reissue information already obtained'), ('other_no_correction', 'Other: not corrected in time'), ('other_unpaid_fee', 'Other: fee not paid in time'), ('other', 'Other')], db_index=True, max_length=40, verbose_name='outcome')),
                ('clock_started_on', models.DateField(verbose_name='clock started on')),
                ('due_on', models.DateField(db_index=True, verbose_name='reply due on')),
                ('due_provisional', models.BooleanField(default=False, help_text='The deadline counts days of a year the holiday calendar does not cover yet, as Monday to Friday.', verbose_name='provisional deadline')),
                ('correction_notice_due_on', models.DateField(verbose_name='correction notice due on')),
                ('correction_due_on', models.DateField(blank=True, null=True, verbose_name='correction due from the applicant on')),
                ('extension_days', models.PositiveSmallIntegerField(default=0, verbose_name='extension (working days)')),
                ('answered_on', models.DateField(blank=True, null=True, verbose_name='answered on')),
                ('closed_on', models.DateField(blank=True, null=True, verbose_name='closed on')),
                ('reply_delivery', models.CharField(blank=True, choices=[('post', 'By post'), ('email', 'By email'), ('collect', 'Collect in person'), ('on_site', 'Read on site')], max_length=20, verbose_name='reply delivered by')),
                ('reply_delivered_on', models.DateField(blank=True, null=True, verbose_name='reply delivered on')),
                ('last_reminded_on', models.DateField(blank=True, editable=False, null=True)),
                ('anonymised_at', models.DateTimeField(blank=True, null=True, verbose_name='personal data removed at')),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='entered by')),
                ('handler', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='handler')),
                ('possible_repeat_of', models.ForeignKey(blank=True, help_text='An earlier request by the same applicant for apparently the same information (Art.36(6)). Check before answering.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtail_disclosure.informationrequest', verbose_name='possibly repeats')),
                ('request_page', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtail_disclosure.requestformpage', verbose_name='request form page')),
            ],
            options={
                'verbose_name': 'information request',
                'verbose_name_plural': 'information requests',
                'ordering': ['due_on', 'id'],
                'permissions': [('process_informationrequest', 'Can process information requests'), ('approve_extension', 'Can approve extensions of information requests'), ('view_personal_data', "Can see applicants' full personal data")],
            },
        ),
        migrations.CreateModel(
            name='FeeNotice',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('method', models.CharField(choices=[('per_item', 'Per item (按件计收)'), ('per_page', 'Per page (按量计收)')], max_length=20, verbose_name='method')),
                ('quantity', models.PositiveIntegerField(verbose_name='items or pages')),
                ('items_before', models.PositiveIntegerField(default=0, help_text="Per-item fees only: the applicant's items in the same natural month before this request.", verbose_name='items already requested this month')),
                ('amount', models.PositiveIntegerField(verbose_name='amount (yuan)')),
                ('issued_on', models.DateField(verbose_name='issued on')),
                ('pay_by', models.DateField(verbose_name='pay by')),
                ('paid_on', models.DateField(blank=True, null=True, verbose_name='paid on')),
                ('request', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='fee_notices', to='wagtail_disclosure.informationrequest')),
            ],
            options={
                'verbose_name': 'fee notice',
                'verbose_name_plural': 'fee notices',
                'ordering': ['issued_on', 'id'],
            },
        ),
        migrations.CreateModel(
            name='Extension',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('days', models.PositiveSmallIntegerField(verbose_name='working days')),
                ('reason', models.TextField(verbose_name='reason')),
                ('status', models.CharField(choices=[('pending', 'Awaiting approval'), ('approved', 'Approved'), ('rejected', 'Rejected')], default='pending', max_length=20, verbose_name='status')),
                ('requested_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('decided_at', models.DateTimeField(blank=True, null=True)),
                ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('requested_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('request', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='extensions', to='wagtail_disclosure.informationrequest')),
            ],
            options={
                'verbose_name': 'extension',
                'verbose_name_plural': 'extensions',
                'ordering': ['requested_at', 'id'],
            },
        ),
        migrations.CreateModel(
            name='Consultation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('third_party', models.CharField(max_length=200, verbose_name='third party')),
                ('started_on', models.DateField(verbose_name='letter sent on')),
                ('due_on', models.DateField(verbose_name='answer due on')),
                ('ended_on', models.DateField(blank=True, null=True, verbose_name='ended on')),
                ('result', models.TextField(blank=True, verbose_name='result')),
                ('request', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='consultations', to='wagtail_disclosure.informationrequest')),
            ],
            options={
                'verbose_name': 'third-party consultation',
                'verbose_name_plural': 'third-party consultations',
                'ordering': ['started_on', 'id'],
            },
        ),
        migrations.CreateModel(
            name='Notification',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(max_length=40)),
                ('recipient', models.EmailField(max_length=254)),
                ('subject', models.CharField(max_length=200)),
                ('body', models.TextField()),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('sent_at', models.DateTimeField(blank=True, null=True)),
                ('attempts', models.PositiveSmallIntegerField(default=0)),
                ('last_error', models.CharField(blank=True, max_length=300)),
                ('request', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to='wagtail_disclosure.informationrequest')),
            ],
            options={
                'verbose_name': 'notification',
                'verbose_name_plural': 'notifications',
                'ordering': ['created_at', 'id'],
            },
        ),
        migrations.CreateModel(
            name='RequestAttachment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('file', models.FileField(upload_to=wagtail_disclosure.requests.models.private_upload_to)),
                ('original_name', models.CharField(max_length=255, verbose_name='file name')),
                ('content_type', models.CharField(max_length=100)),
                ('size', models.PositiveIntegerField()),
                ('request', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='attachments', to='wagtail_disclosure.informationrequest')),
            ],
            options={
                'verbose_name': 'request attachment',
                'verbose_name_plural': 'request attachments',
            },
        ),
        migrations.CreateModel(
            name='RequestLetter',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('acknowledgement', 'Acknowledgement of receipt'), ('correction_notice', 'Correction notice (补正告知书)'), ('extension_notice', 'Extension notice (延期答复告知书)'), ('consultation', 'Letter to a third party (征求意见函)'), ('fee_notice', 'Fee notice (收费通知)'), ('reply', 'Reply (答复书)'), ('closure', 'Closure notice')], max_length=30, verbose_name='kind of letter')),
                ('title', models.CharField(max_length=200, verbose_name='title')),
                ('body', models.TextField(verbose_name='text')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('sent_on', models.DateField(blank=True, null=True, verbose_name='sent on')),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('request', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='letters', to='wagtail_disclosure.informationrequest')),
            ],
            options={
                'verbose_name': 'letter',
                'verbose_name_plural': 'letters',
                'ordering': ['created_at', 'id'],
            },
        ),
        migrations.CreateModel(
            name='LetterDocument',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('file', models.FileField(upload_to=wagtail_disclosure.requests.models.private_upload_to)),
                ('title', models.CharField(max_length=255, verbose_name='title')),
                ('content_type', models.CharField(blank=True, max_length=100)),
                ('size', models.PositiveIntegerField(default=0)),
                ('letter', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='documents', to='wagtail_disclosure.requestletter')),
            ],
            options={
                'verbose_name': 'letter document',
                'verbose_name_plural': 'letter documents',
            },
        ),
        migrations.CreateModel(
            name='RequestSettings',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('staff_email', models.EmailField(blank=True, help_text='New requests are announced to this address (besides the handlers).', max_length=254, verbose_name='office email for notifications')),
                ('acknowledgement_template', models.TextField(blank=True, help_text="Leave blank to use the default text. Placeholders such as {tracking_number}, {name}, {due_on} and {reasons} are filled in; see the officer's guide.", verbose_name='acknowledgement')),
                ('correction_notice_template', models.TextField(blank=True, help_text="Leave blank to use the default text. Placeholders such as {tracking_number}, {name}, {due_on} and {reasons} are filled in; see the officer's guide.", verbose_name='correction notice')),
                ('extension_notice_template', models.TextField(blank=True, help_text="Leave blank to use the default text. Placeholders such as {tracking_number}, {name}, {due_on} and {reasons} are filled in; see the officer's guide.", verbose_name='extension notice')),
                ('consultation_template', models.TextField(blank=True, help_text="Leave blank to use the default text. Placeholders such as {tracking_number}, {name}, {due_on} and {reasons} are filled in; see the officer's guide.", verbose_name='letter to a third party')),
                ('fee_notice_template', models.TextField(blank=True, help_text="Leave blank to use the default text. Placeholders such as {tracking_number}, {name}, {due_on} and {reasons} are filled in; see the officer's guide.", verbose_name='fee notice')),
                ('reply_template', models.TextField(blank=True, help_text="Leave blank to use the default text. Placeholders such as {tracking_number}, {name}, {due_on} and {reasons} are filled in; see the officer's guide.", verbose_name='reply')),
                ('closure_template', models.TextField(blank=True, help_text="Leave blank to use the default text. Placeholders such as {tracking_number}, {name}, {due_on} and {reasons} are filled in; see the officer's guide.", verbose_name='closure notice')),
                ('site', models.OneToOneField(editable=False, on_delete=django.db.models.deletion.CASCADE, to='wagtailcore.site')),
            ],
            options={
                'verbose_name': 'information request settings',
            },
        ),
        migrations.AddIndex(
            model_name='informationrequest',
            index=models.Index(fields=['status', 'due_on'], name='wagtail_dis_status_15e2e1_idx'),
        ),
        migrations.AddIndex(
            model_name='informationrequest',
            index=models.Index(fields=['received_on'], name='wagtail_dis_receive_17840b_idx'),
        ),
    ]
