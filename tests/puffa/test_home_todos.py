"""待办 first on every home page: what to do next, linked, with its age (puffa/todos.py and each app's todos)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from activities.models import LibraryStatus, ResourcePerson
from agencies import freshness
from assessment import services as assessment_services
from assessment.models import Inspection, SurveyResult
from assessment.oversight import services as oversight_services
from checklists import services

from ..checklists.conftest import draft, submitted
from ..library.uploads import pdf_bytes, upload

HOME = reverse("home")
SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(month, day, hour=9):
    return dt.datetime(2026, month, day, hour, 0, tzinfo=SHANGHAI)


def todo_block(response) -> str:
    """The 待办 card, which comes before every other card on the page."""
    text = response.content.decode()
    start = text.index('data-testid="todos"')
    assert start < text.find('class="row g-3') or text.find('class="row g-3') == -1
    return text[start : text.index("</section>", start)]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def finding_for(agency, bureau_admin, *, deadline):
    inspection = oversight_services.inspection_record(
        user=bureau_admin,
        held_on=dt.date(2026, 1, 10),
        kind=Inspection.Kind.ON_SITE,
        title="普法责任制落实情况现场检查",
        agencies=[agency],
    )
    return oversight_services.finding_add(
        inspection=inspection,
        user=bureau_admin,
        agency=agency,
        description="未建立以案释法案例库",
        requires_rectification=True,
        deadline=deadline,
    )


def propose_person(staff):
    """The staff's agency proposes a volunteer for the library (waiting for the bureau)."""
    return ResourcePerson.objects.create(
        kind=ResourcePerson.Kind.VOLUNTEER,
        name="钱小燕",
        status=LibraryStatus.PROPOSED,
        proposed_by_agency=staff.agency,
        created_by=staff,
    )


def test_a_clerk_with_a_draft_is_asked_to_continue_and_submit_it(login, staff_a):
    with time_machine.travel(at(2, 10)):
        checklist = draft(staff_a.agency, staff_a)
    with time_machine.travel(at(2, 20)):
        block = todo_block(login(staff_a).get(HOME))
    assert "继续填写2026年度普法责任清单并报送" in block
    assert f'href="/checklists/{checklist.pk}/items/"' in block
    assert "截止日期 2026-02-28" in block and "已等待 10 天" in block
    assert "今年还需开展 2 次集中学法" in block  # a government agency, no session held yet
    assert "报送2026年度普法工作计划" in block


def test_a_returned_checklist_shows_what_the_reviewer_said_and_the_notice(login, staff_a, bureau_reviewer):
    with time_machine.travel(at(2, 10)):
        checklist = submitted(staff_a.agency, staff_a)
        services.checklist_return(checklist=checklist, actor=bureau_reviewer, comment="第2项缺少量化目标")
    with time_machine.travel(at(3, 2)):
        block = todo_block(login(staff_a).get(HOME))
    assert "按审核意见修改被退回的清单并重新报送" in block
    assert "审核意见：第2项缺少量化目标" in block
    assert "已逾期" in block  # past the deadline and still not filed
    assert "阅读 1 条未读消息" in block and f'href="{reverse("agencies:inbox")}"' in block


def test_a_clerk_sees_the_rectifications_due_with_the_overdue_ones_marked(login, staff_a, bureau_admin):
    with time_machine.travel(at(1, 10)):
        finding = finding_for(staff_a.agency, bureau_admin, deadline=dt.date(2026, 2, 1))
    with time_machine.travel(at(2, 5)):
        block = todo_block(login(staff_a).get(HOME))
    assert "整改并答复：未建立以案释法案例库" in block
    assert f'href="/oversight/rectifications/{finding.pk}/"' in block
    assert "整改期限 2026-02-01" in block and "已逾期" in block


def test_a_reviewer_sees_each_checklist_waiting_how_long_and_the_late_ones(
    login, staff_a, staff_b, bureau_reviewer, town_reviewer
):
    with time_machine.travel(at(2, 20)):
        on_time = submitted(staff_a.agency, staff_a)
    with time_machine.travel(at(3, 3)):
        late = submitted(staff_b.agency, staff_b)
    with time_machine.travel(at(3, 10)):
        block = todo_block(login(bureau_reviewer).get(HOME))
        town_block = todo_block(login(town_reviewer).get(HOME))
    assert "审核区市场监管局的2026年度清单" in block and f'href="/checklists/{on_time.pk}/review/"' in block
    assert "审核区教育局的2026年度清单" in block and f'href="/checklists/{late.pk}/review/"' in block
    assert "已等待 18 天" in block and "已等待 7 天" in block
    assert block.count("逾期报送") == 1
    assert block.index("区市场监管局") < block.index("区教育局")  # the longest waiting first
    assert "暂无待办事项" in town_block


def test_the_bureau_sees_proposals_answered_rectifications_and_the_year_s_next_step(
    login, staff_a, bureau_admin, bureau_reviewer
):
    with time_machine.travel(at(11, 20)):
        propose_person(staff_a)
        finding = finding_for(staff_a.agency, bureau_admin, deadline=dt.date(2026, 12, 31))
        oversight_services.rectification_answer(
            finding=finding, user=staff_a, description="已建立案例库", evidence=[upload("整改.pdf", pdf_bytes())]
        )
        assessment_services.rubric_for_year(year=2026)
    with time_machine.travel(at(12, 2)):
        block = todo_block(login(bureau_admin).get(HOME))
        reviewer_block = todo_block(login(bureau_reviewer).get(HOME))
    assert "处理 1 条资源库推荐" in block and f'href="{reverse("library:proposals")}"' in block
    assert "审核 1 条已答复的整改" in block and "?status=answered" in block
    assert "导入2026年度第三方测评结果" in block and 'href="/assessment/2026/survey/"' in block
    assert "已等待 12 天" in block
    # the district's reviewers hear of the answer in their inbox, but the decision is the administrators'
    assert "已答复的整改" not in reviewer_block and "阅读 1 条未读消息" in reviewer_block


