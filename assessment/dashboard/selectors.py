"""The leadership dashboard's reads: every figure of a year, each with the agencies behind it.

Each figure is counted in SQL (``COUNT(*) FILTER (WHERE …)``, grouped by filing office for the office lines) over
the agencies annotated with their facts by ``assessment.dashboard.members.with_facts``, each fact from the
function that defines it (``activities.facts``, ``assessment.facts``, ``checklists.facts``, ``checklists.coverage``,
``activities.campaigns.facts``, the results), and over the activity summaries: a fixed number of queries and no
Python per agency. The agencies behind a figure (the drill-down) are asked of the database a page at a time
with the same filters (``members.figure_q``, ``members.summed``), never kept.

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
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial

from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma
from django.db import transaction
from django.db.models import Count, F, Q, QuerySet, Sum, Window
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy, ngettext_lazy, pgettext, pgettext_lazy
from django.utils.translation import gettext as _

from agencies import access, freshness, years
from agencies.caching import cache
from agencies.models import Agency, AnnualCycle, FilingOffice
from agencies.vocabulary import Duty
from checklists.models import Checklist

from ..facts import IDS_UP_TO, NOT_STARTED, AgencyFacts, items_by_agency, year_facts
from ..models import Grade, Light, Result, Rubric
from ..models.kept import MONTHS, SUMMARY_FIGURES, summary_column
from . import kept, members

log = logging.getLogger(__name__)

CACHE_SECONDS = 24 * 3600
TOOK_KEPT_SECONDS = 30 * 24 * 3600  # a count's length changes with the data, slowly: a month-old one still guides
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


RESULT_FAMILIES = ("ranking", "grade", "light")  # the figures read from the year's results


@dataclass
class Figure:
    key: str
    label: str
    value: int
    color: str = "blue"
    # For figures that add up activities, people or rectifications (``MEASURES``): what they add up (the tables'
    # column, "覆盖人数"), each agency's part named for this figure (the drill-down's column and card label,
    # "覆盖人数（新媒体普法）") and the figure's number in words (its heading, "覆盖 626,864 人").
    measure_label: str = ""
    part_label: str = ""
    amount: str = ""

    @property
    def measure(self) -> bool:
        return bool(self.measure_label)

    @property
    def title(self) -> str:
        """What the figure's drill-down lists, as its page's title and its export's name say it. A figure adding up
        a measure names it with the part its page lists ("覆盖人数（面向社会普法）"): a duty's activities and its
        people reached share the duty's label, and their two lists would otherwise be saved under one name."""
        return self.part_label if self.measure else self.label

    @property
    def of_results(self) -> bool:
        """Read from the year's results (the ranking, the grades, the traffic lights)."""
        return self.key.partition(":")[0] in RESULT_FAMILIES


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


def _office_line(pk: int, name: str, is_district_bureau: bool, values: tuple, labels: tuple) -> OfficeLine:
    """An office's line from its numbers and its figures' labels (``office_figure_labeller``: each names the office)."""
    key = f"office:{pk}"
    figures = [Figure(f"{key}:all", name, values[0])] + [
        Figure(f"{key}:{part}", label, value)
        for part, label, value in zip(("on_time", "late", "none", "approved"), labels, values[1:], strict=True)
    ]
    return OfficeLine(Office(pk, name, is_district_bureau), *figures)


VALUES, NOT_FILED = 3, 3  # an office row's values, and the agencies not filed among them


class OfficeLines(Sequence[OfficeLine]):
    """The board's office lines, kept (and cached) as plain rows, ``(office id, name, is the district bureau,
    values, labels)`` for ``_office_line``, and made into ``OfficeLine``s when read: a province's 501 lines
    unpickled as objects were a third of the cached dashboard's time, where the page shows twenty."""

    def __init__(self, rows: Iterable[tuple] = ()) -> None:
        self._rows = list(rows)

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [_office_line(*row) for row in self._rows[index]]
        return _office_line(*self._rows[index])

    def __reduce__(self):
        return (OfficeLines, (self._rows,))

    def __eq__(self, other: object) -> bool:  # (as the list it replaces: two boards of the same figures are equal)
        return isinstance(other, OfficeLines) and self._rows == other._rows

    __hash__ = None  # type: ignore[assignment]

    def furthest_behind(self, count: int) -> list[OfficeLine]:
        """The ``count`` offices with the most agencies not filed, in that order (in the board's order if tied)."""
        ranked = sorted(self._rows, key=lambda row: -row[VALUES][NOT_FILED])
        return [_office_line(*row) for row in ranked[:count]]


