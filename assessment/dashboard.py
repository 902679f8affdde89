"""The leadership dashboard's reads: every figure of a year, each with the agencies behind it.

A figure is a number *and* the rows it counts, so the drill-down page shows exactly the agencies a bar was
drawn from. Everything comes from ``assessment.facts.year_facts`` (the same counting as the scoring) and the
year's results: a fixed number of queries whatever the number of agencies or activities.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from agencies import freshness
from agencies.models import Agency, FilingOffice
from agencies.vocabulary import Duty
from checklists.models import AnnualCycle, Checklist

from .facts import LATE, NOT_FILED, NOT_STARTED, ON_TIME, AgencyFacts, year_facts
from .models import Grade, Light, Result, Rubric
from .oversight_selectors import overdue_rectifications

MONTHS = range(1, 13)


@dataclass
class Row:
    """One agency's line: its facts for the year and, once scored, its result."""

    facts: AgencyFacts
    result: Result | None = None

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
    rows: list[Row]
    color: str = "blue"
    # For figures that add up activities or people: each agency's part of the value (shown on drill-down).
    measure: Callable[[Row], int] | None = None
    measure_label: str = ""

    def parts(self) -> list[tuple[Row, int | None]]:
        return [(row, self.measure(row) if self.measure else None) for row in self.rows]


@dataclass
class OfficeLine:
    office: FilingOffice
    agencies: Figure
    on_time: Figure
    late: Figure
    not_filed: Figure
    approved: Figure


@dataclass
class Dashboard:
    year: int
    cycle: AnnualCycle
    rubric: Rubric | None
    rows: list[Row]
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
    everyone: Figure | None = None
    # Rectifications past their deadline and not accepted, now (§4.3): the agencies that owe one.
    overdue: Figure | None = None

    @property
    def published(self) -> bool:
        return self.rubric is not None and self.rubric.is_published

    @property
    def scored(self) -> bool:
        return any(row.result for row in self.rows)

    @property
    def activities_total(self) -> int:
        return sum(f.value for f in self.duties)

    @property
    def people_total(self) -> int:
        return sum(f.value for f in self.people)

    @property
    def items_total(self) -> int:
        return sum(row.facts.items_total for row in self.rows)

    @property
    def items_met(self) -> int:
        return sum(row.facts.items_met for row in self.rows)

    def headline(self, key: str) -> Figure:
        return self.figure(key)

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
        ]
        for line in self.offices:
            found += [line.agencies, line.on_time, line.late, line.not_filed, line.approved]
        return [f for f in [*found, self.ranking, self.everyone, self.overdue] if f is not None]

    def figure(self, key: str) -> Figure | None:
        return next((f for f in self.figures() if f.key == key), None)


def status_label(status: str) -> str:
    """A checklist status as words, "not started" when there is no checklist yet."""
    return _("Not started") if status == NOT_STARTED else str(Checklist.Status(status).label)


def _figure(key, label, rows, color="blue", *, measure=None, measure_label="") -> Figure:
    value = sum(measure(row) for row in rows) if measure else len(rows)
    return Figure(key, str(label), value, rows, color, measure, str(measure_label))


CACHE_SECONDS = 24 * 3600


def _rows(year: int, agencies: QuerySet[Agency], cycle: AnnualCycle, rubric: Rubric | None) -> list[Row]:
    results = {}
    if rubric is not None:
        results = {r.agency_id: r for r in Result.objects.filter(rubric=rubric, agency__in=agencies.values("pk"))}
    return [Row(facts, results.get(facts.agency.pk)) for facts in year_facts(year, agencies, cycle=cycle)]


