"""The 备案表 (/checklists/<pk>/print/): its dates agree with 备案情况."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.urls import reverse

from checklists import services

from .conftest import YEAR, draft

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(month, day, hour=9):
    return dt.datetime(YEAR, month, day, hour, tzinfo=SHANGHAI)


def print_url(checklist):
    return reverse("checklists:print", args=[checklist.pk])


def resubmitted_and_approved(staff, reviewer):
    """Filed on 20 February (on time), returned, submitted again on 5 March, approved."""
    checklist = draft(staff.agency, staff)
    services.checklist_submit(checklist=checklist, actor=staff, at=at(2, 20))
    services.checklist_return(checklist=checklist, actor=reviewer, comment="请细化目标")
    services.checklist_submit(checklist=checklist, actor=staff, at=at(3, 5))
    return services.checklist_approve(checklist=checklist, actor=reviewer)


def test_the_filing_form_dates_the_filing_as_the_overview_does(login, staff_a, bureau_reviewer):
    checklist = resubmitted_and_approved(staff_a, bureau_reviewer)
    client = login(bureau_reviewer)
    sheet = client.get(print_url(checklist)).text
    assert "首次报送</th><td>2026-02-20（按时报送）</td>" in sheet
    assert '最近报送</th><td colspan="3">2026-03-05</td>' in sheet
    assert "已报送</th>" not in sheet  # not the resubmission under the filing's name
    overview = client.get(reverse("checklists:overview"), {"year": YEAR}).text
    row = overview[overview.index(staff_a.agency.name) :]
    assert "按时报送" in row[: row.index("</tr>")] and "2026-02-20" in row[: row.index("</tr>")]


def test_an_amendment_s_filing_form_dates_the_year_s_filing_and_its_own_submission(
    login, staff_a, bureau_reviewer, django_assert_num_queries
):
    first = resubmitted_and_approved(staff_a, bureau_reviewer)
    amendment = services.checklist_amend(checklist=first, actor=staff_a, reason="调整")
    services.checklist_submit(checklist=amendment, actor=staff_a, at=at(9, 10))
    client = login(staff_a)
    # 1. the session
    # 2. the user
    # 3. the user's subordinate units (access)
    # 4. the revision with its agency, office, previous revision and actors
    # 5. its items
    # 6. their laws
    # 7. its transitions with their actors
    # 8. the year's filing: revision 1's first submission
    # 9. the year's cycle (on time or late)
    with django_assert_num_queries(9):
        sheet = client.get(print_url(amendment)).text
    assert "首次报送（第 1 版）</th><td>2026-02-20（按时报送）</td>" in sheet
    assert '本版报送</th><td colspan="3">2026-09-10</td>' in sheet


def test_a_filing_submitted_once_has_one_date(login, staff_a, bureau_reviewer):
    checklist = draft(staff_a.agency, staff_a)
    services.checklist_submit(checklist=checklist, actor=staff_a, at=at(3, 2))
    sheet = login(bureau_reviewer).get(print_url(checklist)).text
    assert "首次报送</th><td>2026-03-02（逾期报送）</td>" in sheet
    assert "最近报送" not in sheet and "本版报送" not in sheet