# A count taking longer than the last one is shown as nearly done, never as done before the figures are there.
PROGRESS_AT_MOST = 95


@dataclass(frozen=True)
class Progress:
    """A count's progress as the counting page shows it: the last count's seconds, the share of them gone, and
    the seconds left (0 once longer than last time)."""

    took: int
    percent: int
    left: int


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
    # While counting: how many seconds the scope's count took last time, the page's measure of progress.
    counting_took: float | None = None
    items_total: int = 0
    items_met: int = 0
    scored: bool = False
    filing_status: list[Figure] = field(default_factory=list)
    filing_timing: list[Figure] = field(default_factory=list)
    offices: OfficeLines = field(default_factory=OfficeLines)
    study: list[Figure] = field(default_factory=list)
    months: list[Figure] = field(default_factory=list)
    duties: list[Figure] = field(default_factory=list)
    people: list[Figure] = field(default_factory=list)
    items: list[Figure] = field(default_factory=list)
    grades: list[Figure] = field(default_factory=list)
    lights: list[Figure] = field(default_factory=list)
    ranking: Figure | None = None
    top: list[Ranked] = field(default_factory=list)  # the ranking's first ten, shown whole on the dashboard
    top_tied: int = 0  # agencies tied with the tenth, left out of the first ten (``tied_left_out``)
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

    def progress(self, now: dt.datetime) -> Progress | None:
        """How far the count has come, judged by the time the scope's last count took; None when counting for
        the first time (nothing to judge by) or not counting."""
        if self.counting_since is None or not self.counting_took:
            return None
        elapsed = max((now - self.counting_since).total_seconds(), 0)
        took = max(round(self.counting_took), 1)
        return Progress(
            took=took,
            percent=min(int(elapsed * 100 / took), PROGRESS_AT_MOST),
            left=max(round(took - elapsed), 0),
        )

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

    def provisional(self, figures: Sequence[Figure]) -> bool:
        """Whether ``figures`` (a figure's, a table's) are provisional: read from the year's results while they
        are not published, which every page, heading and export of them says, as the results page does."""
        return not self.published and any(figure.of_results for figure in figures)


def office_figure_labeller() -> Callable[[str, str], str]:
    """Names a filing office's figure with its office ("薛家镇司法所 · 已通过"), so its drill-down's heading and export
    say whose agencies they are: in the current language, the wording translated once for many offices."""
    wording = pgettext("a filing office's figure", "%(office)s · %(figure)s")
    return lambda office, label: wording % {"office": office, "figure": label}


def tied_left_out(ranks: Sequence[int], holding_last: int) -> int:
    """How many agencies share the rank of a list's last line without being in it: ``ranks`` are the list's
    ranks in its order, ``holding_last`` how many agencies hold the last one in all. A list cut inside a tie
    (the dashboard's first ten, the brief's and the district report's five furthest behind) says so, "and N more
    tied at rank R", rather than leave one of them out silently."""
    return holding_last - ranks.count(ranks[-1]) if ranks else 0


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
    took = cache.get(_took_key(year, scope))
    return Dashboard(year=year, study_minimum=0, counting_since=since, counting_took=took)


def count(year: int, agencies: QuerySet[Agency], *, scope: str, version: int | None = None) -> Dashboard:
    """Count the year for ``scope`` now and keep the figures, under the data version read *before* counting
    (a change made meanwhile leaves them stale, never wrongly fresh)."""
    version = freshness.version() if version is None else version
    started = time.monotonic()
    board = _count(year, agencies)
    board.version, board.counted_at = version, timezone.now()
    cache.set(_board_key(year, scope, version), board, CACHE_SECONDS)
    cache.set(_last_key(year, scope), board, CACHE_SECONDS)
    cache.set(_took_key(year, scope), time.monotonic() - started, TOOK_KEPT_SECONDS)
    return board


