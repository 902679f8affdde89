"""The checklist items import moved from checklists.spreadsheets to checklists.imports: a job stored before the
move, and not yet run, names the old handler, which no longer imports."""

from django.db import migrations

OLD = "checklists.spreadsheets.items_import_stored"
NEW = "checklists.imports.items_import_stored"


def forwards(apps, schema_editor):
    apps.get_model("agencies", "ImportJob").objects.filter(handler=OLD).update(handler=NEW)


def backwards(apps, schema_editor):
    apps.get_model("agencies", "ImportJob").objects.filter(handler=NEW).update(handler=OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0010_importjob"),
        ("checklists", "0003_annualcycle_moved_to_agencies"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
