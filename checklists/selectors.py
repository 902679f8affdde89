"""Reads for checklist pages, with their joins and counts in place so templates never query."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    Exists,
    F,
    FilteredRelation,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from agencies import access, reads, years
from agencies.models import DEFAULT_STUDY_MINIMUM, Agency, AnnualCycle, Law, User, default_filing_deadline

from . import coverage, facts
from .facts import LATE, ON_TIME, OVERDUE, PENDING, TIMING_CHOICES
from .models import Checklist, ChecklistItem, ChecklistTransition

Status = Checklist.Status

# The filing status of an agency for a year: its first revision's status, or "not started".
NOT_STARTED = "not_started"
FILING_STATUS_CHOICES = [(NOT_STARTED, _("Not started")), *Status.choices]

# On time or late, for a year's filing: defined in ``checklists.facts``.
TIMING_LABELS = dict(TIMING_CHOICES)
FILING_STATUS_LABELS = dict(FILING_STATUS_CHOICES)


def cycle_for(year: int) -> AnnualCycle:
    """The year's cycle as the bureau set it, or the defaults (unsaved) if it has not been set up: reading a
    page never writes."""
    return years.cycle_or_none(year) or AnnualCycle(
        year=year, filing_deadline=default_filing_deadline(year), study_minimum=DEFAULT_STUDY_MINIMUM
    )


def cycles_for(years_wanted) -> dict[int, AnnualCycle]:
    """``cycle_for`` for several years: one query, none for the years this request has read already."""
    return {
        year: cycle
        or AnnualCycle(year=year, filing_deadline=default_filing_deadline(year), study_minimum=DEFAULT_STUDY_MINIMUM)
        for year, cycle in years.cycles_or_none(years_wanted).items()
    }


def annual_cycles() -> QuerySet[AnnualCycle]:
    return AnnualCycle.objects.order_by("-year")


# --- one agency's checklists ---------------------------------------------------------------------------


def _items() -> Prefetch:
    return Prefetch("items", queryset=ChecklistItem.objects.prefetch_related("laws").order_by("position", "pk"))


def _transitions() -> Prefetch:
    return Prefetch("transitions", queryset=ChecklistTransition.objects.select_related("actor").order_by("at", "pk"))


def checklist_detail(checklists: QuerySet[Checklist], pk: int) -> Checklist | None:
    """One revision with its items, laws and history (for the staff, reviewer and history pages)."""
    return (
        checklists.filter(pk=pk)
        .select_related("agency__filing_office", "agency__parent", "based_on", "decided_by")
        .prefetch_related(_items(), _transitions())
        .first()
    )


def checklist_with_items(pk: int) -> Checklist:
    """A revision with its items and their laws, to compare an amendment against."""
    return Checklist.objects.prefetch_related(_items()).get(pk=pk)


def revisions_of(agency: Agency, year: int) -> list[Checklist]:
    """Every revision of the agency's checklist for the year, latest first, with its history."""
    return list(
        Checklist.objects.filter(agency=agency, year=year)
        .select_related("decided_by")
        .prefetch_related(_transitions())
        .order_by("-revision")
    )


def approved_revision(revisions: list[Checklist]) -> Checklist | None:
    """The revision the public sees: the latest approved one."""
    return next((revision for revision in revisions if revision.status == Status.APPROVED), None)


@dataclass(frozen=True)
class YearFiling:
    """A year's filing as the filing overview (备案情况) shows it: when revision 1 was first submitted, and its timing
    (on time, late, pending or overdue: ``facts.filing_timing``)."""

    first_submitted_at: dt.datetime | None
    timing: str

    @property
    def timing_label(self) -> str:
        return TIMING_LABELS[self.timing]


def year_filing(
    checklist: Checklist, *, revisions: list[Checklist] | None = None, cycle: AnnualCycle | None = None
) -> YearFiling:
    """The filing of ``checklist``'s agency and year, whichever revision ``checklist`` is: revision 1 is the checklist
    itself, the last of ``revisions`` (``revisions_of``, latest first) when given, or else read (one query); the
    cycle is read if not given."""
    if checklist.revision == 1:
        first_submitted_at = checklist.first_submitted_at
    elif revisions:
        first_submitted_at = revisions[-1].first_submitted_at
    else:
        first_submitted_at = (
            Checklist.objects.filter(agency_id=checklist.agency_id, year=checklist.year, revision=1)
            .values_list("first_submitted_at", flat=True)
            .order_by("pk")  # one row: no join for the model's ordering by agency
            .first()
        )
    cycle = cycle or cycle_for(checklist.year)
    return YearFiling(first_submitted_at, facts.filing_timing(first_submitted_at, cycle, timezone.localdate()))


