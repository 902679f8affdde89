"""The figures of an agency's annual report, each read through the function its page uses: item progress and
the study minimum from ``activities.selectors`` (so ``activities.facts`` decides "met" and "counted"), overdue
rectifications from ``Finding.is_overdue``. No second count."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Sum
from django.utils import timezone

from activities import facts, selectors
from activities.campaigns import selectors as campaign_selectors
from activities.models import Activity, Campaign, MediaAccount
from activities.newmedia.selectors import accounts_activity
from activities.selectors import ItemProgress, StudyMinimum
from agencies.models import Agency, AnnualCycle
from agencies.vocabulary import DUTY_OF, ActivityType, Duty

from ..models import Finding, SelfAssessment


@dataclass(frozen=True)
class TypeCount:
    activity_type: str
    activities: int
    people: int

    @property
    def label(self) -> str:
        return str(ActivityType(self.activity_type).label)


@dataclass
class FindingLine:
    finding: Finding
    overdue: bool


@dataclass
class AnnualReportFigures:
    agency: Agency
    year: int
    today: dt.date
    checklist_revision: int | None
    items: list[ItemProgress]
    study: StudyMinimum
    by_duty: dict[str, list[TypeCount]] = field(default_factory=dict)
    findings: list[FindingLine] = field(default_factory=list)
    self_assessments: list[SelfAssessment] = field(default_factory=list)
    # The campaigns of the year that asked the agency, each with ``held`` and ``people`` (its part).
    campaigns: list[Campaign] = field(default_factory=list)
    # The agency's new-media accounts, each with ``activity_count`` (``activities.newmedia``).
    media_accounts: list[MediaAccount] = field(default_factory=list)

    @property
    def items_met(self) -> int:
        return sum(1 for progress in self.items if progress.met)

    def duty_total(self, duty: str) -> tuple[int, int]:
        rows = self.by_duty.get(duty, [])
        return sum(row.activities for row in rows), sum(row.people for row in rows)


def activities_by_type(agency_id: int, year: int, today: dt.date) -> dict[str, list[TypeCount]]:
    """The year's held activities per type, grouped by duty (``Duty``), in the vocabulary's order."""
    rows = dict(
        (row["activity_type"], (row["n"], row["people"] or 0))
        for row in Activity.objects.live()
        .of_year(year)
        .filter(facts.held_q(today), agency_id=agency_id)
        .order_by()
        .values("activity_type")
        .annotate(n=Count("pk"), people=Sum("people_reached"))
    )
    grouped: dict[str, list[TypeCount]] = {duty: [] for duty in Duty.values}
    for activity_type in ActivityType.values:
        if activity_type in rows:
            count, people = rows[activity_type]
            grouped[DUTY_OF[activity_type]].append(TypeCount(activity_type, count, people))
    return grouped


def annual_report_figures(agency: Agency, cycle: AnnualCycle, today: dt.date | None = None) -> AnnualReportFigures:
    today = today or timezone.localdate()
    year = cycle.year
    progress = selectors.item_progress(agency.pk, year, today)
    findings = (
        Finding.objects.filter(agency=agency, inspection__held_on__year=year)
        .select_related("inspection")
        .order_by("inspection__held_on", "pk")
    )
    return AnnualReportFigures(
        agency=agency,
        year=year,
        today=today,
        checklist_revision=progress.checklist.revision if progress.checklist else None,
        items=progress.items,
        study=selectors.study_minimum(agency, year, minimum=cycle.study_minimum),
        by_duty=activities_by_type(agency.pk, year, today),
        findings=[FindingLine(finding, finding.is_overdue(today)) for finding in findings],
        campaigns=list(campaign_selectors.agency_year(agency.pk, year, today)),
        self_assessments=list(
            SelfAssessment.objects.filter(agency=agency, indicator__rubric__cycle=cycle)
            .select_related("indicator")
            .order_by("indicator__position", "indicator__pk")
        ),
        media_accounts=accounts_activity(agency, year),
    )
