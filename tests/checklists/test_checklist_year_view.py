"""Our checklist for year Y: start it, read it, and who may see it."""

from django.urls import reverse

from checklists.models import Checklist

from .conftest import YEAR, approved, draft


def year_url(agency, year=YEAR):
    return reverse("checklists:year", args=[agency.pk, year])


def test_staff_are_offered_to_start_empty_or_copy_last_year(login, staff_a, agency_a, bureau_reviewer):
    approved(agency_a, staff_a, bureau_reviewer, year=YEAR - 1)
    response = login(staff_a).get(year_url(agency_a))
    assert response.status_code == 200
    assert "未填报" in response.text and "复制上年度" in response.text
    assert reverse("checklists:start", args=[agency_a.pk, YEAR]) in response.text


def test_starting_by_copying_last_year_opens_the_items_page(login, staff_a, agency_a, bureau_reviewer):
    approved(agency_a, staff_a, bureau_reviewer, year=YEAR - 1, items=3)
    response = login(staff_a).post(reverse("checklists:start", args=[agency_a.pk, YEAR]), {"how": "copy"})
    checklist = Checklist.objects.get(agency=agency_a, year=YEAR)
    assert response.status_code == 302 and response.url == reverse("checklists:items", args=[checklist.pk])
    assert checklist.items.count() == 3


def test_starting_empty(login, staff_a, agency_a):
    login(staff_a).post(reverse("checklists:start", args=[agency_a.pk, YEAR]), {"how": "empty"})
    assert Checklist.objects.get(agency=agency_a, year=YEAR).items.count() == 0


def test_the_page_shows_status_items_history_and_the_return_comment(login, staff_a, agency_a, bureau_reviewer):
    from checklists import services

    checklist = draft(agency_a, staff_a, items=2)
    services.checklist_submit(checklist=checklist, actor=staff_a)
    services.checklist_return(checklist=checklist, actor=bureau_reviewer, comment="请把普法对象写具体")
    response = login(staff_a).get(year_url(agency_a))
    assert response.status_code == 200
    text = response.text
    assert "已退回" in text and "请把普法对象写具体" in text
    assert "普法事项1" in text and "普法事项2" in text
    assert "办理记录" in text and "bureau_reviewer" in text
    assert reverse("checklists:items", args=[checklist.pk]) in text
    assert reverse("checklists:submit", args=[checklist.pk]) in text


def test_the_parent_agency_reads_but_is_offered_no_change(login, staff_parent, staff_a, agency_a):
    checklist = draft(agency_a, staff_a)
    response = login(staff_parent).get(year_url(agency_a))
    assert response.status_code == 200 and "普法事项1" in response.text
    assert reverse("checklists:items", args=[checklist.pk]) not in response.text
    assert login(staff_parent).post(reverse("checklists:start", args=[agency_a.pk, YEAR + 1])).status_code == 403


def test_another_agencys_checklist_answers_404(login, staff_b, staff_a, agency_a):
    checklist = draft(agency_a, staff_a)
    client = login(staff_b)
    assert client.get(year_url(agency_a)).status_code == 404
    assert client.get(reverse("checklists:detail", args=[checklist.pk])).status_code == 404
    assert client.post(reverse("checklists:start", args=[agency_a.pk, YEAR + 1])).status_code == 404


def test_a_town_reviewer_cannot_see_a_district_agency(login, town_reviewer, staff_a, agency_a):
    draft(agency_a, staff_a)
    assert login(town_reviewer).get(year_url(agency_a)).status_code == 404


def test_anonymous_users_go_to_the_login_page(client, agency_a):
    response = client.get(year_url(agency_a))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_leadership_reads_and_cannot_start(login, leader, agency_a):
    client = login(leader)
    assert client.get(year_url(agency_a)).status_code == 200
    assert client.post(reverse("checklists:start", args=[agency_a.pk, YEAR]), {"how": "empty"}).status_code == 403
    assert not Checklist.objects.exists()


def test_my_checklist_goes_to_this_years_page(login, staff_a, agency_a):
    from django.utils import timezone

    response = login(staff_a).get(reverse("checklists:mine"))
    assert response.url == year_url(agency_a, timezone.localdate().year)


