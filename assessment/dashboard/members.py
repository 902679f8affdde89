"""The agencies behind a dashboard figure, asked of the database: the drill-down's pages and its export.

The board (``selectors._count``) keeps numbers only. A figure's agencies are a filter over the agencies in scope,
built here from the same derived-fact functions the count uses (``activities.facts``, ``assessment.facts``,
``checklists.facts``, ``checklists.coverage``, ``activities.campaigns.facts``, the results), so a page of a
drill-down reads its hundred agencies rather than every figure's thousands of ids being kept for it.
``tests/assessment/test_dashboard_members.py`` holds each filter to its figure's number.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, F, IntegerField, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from activities import facts as activity_facts
from activities.campaigns.facts import took_part_q
from activities.campaigns.models import CampaignAgency
from activities.models import ActivitySummary
from agencies import years
from agencies.models import Agency
from checklists import coverage as law_coverage
from checklists.facts import late_q
from checklists.models import Checklist

from ..facts import counted_items
from ..models import Result
from ..oversight.selectors import overdue_rectifications

PART = "part"  # each agency's share of a figure that adds up activities, people or rectifications


@dataclass(frozen=True)
class Members:
    """A figure's agencies in the order the drill-down lists them, each with its part (None for a figure that
    counts agencies)."""

    agencies: QuerySet[Agency]

    def lines(self) -> QuerySet:
        """``(agency id, part)`` pairs: page it, or read it whole for an export."""
        return self.agencies.values_list("pk", PART)

    def ids(self) -> list[int]:
        return list(self.agencies.values_list("pk", flat=True))


def of_figure(
    year: int, agencies: QuerySet[Agency], key: str, *, rubric_id: int | None, today: dt.date | None = None
) -> Members | None:
    """The agencies of ``agencies`` that the figure ``key`` counts (None for no such figure family)."""
    today = today or timezone.localdate()
    family, _sep, rest = key.partition(":")
    none = Value(None, output_field=IntegerField())
    if family == "ranking":
        ranked = agencies.annotate(rank=Subquery(_results(rubric_id).values("rank_district")[:1]), part=none)
        return Members(ranked.filter(rank__isnull=False).order_by("rank", "name", "pk"))
    found = _counted(year, agencies, family, rest, rubric_id=rubric_id, today=today)
    if found is None:
        return None
    if PART not in found.query.annotations:
        found = found.annotate(part=none)
    return Members(found.order_by("name", "pk"))


def _counted(year, agencies, family, rest, *, rubric_id, today) -> QuerySet[Agency] | None:  # noqa: PLR0911, C901
    if family == "all" and not rest:
        return agencies
    if family in {"status", "filing"}:
        return _filing(year, agencies, family, rest)
    if family == "office":
        office, _sep, what = rest.partition(":")
        if not office.isdigit():
            return None
        mine = agencies.filter(filing_office_id=int(office))
        if what == "all":
            return mine
        if what == "approved":
            return _filing(year, mine, "status", Checklist.Status.APPROVED)
        return _filing(year, mine, "filing", what)
    if family == "study":
        return _study(year, agencies, rest, today)
    if family in {"month", "duty", "people"}:
        return _summed(year, agencies, family, rest)
    if family == "items":
        return _items(year, agencies, rest, today)
    if family in {"grade", "light"}:
        if rest == "none" and family == "grade":
            return agencies.exclude(Exists(_results(rubric_id)))
        return agencies.filter(Exists(_results(rubric_id).filter(**{family: rest})))
    if family == "rectification" and rest == "overdue":
        return _with_part(agencies, overdue_rectifications(year, today=today), Count("pk"))
    if family == "coverage":
        covered = law_coverage.with_coverage(agencies, year).filter(laws_enforced__gt=0)
        full = law_coverage.fully_covered_q()
        return {"full": covered.filter(full), "gaps": covered.exclude(full)}.get(rest)
    if family == "campaign":
        asked = CampaignAgency.objects.filter(campaign__year=year, agency=OuterRef("pk"))
        took_part = Exists(asked.filter(took_part_q(today)))
        return {
            "took_part": agencies.filter(took_part),
            "not_yet": agencies.filter(Exists(asked)).exclude(took_part),
        }.get(rest)
    return None


def _results(rubric_id: int | None) -> QuerySet[Result]:
    return Result.objects.filter(rubric_id=rubric_id, agency=OuterRef("pk"))


def _filing(year: int, agencies: QuerySet[Agency], family: str, what: str) -> QuerySet[Agency] | None:
    """Revision 1's status, or its filing on time, late or not at all (``checklists.facts``)."""
    cycle = years.open_cycle(year)
    revision_one = Checklist.objects.filter(year=year, revision=1, agency=OuterRef("pk"))
    filed = agencies.annotate(
        first_status=Subquery(revision_one.values("status")[:1]),
        first_submitted=Subquery(revision_one.values("first_submitted_at")[:1]),
    )
    if family == "status":
        if what == "none":
            return filed.filter(first_status__isnull=True)
        return filed.filter(first_status=what) if what in Checklist.Status.values else None
    late = late_q(cycle, "first_submitted")
    return {
        "on_time": filed.filter(first_submitted__isnull=False).exclude(late),
        "late": filed.filter(late),
        "none": filed.filter(first_submitted__isnull=True),
    }.get(what)


