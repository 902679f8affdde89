"""The leadership dashboard's reads: every figure of a year, each with the agencies behind it.

Everything comes from ``assessment.facts.year_facts`` (the same counting as the scoring) and the year's results:
a fixed number of queries whatever the number of agencies or activities. The agencies behind a figure (the
drill-down) are asked of the database a page at a time (``assessment.dashboard.members``), never kept.

Counting a province's year takes seconds, so with a ``scope`` (``agencies.access.scope_key``: the same key
means the same agencies) the figures are cached until the district's data next changes
(``agencies.freshness``). What is cached is what the page shows, as plain values (numbers, labels, the
ranking's first ten as words and numbers): no model instance, so the dashboard and the home page read back a
few kilobytes quickly.

After a change, a scope of a few agencies is counted again at once. A scope of many
(``settings.PUFFA_DASHBOARD_RECOUNT_LATER_FROM`` agencies or more, a province) is counted again by a worker,
and meanwhile the figures counted last are shown as of their time, for at most ``STALE_FOR``: on the day
every agency files, leaders would otherwise wait seconds on every visit. When such a scope has no figures to
show at all (the first visit after a deployment, an emptied cache, a new year), a worker counts them and the
board says so (``Dashboard.counting_since``): the pages show "counting" and refresh themselves, so no web
request counts a province. Without a worker to ask (the broker refuses), the request counts, as before.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from activities.campaigns import facts as campaign_facts
from agencies import access, freshness, years
from agencies.caching import cache
from agencies.models import Agency, AnnualCycle, FilingOffice
from agencies.vocabulary import Duty
from checklists import coverage as law_coverage
from checklists.models import Checklist

from ..facts import IDS_UP_TO, LATE, NOT_FILED, NOT_STARTED, ON_TIME, AgencyFacts, year_facts
from ..models import Grade, Light, Result, Rubric
from ..oversight.selectors import overdue_rectifications

log = logging.getLogger(__name__)

MONTHS = range(1, 13)
CACHE_SECONDS = 24 * 3600
STALE_FOR = dt.timedelta(minutes=10)  # the longest figures counted before a change are shown, as of their time
TOP = 10


@dataclass
class Row:
    """One agency's line: its facts for the year and, once scored, its result."""

    facts: AgencyFacts
    result: Result | None = None

    # Short properties that read a fact through the row; AgencyFacts has its own, over other fields.
    @property
    def agency(self) -> Agency:
        return self.facts.agency

    @property
    def status_label(self) -> str:
        return status_label(self.facts.filing_status)


@dataclass
class Figure:
    key: str
    label: str
    value: int
    color: str = "blue"
    # For figures that add up activities or people: what each agency's part counts (shown on drill-down).
    measure_label: str = ""

    @property
    def measure(self) -> bool:
        return bool(self.measure_label)


@dataclass(frozen=True)
class Office:
    """A filing office as the board names it."""

    pk: int
    name: str
    is_district_bureau: bool = False


@dataclass(frozen=True)
class Ranked:
    """A line of the ranking's first ten as the dashboard shows it."""

    agency_id: int
    display_name: str
    name: str
    rank: int
    total: Decimal
    grade_label: str
    light: str
    light_label: str


@dataclass
class OfficeLine:
    office: Office
    agencies: Figure
    on_time: Figure
    late: Figure
    not_filed: Figure
    approved: Figure

    def row(self) -> list:
        """The office's line as a table row: the export's and the district report's, in the board's order."""
        return [
            self.office.name,
            self.agencies.value,
            self.on_time.value,
            self.late.value,
            self.not_filed.value,
            self.approved.value,
        ]

    def __reduce__(self):
        """Cached as its numbers and words: a province's hundreds of lines pickled as figures were most of the
        cached board's size (issue 14); the figures' keys follow from the office."""
        figures = (self.agencies, self.on_time, self.late, self.not_filed, self.approved)
        return (
            _office_line,
            (
                self.office.pk,
                self.office.name,
                self.office.is_district_bureau,
                tuple(f.value for f in figures),
                tuple(f.label for f in figures[1:]),
            ),
        )


def _office_line(pk: int, name: str, is_district_bureau: bool, values: tuple, labels: tuple) -> OfficeLine:
    key = f"office:{pk}"
    figures = [Figure(f"{key}:all", name, values[0])] + [
        Figure(f"{key}:{part}", label, value)
        for part, label, value in zip(("on_time", "late", "none", "approved"), labels, values[1:], strict=True)
    ]
    return OfficeLine(Office(pk, name, is_district_bureau), *figures)


