"""Inserting many rows at once: the daily reminders' run writes tens of thousands (reminders, inbox notices, emails,
outbox jobs) in one transaction.

``bulk_create`` builds a model instance per row and quotes every value in Python: 16,000 reminders and their
80,000 other rows took 15–20 s at 10,000 agencies, most of it before PostgreSQL saw a byte. On PostgreSQL
``insert_rows`` streams plain tuples through ``COPY``; a few rows (a workflow notice's one or two), and other
databases (SQLite in development), go through ``bulk_create`` as before. Fields not named take their model
default, worked out once per call.

A ``COPY`` is logged like any statement (``connection.queries``, so ``django_assert_num_queries`` counts it as one
query), but it goes around ``connection.execute_wrapper``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import nullcontext

from django.db import connection, models
from django.db.backends.utils import CursorDebugWrapper
from django.utils import timezone

BATCH = 1000
# From this many rows on, PostgreSQL takes them by COPY: below it, the scratch table that skipping conflicts needs
# costs more than it saves.
COPY_FROM = 200


def insert_rows(
    model: type[models.Model], names: Sequence[str], rows: Iterable[Sequence], *, ignore_conflicts: bool = False
) -> None:
    """Insert ``rows`` (values of the fields ``names``, in that order) into ``model``'s table; with
    ``ignore_conflicts`` a row a unique constraint already holds is skipped, as ``bulk_create`` does."""
    fields = [model._meta.get_field(name) for name in names]
    # Every other column gets what ``bulk_create`` would give it: its default, "" for text, or NULL.
    rest = [field for field in model._meta.concrete_fields if field not in fields and not field.primary_key]
    rows = list(rows)
    if connection.vendor != "postgresql" or len(rows) < COPY_FROM:
        defaults = {field.attname: field.get_default() for field in rest}
        model.objects.bulk_create(
            (
                model(**defaults, **{field.attname: value for field, value in zip(fields, row, strict=True)})
                for row in rows
            ),
            batch_size=BATCH,
            ignore_conflicts=ignore_conflicts,
        )
        return
    # Python values psycopg writes as they are, but for JSON, which the field turns into its database value.
    prepare = [(index, field) for index, field in enumerate(fields + rest) if isinstance(field, models.JSONField)]
    defaults = tuple(_default(field) for field in rest)
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields + rest)
    table = connection.ops.quote_name(model._meta.db_table)
    target = table
    with connection.cursor() as cursor:
        if ignore_conflicts:
            # COPY cannot skip a conflicting row: the rows go to a scratch table first, then across in one INSERT.
            target = connection.ops.quote_name(f"{model._meta.db_table}_incoming")
            cursor.execute(f"CREATE TEMPORARY TABLE {target} AS SELECT {columns} FROM {table} WITH NO DATA")  # noqa: S608 - names are ours
        statement = f"COPY {target} ({columns}) FROM STDIN"
        logged = cursor.debug_sql(statement) if isinstance(cursor, CursorDebugWrapper) else nullcontext()
        with logged, cursor.cursor.copy(statement) as copy:
            for row in rows:
                values = (*row, *defaults)
                if prepare:
                    values = list(values)
                    for index, field in prepare:
                        values[index] = field.get_db_prep_save(values[index], connection)
                copy.write_row(values)
        if ignore_conflicts:
            cursor.execute(
                f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {target} ON CONFLICT DO NOTHING"  # noqa: S608 - names are ours
            )
            cursor.execute(f"DROP TABLE {target}")


def _default(field: models.Field):
    """What ``bulk_create`` would write into a field not named: ``auto_now``/``auto_now_add`` fields are filled by
    the model's ``pre_save``, which ``COPY`` never calls, so they get the time now here; others their default."""
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        now = timezone.now()
        return now if isinstance(field, models.DateTimeField) else timezone.localdate(now)
    return field.get_default()
