"""The agencies behind a dashboard figure, asked of the database: the drill-down's pages and its export.

The board (``selectors._count``) keeps numbers only. A figure's agencies are a filter (``figure_q``, ``summed``)
over the agencies in scope annotated with their facts (``with_facts``), each fact from the function that defines
it (``activities.facts``, ``assessment.facts``, ``checklists.facts``, ``checklists.coverage``,
``activities.campaigns.facts``, the results). The board counts each figure with the same filter over all its
agencies at once (``COUNT(*) FILTER (WHERE …)``); a page of a drill-down reads its hundred agencies rather than
every figure's thousands of ids being kept for it. ``tests/assessment/test_dashboard_view.py`` holds each filter
to its figure's number.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import models
from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.utils import timezone

from activities import facts as activity_facts
from activities.campaigns.facts import took_part_q
from activities.campaigns.models import CampaignAgency
from activities.models import ActivitySummary
from agencies import years
from agencies.models import Agency, AnnualCycle
from checklists import coverage as law_coverage
from checklists.facts import late_q
from checklists.models import Checklist

from ..facts import with_item_counts
from ..models import Result
from ..models.kept import SUMMARY_FIGURES, summary_column
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

    def ranks(self) -> list[tuple[int, int]]:
        """The ranking's ``(agency id, rank)`` pairs, first to last."""
        return list(self.agencies.values_list("pk", "rank"))


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


def _counted(year, agencies, family, rest, *, rubric_id, today) -> QuerySet[Agency] | None:
    if family == "all" and not rest:
        return agencies
    if family == "office":
        office, _sep, what = rest.partition(":")
        if not office.isdigit():
            return None
        mine = agencies.filter(filing_office_id=int(office))
        if what == "all":
            return mine
        family, rest = ("status", Checklist.Status.APPROVED) if what == "approved" else ("filing", what)
        agencies = mine
    if family in {"month", "duty", "people"}:
        return _summed(year, agencies, family, rest)
    cycle = years.open_cycle(year)
    counted = figure_q(family, rest, cycle)
    if counted is None:
        return None
    found = with_facts(year, agencies, {family}, rubric_id=rubric_id, today=today, cycle=cycle).filter(counted)
    if family == "rectification":
        found = found.annotate(part=F("overdue"))
    return found


def with_facts(
    year: int,
    agencies: QuerySet[Agency],
    families: set[str],
    *,
    rubric_id: int | None,
    today: dt.date,
    cycle: AnnualCycle,
    whole: bool = False,
) -> QuerySet[Agency]:
    """``agencies`` annotated with the facts the figures of ``families`` count (``figure_q``), each from the
    function that defines it: the drill-down asks for one family on a page of agencies, the board
    (``selectors._count``) for every family over all of them at once (``whole``: each fact then read in one pass
    over the scope where its function has that form, rather than per agency)."""
    if families & {"status", "filing"}:
        # Revision 1 of the year, joined (one per agency): its status, and when it was first submitted.
        agencies = agencies.annotate(
            first=models.FilteredRelation("checklists", condition=Q(checklists__year=year, checklists__revision=1)),
            first_status=F("first__status"),
            first_submitted=F("first__first_submitted_at"),
        )
    if "study" in families and whole:
        # Every agency's sessions added up in one grouped pass, rather than two subqueries per agency.
        met = activity_facts.study_minimum_met_among(agencies, year, cycle.study_minimum, today)
        agencies = agencies.annotate(study_met=models.ExpressionWrapper(met, output_field=models.BooleanField()))
    elif "study" in families:
        agencies = activity_facts.with_study_sessions(agencies, year, today, minimum=cycle.study_minimum, per_row=True)
    if "items" in families:
        agencies = with_item_counts(agencies, year, today)
    if families & {"grade", "light"}:
        # The year's result, joined (one per agency and rubric).
        agencies = agencies.annotate(
            year_result=models.FilteredRelation(
                "assessment_results", condition=Q(assessment_results__rubric_id=rubric_id)
            ),
            result_grade=F("year_result__grade"),
            result_light=F("year_result__light"),
        )
    if "rectification" in families:
        agencies = agencies.annotate(
            overdue=activity_facts.per_agency(overdue_rectifications(year, today=today), Count("pk"))
        )
    if "coverage" in families:
        agencies = law_coverage.with_coverage(agencies, year)
    if "campaign" in families:
        asked = CampaignAgency.objects.filter(campaign__year=year, agency=OuterRef("pk"))
        agencies = agencies.annotate(campaign_asked=Exists(asked), took_part=Exists(asked.filter(took_part_q(today))))
    return agencies


