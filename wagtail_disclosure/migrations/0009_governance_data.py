"""The governance tools' data and database rules.

1. The default 保密审查 checklist (条例 Arts.14–17), which agencies then edit in the admin.
2. Database triggers that keep the release register immutable:
   - SQLite: UPDATE is refused. DELETE is left to the ORM guard
     (``governance/register_guard.py``), because Django's test flush empties tables with DELETE
     on SQLite.
   - PostgreSQL: UPDATE and DELETE are refused, row by row. TRUNCATE (the test flush, or a
     deliberate ``TRUNCATE`` by the database owner) fires no row trigger and still works.
   - Other databases: the ORM guard only.
3. Items published before the timeliness count (条例 Art.26) was stored at first publication get
   it now: ``publication_working_days`` is filled in batches for published items with a date
   of formation, with the site's calendar as this migration sees it (the national data, the
   WorkdayOverride rows and the imported HolidayNotice years). An item of an uncovered year
   stays NULL (unknown); ``manage.py backfill_timeliness`` fills it later.
"""
from django.db import migrations

#: the default 保密审查 checklist (条例 Arts.14–17); agencies edit it in the admin
DEFAULT_CHECKLIST = [
    ("是否涉及国家秘密", "条例第十四条：依法确定为国家秘密的政府信息不予公开。"),
    ("是否属于法律、行政法规禁止公开的信息", "条例第十四条。"),
    ("是否可能危及“三安全一稳定”", "条例第十四条：国家安全、公共安全、经济安全、社会稳定。"),
    ("是否涉及商业秘密", "条例第十五条：公开会对第三方合法权益造成损害的，不予公开。"),
    ("是否涉及个人隐私", "条例第十五条：身份证号、联系方式、住址等个人信息应当删除或者遮盖。"),
    ("是否属于内部事务信息", "条例第十六条：人事管理、后勤管理、内部工作流程等。"),
    ("是否属于过程性信息", "条例第十六条：讨论记录、过程稿、磋商信函、请示报告等。"),
    ("是否属于行政执法案卷信息", "条例第十六条。"),
    ("是否已按规定履行审批程序", "条例第十七条：发布前依照法律、法规和国家有关规定进行审查。"),
]


def seed_checklist(apps, schema_editor):
    ChecklistQuestion = apps.get_model("wagtail_disclosure", "ChecklistQuestion")
    if ChecklistQuestion.objects.exists():
        return
    ChecklistQuestion.objects.bulk_create([
        ChecklistQuestion(text=text, help_text=help_text, sort_order=(n + 1) * 10)
        for n, (text, help_text) in enumerate(DEFAULT_CHECKLIST)])


TABLE = "wagtail_disclosure_releaseregisterentry"


class RunSQLOnVendor(migrations.RunSQL):
    """RunSQL run only on one database vendor ("sqlite", "postgresql")."""

    def __init__(self, vendor, *args, **kwargs):
        self.vendor = vendor
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, args, kwargs = super().deconstruct()
        kwargs["vendor"] = self.vendor
        return name, args, kwargs

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def fill_publication_working_days(apps, schema_editor):
    from wagtail_disclosure.governance.timeliness import backfill
    from wagtail_disclosure.workdays import WorkdayCalendar

    db = schema_editor.connection.alias
    overrides = dict(apps.get_model("wagtail_disclosure", "WorkdayOverride").objects.using(db)
                     .values_list("date", "is_working_day"))
    years = set(apps.get_model("wagtail_disclosure", "HolidayNotice").objects.using(db)
                .values_list("year", flat=True))
    items = apps.get_model("wagtail_disclosure", "DisclosureItemPage").objects.using(db)
    backfill(items.all(), WorkdayCalendar(overrides, years), batch_size=500)


class Migration(migrations.Migration):

    dependencies = [
        ("wagtail_disclosure", "0008_governance"),
    ]

    operations = [
        migrations.RunPython(seed_checklist, migrations.RunPython.noop),
        RunSQLOnVendor(
            "sqlite",
            sql=[
                f"CREATE TRIGGER IF NOT EXISTS wagtail_disclosure_register_no_update "
                f"BEFORE UPDATE ON {TABLE} "
                f"BEGIN SELECT RAISE(ABORT, 'release register entries are immutable'); END;",
            ],
            reverse_sql=["DROP TRIGGER IF EXISTS wagtail_disclosure_register_no_update;"],
        ),
        RunSQLOnVendor(
            "postgresql",
            sql=[
                "CREATE OR REPLACE FUNCTION wagtail_disclosure_register_immutable() "
                "RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                "RAISE EXCEPTION 'release register entries are immutable: % refused', TG_OP; "
                "END; $$;",
                f"CREATE TRIGGER wagtail_disclosure_register_immutable "
                f"BEFORE UPDATE OR DELETE ON {TABLE} "
                f"FOR EACH ROW EXECUTE FUNCTION wagtail_disclosure_register_immutable();",
            ],
            reverse_sql=[
                f"DROP TRIGGER IF EXISTS wagtail_disclosure_register_immutable ON {TABLE};",
                "DROP FUNCTION IF EXISTS wagtail_disclosure_register_immutable();",
            ],
        ),
        migrations.RunPython(fill_publication_working_days, migrations.RunPython.noop,
                             elidable=True),
    ]
