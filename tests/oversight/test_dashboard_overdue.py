"""Overdue rectifications on the leadership dashboard, down to the agencies, and back to zero."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from assessment.models import Inspection
from assessment.oversight import services

from ..library.uploads import png_bytes, upload

DASHBOARD = reverse("assessment:dashboard")


@time_machine.travel("2026-10-08 09:00 +0800", tick=False)
def test_leadership_sees_the_overdue_count_drill_down_and_zero_after_acceptance(
    login, leader, bureau_admin, staff_a, finding_a, finding_b
):
    leadership = login(leader)
    board = leadership.get(DASHBOARD, {"year": 2026}).context["board"]
    assert board.overdue.value == 1  # A's was due on 30 September; B's is due on 15 October
    drill = leadership.get(reverse("assessment:dashboard_agencies"), {"year": 2026, "figure": "rectification:overdue"})
    assert "常州市新北区市场监督管理局" in drill.text and "常州市新北区教育局" not in drill.text

    services.rectification_answer(
        finding=finding_a, user=staff_a, description="已补齐执法记录仪影像", evidence=[upload("整改.png", png_bytes())]
    )
    # Answered: waiting for the bureau's review (待审核), not overdue for the agency.
    assert leadership.get(DASHBOARD, {"year": 2026}).context["board"].overdue.value == 0
    services.rectification_return(finding=finding_a, user=bureau_admin, reason="影像资料不全")
    assert leadership.get(DASHBOARD, {"year": 2026}).context["board"].overdue.value == 1  # sent back: overdue again
    services.rectification_answer(
        finding=finding_a, user=staff_a, description="已补齐全部影像", evidence=[upload("整改2.png", png_bytes())]
    )
    services.rectification_accept(finding=finding_a, user=bureau_admin)
    assert leadership.get(DASHBOARD, {"year": 2026}).context["board"].overdue.value == 0


@pytest.mark.opened_years(2017, 2018, 2026)
@time_machine.travel("2026-10-08 09:00 +0800", tick=False)
def test_the_overdue_figure_counts_the_inspections_of_the_year_chosen(login, leader, bureau_admin, agency_a, finding_a):
    """``?year=2017`` counts 2017's inspections only: A's 2026 case is not in it."""
    old = services.inspection_record(
        user=bureau_admin,
        held_on=dt.date(2017, 5, 10),
        kind=Inspection.Kind.DEPUTIES,
        title="2017年度普法责任制检查",
        inspectors="区人大代表",
        agencies=[agency_a],
    )
    services.finding_add(
        inspection=old,
        user=bureau_admin,
        agency=agency_a,
        description="2017年整改事项",
        requires_rectification=True,
        deadline=dt.date(2017, 6, 30),
    )
    leadership = login(leader)
    for year in (2017, 2026):
        response = leadership.get(DASHBOARD, {"year": year})
        assert response.status_code == 200, (year, response.status_code, response.content[:300])
        board = response.context["board"]
        assert board.overdue.value == 1, year
        drill = leadership.get(
            reverse("assessment:dashboard_agencies"), {"year": year, "figure": "rectification:overdue"}
        )
        assert drill.context["figure"].value == 1
    assert leadership.get(DASHBOARD, {"year": 2018}).context["board"].overdue.value == 0


@time_machine.travel("2026-10-08 09:00 +0800", tick=False)
def test_the_drill_down_names_its_column_once(login, leader, finding_a):
    drill = login(leader).get(
        reverse("assessment:dashboard_agencies"), {"year": 2026, "figure": "rectification:overdue"}
    )
    assert "逾期未整改（逾期未整改）" not in drill.text
    assert "件数（逾期未整改）" in drill.text