def figure_q(family: str, what: str, cycle: AnnualCycle) -> Q | None:  # noqa: PLR0911
    """Which agencies, annotated by ``with_facts``, the figure ``family:what`` counts (None for no such figure)."""
    if family == "status":
        if what == "none":
            return Q(first_status__isnull=True)
        return Q(first_status=what) if what in Checklist.Status.values else None
    if family == "filing":
        # Revision 1's filing on time, late or not at all (``checklists.facts``).
        late = late_q(cycle, "first_submitted")
        return {
            "on_time": Q(first_submitted__isnull=False) & ~late,
            "late": late,
            "none": Q(first_submitted__isnull=True),
        }.get(what)
    if family == "study":
        # Agencies subject to the study minimum, meeting it or not (``activities.facts.study_minimum_met_q``).
        return {
            "met": Q(subject_to_study_minimum=True, study_met=True),
            "unmet": Q(subject_to_study_minimum=True, study_met=False),
        }.get(what)
    if family == "items":
        # By how many of their counted items are met (``item_figure`` on the numbers, the board's count).
        approved = Q(items_total__gt=0)
        return {
            "all": approved & Q(items_met=F("items_total")),
            "part": approved & Q(items_met__gt=0, items_met__lt=F("items_total")),
            "none": approved & Q(items_met=0),
            "no_checklist": Q(items_total=0),
        }.get(what)
    if family == "grade":
        return Q(result_grade__isnull=True) if what == "none" else Q(result_grade=what)
    if family == "light":
        return Q(result_light=what)
    if family == "rectification":
        return Q(overdue__gt=0) if what == "overdue" else None
    if family == "coverage":
        # An agency with no enforced laws on record is in neither figure.
        full, enforcing = law_coverage.fully_covered_q(), Q(laws_enforced__gt=0)
        return {"full": enforcing & full, "gaps": enforcing & ~full}.get(what)
    if family == "campaign":
        return {"took_part": Q(took_part=True), "not_yet": Q(campaign_asked=True, took_part=False)}.get(what)
    return None


def item_figure(total: int, met: int) -> str:
    """The items figure (``figure_q``'s ``items:…``) of an agency with ``total`` counted items, ``met`` of them
    met: the same categories on the numbers, for the board, which counts the items from the item summaries in
    one pass (``assessment.facts.items_by_agency``). Counted per agency in SQL by ``figure_q`` (each item's
    summaries read in its own subqueries) the board's count took 2-3 times as long at 10,000 agencies
    (BENCHMARKS.md, issue 14); ``tests/assessment/test_dashboard_view.py`` holds both forms to the same agencies."""
    if total == 0:
        return "no_checklist"  # none counted: no approved checklist
    return "all" if met == total else "none" if met == 0 else "part"


def _results(rubric_id: int | None) -> QuerySet[Result]:
    return Result.objects.filter(rubric_id=rubric_id, agency=OuterRef("pk"))


def summed(family: str, what: str) -> Sum | None:
    """What a month's, a duty's or its people's figure adds up of an agency's summaries (None for no such
    figure): the drill-down's part per agency, and the board's sum over them (``selectors._count``)."""
    if family == "month":
        return Sum("activities", filter=Q(month=int(what))) if what.isdigit() else None
    if family in {"duty", "people"}:
        return Sum("activities" if family == "duty" else "people", filter=Q(duty=what))
    return None


def per_agency_summaries(year: int, agencies: QuerySet[Agency]) -> QuerySet[ActivitySummary]:
    """Each agency's summary figures (``summed``) in one pass over its summaries: one row per agency of
    ``agencies`` with any, ``{"agency_id": …, "month_1": …, "duty_study": …, "people_study": …}``."""
    parts = {summary_column(key): summed(*key.split(":")) for key in SUMMARY_FIGURES}
    return (
        ActivitySummary.objects.filter(year=year, agency__in=agencies.values("pk"))
        .order_by()
        .values("agency_id")
        .annotate(**parts)
    )


def _summed(year: int, agencies: QuerySet[Agency], family: str, what: str) -> QuerySet[Agency] | None:
    """Agencies with activities in a month or of a duty, or people reached in a duty, each with its number (the
    summaries, as the board's counts)."""
    part = summed(family, what)
    if part is None:
        return None
    return agencies.annotate(part=activity_facts.per_agency(ActivitySummary.objects.filter(year=year), part)).filter(
        part__gt=0
    )