def build(year: int, agencies: QuerySet[Agency], *, scope: str = "") -> Dashboard:
    """The year's dashboard over ``agencies`` (active, and narrowed to what the user may see).

    With a ``scope`` (``agencies.access.scope_key``: the same key means the same agencies) the rows are
    cached until the district's data next changes (``agencies.freshness``): counting a province's year
    takes seconds, reading it back takes milliseconds.
    """
    cycle = AnnualCycle.for_year(year)
    rubric = Rubric.objects.filter(cycle=cycle).first()
    if scope:
        key = f"puffa:dashboard:{freshness.version()}:{year}:{scope}"
        rows = cache.get(key)
        if rows is None:
            rows = _rows(year, agencies, cycle, rubric)
            cache.set(key, rows, CACHE_SECONDS)
    else:
        rows = _rows(year, agencies, cycle, rubric)
    board = Dashboard(year=year, cycle=cycle, rubric=rubric, rows=rows)

    def where(test) -> list[Row]:
        return [row for row in rows if test(row)]

    board.everyone = _figure("all", _("Every agency"), rows)
    board.filing_status = [
        _figure("status:none", _("Not started"), where(lambda r: r.facts.filing_status == NOT_STARTED), "grey"),
        *(
            _figure(f"status:{status}", label, where(lambda r, s=status: r.facts.filing_status == s), color)
            for status, label, color in (
                (Checklist.Status.DRAFT, Checklist.Status.DRAFT.label, "grey"),
                (Checklist.Status.SUBMITTED, Checklist.Status.SUBMITTED.label, "blue"),
                (Checklist.Status.RETURNED, Checklist.Status.RETURNED.label, "yellow"),
                (Checklist.Status.APPROVED, Checklist.Status.APPROVED.label, "green"),
            )
        ),
    ]
    board.filing_timing = [
        _figure("filing:on_time", _("Filed on time"), where(lambda r: r.facts.filing == ON_TIME), "green"),
        _figure("filing:late", _("Filed late"), where(lambda r: r.facts.filing == LATE), "yellow"),
        _figure("filing:none", _("Not filed"), where(lambda r: r.facts.filing == NOT_FILED), "red"),
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
                office=office,
                agencies=_figure(f"{key}:all", office.name, mine),
                on_time=_figure(f"{key}:on_time", _("Filed on time"), [r for r in mine if r.facts.filing == ON_TIME]),
                late=_figure(f"{key}:late", _("Filed late"), [r for r in mine if r.facts.filing == LATE]),
                not_filed=_figure(f"{key}:none", _("Not filed"), [r for r in mine if r.facts.filing == NOT_FILED]),
                approved=_figure(
                    f"{key}:approved",
                    _("Approved"),
                    [r for r in mine if r.facts.filing_status == Checklist.Status.APPROVED],
                ),
            )
        )
    subject = where(lambda r: r.facts.study_subject)
    board.study = [
        _figure("study:met", _("Minimum met"), [r for r in subject if r.facts.study_met], "green"),
        _figure("study:unmet", _("Below the minimum"), [r for r in subject if not r.facts.study_met], "red"),
    ]
    board.months = [
        _figure(
            f"month:{month}",
            _("Month %(month)d") % {"month": month},
            where(lambda r, m=month: r.facts.activities_by_month[m] > 0),
            measure=lambda r, m=month: r.facts.activities_by_month[m],
            measure_label=_("Activities"),
        )
        for month in MONTHS
    ]
    duty_colors = {Duty.STUDY: "blue", Duty.PUBLIC: "green", Duty.ENFORCEMENT: "teal", Duty.MEDIA: "grey"}
    board.duties = [
        _figure(
            f"duty:{duty}",
            duty.label,
            where(lambda r, d=duty: r.facts.activities_by_duty[d] > 0),
            duty_colors[duty],
            measure=lambda r, d=duty: r.facts.activities_by_duty[d],
            measure_label=_("Activities"),
        )
        for duty in Duty
    ]
    board.people = [
        _figure(
            f"people:{duty}",
            duty.label,
            where(lambda r, d=duty: r.facts.people_by_duty[d] > 0),
            duty_colors[duty],
            measure=lambda r, d=duty: r.facts.people_by_duty[d],
            measure_label=_("People reached"),
        )
        for duty in Duty
    ]
    approved = where(lambda r: r.facts.has_approved_checklist)
    board.items = [
        _figure(
            "items:all",
            _("Every item met"),
            [r for r in approved if r.facts.items_met == r.facts.items_total],
            "green",
        ),
        _figure(
            "items:part",
            _("Some items met"),
            [r for r in approved if 0 < r.facts.items_met < r.facts.items_total],
            "yellow",
        ),
        _figure("items:none", _("No item met yet"), [r for r in approved if r.facts.items_met == 0], "red"),
        _figure(
            "items:no_checklist",
            _("No approved checklist"),
            where(lambda r: not r.facts.has_approved_checklist),
            "grey",
        ),
    ]
    grade_colors = {Grade.EXCELLENT: "green", Grade.GOOD: "teal", Grade.PASS: "yellow", Grade.FAIL: "red"}
    board.grades = [
        *(
            _figure(f"grade:{grade}", grade.label, where(lambda r, g=grade: r.result and r.result.grade == g), color)
            for grade, color in grade_colors.items()
        ),
        _figure("grade:none", _("Not scored"), where(lambda r: r.result is None), "grey"),
    ]
    board.lights = [
        _figure(f"light:{light}", light.label, where(lambda r, li=light: r.result and r.result.light == li), light)
        for light in Light
    ]
    ranked = sorted(where(lambda r: r.result is not None), key=lambda r: (r.result.rank_district, r.agency.name))
    board.ranking = _figure("ranking", _("Ranking"), ranked)
    overdue = Counter(
        overdue_rectifications().filter(agency__in=agencies.values("pk")).values_list("agency_id", flat=True)
    )
    board.overdue = _figure(
        "rectification:overdue",
        _("Overdue rectifications"),
        where(lambda r: overdue[r.agency.pk] > 0),
        "red",
        measure=lambda r: overdue[r.agency.pk],
        measure_label=_("Overdue rectifications"),
    )
    return board
