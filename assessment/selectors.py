"""Reads for the assessment pages, joins and aggregates built in so templates never query.

The dashboard's reads are in ``assessment.dashboard.selectors``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from agencies import queries, reads
from agencies.models import Agency
from agencies.years import open_years, year_end_open

from . import rules, services
from .models import Indicator, Result, Rubric, Score, ScoreChange, ScoringRun, SelfAssessment, SurveyResult


def years() -> list[int]:
    """The years the bureau has opened, newest first."""
    return open_years()


@dataclass(frozen=True)
class ScoringStatus:
    latest: ScoringRun | None
    active: ScoringRun | None
    done: ScoringRun | None
    out_of_date: bool
    survey_count: int
    manual_missing: int


def scoring_status(rubric: Rubric, indicators: list[Indicator], agencies: QuerySet[Agency]) -> ScoringStatus:
    """Where the year's scoring stands, for the bureau and reviewers (manual scores counted in their scope): the
    last runs, then the agencies, the manual scores given and the survey figures counted in one query."""
    runs = list(rubric.runs.select_related("started_by")[:20])
    latest = runs[0] if runs else None
    active = services.active_run(rubric) if latest and latest.is_active else None
    done = next((run for run in runs if run.status == ScoringRun.Status.DONE), None)
    manual = [indicator.pk for indicator in indicators if indicator.is_manual]
    counted = queries.counts(
        agencies=agencies,
        scored=Score.objects.filter(indicator__in=manual, adjusted__isnull=False, agency__in=agencies.values("pk")),
        surveys=SurveyResult.objects.filter(rubric=rubric, agency__in=agencies.values("pk")),
    )
    return ScoringStatus(
        latest=latest,
        active=active,
        done=done,
        out_of_date=services.results_out_of_date(rubric, done),
        survey_count=counted["surveys"],
        manual_missing=max(counted["agencies"] * len(manual) - counted["scored"], 0),
    )


def recent_rubrics(year: int) -> list[Rubric]:
    """The rubrics of ``year`` and the year before, newest first, each with its results counted, its last and
    active runs and whether survey figures are in: one query, read once however many parts of the page ask (the
    scoring card and the bureau's 待办, ``agencies.reads``)."""
    return reads.once(("recent_rubrics", year), lambda: list(_rubrics_with_status(Q(cycle__year__in=[year, year - 1]))))


def _rubrics_with_status(condition: Q) -> QuerySet[Rubric]:
    return (
        Rubric.objects.filter(condition)
        .select_related("cycle")
        .annotate(
            # subqueries, not joins: a join of a province's 10,000 results with the runs multiplies the rows
            result_count=Coalesce(
                Subquery(
                    Result.objects.filter(rubric=OuterRef("pk"))
                    .order_by()
                    .values("rubric")
                    .annotate(n=Count("pk"))
                    .values("n")
                ),
                0,
            ),
            last_run_at=Max("runs__created_at"),
            active_run_count=Count("runs", filter=Q(runs__status__in=ScoringRun.ACTIVE_STATUSES)),
            has_survey=Exists(SurveyResult.objects.filter(rubric=OuterRef("pk"))),
        )
        .order_by("-cycle__year")
    )


def rubric_due(today: dt.date) -> Rubric | None:
    """The latest unpublished rubric whose year-end has come by ``today`` (a past year, or this one from December;
    ``recent_rubrics``' annotations): in January the new year is open with its rubric, yet the one to assess is the
    year just ended. No query more than ``recent_rubrics`` when one of the last two years is unpublished, one
    otherwise."""
    recent = [rubric for rubric in recent_rubrics(today.year) if rubric.published_at is None]
    if recent:
        return next((rubric for rubric in recent if year_end_open(rubric.year, today)), None)
    return _rubrics_with_status(Q(published_at__isnull=True, cycle__year__lte=today.year - 2)).first()


RESULT_FILTERS = {
    "commendation": Q(commendation=True),
    "accountability": Q(accountability=True),
    "green": Q(light="green"),
    "yellow": Q(light="yellow"),
    "red": Q(light="red"),
}


def results(rubric: Rubric, agencies: QuerySet[Agency], show: str = "") -> QuerySet[Result]:
    found = Result.objects.filter(rubric=rubric, agency__in=agencies.values("pk"))
    if show in RESULT_FILTERS:
        found = found.filter(RESULT_FILTERS[show])
    return found.select_related("agency", "agency__filing_office").order_by("rank_district", "agency__name")


def result_counts(rubric: Rubric, agencies: QuerySet[Agency]) -> dict[str, int]:
    """How many results each filter shows, in one query."""
    return Result.objects.filter(rubric=rubric, agency__in=agencies.values("pk")).aggregate(
        all=Count("pk"), **{name: Count("pk", filter=condition) for name, condition in RESULT_FILTERS.items()}
    )


@dataclass(frozen=True)
class Line:
    """One indicator of an agency's breakdown."""

    indicator: Indicator
    score: Score | None
    self_assessment: SelfAssessment | None
    basis: str


def breakdown(rubric: Rubric, agency: Agency) -> list[Line]:
    """The agency's indicators with their scores and its self-assessment, in three queries."""
    indicators = list(rubric.indicators.all())
    scores = {s.indicator_id: s for s in Score.objects.filter(indicator__rubric=rubric, agency=agency)}
    own = {
        entry.indicator_id: entry
        for entry in SelfAssessment.objects.filter(indicator__rubric=rubric, agency=agency).select_related("updated_by")
    }
    lines = []
    for indicator in indicators:
        score = scores.get(indicator.pk)
        basis = rules.describe(indicator.code, score.detail) if score and score.computed is not None else ""
        lines.append(Line(indicator, score, own.get(indicator.pk), basis))
    return lines


def result_of(rubric: Rubric, agency: Agency) -> Result | None:
    return Result.objects.filter(rubric=rubric, agency=agency).first()


def score_changes(rubric: Rubric, agency: Agency, indicator: Indicator | None = None) -> QuerySet[ScoreChange]:
    changes = ScoreChange.objects.filter(score__indicator__rubric=rubric, score__agency=agency)
    if indicator is not None:
        changes = changes.filter(score__indicator=indicator)
    return changes.select_related("changed_by", "score__indicator").order_by("-changed_at", "-pk")


def published_result_for_staff(agency_id: int) -> Result | None:
    """The agency's latest published result, for its home page."""
    return (
        Result.objects.filter(agency_id=agency_id, rubric__published_at__isnull=False)
        .select_related("rubric__cycle")
        .order_by("-rubric__cycle__year")
        .first()
    )


@dataclass(frozen=True)
class PublishCheck:
    """What is still open before a year's results are published (the confirmation page lists it)."""

    agencies: int
    reviewer_scores_missing: int  # reviewer-scored indicators not scored yet, over all agencies
    without_self_assessment: int  # agencies that filed no self-assessment at all
    without_survey: int  # agencies with no imported survey figures
    out_of_date: bool  # no results computed with the current rubric
    running: bool

    @property
    def blocked(self) -> bool:
        return self.out_of_date or self.running

    @property
    def anything_open(self) -> bool:
        return bool(self.reviewer_scores_missing or self.without_self_assessment or self.without_survey)


def publish_check(rubric: Rubric, agencies: QuerySet[Agency]) -> PublishCheck:
    """Counted by the database whatever the number of agencies: the agencies and what each lacks, the
    reviewer's scores given, the runs."""
    counts = agencies.aggregate(
        total=Count("pk"),
        no_self=Count(
            "pk", filter=~Exists(SelfAssessment.objects.filter(agency=OuterRef("pk"), indicator__rubric=rubric))
        ),
        no_survey=Count("pk", filter=~Exists(SurveyResult.objects.filter(agency=OuterRef("pk"), rubric=rubric))),
    )
    indicators = list(rubric.indicators.all())
    status = scoring_status(rubric, indicators, agencies)
    return PublishCheck(
        agencies=counts["total"],
        reviewer_scores_missing=status.manual_missing,
        without_self_assessment=counts["no_self"],
        without_survey=counts["no_survey"],
        out_of_date=status.out_of_date,
        running=status.active is not None,
    )