def checklist_items(checklist: Checklist) -> QuerySet[ChecklistItem]:
    return checklist.items.prefetch_related("laws").order_by("position", "pk")


def law_choices(agency: Agency) -> list[tuple[str, list[tuple[int, str]]]]:
    """The law catalogue for a whole formset, read once: the laws the agency enforces first."""
    enforced = set(agency.laws.values_list("pk", flat=True))
    laws = list(Law.objects.order_by("kind", "title").values_list("pk", "title"))
    return [
        (_("Laws this agency enforces"), [law for law in laws if law[0] in enforced]),
        (_("Other laws in the catalogue"), [law for law in laws if law[0] not in enforced]),
    ]


# --- reviewers -----------------------------------------------------------------------------------------


def is_late(checklist: Checklist, cycles: dict[int, AnnualCycle]) -> bool:
    """A year's filing (revision 1) is late when first submitted at or after the year's ``late_from``;
    amendments are mid-year changes and are never late."""
    if checklist.revision != 1 or checklist.first_submitted_at is None:
        return False
    return facts.submitted_late(checklist.first_submitted_at, cycles[checklist.year])


def late_filter(cycles: dict[int, AnnualCycle]) -> Q:
    """``is_late`` as a filter, for checklists of the cycles' years: a first revision first submitted at or
    after its year's ``late_from``."""
    by_year = Q(pk__in=[])
    for year, cycle in cycles.items():
        by_year |= Q(year=year) & facts.late_q(cycle)
    return Q(revision=1) & by_year


def _waiting(user: User) -> QuerySet[Checklist]:
    return Checklist.objects.filter(status=Status.SUBMITTED, agency__in=access.reviewable_agencies(user)).order_by()


@dataclass(frozen=True)
class QueueFilters:
    year: int | None = None
    late_only: bool = False


@dataclass(frozen=True)
class QueueCounts:
    """How many checklists wait for a user's decision and how many of them were filed late, in all and by
    year (newest first), with the cycles of those years."""

    waiting: int
    late: int
    years: list[tuple[int, int, int]]  # (year, waiting, late)
    cycles: dict[int, AnnualCycle]

    def count(self, filters: QueueFilters) -> int:
        """How many rows the queue has with these filters, without counting them again."""
        rows = [row for row in self.years if filters.year is None or row[0] == filters.year]
        return sum(late if filters.late_only else waiting for _year, waiting, late in rows)


def latest_checklist(agency_id: int, year: int) -> Checklist | None:
    """The agency's checklist of the year (its latest revision) with ``last_comment``, the last word said on it
    (what the reviewer asked when returning it); one query, read once however many parts of the page ask."""
    last_comment = ChecklistTransition.objects.filter(checklist=OuterRef("pk")).order_by("-at", "-pk").values("comment")
    return reads.once(
        ("latest_checklist", agency_id, year),
        lambda: (
            Checklist.objects.filter(agency_id=agency_id, year=year)
            .annotate(last_comment=Subquery(last_comment[:1]))
            .order_by("-revision")
            .first()
        ),
    )


def queue_counts(user: User) -> QueueCounts:
    """How many checklists wait for this user's decision, and how many of them were filed late: three small
    queries (by year, the years' cycles, late by year) whatever the queue's length; none more when the page's
    待办 and its card both ask (``agencies.reads``)."""
    return reads.once(("checklist_queue_counts", user.pk), lambda: _queue_counts(user))


def _queue_counts(user: User) -> QueueCounts:
    waiting = dict(_waiting(user).values_list("year").annotate(count=Count("pk")))
    cycles = cycles_for(waiting) if waiting else {}
    late = dict(_waiting(user).filter(late_filter(cycles)).values_list("year").annotate(count=Count("pk")))
    years = [(year, waiting[year], late.get(year, 0)) for year in sorted(waiting, reverse=True)]
    return QueueCounts(sum(waiting.values()), sum(late.values()), years, cycles)


def review_queue(
    user: User, counts: QueueCounts | None = None, filters: QueueFilters = QueueFilters()
) -> QuerySet[Checklist]:
    """Submitted checklists this user reviews, oldest submission first, each marked ``late``, with its number
    of items; of one year, or only the late ones, if asked. Give ``counts`` when you have them (their cycles
    decide what is late); slice it for a page."""
    counts = counts or queue_counts(user)
    late = late_filter(counts.cycles)
    queue = _waiting(user)
    if filters.year is not None:
        queue = queue.filter(year=filters.year)
    if filters.late_only:
        queue = queue.filter(late)
    return (
        queue.select_related("agency__filing_office")
        .annotate(
            item_count=item_count(),
            late=Case(When(late, then=Value(True)), default=Value(False), output_field=BooleanField()),
        )
        .order_by("submitted_at", "pk")
    )


