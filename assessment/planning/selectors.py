"""Reads for multi-year plans and key work: who in scope has filed what, for a year."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from agencies import access
from agencies.models import Agency, User

from .models import KeyWork, MultiYearPlan


@dataclass(frozen=True)
class PlanningRow:
    agency: Agency
    plan: MultiYearPlan | None
    key_work: KeyWork | None


def _has_plan(year: int) -> Exists:
    return Exists(MultiYearPlan.objects.filter(MultiYearPlan.covering_q(year), agency=OuterRef("pk")))


def _has_key_work(year: int) -> Exists:
    return Exists(KeyWork.objects.filter(agency=OuterRef("pk"), year=year))


def planning_agencies(agencies: QuerySet[Agency], year: int) -> QuerySet[Agency]:
    """Active agencies with whether a multi-year plan covers the year and whether they filed its key work, and
    those filings (the plan, the key work with its item count) prefetched: three queries for a page."""
    return (
        agencies.filter(is_active=True)
        .select_related("filing_office")
        .annotate(has_plan=_has_plan(year), has_key_work=_has_key_work(year))
        .prefetch_related(
            Prefetch(
                "multi_year_plans",
                queryset=MultiYearPlan.objects.filter(MultiYearPlan.covering_q(year)).order_by("-first_year"),
                to_attr="covering_plans",
            ),
            Prefetch(
                "key_work",
                queryset=KeyWork.objects.filter(year=year).annotate(item_count=Count("items")),
                to_attr="year_key_work",
            ),
        )
        .order_by("level", "name")
    )


def planning_rows(agencies) -> list[PlanningRow]:
    return [
        PlanningRow(agency, next(iter(agency.covering_plans), None), next(iter(agency.year_key_work), None))
        for agency in agencies
    ]


def planning_summary(agencies: QuerySet[Agency], year: int) -> dict[str, int]:
    """How many agencies in a set have a plan covering the year and filed its key work, in one query."""
    return (
        agencies.filter(is_active=True)
        .annotate(has_plan=_has_plan(year), has_key_work=_has_key_work(year))
        .aggregate(
            total=Count("pk"),
            plans=Count("pk", filter=Q(has_plan=True)),
            key_work=Count("pk", filter=Q(has_key_work=True)),
        )
    )


def agency_plans(agency: Agency) -> QuerySet[MultiYearPlan]:
    return agency.multi_year_plans.select_related("filed_by").order_by("-first_year")


def agency_key_work(agency: Agency) -> QuerySet[KeyWork]:
    return agency.key_work.select_related("filed_by").prefetch_related("items").order_by("-year")


def visible_plans(user: User) -> QuerySet[MultiYearPlan]:
    return access.scope(user, MultiYearPlan.objects.all())
