# AnnualCycle now lives in agencies (agencies 0005); its table and rows stay.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0005_annualcycle"),
        ("assessment", "0002_rubric_cycle_in_agencies"),
        ("checklists", "0002_one_open_revision"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="AnnualCycle")],
            database_operations=[],
        ),
    ]