def recount(year: int, user) -> None:
    """What the worker does when asked: count the user's scope now, then let the next change ask again; then keep
    the facts counted from the raw rows (``kept.keep``)."""
    scope, agencies = access.scope_key(user), access.active_agencies(user)
    try:
        count(year, agencies, scope=scope)
    finally:
        cache.delete(_recounting_key(year, scope))
    # Then the kept facts of the agencies whose data changed (or all, after a bulk write or overnight), so the
    # next count reads them: after the figures, so the reader does not wait for them.
    kept.keep(year, agencies)


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


def kept_render(board: Dashboard, user, render: Callable[[], str]) -> str:
    """``render()`` (a part of the dashboard page drawn from ``board`` alone) kept beside the board, for every
    reader of its scope in its language: read again, the page draws only what is the reader's own. A board
    counted again (or the last figures shown while a worker counts) is another entry."""
    if board.counted_at is None:  # (a board counted for no scope is kept nowhere)
        return render()
    key = f"{_key(board.year, access.scope_key(user), board.version)}:{board.counted_at.timestamp()}:sections"
    key = f"{key}:{get_language()}"
    found = cache.get(key)
    if found is None:
        found = render()
        cache.set(key, found, CACHE_SECONDS)
    return found


def rows_of(board: Dashboard, agencies: QuerySet[Agency], ids: Sequence[int]) -> list[Row]:
    """The whole rows of the agencies ``ids`` (members of a figure of ``board``), in that order."""
    if not ids:
        return []
    counted = agencies.filter(pk__in=ids) if len(ids) <= IDS_UP_TO else agencies
    found = {row.agency.pk: row for row in _rows(board.year, counted, years.open_cycle(board.year), board.rubric_id)}
    return [found[pk] for pk in ids if pk in found]


# Changes with the board's shape: a board cached by the code before a deployment is never read by the code after it.
SHAPE = 7


def _key(year: int, scope: str, version: int) -> str:
    return f"puffa:dashboard:{SHAPE}:{version}:{year}:{scope}"


def _board_key(year: int, scope: str, version: int) -> str:
    return f"{_key(year, scope, version)}:board:{get_language()}"


def _recounting_key(year: int, scope: str) -> str:
    return f"puffa:dashboard:recounting:{year}:{scope}"


def _took_key(year: int, scope: str) -> str:
    """The seconds the scope's last count took (any data version, any language): the counting page's yardstick."""
    return f"puffa:dashboard:took:{year}:{scope}"


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
    from ..tasks import recount_dashboard  # the task module imports this one

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


# What a figure may add up instead of counting agencies: its name, and its number in words (by that number).
ACTIVITIES, PEOPLE, RECTIFICATIONS = "activities", "people", "rectifications"
MEASURES = {
    ACTIVITIES: (
        pgettext_lazy("count", "Activities"),
        ngettext_lazy("%(number)s activity", "%(number)s activities", "count"),
    ),
    PEOPLE: (
        gettext_lazy("People reached"),
        ngettext_lazy("%(number)s person reached", "%(number)s people reached", "count"),
    ),
    RECTIFICATIONS: (
        pgettext_lazy("count", "Rectifications"),
        ngettext_lazy("%(number)s rectification", "%(number)s rectifications", "count"),
    ),
}


def _figure(key: str, label, counted: dict, color: str = "blue", *, measure: str = "") -> Figure:
    """A figure as counted by ``_count``'s queries: its agencies (``counted[key]``) or, for a figure adding up
    activities, people or rectifications (``measure``), their sum (``counted[key + ":sum"]``). Which agencies those
    are is asked again of the database by the drill-down (``assessment.dashboard.members``), with the same
    filters."""
    label = str(label)
    if not measure:
        return Figure(key, label, counted[key] or 0, color)
    value = counted[f"{key}:sum"] or 0
    name, amount = MEASURES[measure]
    return Figure(
        key,
        label,
        value,
        color,
        measure_label=str(name),
        part_label=pgettext("a figure's part", "%(measure)s (%(figure)s)") % {"measure": name, "figure": label},
        amount=amount % {"count": value, "number": intcomma(value)},
    )


def _ranked(result: Result) -> Ranked:
    return Ranked(
        agency_id=result.agency.pk,
        display_name=result.agency.display_name,
        name=result.agency.name,
        rank=result.rank_district,
        total=result.total,
        grade_label=str(result.get_grade_display()),
        light=result.light,
        light_label=str(result.get_light_display()),
    )


