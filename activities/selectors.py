"""Reads for the activity pages, with their joins and aggregates built in: templates never query."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from agencies import reads, spreadsheets, years
from agencies.models import Agency, Law
from agencies.vocabulary import DUTY_OF, ActivityType, Audience, Duty, SixPlaces
from checklists.models import Checklist, ChecklistItem

from . import facts
from .models import Activity, ActivitySummary, AnnualArchive, Evidence, ResourcePerson


def latest_approved_checklist(agency_id: int, year: int) -> Checklist | None:
    """The revision the agency works to: the highest approved one of the year."""
    return (
        Checklist.objects.filter(agency_id=agency_id, year=year, status=Checklist.Status.APPROVED)
        .order_by("-revision")
        .first()
    )


def fulfillable_items(agency_id: int, year: int) -> QuerySet[ChecklistItem]:
    """Items an activity of that year may fulfil: those of the latest approved checklist."""
    latest = (
        Checklist.objects.filter(agency_id=agency_id, year=year, status=Checklist.Status.APPROVED)
        .order_by("-revision")
        .values("pk")[:1]
    )
    return ChecklistItem.objects.filter(checklist_id__in=Subquery(latest)).order_by("position", "pk")


def ledger(agency_id: int, year: int) -> QuerySet[Activity]:
    """The ledger (台账): the agency's live activities of the year, newest first, ready for a table."""
    return ledger_of(Activity.objects.live().of_year(year).filter(agency_id=agency_id))


