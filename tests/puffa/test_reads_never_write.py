"""A GET of any page, with any year, leaves the database as it was (docs/domain.md, "Years").

Every URL pattern of the permission matrix, as every role, with its year argument (and a ``?year=``) set to an
opened year, a year inside the range the bureau has not opened, and a year outside the range. The row count of
every table is compared before and after each request: a ``get_or_create`` put back on a read path (a cycle, a
rubric, a score made by being looked at) fails here, naming the page and the table.
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import connection
from django.urls import reverse

from agencies.models import AnnualCycle

from . import test_permission_matrix as matrix
from .test_permission_matrix import MATRIX, ROLES

# The permission matrix's world (one object of each kind, owned by agency A) and its media in a tmp dir.
world = matrix.world
_media_in_tmp = matrix._media_in_tmp

OPENED, NOT_OPENED, OUTSIDE = 2026, 2017, 2031
# Signing in writes the session and django-axes' access log before the snapshot; a GET writes neither.
NOT_COUNTED = {"sessions", "axes"}
COUNTED = [model for model in apps.get_models() if model._meta.app_label not in NOT_COUNTED]


def row_counts() -> dict[str, int]:
    """Every table's row count, in one query (this runs after each of a few thousand requests)."""
    tables = [connection.ops.quote_name(model._meta.db_table) for model in COUNTED]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(f"(SELECT count(*) FROM {table})" for table in tables))
        counts = cursor.fetchone()
    return {model._meta.label: count for model, count in zip(COUNTED, counts, strict=True)}


def urls(objects) -> list[str]:
    """Each page's URL with each of the three years, in its path where it takes one and in the query."""
    found = []
    for name, route in MATRIX.items():
        kwargs = route.kwargs(objects) if route.kwargs else {}
        for year in (OPENED, NOT_OPENED, OUTSIDE):
            args = {**kwargs, "year": year} if "year" in kwargs else kwargs
            found.append(f"{reverse(name, kwargs=args or None)}?year={year}")
    return found


@pytest.mark.opened_years(2025, OPENED)
@pytest.mark.parametrize("role", ROLES)
def test_no_page_writes_whatever_the_year(role, world, client, login, django_user_model):
    http = client if role == "anonymous" else login(django_user_model.objects.get(username=role))
    before = row_counts()
    for url in urls(world):
        http.get(url)
        after = row_counts()
        changed = {table: (before[table], after[table]) for table in before if before[table] != after[table]}
        assert changed == {}, f"{role} GET {url} wrote {changed}"
    assert sorted(AnnualCycle.objects.values_list("year", flat=True)) == [2025, OPENED]