@dataclass
class Dashboard:
    """The year's figures as plain values: what the page shows, cheap to cache and to read back."""

    year: int
    study_minimum: int
    rubric_id: int | None = None
    published: bool = False
    version: int = 0  # the data version counted (agencies.freshness)
    counted_at: dt.datetime | None = None
    # Counted before the latest change: shown while a worker counts again (a province-sized scope only).
    stale: bool = False
    # No figures yet: a worker has counted them since then (a province-sized scope only); every figure is empty.
    counting_since: dt.datetime | None = None
    items_total: int = 0
    items_met: int = 0
    scored: bool = False
    filing_status: list[Figure] = field(default_factory=list)
    filing_timing: list[Figure] = field(default_factory=list)
    offices: list[OfficeLine] = field(default_factory=list)
    study: list[Figure] = field(default_factory=list)
    months: list[Figure] = field(default_factory=list)
    duties: list[Figure] = field(default_factory=list)
    people: list[Figure] = field(default_factory=list)
    items: list[Figure] = field(default_factory=list)
    grades: list[Figure] = field(default_factory=list)
    lights: list[Figure] = field(default_factory=list)
    ranking: Figure | None = None
    top: list[Ranked] = field(default_factory=list)  # the ranking's first ten, shown whole on the dashboard
    everyone: Figure | None = None
    # Rectifications overdue now (``Finding.overdue_q``), found by the year's inspections (§4.3): the agencies
    # that owe one.
    overdue: Figure | None = None
    # Enforcement-basis coverage (``checklists.coverage``), of the agencies with enforced laws on record: those
    # whose counted checklist covers every one, and those with laws left uncovered.
    coverage: tuple[Figure, ...] = ()
    # The year's campaigns (集中宣传活动): agencies asked that took part in at least one, and those not yet.
    campaigns: tuple[Figure, ...] = ()

    @property
    def counting(self) -> bool:
        return self.counting_since is not None

    @property
    def activities_total(self) -> int:
        return sum(f.value for f in self.duties)

    @property
    def people_total(self) -> int:
        return sum(f.value for f in self.people)

    def figures(self) -> list[Figure]:
        found = [
            *self.filing_status,
            *self.filing_timing,
            *self.study,
            *self.months,
            *self.duties,
            *self.people,
            *self.items,
            *self.grades,
            *self.lights,
            *self.coverage,
            *self.campaigns,
        ]
        for line in self.offices:
            found += [line.agencies, line.on_time, line.late, line.not_filed, line.approved]
        return [f for f in [*found, self.ranking, self.everyone, self.overdue] if f is not None]

    def figure(self, key: str) -> Figure | None:
        return next((f for f in self.figures() if f.key == key), None)


def status_label(status: str) -> str:
    """A checklist status as words, "not started" when there is no checklist yet."""
    return _("Not started") if status == NOT_STARTED else str(Checklist.Status(status).label)


# --- Reading -----------------------------------------------------------------------------------------------------


def for_user(year: int, user) -> Dashboard:
    """The dashboard of the agencies ``user`` may see (active ones), as the pages show it."""
    agencies, scope = access.active_agencies(user), access.scope_key(user)
    return build(year, agencies, scope=scope, later=lambda: _recount_later(year, user))


def build(
    year: int, agencies: QuerySet[Agency], *, scope: str = "", later: Callable[[], None] | None = None
) -> Dashboard:
    """The year's dashboard over ``agencies`` (active, and narrowed to what the user may see): its numbers.

    With ``later`` (which asks a worker to count the scope again), a province-sized scope is never counted
    while the user waits: whose data changed is shown as counted last, marked stale; with no figures to show,
    the board is empty and ``counting``. Without a worker to ask, it is counted now."""
    if not scope:
        return _count(year, agencies)
    version = freshness.version()
    board = cache.get(_board_key(year, scope, version))
    if board is not None:
        return board
    if later is None:
        return count(year, agencies, scope=scope, version=version)
    last = cache.get(_last_key(year, scope))
    showing_last = _may_show_while_recounting(last)
    if not showing_last and agencies.count() < settings.PUFFA_DASHBOARD_RECOUNT_LATER_FROM:
        return count(year, agencies, scope=scope, version=version)  # a few agencies: counted at once
    since = _ask_worker(year, scope, later)
    board = cache.get(_board_key(year, scope, version))  # a worker may have been quicker than us
    if board is not None:
        return board
    if since is None:  # no worker to ask (or no cache to note it in): counted while the user waits
        return count(year, agencies, scope=scope, version=version)
    if showing_last:
        last.stale = True
        return last
    return Dashboard(year=year, study_minimum=0, counting_since=since)


