"""Approving asks first, listing what is still open; the GET writes nothing, the POST approves."""

import datetime as dt
from zoneinfo import ZoneInfo

import time_machine
from django.urls import reverse

from checklists import services
from checklists.models import Checklist

from .conftest import item, submitted


def test_the_review_page_s_approve_button_leads_to_the_confirmation(login, bureau_reviewer, submitted_a):
    text = login(bureau_reviewer).get(reverse("checklists:review", args=[submitted_a.pk])).text
    assert f'href="{reverse("checklists:approve", args=[submitted_a.pk])}"' in text


def test_the_confirmation_lists_what_is_open_and_writes_nothing(login, staff_a, bureau_reviewer, law, agency_a):
    agency_a.laws.add(law)
    checklist = services.checklist_start(agency=agency_a, year=2026, actor=staff_a)
    services.checklist_items_save(
        checklist=checklist,
        actor=staff_a,
        items=[item(), item(content="无目标的事项", target_activities=0, target_people=0)],
    )
    services.checklist_submit(checklist=checklist, actor=staff_a)
    url = reverse("checklists:approve", args=[checklist.pk])
    response = login(bureau_reviewer).get(url)
    assert response.status_code == 200
    text = response.text
    assert "确认审核通过" in text
    assert "1 项没有可量化的目标" in text
    assert "中华人民共和国食品安全法" in text  # enforced, covered by no item
    assert 'name="comment"' in text  # the approval's comment is written here
    checklist.refresh_from_db()
    assert checklist.status == Checklist.Status.SUBMITTED

    response = login(bureau_reviewer).post(url, {"comment": "同意备案", "seen": checklist.submitted_at.isoformat()})
    assert response.status_code == 302
    checklist.refresh_from_db()
    assert checklist.status == Checklist.Status.APPROVED
    assert checklist.transitions.order_by("-pk")[0].comment == "同意备案"


def test_nothing_open_says_so(login, staff_a, bureau_reviewer):
    with time_machine.travel(dt.datetime(2026, 2, 10, 9, tzinfo=ZoneInfo("Asia/Shanghai"))):
        checklist = submitted(staff_a.agency, staff_a)  # on time, every item with targets, no enforced laws
    text = login(bureau_reviewer).get(reverse("checklists:approve", args=[checklist.pk])).text
    assert "没有未完成的事项" in text


def test_a_late_filing_is_named(login, bureau_reviewer, submitted_a):
    text = login(bureau_reviewer).get(reverse("checklists:approve", args=[submitted_a.pk])).text
    assert "逾期报送（截止日期之后报送）" in text


def test_an_approved_checklist_has_nothing_to_confirm(login, bureau_reviewer, approved_a):
    response = login(bureau_reviewer).get(reverse("checklists:approve", args=[approved_a.pk]))
    assert response.status_code == 302 and response.url == reverse("checklists:review", args=[approved_a.pk])