@pytest.mark.opened_years(2026)
def test_the_bureau_is_asked_to_score_a_year_once_it_has_ended_not_before(login, agency_a, bureau_admin):
    """In December the survey may be in, but the year is scored on the whole year: the next step waits for
    January, as the results page says."""
    rubric = assessment_services.rubric_for_year(year=2026)
    SurveyResult.objects.create(
        rubric=rubric, agency=agency_a, awareness=90, satisfaction=95, imported_at=at(12, 1), imported_by=bureau_admin
    )
    with time_machine.travel(at(12, 20)):
        december = todo_block(login(bureau_admin).get(HOME))
    with time_machine.travel(dt.datetime(2027, 1, 4, 9, tzinfo=SHANGHAI)):
        january = todo_block(login(bureau_admin).get(HOME))
    assert "计算2026年度考核得分" not in december
    assert "计算2026年度考核得分" in january and 'href="/assessment/2026/"' in january


@pytest.mark.opened_years(2026, 2027)
def test_in_january_the_year_just_ended_is_the_one_to_score_though_the_next_is_open(login, agency_a, bureau_admin):
    rubric = assessment_services.rubric_for_year(year=2026)
    assessment_services.rubric_for_year(year=2027)
    SurveyResult.objects.create(
        rubric=rubric, agency=agency_a, awareness=90, satisfaction=95, imported_at=at(12, 1), imported_by=bureau_admin
    )
    with time_machine.travel(dt.datetime(2027, 1, 4, 9, tzinfo=SHANGHAI)):
        january = todo_block(login(bureau_admin).get(HOME))
    assert "计算2026年度考核得分" in january and 'href="/assessment/2026/"' in january


def test_leadership_sees_what_needs_attention(login, agency_a, agency_b, staff_a, bureau_admin, leader):
    with time_machine.travel(at(1, 10)):
        finding_for(agency_a, bureau_admin, deadline=dt.date(2026, 2, 1))
    with time_machine.travel(at(2, 20)):
        submitted(staff_a.agency, staff_a)
    with time_machine.travel(at(3, 10)):
        block = todo_block(login(leader).get(HOME))
    assert "2 家单位逾期未报送2026年度清单" in block  # the parent (区政府办) and 区教育局
    assert "?year=2026&amp;timing=overdue" in block
    assert "1 条整改已逾期" in block and "?overdue=on" in block


@time_machine.travel(at(3, 10))
def test_the_home_page_keeps_a_fixed_number_of_queries(
    login, staff_a, staff_b, bureau_reviewer, bureau_admin, leader, django_assert_num_queries
):
    submitted(staff_b.agency, staff_b)
    draft(staff_a.agency, staff_a)
    staff, reviewer, admin, leadership = login(staff_a), login(bureau_reviewer), login(bureau_admin), login(leader)
    for client in (staff, reviewer, admin, leadership):
        client.get(HOME)  # the session is read once more on the first request
    # The 待办 are kept by data version (puffa/todos.py): these are the pages opened again, which read only what
    # the cards and the page need; the first opening after a change reads the 待办 too (the last block).
    # staff: 1 session, 2 user, 3 unread notices (待办; the navigation's unread count too), 4 the years' cycles,
    # 5 checklist with its last comment (the checklist card), 6 agency with its number of laws, 7 its contacts,
    # 8 its subordinate units (the page), 9 ★ sessions (activities card), 10 archive, 11 published result
    # (assessment), 12 open rectifications, 13 filings, 14 overdue (oversight); the library's card is kept by
    # data version too
    with django_assert_num_queries(14):
        staff.get(HOME)
    # reviewer: 1 session, 2 user, 3 office, 4 unread notices, 5 queue by year, 6 the years' cycles, 7 late by
    # year (the checklist card), 8 rubrics (assessment), 9 overdue, 10 the first overdue, 11 filings (oversight),
    # 12 agency summary (the page)
    with django_assert_num_queries(12):
        reviewer.get(HOME)
    # administrator: 1 session, 2 user, 3 unread notices, 4 queue by year, 5 the years' cycles, 6 late by year
    # (the checklist card), 7 this year's and last year's rubrics (assessment), 8 overdue, 9 the first overdue,
    # 10 filings (oversight); the page: 11 office, 12 agency summary
    with django_assert_num_queries(12):
        admin.get(HOME)
    # leadership: 1 session, 2 user, 3 unread notices, 4 the years' cycles, 5 filing progress (the checklist card),
    # 6 rubric (assessment), 7 overdue rectifications (oversight), 8 agency summary
    with django_assert_num_queries(8):
        leadership.get(HOME)
    many = [
        staff_b.agency.__class__(name=f"单位{i}", agency_type="government", filing_office=staff_b.agency.filing_office)
        for i in range(30)
    ]
    staff_b.agency.__class__.objects.bulk_create(many)
    with django_assert_num_queries(12):  # the same with more agencies
        reviewer.get(HOME)
    with django_assert_num_queries(8):
        leadership.get(HOME)
    # After a change the clerk's 待办 are read again, and the library's card: the fourteen above and nine only
    # they read, 15 campaigns running not yet taken part in, 16 rectifications due, 17 plan/report filed,
    # 18 measures to answer (the 待办), 19 people, 20 materials, 21 subordinate units' ids, 22 own people
    # proposals, 23 own material proposals (the library's card).
    freshness.bump()
    with django_assert_num_queries(23):
        staff.get(HOME)