def count(year: int, agencies: QuerySet[Agency], *, scope: str, version: int | None = None) -> Dashboard:
    """Count the year for ``scope`` now and keep the figures, under the data version read *before* counting
    (a change made meanwhile leaves them stale, never wrongly fresh)."""
    version = freshness.version() if version is None else version
    board = _count(year, agencies)
    board.version, board.counted_at = version, timezone.now()
    cache.set(_board_key(year, scope, version), board, CACHE_SECONDS)
    cache.set(_last_key(year, scope), board, CACHE_SECONDS)
    return board


def recount(year: int, user) -> None:
    """What the worker does when asked: count the user's scope now, then let the next change ask again."""
    scope = access.scope_key(user)
    try:
        count(year, access.active_agencies(user), scope=scope)
    finally:
        cache.delete(_recounting_key(year, scope))


# Noted instead of the time asked when the broker refused: the scope's next visits count while the user waits.
NO_WORKER = "no worker"


def _ask_worker(year: int, scope: str, later: Callable[[], None]) -> dt.datetime | None:
    """Ask a worker to count the scope, once at a time per scope (changes arriving meanwhile are caught by the
    next visit after it): when the count was asked, or None when no worker could be asked."""
    key = _recounting_key(year, scope)
    if cache.add(key, timezone.now(), int(STALE_FOR.total_seconds())):
        transaction.on_commit(later)  # at once in a page's request (no transaction), so a refusal is seen below
    since = cache.get(key)
    return since if isinstance(since, dt.datetime) else None


def rows_of(board: Dashboard, agencies: QuerySet[Agency], ids: Sequence[int]) -> list[Row]:
    """The whole rows of the agencies ``ids`` (members of a figure of ``board``), in that order."""
    if not ids:
        return []
    counted = agencies.filter(pk__in=ids) if len(ids) <= IDS_UP_TO else agencies
    found = {row.agency.pk: row for row in _rows(board.year, counted, years.open_cycle(board.year), board.rubric_id)}
    return [found[pk] for pk in ids if pk in found]


# Changes with the board's shape: a board cached by the code before a deployment is never read by the code after it.
SHAPE = 3


def _key(year: int, scope: str, version: int) -> str:
    return f"puffa:dashboard:{SHAPE}:{version}:{year}:{scope}"


def _board_key(year: int, scope: str, version: int) -> str:
    return f"{_key(year, scope, version)}:board:{get_language()}"


def _recounting_key(year: int, scope: str) -> str:
    return f"puffa:dashboard:recounting:{year}:{scope}"


def _last_key(year: int, scope: str) -> str:
    """The latest figures counted for a scope, whatever the data version since."""
    return f"puffa:dashboard:last:{SHAPE}:{year}:{scope}:{get_language()}"


def _may_show_while_recounting(last: Dashboard | None) -> bool:
    return (
        last is not None
        and last.everyone is not None
        and last.everyone.value >= settings.PUFFA_DASHBOARD_RECOUNT_LATER_FROM
        and last.counted_at is not None
        and timezone.now() - last.counted_at <= STALE_FOR
    )


def _recount_later(year: int, user) -> None:
    from ..tasks import recount_dashboard

    try:
        recount_dashboard.delay(year, user.pk, get_language())
    except Exception:  # noqa: BLE001 - no broker: the next visit counts while the user waits, as without a worker
        log.exception("could not ask a worker to count the dashboard again")
        scope = access.scope_key(user)
        cache.delete(_last_key(year, scope))
        # For STALE_FOR: visits meanwhile count while the user waits rather than wait on a worker never asked.
        cache.set(_recounting_key(year, scope), NO_WORKER, int(STALE_FOR.total_seconds()))


# --- Counting ----------------------------------------------------------------------------------------------------


def _rows(year: int, agencies: QuerySet[Agency], cycle: AnnualCycle, rubric_id: int | None) -> list[Row]:
    results = {}
    if rubric_id is not None:
        results = {r.agency_id: r for r in Result.objects.filter(rubric_id=rubric_id, agency__in=agencies.values("pk"))}
    found = year_facts(year, agencies, cycle=cycle, study_forms=False)  # (the scoring's study forms: not shown)
    return [Row(facts, results.get(facts.agency.pk)) for facts in found]


