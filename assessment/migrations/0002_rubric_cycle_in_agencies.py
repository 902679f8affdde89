# The rubric's cycle now points at agencies.AnnualCycle: the same table, so only the state changes.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0005_annualcycle"),
        ("assessment", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="rubric",
                    name="cycle",
                    field=models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="rubric",
                        to="agencies.annualcycle",
                        verbose_name="annual cycle",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
