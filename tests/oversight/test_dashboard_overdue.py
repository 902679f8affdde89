"""Overdue rectifications on the leadership dashboard, down to the agencies, and back to zero."""

import time_machine
from django.urls import reverse

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
    assert leadership.get(DASHBOARD, {"year": 2026}).context["board"].overdue.value == 1  # answered, not accepted
    services.rectification_accept(finding=finding_a, user=bureau_admin)
    assert leadership.get(DASHBOARD, {"year": 2026}).context["board"].overdue.value == 0
