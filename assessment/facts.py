"""What every agency did in a year, counted for all agencies at once.

The scoring run reads a year through ``year_facts``; the leadership dashboard counts the same facts in SQL
(the items through ``items_by_agency``, as ``year_facts`` does, or ``with_item_counts`` for a page of agencies;
the other facts' SQL forms live in their apps), so a figure on the dashboard and the score built on it always
count the same rows. A fixed number of queries whatever the number of agencies, checklists or activities: each
query aggregates over every agency, and Python only combines rows.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import CharField, Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from activities import facts as activity_facts
from activities.models import Activity, ActivitySummary, AnnualArchive
from agencies import years
from agencies.models import Agency, AnnualCycle
from agencies.vocabulary import STUDY_MINIMUM_TYPES, Duty, types_of_duty
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

    # Properties over this agency's facts; the dashboard's Row has some of the same short shape, over other fields.
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
    study_forms: bool = True,
    today: dt.date | None = None,
) -> list[AgencyFacts]:
    """Facts for each agency of ``agencies`` (already narrowed to what the caller may see), in name order.

    Queries: agencies, revision 1s, items of the latest approved revisions, activities by item, activities by
    agency and duty (the summaries, with this month's held study activities), the other §2.1 forms held (unless
    ``study_forms`` is false: ``study_other_types`` stays 0), activities by agency and month (unless
    ``by_month`` is false), archives, and the survey when ``survey_rubric`` is given; plus the cycle unless
    passed.
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
    _count_activities(year, today, in_scope, facts, by_month=by_month, study_forms=study_forms)

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


def counted_items(year: int) -> QuerySet[ChecklistItem]:
    """The items counted for the year: those of each agency's latest approved revision."""
    latest_approved = (
        Checklist.objects.filter(agency=OuterRef("checklist__agency"), year=year, status=Checklist.Status.APPROVED)
        .order_by("-revision")
        .values("revision")[:1]
    )
    return ChecklistItem.objects.filter(
        checklist__year=year, checklist__status=Checklist.Status.APPROVED, checklist__revision=Subquery(latest_approved)
    )


def with_item_counts(agencies: QuerySet[Agency], year: int, today: dt.date | None = None) -> QuerySet[Agency]:
    """``agencies`` annotated with ``items_total`` (their counted items, ``counted_items``) and ``items_met``
    (those met: ``activities.facts.with_item_progress``), in the same query: ``items_by_agency`` per agency, for a
    page of agencies (each item's summaries read in subqueries of its own; over a province ``items_by_agency``,
    which reads them in one pass, is two to three times quicker)."""
    mine = counted_items(year).filter(checklist__agency_id=OuterRef("pk"))
    met = activity_facts.with_item_progress(mine, year, today).filter(met=True)

    def counted(items: QuerySet[ChecklistItem]) -> Coalesce:
        return Coalesce(
            Subquery(items.order_by().values("checklist__agency_id").annotate(n=Count("pk")).values("n")),
            0,
            output_field=IntegerField(),
        )

    return agencies.annotate(items_total=counted(mine), items_met=counted(met))


def _count_items(year: int, today: dt.date, in_scope: QuerySet, facts: dict[int, AgencyFacts]) -> None:
    for agency_id, (total, met) in items_by_agency(year, today, in_scope).items():
        if agency_id in facts:
            entry = facts[agency_id]
            entry.has_approved_checklist = True
            entry.items_total, entry.items_met = total, met


def items_by_agency(year: int, today: dt.date, in_scope: QuerySet | list[int]) -> dict[int, tuple[int, int]]:
    """{agency id: (items counted, items met)} for the agencies of ``in_scope`` with an approved checklist: the
    items of each one's latest approved revision, met or not (``activities.facts.item_met``) by the held
    activities linked to their key (``activities.facts.held_item_progress``: the item summaries). Two queries
    (``with_item_counts`` is the same per agency in SQL)."""
    items = (
        counted_items(year)
        .filter(checklist__agency__in=in_scope)
        .values_list("checklist__agency_id", "key", "target_activities", "target_people")
    )
    done = activity_facts.held_item_progress(year, today, in_scope)
    found: dict[int, tuple[int, int]] = {}
    for agency_id, key, target_activities, target_people in items:
        count, people = done.get(key, (0, 0))
        met = activity_facts.item_met(
            activities=count, people=people, target_activities=target_activities, target_people=target_people
        )
        total, met_before = found.get(agency_id, (0, 0))
        found[agency_id] = (total + 1, met_before + met)
    return found


def _count_activities(
    year: int, today: dt.date, in_scope: QuerySet, facts: dict[int, AgencyFacts], *, by_month: bool, study_forms: bool
) -> None:
    """Activities and people by agency and duty, and (for the dashboard; the scoring needs no months) activities
    by agency and month, from the activity summaries (a few rows per agency rather than every activity).

    The duty totals count every live activity logged for the year; the study figures count held activities only
    (``activities.facts.held_summaries`` and ``held_this_month``: a session logged ahead of its date counts from
    that date). ``study_forms`` (the scoring's) also reads which other §2.1 forms were held, from the raw rows."""
    held_months = activity_facts.held_months_q(year, today)
    by_duty = (
        ActivitySummary.objects.filter(year=year, agency__in=in_scope)
        .values("agency_id", "duty")
        .annotate(
            count=Sum("activities"),
            people=Sum("people"),
            held=Coalesce(Sum("activities", filter=held_months), 0),
            sessions=Coalesce(Sum("sessions", filter=held_months), 0),
        )
        .values_list("agency_id", "duty", "count", "people", "held", "sessions")
    )
    # The month containing today, from the raw rows: what of it is held adds to the months before it.
    study_this_month = (
        activity_facts.held_this_month(year, today)
        .filter(agency__in=in_scope, activity_type__in=types_of_duty(Duty.STUDY))
        .values("agency_id")
        .annotate(
            duty=Value(Duty.STUDY.value, output_field=CharField()),
            count=Value(0),
            people=Value(0),
            held=Count("pk"),
            sessions=Count("pk", filter=Q(activity_type__in=STUDY_MINIMUM_TYPES)),
        )
        .values_list("agency_id", "duty", "count", "people", "held", "sessions")
    )
    for agency_id, duty, count, people, held, sessions in by_duty.order_by().union(
        study_this_month.order_by(), all=True
    ):
        if agency_id not in facts:
            continue
        entry = facts[agency_id]
        entry.activities_by_duty[duty] += count
        entry.people_by_duty[duty] += people or 0
        if duty == Duty.STUDY:
            entry.study_activities += held  # live, of the year and held
            entry.study_sessions += sessions  # and ★: activities.facts.session_counted
    if study_forms:
        other_forms = (
            Activity.objects.filter(activity_facts.held_q(today), agency__in=in_scope)
            .live()
            .of_year(year)
            .filter(activity_type__in=set(types_of_duty(Duty.STUDY)) - STUDY_MINIMUM_TYPES)
            .order_by()
            .values_list("agency_id", "activity_type")
            .distinct()
        )
        for agency_id, _type in other_forms:
            if agency_id in facts:
                facts[agency_id].study_other_types += 1
    if not by_month:
        return
    months = (
        ActivitySummary.objects.filter(year=year, agency__in=in_scope)
        .values("agency_id", "month")
        .annotate(count=Sum("activities"))
        .values_list("agency_id", "month", "count")
    )
    for agency_id, month, count in months:
        if agency_id in facts:
            facts[agency_id].activities_by_month[month] += count
