"""`make dev` and `make test` run on SQLite, production and CI on PostgreSQL: a constraint SQLite cannot create is
left out there without an error, and an upsert on it then fails (an activity linked to an item could not be
saved on SQLite while its unique constraint covered two more columns)."""

from django.apps import apps
from django.db.models import UniqueConstraint


def test_no_unique_constraint_covers_columns_sqlite_would_leave_it_out():
    covering = [
        f"{model._meta.label}.{constraint.name}"
        for model in apps.get_models()
        for constraint in model._meta.constraints
        if isinstance(constraint, UniqueConstraint) and constraint.include
    ]
    assert covering == []