# The figures counted per agency over the facts ``members.with_facts`` annotates, by ``members.figure_q``: the
# board's number is ``COUNT(*) FILTER (WHERE …)`` of the same filter the drill-down lists.
FACT_FIGURES = (
    *((f"study:{what}", "study", what) for what in ("met", "unmet")),
    *((f"grade:{grade}", "grade", grade) for grade in [*Grade.values, "none"]),
    *((f"light:{light}", "light", light) for light in Light.values),
    ("rectification:overdue", "rectification", "overdue"),
    *((f"coverage:{what}", "coverage", what) for what in ("full", "gaps")),
    *((f"campaign:{what}", "campaign", what) for what in ("took_part", "not_yet")),
)
# Counted from the raw rows every time; the others from each agency's kept row where fresh (``kept.FAMILIES``).
RAW_FAMILIES = {"grade", "light", "rectification"}
KEPT_FIGURES = (
    *((key, family, what) for key, family, what in FACT_FIGURES if family in kept.FAMILIES),
    *((f"items:{what}", "items", what) for what in ("all", "part", "none", "no_checklist")),
)
# Every number the kept part of the count gives (``_kept_counts``, ``_raw_counts``).
KEPT_KEYS = (
    *(key for key, _family, _what in KEPT_FIGURES),
    "items:counted",
    "items:met",
    *SUMMARY_FIGURES,
    *(f"{key}:sum" for key in SUMMARY_FIGURES),
)
STATUSES = ("none", *Checklist.Status.values)  # revision 1's status; "none": not started
TIMINGS = ("on_time", "late", "none")
RAW_FIGURES = tuple(figure for figure in FACT_FIGURES if figure[1] in RAW_FAMILIES)
# What the office lines count, added up for the district.
OFFICE_SUMS = (
    "all",
    *(f"status:{s}" for s in STATUSES),
    *(f"filing:{t}" for t in TIMINGS),
    *(key for key, _family, _what in RAW_FIGURES),
    "rectification:overdue:sum",
)


def _office_counts(year: int, agencies: QuerySet[Agency], cycle: AnnualCycle, rubric_id: int | None) -> list[dict]:
    """Per filing office (in the board's order): its agencies, by revision 1's status and filing timing, and
    the figures always counted from the raw rows (``RAW_FAMILIES``: the results, the overdue rectifications).
    One query, grouped by office; the district's figures are the offices' sums."""
    today = timezone.localdate()
    families = {"status", "filing", *RAW_FAMILIES}
    filed = members.with_facts(year, agencies, families, rubric_id=rubric_id, today=today, cycle=cycle)
    counts = {
        **{f"status:{s}": Count("pk", filter=members.figure_q("status", s, cycle)) for s in STATUSES},
        **{f"filing:{t}": Count("pk", filter=members.figure_q("filing", t, cycle)) for t in TIMINGS},
        **{key: Count("pk", filter=members.figure_q(family, what, cycle)) for key, family, what in RAW_FIGURES},
        "rectification:overdue:sum": Sum("overdue"),
    }
    return list(
        filed.order_by()
        .values("filing_office_id", "filing_office__name", "filing_office__sort_order", "filing_office__kind")
        .annotate(all=Count("pk"), **counts)
        .order_by("filing_office__sort_order", "filing_office__name")
    )


def _fact_counts(year: int, agencies: QuerySet[Agency], cycle: AnnualCycle, families: set[str]) -> dict:
    """The ``FACT_FIGURES`` figures of ``families``: one query, each agency's facts computed once (in a
    subquery) and counted by the figures' filters."""
    today = timezone.localdate()
    annotated = members.with_facts(year, agencies, families, rubric_id=None, today=today, cycle=cycle, whole=True)
    return annotated.aggregate(
        **{
            key: Count("pk", filter=members.figure_q(family, what, cycle))
            for key, family, what in FACT_FIGURES
            if family in families
        }
    )


def _item_counts(year: int, agencies: QuerySet[Agency] | list[int], everyone: int) -> dict:
    """The items' figures: agencies by how many of their counted items are met (``members.item_figure``, the
    drill-down's ``figure_q`` on the numbers), from ``assessment.facts.items_by_agency``, which reads the item
    summaries in one pass. Two queries."""
    in_scope = agencies if isinstance(agencies, list) else agencies.values("pk")
    found = items_by_agency(year, timezone.localdate(), in_scope).values()
    figures = Counter(members.item_figure(total, met) for total, met in found)
    return {
        **{f"items:{what}": figures[what] for what in ("all", "part", "none")},
        "items:no_checklist": everyone - len(found),  # no counted item: not among ``found``
        "items:counted": sum(total for total, _met in found),
        "items:met": sum(met for _total, met in found),
    }


