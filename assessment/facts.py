"""What every agency did in a year, counted for all agencies at once.

The scoring run and the leadership dashboard both read a year through ``year_facts``, so a figure on the
dashboard and the score built on it always count the same rows. A fixed number of queries whatever the number
of agencies, checklists or activities: each query aggregates over every agency, and Python only combines rows.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import ExtractMonth
from django.utils import timezone

from activities import facts as activity_facts
from activities.models import Activity, AnnualArchive
from agencies import years
from agencies.models import Agency, AnnualCycle
from agencies.vocabulary import DUTY_OF, STUDY_MINIMUM_TYPES, Duty
from checklists.facts import submitted_late
from checklists.models import Checklist, ChecklistItem

from . import rules

NOT_STARTED = "none"  # no checklist (revision 1) for the year yet
ON_TIME, LATE, NOT_FILED = "on_time", "late", "none"
IDS_UP_TO = 1000  # up to this many agencies (a drill-down page) are named by id in the queries


@dataclass
class AgencyFacts:
    agency: Agency
    year: int
    study_minimum: int
    filing_status: str = NOT_STARTED  # revision 1's status
    first_submitted_at: dt.datetime | None = None
    filing: str = NOT_FILED
    has_approved_checklist: bool = False
    items_total: int = 0
    items_met: int = 0
    study_sessions: int = 0  # ★ sessions
    study_activities: int = 0  # §2.1 activities of any form
    study_other_types: int = 0  # distinct §2.1 forms other than the ★ sessions
    activities_by_duty: Counter = field(default_factory=Counter)
    people_by_duty: Counter = field(default_factory=Counter)
    activities_by_month: Counter = field(default_factory=Counter)
    archive_filed_at: dt.datetime | None = None
    awareness: Decimal | None = None
    satisfaction: Decimal | None = None

    @property
    def study_subject(self) -> bool:
        return self.agency.subject_to_study_minimum

    @property
    def study_met(self) -> bool:
        return rules.study_base_met(
            subject=self.study_subject,
            sessions=self.study_sessions,
            study_activities=self.study_activities,
            minimum=self.study_minimum,
        )

    @property
    def activities_total(self) -> int:
        return sum(self.activities_by_duty.values())

    @property
    def people_total(self) -> int:
        return sum(self.people_by_duty.values())

    @property
    def has_checklist(self) -> bool:
        """Filed at all: revision 1 was submitted at least once (a missing filing is an accountability case)."""
        return self.filing != NOT_FILED


def year_facts(
    year: int,
    agencies: QuerySet[Agency],
    *,
    cycle: AnnualCycle | None = None,
    survey_rubric=None,
    by_month: bool = True,
    today: dt.date | None = None,
) -> list[AgencyFacts]:
    """Facts for each agency of ``agencies`` (already narrowed to what the caller may see), in name order.

    Queries: agencies, revision 1s, items of the latest approved revisions, activities by item, activities by
    agency and type, activities by agency and month (unless ``by_month`` is false), archives, and the survey
    when ``survey_rubric`` is given; plus the cycle unless passed.
    """
    cycle = cycle or years.open_cycle(year)
    today = today or timezone.localdate()
    facts = {
        agency.pk: AgencyFacts(agency=agency, year=year, study_minimum=cycle.study_minimum)
        for agency in agencies.select_related("filing_office").order_by("name")
    }
    # A few agencies (a drill-down page) are named by their ids: PostgreSQL then reads their activities through
    # the index, where a subquery of unknown size has it scan the whole year.
    in_scope = list(facts) if len(facts) <= IDS_UP_TO else agencies.values("pk")

    revision_ones = Checklist.objects.filter(year=year, revision=1, agency__in=in_scope)
    for agency_id, status, first_submitted_at in revision_ones.values_list("agency_id", "status", "first_submitted_at"):
        if agency_id not in facts:
            continue
        entry = facts[agency_id]
        entry.filing_status = status
        entry.first_submitted_at = first_submitted_at
        if first_submitted_at is not None:
            entry.filing = LATE if submitted_late(first_submitted_at, cycle) else ON_TIME

    _count_items(year, today, in_scope, facts)
    _count_activities(year, today, in_scope, facts, by_month=by_month)

    archives = AnnualArchive.objects.filter(year=year, agency__in=in_scope, filed_at__isnull=False)
    for agency_id, filed_at in archives.values_list("agency_id", "filed_at"):
        if agency_id in facts:
            facts[agency_id].archive_filed_at = filed_at

    if survey_rubric is not None:
        rows = survey_rubric.survey_results.filter(agency__in=in_scope)
        for agency_id, awareness, satisfaction in rows.values_list("agency_id", "awareness", "satisfaction"):
            if agency_id in facts:
                facts[agency_id].awareness, facts[agency_id].satisfaction = awareness, satisfaction
    return list(facts.values())


def _count_items(year: int, today: dt.date, in_scope: QuerySet, facts: dict[int, AgencyFacts]) -> None:
    """Items of each agency's latest approved revision, met or not (``activities.facts.item_met``) by the held
    activities linked to their key."""
    latest_approved = (
        Checklist.objects.filter(agency=OuterRef("checklist__agency"), year=year, status=Checklist.Status.APPROVED)
        .order_by("-revision")
        .values("revision")[:1]
    )
    items = ChecklistItem.objects.filter(
        checklist__year=year,
        checklist__status=Checklist.Status.APPROVED,
        checklist__agency__in=in_scope,
        checklist__revision=Subquery(latest_approved),
    ).values_list("checklist__agency_id", "key", "target_activities", "target_people")
    done = {
        key: (count, people or 0)
        for key, count, people in activity_facts.linked_activities(year, today)
        # (the items' own agencies named as well: PostgreSQL then joins the few items of those agencies
        # rather than hashing every item of the district)
        .filter(agency__in=in_scope, checklist_item__checklist__agency__in=in_scope)
        .values("checklist_item__key")
        .annotate(count=Count("pk"), people=Sum("people_reached"))
        .values_list("checklist_item__key", "count", "people")
    }
    for agency_id, key, target_activities, target_people in items:
        if agency_id not in facts:
            continue
        entry = facts[agency_id]
        entry.has_approved_checklist = True
        entry.items_total += 1
        count, people = done.get(key, (0, 0))
        if activity_facts.item_met(
            activities=count, people=people, target_activities=target_activities, target_people=target_people
        ):
            entry.items_met += 1


def _count_activities(
    year: int, today: dt.date, in_scope: QuerySet, facts: dict[int, AgencyFacts], *, by_month: bool
) -> None:
    """Activities and people by agency and type, and (for the dashboard; the scoring needs no months) activities
    by agency and month: two aggregations rather than one by type *and* month, which returns several times
    the rows for Python to go through."""
    live = Activity.objects.live().of_year(year).filter(agency__in=in_scope)  # every type has its duty
    # The study figures count held activities only (a session logged ahead of its date counts from that date);
    # the duty totals count every activity logged for the year.
    rows = (
        live.values("agency_id", "activity_type")
        .annotate(
            count=Count("pk"), people=Sum("people_reached"), held=Count("pk", filter=activity_facts.held_q(today))
        )
        .values_list("agency_id", "activity_type", "count", "people", "held")
    )
    other_types: dict[int, set[str]] = {}
    for agency_id, activity_type, count, people, held in rows:
        if agency_id not in facts:
            continue
        entry = facts[agency_id]
        duty = DUTY_OF.get(activity_type)
        if duty is None:
            continue
        entry.activities_by_duty[duty] += count
        entry.people_by_duty[duty] += people or 0
        if duty == Duty.STUDY and held:
            entry.study_activities += held
            if activity_type in STUDY_MINIMUM_TYPES:  # live, of the year and held: activities.facts.session_counted
                entry.study_sessions += held
            else:
                other_types.setdefault(agency_id, set()).add(activity_type)
    for agency_id, types in other_types.items():
        facts[agency_id].study_other_types = len(types)
    if not by_month:
        return
    months = (
        live.annotate(month=ExtractMonth("start_date"))
        .values("agency_id", "month")
        .annotate(count=Count("pk"))
        .values_list("agency_id", "month", "count")
    )
    for agency_id, month, count in months:
        if agency_id in facts:
            facts[agency_id].activities_by_month[month] += count