def _study(year: int, agencies: QuerySet[Agency], what: str, today: dt.date) -> QuerySet[Agency] | None:
    """Agencies subject to the study minimum, meeting it or not (``activities.facts.study_minimum_met_q``) by the
    sessions counted: the summaries' months already held, and this month's held sessions from the raw rows."""
    sessions = activity_facts.per_agency(
        activity_facts.held_summaries(year, today), Sum("sessions")
    ) + activity_facts.per_agency(
        activity_facts.held_this_month(year, today).filter(activity_facts.session_counted_q(year, today)), Count("pk")
    )
    subject = agencies.filter(subject_to_study_minimum=True).annotate(sessions=sessions)
    met = activity_facts.study_minimum_met_q(years.open_cycle(year).study_minimum, "sessions")
    return {"met": subject.filter(met), "unmet": subject.exclude(met)}.get(what)


def _summed(year: int, agencies: QuerySet[Agency], family: str, what: str) -> QuerySet[Agency] | None:
    """Agencies with activities in a month or of a duty, or people reached in a duty, each with its number (the
    summaries, as the board's counts)."""
    summaries = ActivitySummary.objects.filter(year=year)
    if family == "month":
        if not what.isdigit():
            return None
        return _with_part(agencies, summaries.filter(month=int(what)), Sum("activities"))
    return _with_part(agencies, summaries.filter(duty=what), Sum("activities" if family == "duty" else "people"))


def _with_part(agencies: QuerySet[Agency], rows: QuerySet, aggregate) -> QuerySet[Agency]:
    """The agencies with a non-zero ``aggregate`` over their ``rows``, that number as their part."""
    return agencies.annotate(part=activity_facts.per_agency(rows, aggregate)).filter(part__gt=0)


def _items(year: int, agencies: QuerySet[Agency], what: str, today: dt.date) -> QuerySet[Agency] | None:
    """Agencies by how many of their counted items are met (``activities.facts.with_item_progress``); those with
    none counted have no approved checklist."""
    mine = counted_items(year).filter(checklist__agency_id=OuterRef("pk"))

    def counted(items):
        return Coalesce(
            Subquery(items.order_by().values("checklist__agency_id").annotate(n=Count("pk")).values("n")),
            0,
            output_field=IntegerField(),
        )

    met = activity_facts.with_item_progress(mine, year, today).filter(met=True)
    found = agencies.annotate(items_total=counted(mine)).annotate(items_met=counted(met))
    approved = found.filter(items_total__gt=0)
    return {
        "all": approved.filter(items_met=F("items_total")),
        "part": approved.filter(items_met__gt=0, items_met__lt=F("items_total")),
        "none": approved.filter(items_met=0),
        "no_checklist": found.filter(items_total=0),
    }.get(what)
