# The moved AnnualCycle's table takes agencies' name; renaming keeps every row and the rubrics' references.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0005_annualcycle"),
        ("checklists", "0003_annualcycle_moved_to_agencies"),
    ]

    operations = [
        migrations.AlterModelTable(name="annualcycle", table=None),
    ]
