# AnnualCycle moves from checklists to agencies, so the one year guard (agencies.years) can live in the base app.
# Its rows are kept: this migration only adds the model to agencies' state over the existing table; checklists
# 0003 drops it from checklists' state and 0006 here renames the table.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0004_agency_level_name_index"),
        ("checklists", "0002_one_open_revision"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="AnnualCycle",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("year", models.PositiveSmallIntegerField(unique=True, verbose_name="year")),
                        (
                            "filing_deadline",
                            models.DateField(
                                help_text="The last day on which a checklist is filed on time (Asia/Shanghai). "
                                "Default: the last day of February.",
                                verbose_name="filing deadline",
                            ),
                        ),
                        (
                            "study_minimum",
                            models.PositiveSmallIntegerField(
                                default=2,
                                help_text="Concentrated study sessions an agency subject to the minimum must hold "
                                "in the year.",
                                verbose_name="study minimum",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "annual cycle",
                        "verbose_name_plural": "annual cycles",
                        "ordering": ["-year"],
                        "db_table": "checklists_annualcycle",
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(("study_minimum__gte", 0)),
                                name="annualcycle_study_minimum_not_negative",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