def filing_rows(
    agencies: QuerySet[Agency], year: int, *, today: dt.date | None = None, cycle: AnnualCycle | None = None
) -> QuerySet[Agency]:
    """Every agency of ``agencies`` with its filing for the year in one query: ``filing_status`` (not started,
    draft, submitted, returned, approved), ``timing`` (on time, late, pending, overdue), when it was first
    submitted and approved, and whether an amendment is open."""
    cycle = cycle or cycle_for(year)
    today = today or timezone.localdate()
    # Revision 1 is unique per agency and year: a join on it (not a subquery per agency and field) keeps
    # the overview of a province's agencies fast.
    return (
        agencies.select_related("filing_office")
        .annotate(first=FilteredRelation("checklists", condition=Q(checklists__year=year, checklists__revision=1)))
        .annotate(
            first_status=F("first__status"),
            first_submitted_at=F("first__first_submitted_at"),
            approved_at=F("first__decided_at"),
            amendment_open=Exists(
                Checklist.objects.filter(agency=OuterRef("pk"), year=year, revision__gt=1).exclude(
                    status=Status.APPROVED
                )
            ),
        )
        .annotate(
            filing_status=Case(
                When(first_status__isnull=True, then=Value(NOT_STARTED)),
                default="first_status",
                output_field=CharField(),
            ),
            timing=facts.filing_timing_expression(cycle, today),
        )
    )


@dataclass(frozen=True)
class OverviewFilters:
    q: str = ""
    status: str = ""
    timing: str = ""
    level: str = ""
    agency_type: str = ""
    filing_office: int | None = None


def filing_overview(
    user: User, year: int, filters: OverviewFilters, *, cycle: AnnualCycle | None = None
) -> QuerySet[Agency]:
    """The agencies in the user's scope with their filing for the year and their enforced laws covered
    (``coverage.with_coverage``), filtered, in office order."""
    rows = coverage.with_coverage(filing_rows(access.visible_agencies(user), year, cycle=cycle), year)
    if filters.q:
        rows = rows.filter(Q(name__icontains=filters.q) | Q(short_name__icontains=filters.q))
    if filters.status:
        rows = rows.filter(filing_status=filters.status)
    if filters.timing:
        rows = rows.filter(timing=filters.timing)
    if filters.level:
        rows = rows.filter(level=filters.level)
    if filters.agency_type:
        rows = rows.filter(agency_type=filters.agency_type)
    if filters.filing_office:
        rows = rows.filter(filing_office_id=filters.filing_office)
    return rows.order_by("filing_office__sort_order", "level", "name")


# How a status badge looks (``_status.html`` and the overview's rows, which set it once per row in Python).
STATUS_BADGES = {
    Checklist.Status.APPROVED: "text-bg-success",
    Checklist.Status.SUBMITTED: "text-bg-primary",
    Checklist.Status.RETURNED: "text-bg-warning",
    Checklist.Status.DRAFT: "text-bg-secondary",
}
OTHER_STATUS_BADGE = "text-bg-light border"  # not started
TIMING_CLASSES = {LATE: "text-danger", OVERDUE: "text-danger", PENDING: "text-body-secondary"}


def status_badge(status: str) -> str:
    return STATUS_BADGES.get(status, OTHER_STATUS_BADGE)


def with_labels(rows) -> list[Agency]:
    """The rows (a page, or all of them for an export) with their status and timing in words, and for the page
    how each looks (set here once per row: the page's template only prints them)."""
    rows = list(rows)
    for row in rows:
        row.status_label = FILING_STATUS_LABELS[row.filing_status]
        row.status_badge = status_badge(row.filing_status)
        row.timing_label = TIMING_LABELS[row.timing]
        row.timing_class = TIMING_CLASSES.get(row.timing, "")
    return rows


def status_counts(rows: QuerySet[Agency]) -> Counter:
    """How many of the (filtered) rows are in each filing status, in one query: counted by PostgreSQL, a handful
    of rows back (not a status per agency, ten thousand of them in a province, sorted and read into Python)."""
    grouped = rows.order_by().values("filing_status").annotate(n=Count("pk")).values_list("filing_status", "n")
    return Counter(dict(grouped))


def filing_progress_for(user: User, year: int) -> dict[str, int]:
    """The year's filing progress over the active agencies this user reads (the ones figures count), read once
    however many parts of the page ask."""
    return reads.once(("filing_progress", user.pk, year), lambda: filing_progress(access.active_agencies(user), year))


