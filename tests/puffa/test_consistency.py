"""Every figure about an agency and a year agrees (docs/domain.md, "Derived facts").

Hypothesis generates agencies (subject to the study minimum or not), checklists whose items have zero and
non-zero targets, activities dated before and after a frozen today, ★ sessions, and rectifications in every
state with deadlines before and after today, over two years. For each agency and year the agency's progress
page, the reviewer's overviews, the dashboard figures and their drill-downs, the scoring facts and the day's
reminders must say what an independent count of the raw rows, written here, says.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

import pytest
import time_machine
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from activities import facts as activity_facts
from activities import reminders as study_reminders
from agencies import access
from agencies.models import Agency, AnnualCycle
from assessment.dashboard import members as dashboard_members
from assessment.facts import LATE, NOT_FILED, ON_TIME, year_facts
from assessment.models import Finding, Inspection
from assessment.oversight.reminders import BEFORE_3_DAYS, OVERDUE_1_DAY, rectification_reminders_due
from checklists.models import Checklist, ChecklistItem

from ..activity_rows import logged_activity

TODAY = dt.date(2026, 12, 2)
NOW = dt.datetime(2026, 12, 2, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
YEARS = (2025, 2026)
STARRED = ("party_group_study", "executive_meeting_study")
TYPES = (*STARRED, "law_lecture", "open_day")
# Dates around the boundaries that matter: 31 December / 1 January, and today / tomorrow.
DAYS = {
    2025: (dt.date(2025, 3, 1), dt.date(2025, 12, 28), dt.date(2025, 12, 31)),
    2026: (dt.date(2026, 1, 1), dt.date(2026, 6, 1), TODAY, TODAY + dt.timedelta(days=1), dt.date(2026, 12, 28)),
}
DEADLINES = tuple(TODAY + dt.timedelta(days=n) for n in (-30, -1, 0, 2, 20))
STATUSES = ("pending", "answered", "returned", "accepted")
FILINGS = ("none", "on_time", "late")


@dataclass
class Plan:
    subject: bool
    minimum: dict[int, int]
    filing: dict[int, str]
    items: dict[int, list[tuple[int, int]]]  # (target activities, target people)
    activities: list[tuple[int, str, int, int | None, int]]  # (year, type, day index, item index, people)
    findings: list[tuple[int, str, int]]  # (inspection year, status, deadline index)


def _activity(year: int):
    return st.tuples(
        st.just(year),
        st.sampled_from(TYPES),
        st.integers(0, len(DAYS[year]) - 1),
        st.one_of(st.none(), st.integers(0, 2)),
        st.sampled_from((0, 30)),
    )


agency_plans = st.builds(
    Plan,
    subject=st.booleans(),
    minimum=st.fixed_dictionaries({year: st.integers(1, 3) for year in YEARS}),
    filing=st.fixed_dictionaries({year: st.sampled_from(FILINGS) for year in YEARS}),
    items=st.fixed_dictionaries(
        {year: st.lists(st.tuples(st.sampled_from((0, 1, 2)), st.sampled_from((0, 40))), max_size=3) for year in YEARS}
    ),
    activities=st.lists(st.one_of(_activity(2025), _activity(2026)), max_size=7),
    findings=st.lists(
        st.tuples(st.sampled_from(YEARS), st.sampled_from(STATUSES), st.integers(0, len(DEADLINES) - 1)), max_size=3
    ),
)


# --- the independent count, from the generated rows alone ----------------------------------------------


def expected_sessions(plan: Plan, year: int) -> int:
    return sum(
        1 for y, kind, day, _item, _people in plan.activities if y == year and kind in STARRED and DAYS[y][day] <= TODAY
    )


def expected_study_met(plan: Plan, year: int, minimum: int) -> bool:
    return not plan.subject or expected_sessions(plan, year) >= minimum


def expected_items(plan: Plan, year: int) -> list[bool]:
    if plan.filing[year] == "none":
        return []
    met = []
    for index, (target_activities, target_people) in enumerate(plan.items[year]):
        held = [
            people
            for y, _kind, day, item, people in plan.activities
            if y == year and item == index and DAYS[y][day] <= TODAY
        ]
        met.append(len(held) >= 1 and len(held) >= target_activities and sum(held) >= target_people)
    return met


def expected_overdue(plan: Plan, year: int) -> int:
    return sum(
        1
        for y, status, deadline in plan.findings
        if y == year and status in ("pending", "returned") and DEADLINES[deadline] < TODAY
    )


# --- the rows -----------------------------------------------------------------------------------------------


def build(agencies: list[Agency], plans: list[Plan], user) -> dict[int, int]:
    """Write the plans' rows; returns each year's minimum."""
    minimum = {year: plans[0].minimum[year] for year in YEARS}
    for year in YEARS:
        AnnualCycle.objects.update_or_create(
            year=year, defaults={"filing_deadline": dt.date(year, 2, 28), "study_minimum": minimum[year]}
        )
    inspections = {
        year: Inspection.objects.create(
            held_on=dt.date(year, 9, 1), kind=Inspection.Kind.ON_SITE, title=f"{year}年度检查", recorded_by=user
        )
        for year in YEARS
    }
    for agency, plan in zip(agencies, plans, strict=True):
        Agency.objects.filter(pk=agency.pk).update(subject_to_study_minimum=plan.subject)
        items: dict[int, list[ChecklistItem]] = {}
        for year in YEARS:
            items[year] = []
            if plan.filing[year] == "none":
                continue
            submitted = dt.datetime(year, 2, 20, 9, tzinfo=NOW.tzinfo)
            if plan.filing[year] == "late":
                submitted = dt.datetime(year, 3, 1, 0, 0, tzinfo=NOW.tzinfo)  # the first late instant
            checklist = Checklist.objects.create(
                agency=agency,
                year=year,
                status=Checklist.Status.APPROVED,
                first_submitted_at=submitted,
                submitted_at=submitted,
                created_by=user,
            )
            for position, (target_activities, target_people) in enumerate(plan.items[year], start=1):
                items[year].append(
                    ChecklistItem.objects.create(
                        checklist=checklist,
                        position=position,
                        content=f"事项{position}",
                        responsible_office="办公室",
                        contact_person="华伟",
                        start_date=dt.date(year, 1, 1),
                        end_date=dt.date(year, 12, 31),
                        goal="-",
                        target_activities=target_activities,
                        target_people=target_people,
                    )
                )
        for year, kind, day, item, people in plan.activities:
            linked = items[year][item] if item is not None and item < len(items[year]) else None
            logged_activity(
                agency=agency,
                activity_type=kind,
                title="活动",
                start_date=DAYS[year][day],
                people_reached=people,
                checklist_item=linked,
                created_by=user,
            )
        for year, status, deadline in plan.findings:
            inspections[year].agencies.add(agency)
            Finding.objects.create(
                inspection=inspections[year],
                agency=agency,
                description="问题",
                requires_rectification=True,
                deadline=DEADLINES[deadline],
                status=status,
                created_by=user,
            )
    return minimum


def _normalise(plans: list[Plan]) -> list[Plan]:
    """An activity linked to an item that does not exist is linked to none (as in the rows written)."""
    for plan in plans:
        plan.activities = [
            (
                y,
                kind,
                day,
                item if item is not None and plan.filing[y] != "none" and item < len(plan.items[y]) else None,
                p,
            )
            for y, kind, day, item, p in plan.activities
        ]
    return plans


# --- the test ---------------------------------------------------------------------------------------------------


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(plans=st.lists(agency_plans, min_size=2, max_size=2))
def test_every_figure_agrees_with_the_rows(login, agency_a, agency_b, bureau_admin, leader, plans):
    plans = _normalise(plans)
    agencies = [agency_a, agency_b]
    with transaction.atomic():
        cache.clear()
        Agency.objects.exclude(pk__in=[agency.pk for agency in agencies]).update(is_active=False)  # A's parent
        minimum = build(agencies, plans, bureau_admin)
        reviewer, leadership = login(bureau_admin), login(leader)
        for year in YEARS:
            _check_year(year, agencies, plans, minimum[year], reviewer, leadership, leader)
        _check_reminders(agencies, plans, minimum[2026])
        transaction.set_rollback(True)


def _check_year(year, agencies, plans, minimum, reviewer, leadership, leader):
    ids = [agency.pk for agency in agencies]
    want = {
        agency.pk: {
            "sessions": expected_sessions(plan, year),
            "study_met": expected_study_met(plan, year, minimum),
            "items": expected_items(plan, year),
            "overdue": expected_overdue(plan, year),
            "filing": {"none": NOT_FILED, "on_time": ON_TIME, "late": LATE}[plan.filing[year]],
            "subject": plan.subject,
        }
        for agency, plan in zip(agencies, plans, strict=True)
    }

    # The agency's progress page.
    for pk in ids:
        context = reviewer.get(reverse("activities:progress", args=[pk, year])).context
        report, study = context["report"], context["study"]
        assert [p.met for p in report.items] == want[pk]["items"], (pk, year, "progress page")
        assert report.items_met == sum(want[pk]["items"])
        assert (study.sessions, study.met) == (want[pk]["sessions"], want[pk]["study_met"]), (pk, year)

    # The reviewer's overviews: ★ sessions and the minimum; the filing, on time or late.
    overview = reviewer.get(reverse("activities:overview", args=[year]))
    rows = {row.pk: row for row in overview.context["rows"]}
    for pk in ids:
        assert (rows[pk].study_sessions, rows[pk].study_met) == (want[pk]["sessions"], want[pk]["study_met"])
    below = {
        row.pk for row in reviewer.get(reverse("activities:overview", args=[year]), {"show": "below"}).context["rows"]
    }
    assert below == {pk for pk in ids if not want[pk]["study_met"]}
    filings = reviewer.get(reverse("checklists:overview"), {"year": year}).context["rows"]
    timing = {row.pk: row.timing for row in filings}
    for pk in ids:
        assert timing[pk] == {NOT_FILED: "overdue"}.get(want[pk]["filing"], want[pk]["filing"])

    # The facts' SQL forms, over the whole set at once.
    items = activity_facts.with_item_progress(
        ChecklistItem.objects.filter(checklist__year=year, checklist__agency__in=ids).select_related("checklist"), year
    ).order_by("checklist__agency_id", "position")
    for pk in ids:
        assert [item.met for item in items if item.checklist.agency_id == pk] == want[pk]["items"]
    annotated = activity_facts.with_study_sessions(Agency.objects.filter(pk__in=ids), year, minimum=minimum)
    for agency in annotated:
        assert (agency.study_sessions, agency.study_met) == (want[agency.pk]["sessions"], want[agency.pk]["study_met"])

    # The scoring facts.
    for facts in year_facts(year, Agency.objects.filter(pk__in=ids)):
        pk = facts.agency.pk
        assert (facts.items_total, facts.items_met) == (len(want[pk]["items"]), sum(want[pk]["items"])), (pk, year)
        assert facts.study_sessions == want[pk]["sessions"]
        if want[pk]["subject"]:
            assert facts.study_met == want[pk]["study_met"]
        assert facts.filing == want[pk]["filing"]

    # The dashboard and its drill-downs.
    board = leadership.get(reverse("assessment:dashboard"), {"year": year}).context["board"]
    figures = {
        "study:met": {pk for pk in ids if want[pk]["subject"] and want[pk]["study_met"]},
        "study:unmet": {pk for pk in ids if want[pk]["subject"] and not want[pk]["study_met"]},
        "items:all": {pk for pk in ids if want[pk]["items"] and all(want[pk]["items"])},
        "items:none": {pk for pk in ids if want[pk]["items"] and not any(want[pk]["items"])},
        "filing:on_time": {pk for pk in ids if want[pk]["filing"] == ON_TIME},
        "filing:late": {pk for pk in ids if want[pk]["filing"] == LATE},
        "rectification:overdue": {pk for pk in ids if want[pk]["overdue"]},
    }
    assert board.items_met == sum(sum(want[pk]["items"]) for pk in ids)
    assert board.overdue.value == sum(want[pk]["overdue"] for pk in ids)
    for key, members in figures.items():
        figure = board.figure(key)
        if figure.measure_label:
            assert figure.value == sum(want[pk]["overdue"] for pk in members), key
        else:
            assert figure.value == len(members), (key, year)
        # Each drill-down lists the members the figure counted; two pages are read whole.
        found = dashboard_members.of_figure(year, access.active_agencies(leader), key, rubric_id=board.rubric_id)
        assert {pk for pk, _part in found.lines()} == members, (key, year)
        if key in ("items:all", "rectification:overdue"):
            page = leadership.get(reverse("assessment:dashboard_agencies"), {"year": year, "figure": key}).context
            assert {row.agency.pk for row, _part in page["lines"]} == members, (key, year)
            for row, part in page["lines"]:
                pk = row.agency.pk
                assert row.facts.items_met == sum(want[pk]["items"])
                assert row.facts.study_sessions == want[pk]["sessions"]
                if key == "rectification:overdue":
                    assert part == want[pk]["overdue"]


def _check_reminders(agencies, plans, minimum):
    """The day's reminders: the study minimum (1 December's stage is current on 2 December) and rectifications."""
    behind = {due.agency_id for due in study_reminders.study_minimum(TODAY)}
    assert behind == {
        agency.pk for agency, plan in zip(agencies, plans, strict=True) if not expected_study_met(plan, 2026, minimum)
    }
    due = Counter((r["agency_id"], r["stage"]) for r in rectification_reminders_due(TODAY))
    want = Counter()
    for agency, plan in zip(agencies, plans, strict=True):
        for _year, status, deadline in plan.findings:
            if status not in ("pending", "returned"):
                continue
            if DEADLINES[deadline] < TODAY:
                want[(agency.pk, OVERDUE_1_DAY)] += 1
            elif DEADLINES[deadline] <= TODAY + dt.timedelta(days=3):
                want[(agency.pk, BEFORE_3_DAYS)] += 1
    assert due == want
