"""Query helpers every app's selectors share."""

from __future__ import annotations

from django.db import connections
from django.db.models import F, Func, QuerySet


def counts(**querysets: QuerySet) -> dict[str, int]:
    """Each queryset's ``count()``, in one query (``SELECT (SELECT COUNT(…)), (SELECT COUNT(…))``): for a page that
    shows several counts of unrelated rows. The querysets are read on the first one's database."""
    parts, params = [], []
    for queryset in querysets.values():
        counted = queryset.order_by().annotate(counted=Func(F("pk"), function="COUNT")).values("counted")
        sql, part_params = counted.query.sql_with_params()
        parts.append(f"({sql})")
        params.extend(part_params)
    using = next(iter(querysets.values())).db
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        return dict(zip(querysets, cursor.fetchone(), strict=True))
