"""Each step of a checklist's workflow tells the people whose turn it is, once (checklists/notices.py)."""

from agencies.models import Notification, ReminderLog
from agencies.notices import NoticeKind
from checklists import services

from .conftest import submitted

Kind = NoticeKind


def titles(user):
    return list(Notification.objects.filter(recipient=user).values_list("title", flat=True))


def test_a_submission_tells_the_office_reviewers_once(
    staff_a, bureau_reviewer, bureau_admin, town_reviewer, django_capture_on_commit_callbacks, mailoutbox, celery_eager
):
    bureau_reviewer.email = "reviewer@puffa.example"
    bureau_reviewer.save()
    with django_capture_on_commit_callbacks(execute=True):
        checklist = submitted(staff_a.agency, staff_a)
    assert titles(bureau_reviewer) == ["区市场监管局报送了2026年度清单，请审核"]
    notice = Notification.objects.get(recipient=bureau_reviewer)
    assert notice.url == f"/checklists/{checklist.pk}/review/"
    assert titles(town_reviewer) == [] and titles(bureau_admin) == [] and titles(staff_a) == []
    assert [message.to for message in mailoutbox] == [["reviewer@puffa.example"]]
    assert ReminderLog.objects.filter(kind=Kind.CHECKLIST_SUBMITTED, agency=staff_a.agency).count() == 1


def test_a_town_agency_s_submission_goes_to_its_town_office(staff_town, town_reviewer, bureau_reviewer):
    submitted(staff_town.agency, staff_town)
    assert len(titles(town_reviewer)) == 1
    assert titles(bureau_reviewer) == []


def test_returning_tells_the_agency_s_staff_what_the_reviewer_said(
    staff_a, staff_b, staff_parent, bureau_reviewer, django_capture_on_commit_callbacks, mailoutbox, celery_eager
):
    checklist = submitted(staff_a.agency, staff_a)
    with django_capture_on_commit_callbacks(execute=True):
        services.checklist_return(checklist=checklist, actor=bureau_reviewer, comment="第2项缺少量化目标")
    notice = Notification.objects.get(recipient=staff_a)
    assert notice.title == "2026年度清单已被退回：请修改后重新报送"
    assert "第2项缺少量化目标" in notice.body
    assert notice.url == f"/checklists/{checklist.pk}/"
    assert titles(staff_b) == [] and titles(staff_parent) == []
    assert [message.to for message in mailoutbox] == [["a@puffa.example"]]
    assert "第2项缺少量化目标" in mailoutbox[0].body


def test_approval_tells_the_agency_once_even_when_submitted_again_after_a_return(staff_a, bureau_reviewer):
    checklist = submitted(staff_a.agency, staff_a)
    services.checklist_return(checklist=checklist, actor=bureau_reviewer, comment="请补充")
    services.checklist_submit(checklist=checklist, actor=staff_a)
    services.checklist_approve(checklist=checklist, actor=bureau_reviewer, comment="同意备案")
    assert titles(staff_a) == ["2026年度清单已通过审核", "2026年度清单已被退回：请修改后重新报送"]
    assert "同意备案" in Notification.objects.get(recipient=staff_a, title__contains="通过").body
    # two submissions, two notices to the reviewer: each step once
    assert len(titles(bureau_reviewer)) == 2
    assert ReminderLog.objects.filter(agency=staff_a.agency).count() == 4


def test_a_step_that_fails_sends_nothing(staff_a, bureau_reviewer):
    checklist = submitted(staff_a.agency, staff_a)
    services.checklist_approve(checklist=checklist, actor=bureau_reviewer)
    try:
        services.checklist_approve(checklist=checklist, actor=bureau_reviewer)
    except services.TransitionError:
        pass
    assert len(titles(staff_a)) == 1