def _figure(
    key: str,
    label,
    rows: list[Row],
    color: str = "blue",
    *,
    measure: Callable[[Row], int] | None = None,
    measure_label="",
) -> Figure:
    """A figure counting ``rows`` (the agencies), or adding up their ``measure``. Which agencies those are is
    asked again of the database by the drill-down (``assessment.dashboard.members``)."""
    if measure is None:
        return Figure(key, str(label), len(rows), color)
    return Figure(key, str(label), sum(measure(row) for row in rows), color, str(measure_label))


def _ranked(row: Row) -> Ranked:
    result = row.result
    return Ranked(
        agency_id=row.agency.pk,
        display_name=row.agency.display_name,
        name=row.agency.name,
        rank=result.rank_district,
        total=result.total,
        grade_label=str(result.get_grade_display()),
        light=result.light,
        light_label=str(result.get_light_display()),
    )


def _count(year: int, agencies: QuerySet[Agency]) -> Dashboard:
    cycle = years.open_cycle(year)
    rubric = Rubric.objects.filter(cycle=cycle).first()
    rows = _rows(year, agencies, cycle, rubric.pk if rubric else None)
    figure = _figure

    def where(test) -> list[Row]:
        return [row for row in rows if test(row)]

    board = Dashboard(
        year=year,
        study_minimum=cycle.study_minimum,
        rubric_id=rubric.pk if rubric else None,
        published=rubric is not None and rubric.is_published,
        items_total=sum(row.facts.items_total for row in rows),
        items_met=sum(row.facts.items_met for row in rows),
        scored=any(row.result for row in rows),
    )
    board.everyone = figure("all", _("Every agency"), rows)
    board.filing_status = [
        figure("status:none", _("Not started"), where(lambda r: r.facts.filing_status == NOT_STARTED), "grey"),
        *(
            figure(f"status:{status}", label, where(lambda r, s=status: r.facts.filing_status == s), color)
            for status, label, color in (
                (Checklist.Status.DRAFT, Checklist.Status.DRAFT.label, "grey"),
                (Checklist.Status.SUBMITTED, Checklist.Status.SUBMITTED.label, "blue"),
                (Checklist.Status.RETURNED, Checklist.Status.RETURNED.label, "yellow"),
                (Checklist.Status.APPROVED, Checklist.Status.APPROVED.label, "green"),
            )
        ),
    ]
    board.filing_timing = [
        figure("filing:on_time", _("Filed on time"), where(lambda r: r.facts.filing == ON_TIME), "green"),
        figure("filing:late", _("Filed late"), where(lambda r: r.facts.filing == LATE), "yellow"),
        figure("filing:none", _("Not filed"), where(lambda r: r.facts.filing == NOT_FILED), "red"),
    ]
    offices: dict[int, FilingOffice] = {}
    rows_of_office: dict[int, list[Row]] = {}
    for row in rows:
        offices.setdefault(row.agency.filing_office_id, row.agency.filing_office)
        rows_of_office.setdefault(row.agency.filing_office_id, []).append(row)
    for office in sorted(offices.values(), key=lambda o: (o.sort_order, o.name)):
        mine = rows_of_office[office.pk]
        key = f"office:{office.pk}"
        board.offices.append(
            OfficeLine(
                office=Office(office.pk, office.name, office.is_district_bureau),
                agencies=figure(f"{key}:all", office.name, mine),
                on_time=figure(f"{key}:on_time", _("Filed on time"), [r for r in mine if r.facts.filing == ON_TIME]),
                late=figure(f"{key}:late", _("Filed late"), [r for r in mine if r.facts.filing == LATE]),
                not_filed=figure(f"{key}:none", _("Not filed"), [r for r in mine if r.facts.filing == NOT_FILED]),
                approved=figure(
                    f"{key}:approved",
                    _("Approved"),
                    [r for r in mine if r.facts.filing_status == Checklist.Status.APPROVED],
                ),
            )
        )
    subject = where(lambda r: r.facts.study_subject)
    board.study = [
        figure("study:met", _("Minimum met"), [r for r in subject if r.facts.study_met], "green"),
        figure("study:unmet", _("Below the minimum"), [r for r in subject if not r.facts.study_met], "red"),
    ]
    board.months = [
        figure(
            f"month:{month}",
            _("Month %(month)d") % {"month": month},
            where(lambda r, m=month: r.facts.activities_by_month[m] > 0),
            measure=lambda r, m=month: r.facts.activities_by_month[m],
            measure_label=pgettext("count", "Activities"),
        )
        for month in MONTHS
    ]
    duty_colors = {Duty.STUDY: "blue", Duty.PUBLIC: "green", Duty.ENFORCEMENT: "teal", Duty.MEDIA: "grey"}

    def per_duty(key: str, by_duty: str, measure_label: str) -> list:
        """A figure per duty: the agencies with any, measured by their facts' ``by_duty`` counts."""
        return [
            figure(
                f"{key}:{duty}",
                duty.label,
                where(lambda r, d=duty: getattr(r.facts, by_duty)[d] > 0),
                duty_colors[duty],
                measure=lambda r, d=duty: getattr(r.facts, by_duty)[d],
                measure_label=measure_label,
            )
            for duty in Duty
        ]

    board.duties = per_duty("duty", "activities_by_duty", pgettext("count", "Activities"))
    board.people = per_duty("people", "people_by_duty", _("People reached"))
    approved = where(lambda r: r.facts.has_approved_checklist)
    board.items = [
        figure(
            "items:all", _("Every item met"), [r for r in approved if r.facts.items_met == r.facts.items_total], "green"
        ),
        figure(
            "items:part",
            _("Some items met"),
            [r for r in approved if 0 < r.facts.items_met < r.facts.items_total],
            "yellow",
        ),
        figure("items:none", _("No item met yet"), [r for r in approved if r.facts.items_met == 0], "red"),
        figure(
            "items:no_checklist",
            _("No approved checklist"),
            where(lambda r: not r.facts.has_approved_checklist),
            "grey",
        ),
    ]
    grade_colors = {Grade.EXCELLENT: "green", Grade.GOOD: "teal", Grade.PASS: "yellow", Grade.FAIL: "red"}
    board.grades = [
        *(
            figure(f"grade:{grade}", grade.label, where(lambda r, g=grade: r.result and r.result.grade == g), color)
            for grade, color in grade_colors.items()
        ),
        figure("grade:none", _("Not scored"), where(lambda r: r.result is None), "grey"),
    ]
    board.lights = [
        figure(f"light:{light}", light.label, where(lambda r, li=light: r.result and r.result.light == li), light.value)
        for light in Light
    ]
    ranked = sorted(where(lambda r: r.result is not None), key=lambda r: (r.result.rank_district, r.agency.name))
    board.ranking = figure("ranking", _("Ranking"), ranked)
    board.top = [_ranked(row) for row in ranked[:TOP]]
    # Counted in the year of the inspection that found them.
    overdue = Counter(
        overdue_rectifications(year).filter(agency__in=agencies.values("pk")).values_list("agency_id", flat=True)
    )
    board.overdue = figure(
        "rectification:overdue",
        _("Overdue rectifications"),
        where(lambda r: overdue[r.agency.pk] > 0),
        "red",
        measure=lambda r: overdue[r.agency.pk],
        measure_label=pgettext("count", "Rectifications"),
    )
    laws = {
        pk: (covered, enforced)
        for pk, covered, enforced in law_coverage.with_coverage(agencies, year).values_list(
            "pk", "laws_covered", "laws_enforced"
        )
        if enforced  # an agency with no enforced laws on record is in neither figure
    }
    enforcing = where(lambda r: r.agency.pk in laws)
    board.coverage = (
        figure(
            "coverage:full",
            _("Every enforced law covered"),
            [r for r in enforcing if law_coverage.fully_covered(*laws[r.agency.pk])],
            "green",
        ),
        figure(
            "coverage:gaps",
            _("Enforced laws left uncovered"),
            [r for r in enforcing if not law_coverage.fully_covered(*laws[r.agency.pk])],
            "red",
        ),
    )
    # Agencies asked in a campaign of the year: (campaigns asked, campaigns taken part in).
    campaigns = campaign_facts.year_parts(year, agencies.values("pk"))
    board.campaigns = (
        figure(
            "campaign:took_part",
            _("Took part in a campaign"),
            where(lambda r: campaigns.get(r.agency.pk, (0, 0))[1] > 0),
            "green",
        ),
        figure(
            "campaign:not_yet",
            _("Asked, not yet taken part"),
            where(lambda r: r.agency.pk in campaigns and campaigns[r.agency.pk][1] == 0),
            "yellow",
        ),
    )
    return board