def test_an_earlier_revision_stays_readable(login, staff_a, agency_a, bureau_reviewer):
    from checklists import services

    first = approved(agency_a, staff_a, bureau_reviewer)
    amendment = services.checklist_amend(checklist=first, actor=staff_a, reason="调整")
    latest = login(staff_a).get(year_url(agency_a))
    assert "第 2 版" in latest.text and "调整" in latest.text
    services.checklist_submit(checklist=amendment, actor=staff_a)
    services.checklist_approve(checklist=amendment, actor=bureau_reviewer)
    response = login(staff_a).get(reverse("checklists:detail", args=[first.pk]))
    assert response.status_code == 200 and "历史版本" in response.text and "现行有效版本" not in response.text


def test_the_approved_revision_is_in_force_while_its_amendment_is_under_review(
    login, staff_a, agency_a, bureau_reviewer
):
    from checklists import services

    first = approved(agency_a, staff_a, bureau_reviewer)
    amendment = services.checklist_amend(checklist=first, actor=staff_a, reason="调整")
    services.checklist_submit(checklist=amendment, actor=staff_a)
    text = login(bureau_reviewer).get(reverse("checklists:detail", args=[first.pk])).text
    assert "现行有效版本" in text and "历史版本" not in text
    assert "变更版本（第 2 版）当前为“已报送”，审核通过前本版继续有效。" in text
    assert f'href="{reverse("checklists:detail", args=[amendment.pk])}"' in text


def test_the_page_query_count_does_not_grow_with_items(login, staff_a, agency_a, law, django_assert_num_queries):
    from checklists import services

    from .conftest import item

    checklist = draft(agency_a, staff_a, items=2, laws=[law])
    client = login(staff_a)
    # 1. the session
    # 2. the user
    # 3. the user's subordinate units (access)
    # 4. the agency with its parent and filing office
    # 5. the year's latest revision
    # 6. that revision again, with its agency, office, previous revision and actors
    # 7. its items
    # 8. the items' laws
    # 9. its transitions with their actors
    # 10. the year's revisions with their actors (the history)
    # 11. their transitions with their actors: the same rows as 9 again
    # 12. the year's cycle
    # 13. the unread-notification count in the navigation bar
    with django_assert_num_queries(13):  # the same thirteen for 30 items
        assert client.get(year_url(agency_a)).status_code == 200
    services.checklist_items_save(checklist=checklist, actor=staff_a, items=[item(law_ids=[law.pk]) for _ in range(30)])
    with django_assert_num_queries(13):  # the same thirteen for 30 items
        assert client.get(year_url(agency_a)).status_code == 200


def test_an_amendment_s_page_dates_the_year_s_filing_and_its_own_submission(login, staff_a, agency_a, bureau_reviewer):
    import datetime as dt
    from zoneinfo import ZoneInfo

    import time_machine

    from checklists import services

    shanghai = ZoneInfo("Asia/Shanghai")
    with time_machine.travel(dt.datetime(YEAR, 2, 20, 9, 0, tzinfo=shanghai)):
        first = approved(agency_a, staff_a, bureau_reviewer)
    amendment = services.checklist_amend(checklist=first, actor=staff_a, reason="调整")
    services.checklist_submit(checklist=amendment, actor=staff_a, at=dt.datetime(YEAR, 9, 10, 15, 30, tzinfo=shanghai))
    text = login(bureau_reviewer).get(reverse("checklists:detail", args=[amendment.pk])).text
    assert "首次报送（第 1 版）</dt>" in text and "2026-02-20 09:00 · 按时报送" in text  # as 备案情况 has it
    assert "本版报送</dt><dd" in text and "2026-09-10 15:30" in text
    assert "首次报送</dt>" not in text  # 2026-09-10 is not the year's first submission


def test_a_resubmitted_filing_shows_its_first_and_last_submission(login, staff_a, agency_a, bureau_reviewer):
    import datetime as dt
    from zoneinfo import ZoneInfo

    from checklists import services

    shanghai = ZoneInfo("Asia/Shanghai")
    checklist = draft(agency_a, staff_a)
    services.checklist_submit(checklist=checklist, actor=staff_a, at=dt.datetime(YEAR, 2, 20, 9, 0, tzinfo=shanghai))
    services.checklist_return(checklist=checklist, actor=bureau_reviewer, comment="请细化")
    services.checklist_submit(checklist=checklist, actor=staff_a, at=dt.datetime(YEAR, 3, 5, 11, 0, tzinfo=shanghai))
    text = login(bureau_reviewer).get(year_url(agency_a)).text
    assert "首次报送</dt>" in text and "2026-02-20 09:00 · 按时报送" in text
    assert "最近报送</dt>" in text and "2026-03-05 11:00" in text