def filing_progress(agencies: QuerySet[Agency], year: int) -> dict[str, int]:
    """Counts of a year's filing by status and timing, for home panels and dashboards."""
    counts = Counter()
    grouped = (
        filing_rows(agencies, year)
        .order_by()
        .values("filing_status", "timing")
        .annotate(n=Count("pk"))
        .values_list("filing_status", "timing", "n")
    )
    for status, timing, n in grouped:  # counted by the database: a handful of rows whatever the agencies
        counts[status] += n
        counts[timing] += n
        counts["total"] += n
    return {key: counts[key] for key in ("total", NOT_STARTED, *Status.values, ON_TIME, LATE, PENDING, OVERDUE)}


# --- the public ----------------------------------------------------------------------------------------


def item_count() -> Coalesce:
    """A checklist's number of items, as a subquery rather than a join with GROUP BY: PostgreSQL counts only
    the rows of the page (after ORDER BY and LIMIT), not every checklist of the year."""
    items = ChecklistItem.objects.filter(checklist=OuterRef("pk")).order_by().values("checklist")
    return Coalesce(Subquery(items.annotate(count=Count("pk")).values("count")), 0)


def published() -> QuerySet[Checklist]:
    """What the public may see: each agency's latest approved revision per year, and nothing else."""
    newer_approved = Checklist.objects.filter(
        agency=OuterRef("agency"), year=OuterRef("year"), status=Status.APPROVED, revision__gt=OuterRef("revision")
    )
    return Checklist.objects.filter(status=Status.APPROVED).exclude(Exists(newer_approved))


def published_years() -> list[int]:
    return list(published().order_by("-year").values_list("year", flat=True).distinct())


def published_list(year: int, *, q: str = "", agency_type: str = "", level: str = "") -> QuerySet[Checklist]:
    checklists = published().filter(year=year).select_related("agency").annotate(item_count=item_count())
    if q:
        checklists = checklists.filter(Q(agency__name__icontains=q) | Q(agency__short_name__icontains=q))
    if agency_type:
        checklists = checklists.filter(agency__agency_type=agency_type)
    if level:
        checklists = checklists.filter(agency__level=level)
    return checklists.order_by("agency__level", "agency__name")


def published_checklist(year: int, agency_id: int) -> Checklist | None:
    return (
        published()
        .filter(year=year, agency_id=agency_id)
        .select_related("agency__filing_office")
        .prefetch_related(_items())
        .first()
    )


def published_items(year: int) -> QuerySet[ChecklistItem]:
    """Every item of the year's published checklists, for the district's list as a spreadsheet."""
    return (
        ChecklistItem.objects.filter(checklist__in=published().filter(year=year))
        .select_related("checklist__agency")
        .prefetch_related("laws")
        .order_by("checklist__agency__level", "checklist__agency__name", "position", "pk")
    )


def attach_item_progress(checklist: Checklist) -> str:
    """Set ``item.progress`` on an approved checklist's (prefetched) items, from the counter configured in
    ``settings.PUFFA_ITEM_PROGRESS`` (the activities app); the progress page's address, or "" if none."""
    path = getattr(settings, "PUFFA_ITEM_PROGRESS", "")
    if not path or checklist.status != Checklist.Status.APPROVED:
        return ""
    by_key, url = import_string(path)(checklist.agency_id, checklist.year)
    for item in checklist.items.all():
        item.progress = by_key.get(item.key)
    return url


@dataclass(frozen=True)
class ApprovalCheck:
    """What a reviewer reads before approving a checklist (the confirmation page): what is still open in its items,
    which the agency could still change, and whether it was filed late, which nothing changes any more."""

    uncovered_laws: list[Law]  # laws the agency enforces that no item covers (§3.1 "依据各责任主体权力清单")
    items_without_targets: int  # items with no measurable target: met by any one activity
    late: bool
    deadline: dt.date  # the year's filing deadline, said beside a late filing

    @property
    def anything_open(self) -> bool:
        return bool(self.uncovered_laws or self.items_without_targets)


def approval_check(checklist: Checklist) -> ApprovalCheck:
    """Three queries: the enforced laws no item covers, the items without targets, the year's cycle."""
    uncovered = coverage.coverage(checklist.agency_id, revision=checklist).uncovered
    no_targets = checklist.items.filter(target_activities=0, target_people=0).count()
    cycle = cycle_for(checklist.year)
    return ApprovalCheck(uncovered, no_targets, is_late(checklist, {checklist.year: cycle}), cycle.filing_deadline)
