"""Query helpers every app's selectors share."""

from __future__ import annotations

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import F, Func, QuerySet


def counts(**querysets: QuerySet) -> dict[str, int]:
    """Each queryset's ``count()``, in one query (``SELECT (SELECT COUNT(…)), (SELECT COUNT(…))``): for a page that
    shows several counts of unrelated rows. The querysets are read on the first one's database. A queryset that
    can match nothing (``pk__in=[]``, ``none()``) is 0 without asking, as ``count()`` does."""
    parts, params = [], []
    for queryset in querysets.values():
        counted = queryset.order_by().annotate(counted=Func(F("pk"), function="COUNT")).values("counted")
        try:
            sql, part_params = counted.query.sql_with_params()
        except EmptyResultSet:
            sql, part_params = "SELECT 0", ()
        parts.append(f"({sql})")
        params.extend(part_params)
    using = next(iter(querysets.values())).db
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        return dict(zip(querysets, cursor.fetchone(), strict=True))
