"""The home-page cards: staff see their checklist, reviewers their queue, leadership the filing progress."""

import datetime as dt
from zoneinfo import ZoneInfo

import time_machine
from django.urls import reverse

from checklists import services

from .conftest import YEAR, approved, many_agencies, submitted

HOME = reverse("home")
SHANGHAI = ZoneInfo("Asia/Shanghai")


@time_machine.travel(dt.datetime(YEAR, 2, 20, 9, 0, tzinfo=SHANGHAI))
def test_staff_see_their_status_deadline_and_days_left(login, staff_a):
    response = login(staff_a).get(HOME)
    assert response.status_code == 200
    assert "本单位 2026 年度普法责任清单" in response.text
    assert "未填报" in response.text and "2026-02-28" in response.text and "还剩 8 天" in response.text
    assert reverse("checklists:year", args=[staff_a.agency_id, YEAR]) in response.text


@time_machine.travel(dt.datetime(YEAR, 3, 3, 9, 0, tzinfo=SHANGHAI))
def test_staff_see_the_return_comment_and_the_days_overdue(login, staff_a, bureau_reviewer):
    checklist = submitted(staff_a.agency, staff_a)
    services.checklist_return(checklist=checklist, actor=bureau_reviewer, comment="请补充执法对象的宣传")
    text = login(staff_a).get(HOME).text
    assert "已退回" in text and "请补充执法对象的宣传" in text and "已逾期 3 天" in text


@time_machine.travel(dt.datetime(YEAR, 3, 3, 9, 0, tzinfo=SHANGHAI))
def test_an_approved_checklist_shows_no_countdown(login, staff_a, bureau_reviewer):
    approved(staff_a.agency, staff_a, bureau_reviewer)
    text = login(staff_a).get(HOME).text
    assert "已通过" in text and "逾期" not in text


def test_reviewers_see_how_many_wait_and_how_many_are_late(login, bureau_reviewer, staff_a, staff_b, town_reviewer):
    submitted(staff_a.agency, staff_a, at=dt.datetime(YEAR, 2, 10, tzinfo=SHANGHAI))
    submitted(staff_b.agency, staff_b, at=dt.datetime(YEAR, 3, 10, tzinfo=SHANGHAI))
    response = login(bureau_reviewer).get(HOME)
    panel = next(p for p in response.context["panels"] if p.template == "checklists/panels/reviewer.html")
    assert panel.context == {"waiting": 2, "late": 1}
    assert "其中 1 份逾期报送" in response.text
    town = next(p for p in login(town_reviewer).get(HOME).context["panels"] if "reviewer" in p.template)
    assert town.context == {"waiting": 0, "late": 0}


def test_leadership_see_the_years_filing_progress(login, leader, staff_a, staff_b, bureau_reviewer, agency_town):
    approved(staff_a.agency, staff_a, bureau_reviewer, at=dt.datetime(YEAR, 2, 10, tzinfo=SHANGHAI))
    submitted(staff_b.agency, staff_b, at=dt.datetime(YEAR, 3, 10, tzinfo=SHANGHAI))
    response = login(leader).get(HOME)
    panel = next(p for p in response.context["panels"] if p.template == "checklists/panels/progress.html")
    rows = dict(panel.context["rows"])
    assert (rows["未填报"], rows["已报送"], rows["已通过"]) == (2, 1, 1)
    assert (panel.context["on_time"], panel.context["late"]) == (1, 1)


def test_the_home_panels_keep_a_fixed_number_of_queries(
    login, leader, bureau_reviewer, bureau_office, django_assert_num_queries
):
    leadership, reviewer = login(leader), login(bureau_reviewer)
    many_agencies(bureau_office, 4, statuses=("submitted", "approved", None))
    # The home page with every app's panels. For leadership:
    # 1. the session
    # 2. the user
    # 3. the year's cycle (the home page's year; every panel after reuses it within the request)
    # 4. the agencies counted by filing status (待办: not filed past the deadline)
    # 5. the overdue rectifications counted (待办)
    # 6. the unread notices counted, with the oldest (待办 and the navigation bar)
    # 7. the agencies counted by filing status (checklists panel)
    # 8. the agencies counted, and those subject to the study minimum (activities)
    # 9. the ★ sessions counted per agency (the summaries, and this month's activities)
    # 10. the year's ready archives counted (activities)
    # 11. the library's people counted by kind
    # 12. the library's active materials counted
    # 13. its rubric (the dashboard's facts)
    # 14. the results with their agency
    # 15. the active agencies with their office
    # 16. their first revisions (filed, and when)
    # 17. activities per checklist item
    # 18. the approved checklists' items with their targets
    # 19. activities and people per agency and duty (the summaries, and this month's held study activities)
    # 20. activities per agency and month (the summaries)
    # 21. the filed archives
    # 22. the agencies with an overdue rectification
    # 23. the agencies' enforced laws counted, and those their counted checklist covers
    # 24. the agencies asked in the year's campaigns, and in how many they took part
    # 25. the latest published rubric (assessment)
    # 26. the overdue rectifications counted (oversight)
    # 27. the agencies counted by level (agencies)
    with django_assert_num_queries(27):
        leadership.get(HOME)
    # For a bureau reviewer (the activities figures come from the cache leadership's page filled: same scope):
    # 1. the session
    # 2. the user
    # 3. the year's cycle (the home page's year)
    # 4. the user's filing office (scope)
    # 5. checklists waiting, by year (the 待办)
    # 6. those years' cycles (the 待办)
    # 7. late checklists, by year (the 待办)
    # 8. the oldest waiting checklists with their agency (the 待办)
    # 9. the unread notices counted, with the oldest (the 待办 and the navigation bar)
    # 10. checklists waiting, by year (checklists panel)
    # 11. those years' cycles (checklists panel)
    # 12. late checklists, by year (checklists panel)
    # 13. the library's people counted by kind
    # 14. the library's active materials counted
    # 15. the rubrics with their results counted and last scoring run (assessment)
    # 16. the overdue rectifications counted (oversight)
    # 17. the first overdue rectifications with their inspection and agency (oversight)
    # 18. the agencies counted with a plan and a report filed (oversight)
    # 19. the agencies counted by level (agencies)
    with django_assert_num_queries(19):
        reviewer.get(HOME)
    many_agencies(bureau_office, 200, start=4, statuses=("submitted", "approved", None))
    # With 200 more agencies: the activities figures (leadership 8-10) and the dashboard's facts (leadership
    # 13-23) come from the cache, the rest is the same queries.
    with django_assert_num_queries(12):
        leadership.get(HOME)
    with django_assert_num_queries(19):  # the same nineteen
        reviewer.get(HOME)
