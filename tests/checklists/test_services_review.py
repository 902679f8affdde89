"""checklist_approve and checklist_return: who may decide, on what, and what is recorded."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from checklists import services
from checklists.models import Checklist, ChecklistTransition

from .conftest import submitted

Status = Checklist.Status


def test_approving_records_the_reviewer_and_the_time(submitted_a, bureau_reviewer):
    checklist = services.checklist_approve(checklist=submitted_a, actor=bureau_reviewer, comment="同意备案")
    assert checklist.status == Status.APPROVED
    assert checklist.decided_by == bureau_reviewer and checklist.decided_at is not None
    step = checklist.transitions.order_by("pk").last()
    assert (step.from_status, step.to_status, step.actor, step.comment) == (
        Status.SUBMITTED,
        Status.APPROVED,
        bureau_reviewer,
        "同意备案",
    )


def test_a_bureau_administrator_may_decide_too(submitted_a, bureau_admin):
    assert services.checklist_approve(checklist=submitted_a, actor=bureau_admin).status == Status.APPROVED


def test_returning_records_the_comment(submitted_a, bureau_reviewer):
    checklist = services.checklist_return(checklist=submitted_a, actor=bureau_reviewer, comment="请补充执法对象")
    assert checklist.status == Status.RETURNED
    assert checklist.transitions.order_by("pk").last().comment == "请补充执法对象"


@pytest.mark.parametrize("comment", ["", "   \n "])
def test_returning_needs_a_comment(submitted_a, bureau_reviewer, comment):
    with pytest.raises(services.TransitionError, match="意见"):
        services.checklist_return(checklist=submitted_a, actor=bureau_reviewer, comment=comment)
    submitted_a.refresh_from_db()
    assert submitted_a.status == Status.SUBMITTED


def test_a_draft_cannot_be_approved(draft_a, bureau_reviewer):
    with pytest.raises(services.TransitionError, match="草稿"):
        services.checklist_approve(checklist=draft_a, actor=bureau_reviewer)
    draft_a.refresh_from_db()
    assert draft_a.status == Status.DRAFT


def test_staff_cannot_approve_their_own_checklist(submitted_a, staff_a):
    with pytest.raises(PermissionDenied):
        services.checklist_approve(checklist=submitted_a, actor=staff_a)
    submitted_a.refresh_from_db()
    assert submitted_a.status == Status.SUBMITTED


def test_a_reviewer_of_another_office_cannot_decide(submitted_a, town_reviewer):
    with pytest.raises(PermissionDenied):
        services.checklist_approve(checklist=submitted_a, actor=town_reviewer)
    with pytest.raises(PermissionDenied):
        services.checklist_return(checklist=submitted_a, actor=town_reviewer, comment="不同意")
    assert not ChecklistTransition.objects.filter(actor=town_reviewer).exists()


def test_a_town_office_decides_on_its_town_agency(staff_town, agency_town, town_reviewer):
    checklist = submitted(agency_town, staff_town)
    assert services.checklist_approve(checklist=checklist, actor=town_reviewer).status == Status.APPROVED


def test_leadership_cannot_decide(submitted_a, leader):
    with pytest.raises(PermissionDenied):
        services.checklist_approve(checklist=submitted_a, actor=leader)


def test_the_second_decision_is_told_who_decided_first(submitted_a, bureau_reviewer, bureau_admin):
    services.checklist_approve(checklist=submitted_a, actor=bureau_reviewer)
    with pytest.raises(services.AlreadyDecided) as excinfo:
        services.checklist_return(checklist=submitted_a, actor=bureau_admin, comment="退回")
    assert excinfo.value.decided_by == bureau_reviewer
    assert "bureau_reviewer" in str(excinfo.value) and "已" in str(excinfo.value)
    submitted_a.refresh_from_db()
    assert submitted_a.status == Status.APPROVED
    assert submitted_a.transitions.filter(from_status=Status.SUBMITTED).count() == 1


def test_a_decision_on_a_submission_the_reviewer_did_not_see_is_refused(submitted_a, staff_a, bureau_reviewer):
    seen = submitted_a.submitted_at
    services.checklist_return(checklist=submitted_a, actor=bureau_reviewer, comment="补充")
    services.checklist_submit(checklist=submitted_a, actor=staff_a, at=seen + dt.timedelta(hours=1))
    with pytest.raises(services.TransitionError, match="重新报送"):
        services.checklist_approve(checklist=submitted_a, actor=bureau_reviewer, seen_submitted_at=seen)
    submitted_a.refresh_from_db()
    assert submitted_a.status == Status.SUBMITTED


def test_a_returned_checklist_can_be_edited_and_resubmitted(submitted_a, staff_a, bureau_reviewer):
    from .conftest import item

    services.checklist_return(checklist=submitted_a, actor=bureau_reviewer, comment="补充")
    services.checklist_items_save(checklist=submitted_a, actor=staff_a, items=[item(content="改好了")])
    services.checklist_submit(checklist=submitted_a, actor=staff_a)
    approved = services.checklist_approve(checklist=submitted_a, actor=bureau_reviewer)
    assert approved.status == Status.APPROVED
    assert list(approved.items.values_list("content", flat=True)) == ["改好了"]


def test_an_approved_checklist_cannot_be_edited(approved_a, staff_a):
    from .conftest import item

    with pytest.raises(services.TransitionError):
        services.checklist_items_save(checklist=approved_a, actor=staff_a, items=[item()])
    with pytest.raises(services.TransitionError):
        services.checklist_submit(checklist=approved_a, actor=staff_a)
