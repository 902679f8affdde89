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
    # 3. the opened years' cycles (the home page's year; every panel after reuses them within the request)
    # 4. the agencies counted by filing status (待办 and the checklists panel)
    # 5. the overdue rectifications counted (待办 and the oversight panel)
    # 6. the unread notices counted, with the oldest (待办 and the navigation bar)
    # 7. the agencies counted, and those subject to the study minimum (activities)
    # 8. the ★ sessions counted per agency (the summaries, and this month's activities)
    # 9. the year's ready archives counted (activities)
    # 10. the library's people counted by kind (kept by data version: the reviewer's page below reads none)
    # 11. the library's active materials counted (the same)
    # 12. the active agencies counted (a few: the dashboard counts them now, not a worker)
    # 13. its rubric (the dashboard's figures)
    # 14. the agencies counted per filing office, by their first revision's status and filing timing, their
    #     results and overdue rectifications
    # 15. the fresh kept facts' figures (none kept)
    # 16. the agencies with no fresh kept facts (all of them)
    # 17. their figures counted over each agency's facts (study, coverage, campaigns)
    # 18. activities per checklist item
    # 19. the approved checklists' items with their targets
    # 20. the months', duties' and people's figures (the summaries)
    # 21. the latest published rubric (assessment)
    # 22. the agencies counted by level (agencies)
    with django_assert_num_queries(22):
        leadership.get(HOME)
    # For a bureau reviewer (the activities figures and the library's card come from the cache leadership's page
    # filled: same scope, same data):
    # 1. the session
    # 2. the user
    # 3. the opened years' cycles (the home page's year; the queue's cycles below read them, none more)
    # 4. the user's filing office (scope)
    # 5. checklists waiting, by year (the 待办 and the checklists panel)
    # 6. late checklists, by year (the 待办 and the checklists panel)
    # 7. the oldest waiting checklists with their agency (the 待办)
    # 8. the unread notices counted, with the oldest (the 待办 and the navigation bar)
    # 9. this year's and last year's rubrics with their results counted and last scoring run (assessment)
    # 10. the overdue rectifications counted (oversight)
    # 11. the first overdue rectifications with their inspection and agency (oversight)
    # 12. the agencies counted with a plan and a report filed (oversight)
    # 13. the agencies counted by level (agencies)
    with django_assert_num_queries(13):
        reviewer.get(HOME)
    many_agencies(bureau_office, 200, start=4, statuses=("submitted", "approved", None))
    # With 200 more agencies (the data changed, so the figures are counted again): the same twenty-two.
    with django_assert_num_queries(22):
        leadership.get(HOME)
    # Once more: the activities figures (leadership 7-9), the library's card (10-11) and the dashboard's figures
    # (leadership 12-20) come from the cache, the rest is the same queries.
    with django_assert_num_queries(8):
        leadership.get(HOME)
    with django_assert_num_queries(13):  # the same thirteen
        reviewer.get(HOME)


@time_machine.travel(dt.datetime(YEAR, 3, 10, 9, 0, tzinfo=SHANGHAI))
def test_the_leaders_card_and_to_do_count_the_same_agencies_not_filed(login, leader, agency_a, agency_b, agency_town):
    """A unit that has closed (inactive) is in no figure: the card said one more agency overdue than the 待办."""
    agency_town.is_active = False
    agency_town.save()
    response = login(leader).get(HOME)
    panel = next(p for p in response.context["panels"] if p.template == "checklists/panels/progress.html")
    overdue = panel.context["overdue"]
    assert f"{overdue} 家单位逾期未报送2026年度清单" in response.text
    assert f"逾期未报 {overdue}" in response.text
    assert overdue == 3  # the district units (区政府办 among them); not the closed town unit