def _summary_counts(year: int, agencies: QuerySet[Agency]) -> dict:
    """The months', duties' and people's figures from the activity summaries: each agency's numbers (one pass
    over its summaries), then the agencies with any and their sum. One query."""
    return members.per_agency_summaries(year, agencies).aggregate(**_summary_figures("agency_id"))


def _summary_figures(counted: str) -> dict:
    """Each summary figure's agencies (those with any) and its sum, over rows with a column per figure."""
    figures = {}
    for key in SUMMARY_FIGURES:
        column = summary_column(key)
        figures[key] = Count(counted, filter=Q(**{f"{column}__gt": 0}))
        figures[f"{key}:sum"] = Sum(column)
    return figures


def _kept_counts(rows: QuerySet, cycle: AnnualCycle) -> dict:
    """The kept families' figures over fresh kept rows (``kept.fresh``), by the same filters (``figure_q``) as
    over the raw facts, and how many agencies they hold. One query."""
    return rows.aggregate(
        kept=Count("pk"),
        **{key: Count("pk", filter=members.figure_q(family, what, cycle)) for key, family, what in KEPT_FIGURES},
        **{"items:counted": Sum("items_total"), "items:met": Sum("items_met")},
        **_summary_figures("pk"),
    )


def _raw_counts(year: int, agencies: QuerySet[Agency] | list[int], cycle: AnnualCycle, everyone: int) -> dict:
    """The kept families' figures counted from the raw rows, for ``agencies`` (ids, or a query) with no fresh
    kept row: the same figures as ``_kept_counts``. Four queries."""
    scope = Agency.objects.filter(pk__in=agencies) if isinstance(agencies, list) else agencies
    return (
        _fact_counts(year, scope, cycle, kept.FAMILIES - {"items"})
        | _item_counts(year, agencies, everyone)
        | _summary_counts(year, scope)
    )


def _added(*counts: dict) -> dict:
    """Figures counted in parts (kept and raw), added up: each figure 0 when there is no part (no agencies)."""
    added = Counter(dict.fromkeys(KEPT_KEYS, 0))
    for part in counts:
        for key, value in part.items():
            added[key] += value or 0
    return dict(added)


