"""The rectification reminders: three days before the deadline and the day after it, never once accepted."""

import datetime as dt

from assessment.oversight import services
from assessment.oversight.reminders import rectification_reminders_due

from ..library.uploads import pdf_bytes, upload

DEADLINE = dt.date(2026, 9, 30)


def test_three_days_before_the_deadline_the_agency_is_reminded(finding_a):
    (due,) = rectification_reminders_due(DEADLINE - dt.timedelta(days=3))
    assert due["agency_id"] == finding_a.agency_id and due["kind"] == "rectification"
    assert due["period"] == str(finding_a.pk) and due["stage"] == "before_3_days"
    assert "2026-09-30" in due["title"] and "执法现场释法记录不完整" in due["body"]
    assert due["url"] == finding_a.get_absolute_url()


def test_nothing_is_due_earlier_than_three_days_before(finding_a):
    assert rectification_reminders_due(DEADLINE - dt.timedelta(days=4)) == []
    assert rectification_reminders_due(DEADLINE - dt.timedelta(days=30)) == []


def test_the_day_after_the_deadline_it_is_overdue(finding_a):
    (due,) = rectification_reminders_due(DEADLINE + dt.timedelta(days=1))
    assert due["stage"] == "overdue_1_day" and "逾期" in due["title"]


def test_a_missed_run_is_caught_up_the_caller_keeps_each_stage_to_once(finding_a):
    # The stage stays due past its day so a run missed while workers were down still sends it.
    assert [d["stage"] for d in rectification_reminders_due(DEADLINE - dt.timedelta(days=1))] == ["before_3_days"]
    assert [d["stage"] for d in rectification_reminders_due(DEADLINE + dt.timedelta(days=5))] == ["overdue_1_day"]


def test_nothing_for_an_accepted_rectification(finding_a, staff_a, bureau_admin):
    services.rectification_answer(
        finding=finding_a, user=staff_a, description="已整改", evidence=[upload("a.pdf", pdf_bytes())]
    )
    services.rectification_accept(finding=finding_a, user=bureau_admin)
    assert rectification_reminders_due(DEADLINE - dt.timedelta(days=3)) == []
    assert rectification_reminders_due(DEADLINE + dt.timedelta(days=1)) == []


def test_nothing_for_a_finding_without_rectification(inspection, bureau_admin, agency_a):
    services.finding_add(inspection=inspection, user=bureau_admin, agency=agency_a, description="总体较好")
    assert rectification_reminders_due(DEADLINE + dt.timedelta(days=1)) == []


def test_nothing_while_the_answer_waits_for_review_and_overdue_again_when_sent_back(finding_a, staff_a, bureau_admin):
    """待审核 is the bureau's turn: the agency is not reminded; sent back after the deadline, it is overdue again."""
    services.rectification_answer(
        finding=finding_a, user=staff_a, description="已整改", evidence=[upload("a.pdf", pdf_bytes())]
    )
    assert rectification_reminders_due(DEADLINE - dt.timedelta(days=3)) == []
    assert rectification_reminders_due(DEADLINE + dt.timedelta(days=1)) == []
    services.rectification_return(finding=finding_a, user=bureau_admin, reason="影像资料不全")
    assert [d["stage"] for d in rectification_reminders_due(DEADLINE + dt.timedelta(days=2))] == ["overdue_1_day"]
