"""Submitting with a confirmation page."""

import datetime as dt

import time_machine
from django.urls import reverse

from checklists.models import Checklist

from .conftest import draft


def submit_url(checklist):
    return reverse("checklists:submit", args=[checklist.pk])


def test_the_confirmation_says_where_it_goes_and_changes_nothing(login, staff_a, draft_a):
    response = login(staff_a).get(submit_url(draft_a))
    assert response.status_code == 200
    assert "新北区委政法委（司法局）" in response.text and "共 2 项事项" in response.text
    draft_a.refresh_from_db()
    assert draft_a.status == Checklist.Status.DRAFT


@time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC))
def test_the_confirmation_warns_when_the_deadline_has_passed(login, staff_a, agency_a):
    checklist = draft(agency_a, staff_a)
    assert "将记为逾期报送" in login(staff_a).get(submit_url(checklist)).text


def test_confirming_submits_it(login, staff_a, draft_a):
    client = login(staff_a)
    response = client.post(submit_url(draft_a))
    assert response.status_code == 302
    draft_a.refresh_from_db()
    assert draft_a.status == Checklist.Status.SUBMITTED and draft_a.first_submitted_at is not None
    assert "已报送" in client.get(response.url).text


def test_submitting_twice_is_refused_with_a_message(login, staff_a, submitted_a):
    client = login(staff_a)
    response = client.post(submit_url(submitted_a))
    assert response.status_code == 302
    assert "只有草稿或被退回的清单才能报送" in client.get(response.url).text
    assert submitted_a.transitions.filter(to_status="submitted").count() == 1


def test_the_parent_agency_cannot_submit_for_its_unit(login, staff_parent, draft_a):
    assert login(staff_parent).post(submit_url(draft_a)).status_code == 403
    draft_a.refresh_from_db()
    assert draft_a.status == Checklist.Status.DRAFT


def test_another_agency_gets_404(login, staff_b, draft_a):
    assert login(staff_b).post(submit_url(draft_a)).status_code == 404


def test_the_confirmation_keeps_a_fixed_number_of_queries(login, staff_a, agency_a, django_assert_num_queries):
    checklist = draft(agency_a, staff_a, items=2)
    client = login(staff_a)
    # 1. the session
    # 2. the user
    # 3. the user's subordinate units (access)
    # 4. the checklist with its agency
    # 5. the year's cycle (the deadline)
    # 6. the item count
    # 7. the agency's filing office (who will review it)
    # 8. the unread-notification count in the navigation bar
    with django_assert_num_queries(8):
        assert client.get(submit_url(checklist)).status_code == 200
    other = draft(agency_a, staff_a, items=40, year=2027)
    with django_assert_num_queries(8):  # the same eight for 40 items
        assert client.get(submit_url(other)).status_code == 200