def _count(year: int, agencies: QuerySet[Agency]) -> Dashboard:
    """The year's figures over ``agencies``, counted in SQL whatever their number: the cycle, its rubric, the
    office lines (with the results and overdue rectifications), the fresh kept rows' figures, and when some
    agencies have none, those agencies (up to ``IDS_UP_TO`` of them, then named by id) and their facts from the
    raw rows (their facts, items in two queries, summaries); once scored, the ranking's first ten.
    (PostgreSQL's JIT, which spent longer compiling these than running them, is off in settings.)"""
    cycle = years.open_cycle(year)
    rubric = Rubric.objects.filter(cycle=cycle).first()
    rubric_id = rubric.pk if rubric else None
    offices = _office_counts(year, agencies, cycle, rubric_id)
    counted = {key: sum(line[key] or 0 for line in offices) for key in OFFICE_SUMS}
    # Each agency's other facts from its kept row where fresh (``kept``), from the raw rows for the rest.
    today = timezone.localdate()
    parts = [_kept_counts(kept.fresh(year, agencies, today), cycle)]
    left = counted["all"] - parts[0]["kept"]
    if left > IDS_UP_TO:
        parts.append(_raw_counts(year, kept.without_fresh(year, agencies, today), cycle, left))
    elif left > 0:
        named = list(kept.without_fresh(year, agencies, today).values_list("pk", flat=True))
        parts.append(_raw_counts(year, named, cycle, len(named)))
    counted |= _added(*parts)
    scored = counted["all"] - counted["grade:none"]  # the agencies with a result: the ranking
    figure = partial(_figure, counted=counted)

    board = Dashboard(
        year=year,
        study_minimum=cycle.study_minimum,
        rubric_id=rubric_id,
        published=rubric is not None and rubric.is_published,
        items_total=counted["items:counted"] or 0,
        items_met=counted["items:met"] or 0,
        scored=scored > 0,
    )
    board.everyone = figure("all", _("Every agency"))
    board.filing_status = [
        figure("status:none", _("Not started"), color="grey"),
        *(
            figure(f"status:{status}", label, color=color)
            for status, label, color in (
                (Checklist.Status.DRAFT, Checklist.Status.DRAFT.label, "grey"),
                (Checklist.Status.SUBMITTED, Checklist.Status.SUBMITTED.label, "blue"),
                (Checklist.Status.RETURNED, Checklist.Status.RETURNED.label, "yellow"),
                (Checklist.Status.APPROVED, Checklist.Status.APPROVED.label, "green"),
            )
        ),
    ]
    board.filing_timing = [
        figure("filing:on_time", _("Filed on time"), color="green"),
        figure("filing:late", _("Filed late"), color="yellow"),
        figure("filing:none", _("Not filed"), color="red"),
    ]
    # Translated once, not per office (a province's 501 offices took 20 ms of gettext per count).
    named = office_figure_labeller()
    parts = (_("Filed on time"), _("Filed late"), _("Not filed"), _("Approved"))
    board.offices = OfficeLines(
        (
            line["filing_office_id"],
            line["filing_office__name"],
            line["filing_office__kind"] == FilingOffice.Kind.DISTRICT_BUREAU,
            tuple(line[key] for key in ("all", "filing:on_time", "filing:late", "filing:none", "status:approved")),
            tuple(named(line["filing_office__name"], part) for part in parts),
        )
        for line in offices
    )
    board.study = [
        figure("study:met", _("Minimum met"), color="green"),
        figure("study:unmet", _("Below the minimum"), color="red"),
    ]
    board.months = [
        figure(f"month:{month}", _("Month %(month)d") % {"month": month}, measure=ACTIVITIES) for month in MONTHS
    ]
    duty_colors = {Duty.STUDY: "blue", Duty.PUBLIC: "green", Duty.ENFORCEMENT: "teal", Duty.MEDIA: "grey"}
    board.duties = [figure(f"duty:{duty}", duty.label, color=duty_colors[duty], measure=ACTIVITIES) for duty in Duty]
    board.people = [figure(f"people:{duty}", duty.label, color=duty_colors[duty], measure=PEOPLE) for duty in Duty]
    board.items = [
        figure("items:all", _("Every item met"), color="green"),
        figure("items:part", _("Some items met"), color="yellow"),
        figure("items:none", _("No item met yet"), color="red"),
        figure("items:no_checklist", _("No approved checklist"), color="grey"),
    ]
    grade_colors = {Grade.EXCELLENT: "green", Grade.GOOD: "teal", Grade.PASS: "yellow", Grade.FAIL: "red"}
    board.grades = [
        *(figure(f"grade:{grade}", grade.label, color=color) for grade, color in grade_colors.items()),
        figure("grade:none", _("Not scored"), color="grey"),
    ]
    board.lights = [figure(f"light:{light}", light.label, color=light.value) for light in Light]
    board.ranking = Figure("ranking", str(_("Ranking")), scored)
    if scored:
        results = Result.objects.filter(rubric_id=rubric_id, agency__in=agencies.values("pk")).select_related("agency")
        # Each with how many agencies of the scope hold its rank, counted over them all before the first ten are cut.
        results = results.annotate(holding=Window(Count("pk"), partition_by=[F("rank_district")]))
        top = list(results.order_by("rank_district", "agency__name")[:TOP])
        board.top = [_ranked(result) for result in top]
        board.top_tied = tied_left_out([result.rank_district for result in top], top[-1].holding if top else 0)
    # Counted in the year of the inspection that found them.
    board.overdue = figure(
        "rectification:overdue",
        _("Overdue rectifications"),
        color="red",
        measure=RECTIFICATIONS,
    )
    board.coverage = (
        figure("coverage:full", _("Every enforced law covered"), color="green"),
        figure("coverage:gaps", _("Enforced laws left uncovered"), color="red"),
    )
    # Agencies asked in a campaign of the year: those that took part in at least one, and those not yet.
    board.campaigns = (
        figure("campaign:took_part", _("Took part in a campaign"), color="green"),
        figure("campaign:not_yet", _("Asked, not yet taken part"), color="yellow"),
    )
    return board