def ledger_of(activities: QuerySet[Activity]) -> QuerySet[Activity]:
    """Any set of activities made ready for the ledger's table and export (newest first)."""
    evidence_count = (
        Evidence.objects.filter(activity_id=OuterRef("pk"))
        .order_by()
        .values("activity_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        activities.select_related("checklist_item", "campaign")
        .annotate(evidence_count=Coalesce(Subquery(evidence_count, output_field=IntegerField()), 0))
        .order_by("-start_date", "-pk")
    )


LEDGER_EXPORT_FIELDS = (
    "start_date",
    "end_date",
    "activity_type",
    "six_places_target",
    "title",
    "place",
    "audiences",
    "audience_note",
    "people_reached",
    "checklist_item__content",
    "campaign__title",
    "evidence_count",
    "links",
    "description",
    "created_by__name",
    "created_by__username",
    "logged_at",  # created_at in Beijing time, converted by the database (spreadsheets.LocalTime)
)


def ledger_rows(activities: QuerySet[Activity]) -> Iterator[list]:
    """Rows for the ledger spreadsheet, streamed from the database as plain values (no model instances), in the
    order ``ledger_of`` gives them: the page's order, newest first."""
    type_labels = {value: str(label) for value, label in ActivityType.choices}
    duty_labels = {value: str(label) for value, label in Duty.choices}
    place_labels = {value: str(label) for value, label in SixPlaces.choices}
    audience_labels = {value: str(label) for value, label in Audience.choices}
    for number, row in enumerate(
        activities.annotate(logged_at=spreadsheets.LocalTime("created_at"))
        .values_list(*LEDGER_EXPORT_FIELDS)
        .iterator(chunk_size=2000),
        start=1,
    ):
        (start, end, kind, place_target, title, place, audiences, note, people, item, campaign) = row[:11]
        evidence, links, text, by_name, by_username, logged_at = row[11:]
        # Empty text is written as no cell at all: smaller files, and fewer cells to stream.
        yield [
            number,
            start,
            end,
            duty_labels.get(DUTY_OF.get(kind, ""), ""),
            type_labels.get(kind, kind),
            place_labels.get(place_target) if place_target else None,
            title,
            place or None,
            "、".join(audience_labels.get(a, a) for a in audiences) if audiences else None,
            note or None,
            people,
            item,
            campaign,
            evidence,
            links or None,
            text or None,
            by_name or by_username,
            logged_at,
        ]


def activity_detail(activities: QuerySet[Activity], pk: int) -> Activity | None:
    return (
        activities.filter(pk=pk)
        .select_related("agency", "checklist_item__checklist", "campaign", "created_by", "media_account")
        .prefetch_related(
            Prefetch("laws", queryset=Law.objects.order_by("kind", "title")),
            Prefetch("evidence", queryset=Evidence.objects.order_by("pk")),
            Prefetch("lecturers", queryset=ResourcePerson.objects.order_by("kind", "name")),
        )
        .first()
    )


@dataclass
class ItemProgress:
    """An item against its targets: ``activities`` are every linked one (also those ahead of their date);
    ``held`` and ``people`` count the held ones, as ``facts.item_met`` does."""

    item: ChecklistItem
    activities: list[Activity] = field(default_factory=list)
    held: int = 0
    people: int = 0

    @property
    def activity_count(self) -> int:
        return self.held

    @property
    def activities_met(self) -> bool:
        return self.held >= facts.activities_needed(self.item.target_activities)

    @property
    def people_met(self) -> bool:
        return self.people >= self.item.target_people

    @property
    def met(self) -> bool:
        return facts.item_met(
            activities=self.held,
            people=self.people,
            target_activities=self.item.target_activities,
            target_people=self.item.target_people,
        )

    @property
    def activity_percent(self) -> int:
        return _percent(self.held, facts.activities_needed(self.item.target_activities))

    @property
    def people_percent(self) -> int:
        return _percent(self.people, self.item.target_people)


def _percent(done: int, target: int) -> int:
    if target <= 0:
        return 100
    return min(100, round(done * 100 / target))


@dataclass
class ProgressReport:
    checklist: Checklist | None
    items: list[ItemProgress]

    @property
    def items_met(self) -> int:
        return sum(1 for progress in self.items if progress.met)


def item_progress(agency_id: int, year: int, today: dt.date | None = None) -> ProgressReport:
    """Each item of the latest approved checklist with its linked live activities and people reached.

    Activities count by the item's key, so those linked to an earlier revision of the same item count too.
    """
    today = today or timezone.localdate()
    checklist = latest_approved_checklist(agency_id, year)
    if checklist is None:
        return ProgressReport(checklist=None, items=[])
    items = list(checklist.items.order_by("position", "pk"))
    by_key = {item.key: ItemProgress(item=item) for item in items}
    linked = (
        Activity.objects.live()
        .of_year(year)
        .filter(agency_id=agency_id, checklist_item__key__in=list(by_key))
        .only("pk", "title", "start_date", "end_date", "people_reached", "activity_type", "checklist_item__key")
        .select_related("checklist_item")
        .order_by("start_date", "pk")
    )
    for activity in linked:
        progress = by_key[activity.checklist_item.key]
        progress.activities.append(activity)
        if facts.is_held(activity, today):
            progress.held += 1
            progress.people += activity.people_reached
    return ProgressReport(checklist=checklist, items=list(by_key.values()))


@dataclass(frozen=True)
class StudyMinimum:
    """★ sessions of a year against the minimum, for one agency."""

    applies: bool
    sessions: int
    minimum: int

    @property
    def met(self) -> bool:
        return facts.study_minimum_met(subject=self.applies, sessions=self.sessions, minimum=self.minimum)

    @property
    def missing(self) -> int:
        return max(0, self.minimum - self.sessions) if self.applies else 0


def study_sessions(agency_id: int, year: int) -> int:
    """★ sessions counted for the year so far (``facts.session_counted_q``), read once however many parts of the
    page ask."""
    return reads.once(("study_sessions", agency_id, year), lambda: facts.study_sessions(agency_id, year))


def study_minimum_of(year: int) -> int:
    return years.open_cycle(year).study_minimum


def study_minimum(agency: Agency, year: int, *, minimum: int | None = None) -> StudyMinimum:
    """``minimum`` is the year's, when the caller already has the cycle (a page's year guard read it)."""
    return StudyMinimum(
        applies=agency.subject_to_study_minimum,
        sessions=study_sessions(agency.pk, year),
        minimum=study_minimum_of(year) if minimum is None else minimum,
    )


def _year_activities(year: int, **extra) -> Q:
    return Q(activities__year=year, activities__deleted_at__isnull=True, **extra)


def agencies_with_year_figures(
    agencies: QuerySet[Agency], year: int, *, minimum: int | None = None
) -> QuerySet[Agency]:
    """Agencies annotated with the year's ★ sessions (and, given the ``minimum``, whether it is met), activities,
    people reached and archive, in one query."""
    archives = AnnualArchive.objects.filter(agency_id=OuterRef("pk"), year=year)
    # Every live activity of the year, held or not, summed from the summaries (a few rows per agency). Per-row
    # subqueries, not a join grouped over every agency: a page (a LIMIT) of 100 agencies reads those 100 only.
    of_year = ActivitySummary.objects.filter(year=year)
    return (
        facts.with_study_sessions(agencies.select_related("filing_office"), year, minimum=minimum, per_row=True)
        .annotate(
            activity_count=facts.per_agency(of_year, Sum("activities")),
            people_reached=facts.per_agency(of_year, Sum("people")),
            archive_status=Subquery(archives.values("status")[:1]),
            archive_filed_at=Subquery(archives.values("filed_at")[:1]),
            archive_id=Subquery(archives.values("pk")[:1]),
            archive_filed=_archive_filed(year),
        )
        .order_by("level", "name", "pk")
    )


def _archive_filed(year: int) -> Exists:
    return Exists(AnnualArchive.objects.filter(agency_id=OuterRef("pk"), year=year, status=AnnualArchive.Status.READY))


# 履职情况总览's tabs: every agency in scope, those below the study minimum, those whose archive is not filed.
OVERVIEW_ALL, OVERVIEW_BELOW, OVERVIEW_UNFILED = "", "below", "unfiled"


def year_overview(agencies: QuerySet[Agency], year: int, *, minimum: int, show: str = OVERVIEW_ALL) -> QuerySet[Agency]:
    """履职情况总览's rows for one tab, filtered in SQL (a page of them is a LIMIT, not a list in Python). The
    "below" tab filters on the scope's sessions added up in one pass (``facts.study_minimum_met_among``), not on
    each agency's own subqueries: those would run for every agency the page skips; the rows shown still get
    theirs."""
    rows = agencies_with_year_figures(agencies, year, minimum=minimum)
    if show == OVERVIEW_BELOW:
        return rows.filter(~facts.study_minimum_met_among(agencies, year, minimum))
    if show == OVERVIEW_UNFILED:
        return rows.filter(archive_filed=False)
    return rows


def year_overview_counts(agencies: QuerySet[Agency], year: int, *, minimum: int) -> dict[str, int]:
    """How many agencies each tab of 履职情况总览 lists, in one aggregate over the agencies: their archives, and
    the ★ sessions of the subject ones added up from the summaries (``facts.study_minimum_met_among``), not from
    every agency's activities (only the sessions decide a tab)."""
    counts = (
        agencies.order_by()
        .annotate(archive_filed=_archive_filed(year))
        .aggregate(
            every=Count("pk"),
            below=Count("pk", filter=~facts.study_minimum_met_among(agencies, year, minimum)),
            unfiled=Count("pk", filter=Q(archive_filed=False)),
        )
    )
    return {OVERVIEW_ALL: counts["every"], OVERVIEW_BELOW: counts["below"], OVERVIEW_UNFILED: counts["unfiled"]}


def _below_minimum(agencies: QuerySet[Agency], year: int, *, minimum: int, subject: int) -> int:
    """How many of the ``subject`` agencies subject to the study minimum miss it (one query; none when the
    minimum is zero): an agency without a counted session is not in ``sessions_by_agency`` and has 0."""
    if facts.study_minimum_met(subject=True, sessions=0, minimum=minimum):
        return 0
    sessions = facts.sessions_by_agency(agencies.filter(subject_to_study_minimum=True), year)
    met = sum(1 for n in sessions.values() if facts.study_minimum_met(subject=True, sessions=n, minimum=minimum))
    return subject - met


@dataclass(frozen=True)
class YearSummary:
    """What a reviewer's home card says about the agencies in scope."""

    year: int
    minimum: int
    agencies: int
    subject: int
    below: int
    archives_filed: int


def year_summary(agencies: QuerySet[Agency], year: int) -> YearSummary:
    """Counted from the ★ sessions of the year (an index on year and type), not from every agency's
    activities: a province's home page stays fast."""
    minimum = years.open_cycle(year).study_minimum
    counts = agencies.aggregate(agencies=Count("pk"), subject=Count("pk", filter=Q(subject_to_study_minimum=True)))
    below = _below_minimum(agencies, year, minimum=minimum, subject=counts["subject"])
    filed = AnnualArchive.objects.filter(agency__in=agencies, year=year, status=AnnualArchive.Status.READY).count()
    return YearSummary(
        year=year,
        minimum=minimum,
        agencies=counts["agencies"],
        subject=counts["subject"],
        below=below,
        archives_filed=filed,
    )


def archive_for(agency_id: int, year: int) -> AnnualArchive | None:
    return AnnualArchive.objects.filter(agency_id=agency_id, year=year).select_related("requested_by").first()


def archive_evidence(agency_id: int, year: int) -> QuerySet[Evidence]:
    return (
        Evidence.objects.filter(activity__agency_id=agency_id, activity__year=year, activity__deleted_at__isnull=True)
        .select_related("activity")
        .order_by("activity__start_date", "activity_id", "pk")
    )


def archive_checklist_items(checklist: Checklist) -> QuerySet[ChecklistItem]:
    """An approved checklist's items, for the archive's spreadsheet: in order, their laws by title."""
    return checklist.items.order_by("position", "pk").prefetch_related(
        Prefetch("laws", queryset=Law.objects.order_by("title"))
    )


def checklist_item_progress(agency_id: int, year: int) -> tuple[dict, str]:
    """For the checklist page (settings.PUFFA_ITEM_PROGRESS): each item key's progress, and the progress page."""
    report = item_progress(agency_id, year)
    return {progress.item.key: progress for progress in report.items}, reverse(
        "activities:progress", args=[agency_id, year]
    )
