"""The review queue and the review page: scope, order, late marks, decisions, amendments' changes."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from checklists import services

from .conftest import YEAR, item, many_agencies, submitted

SHANGHAI = ZoneInfo("Asia/Shanghai")
QUEUE = reverse("checklists:queue")


def review_url(checklist):
    return reverse("checklists:review", args=[checklist.pk])


def test_the_queue_is_oldest_first_and_marks_late_ones(login, bureau_reviewer, staff_a, staff_b):
    late = submitted(staff_b.agency, staff_b, at=dt.datetime(YEAR, 3, 1, 0, 0, tzinfo=SHANGHAI))
    on_time = submitted(staff_a.agency, staff_a, at=dt.datetime(YEAR, 2, 27, 10, 0, tzinfo=SHANGHAI))
    response = login(bureau_reviewer).get(QUEUE)
    assert response.status_code == 200
    assert [c.pk for c in response.context["queue"]] == [on_time.pk, late.pk]
    assert [c.late for c in response.context["queue"]] == [False, True]
    assert response.text.count('badge text-bg-danger">逾期') == 1
    assert "共 2 份清单待审核" in response.text and "其中 1 份逾期报送" in response.text


def test_the_queue_holds_only_the_reviewers_office(login, town_reviewer, staff_a, staff_town):
    submitted(staff_a.agency, staff_a)
    town = submitted(staff_town.agency, staff_town)
    response = login(town_reviewer).get(QUEUE)
    assert [c.pk for c in response.context["queue"]] == [town.pk]
    assert "常州市新北区市场监督管理局" not in response.text
    assert response.context["counts"].waiting == 1


def test_drafts_and_decided_checklists_are_not_in_the_queue(login, bureau_reviewer, draft_a, staff_b, staff_town):
    from .conftest import approved

    approved(staff_b.agency, staff_b, bureau_reviewer)
    response = login(bureau_reviewer).get(QUEUE)
    assert list(response.context["queue"]) == []
    assert "暂无待审核的清单" in response.text


@pytest.mark.parametrize("who", ["staff_a", "leader"])
def test_staff_and_leadership_have_no_queue(request, login, who):
    assert login(request.getfixturevalue(who)).get(QUEUE).status_code == 403


def test_approving_from_the_review_page_goes_through_the_confirmation(login, bureau_reviewer, submitted_a):
    client = login(bureau_reviewer)
    page = client.get(review_url(submitted_a))
    assert page.status_code == 200 and "普法事项1" in page.text and "0519-85001234" in page.text
    seen = page.context["form"]["seen"].value()
    # A POST of decision=approve straight to the review page (an old tab, a script) approves nothing: it asks first.
    response = client.post(review_url(submitted_a), {"decision": "approve", "comment": "同意备案", "seen": seen})
    assert response.status_code == 200 and "确认审核通过" in response.text and "同意备案</textarea>" in response.text
    submitted_a.refresh_from_db()
    assert submitted_a.status == "submitted" and submitted_a.transitions.count() == 2  # started, submitted

    response = client.post(reverse("checklists:approve", args=[submitted_a.pk]), {"comment": "同意备案", "seen": seen})
    assert response.status_code == 302 and response.url == QUEUE
    submitted_a.refresh_from_db()
    assert submitted_a.status == "approved" and submitted_a.decided_by == bureau_reviewer
    assert submitted_a.transitions.order_by("pk").last().comment == "同意备案"
    assert "已审核通过并向社会公布" in client.get(QUEUE).text


def test_returning_needs_a_comment_shown_beside_the_field(login, bureau_reviewer, submitted_a):
    response = login(bureau_reviewer).post(review_url(submitted_a), {"decision": "return", "comment": " "})
    assert response.status_code == 200
    assert "退回须填写审核意见" in response.text
    submitted_a.refresh_from_db()
    assert submitted_a.status == "submitted"


def test_returning_with_a_comment(login, bureau_reviewer, submitted_a):
    login(bureau_reviewer).post(review_url(submitted_a), {"decision": "return", "comment": "请细化目标"})
    submitted_a.refresh_from_db()
    assert submitted_a.status == "returned"
    assert submitted_a.transitions.order_by("pk").last().comment == "请细化目标"


def test_the_second_reviewer_is_told_plainly_who_decided(login, bureau_reviewer, bureau_admin, submitted_a):
    admin = login(bureau_admin)
    stale = admin.get(review_url(submitted_a))  # both have the page open
    login(bureau_reviewer).post(reverse("checklists:approve", args=[submitted_a.pk]), {"comment": ""})
    seen = stale.context["form"]["seen"].value()
    response = admin.post(review_url(submitted_a), {"decision": "return", "comment": "退回", "seen": seen})
    assert response.status_code == 302
    text = admin.get(response.url).text
    assert "bureau_reviewer 已于" in text and "您的审核操作未被记录" in text
    submitted_a.refresh_from_db()
    assert submitted_a.status == "approved"


def test_the_filing_staff_cannot_reach_the_review_page(login, staff_a, staff_parent, submitted_a):
    assert login(staff_a).get(review_url(submitted_a)).status_code == 403
    assert login(staff_a).post(review_url(submitted_a), {"decision": "approve"}).status_code == 403
    assert login(staff_parent).post(review_url(submitted_a), {"decision": "approve"}).status_code == 403
    submitted_a.refresh_from_db()
    assert submitted_a.status == "submitted"


def test_a_reviewer_of_another_office_gets_404(login, town_reviewer, submitted_a):
    assert login(town_reviewer).get(review_url(submitted_a)).status_code == 404
    assert login(town_reviewer).post(review_url(submitted_a), {"decision": "approve"}).status_code == 404


def test_leadership_cannot_decide(login, leader, submitted_a):
    assert login(leader).post(review_url(submitted_a), {"decision": "approve"}).status_code == 403


def test_an_amendment_shows_what_changed_against_the_approved_revision(login, staff_a, bureau_reviewer, approved_a):
    amendment = services.checklist_amend(checklist=approved_a, actor=staff_a, reason="根据新法调整")
    first, second = amendment.items.order_by("position")
    services.checklist_items_save(
        checklist=amendment,
        actor=staff_a,
        items=[
            item(pk=first.pk, content=first.content, target_people=800),
            item(content="新增：反诈宣传进社区"),
        ],
    )
    services.checklist_submit(checklist=amendment, actor=staff_a)
    response = login(bureau_reviewer).get(review_url(amendment))
    changes = response.context["changes"]
    assert [i.content for i in changes.added] == ["新增：反诈宣传进社区"]
    assert [i.content for i in changes.removed] == ["普法事项2"]
    assert [(c.after.pk, [(f.label, f.before, f.after) for f in c.fields]) for c in changes.changed] == [
        (first.pk, [("计划覆盖人数", "300", "800")])
    ]
    assert "根据新法调整" in response.text and "新增事项" in response.text and "删除事项" in response.text


# many_agencies submits the i-th checklist i minutes after 1 February and first submitted it i % 60 days after:
# from 1 March (28 days and more) it is late, so 32 of every 60.
def late_of(count):
    return sum(i % 60 >= 28 for i in range(count))


def test_the_second_page_continues_the_first(login, bureau_reviewer, bureau_office):
    many_agencies(bureau_office, 120)
    client = login(bureau_reviewer)
    pages = [list(client.get(QUEUE, {"page": n}).context["queue"]) for n in (1, 2, 3)]
    assert [len(page) for page in pages] == [50, 50, 20]
    shown = [c for page in pages for c in page]
    assert len({c.pk for c in shown}) == 120
    assert [c.submitted_at for c in shown] == sorted(c.submitted_at for c in shown)
    assert [c.agency.name for c in shown[49:51]] == ["批量单位0049", "批量单位0050"]
    assert sum(c.late for c in shown) == late_of(120)


def test_every_page_says_how_many_wait_and_how_many_are_late(login, bureau_reviewer, bureau_office):
    many_agencies(bureau_office, 120)
    text = login(bureau_reviewer).get(QUEUE, {"page": 3}).text
    assert "共 120 份清单待审核" in text and f"其中 {late_of(120)} 份逾期报送" in text
    assert "第 3 页，共 3 页" in text


def test_only_the_late_ones(login, bureau_reviewer, bureau_office):
    many_agencies(bureau_office, 120)
    response = login(bureau_reviewer).get(QUEUE, {"late": "on"})
    page = response.context["queue"]
    assert page.paginator.count == late_of(120)
    assert len(page) == 50 and all(c.late for c in page)
    assert f"符合筛选条件的有 {late_of(120)} 份" in response.text


def test_one_year_of_the_queue(login, bureau_reviewer, staff_a, staff_b):
    last_year = submitted(staff_a.agency, staff_a, year=YEAR - 1, at=dt.datetime(YEAR - 1, 3, 2, tzinfo=SHANGHAI))
    submitted(staff_b.agency, staff_b, at=dt.datetime(YEAR, 2, 20, tzinfo=SHANGHAI))
    client = login(bureau_reviewer)
    response = client.get(QUEUE, {"year": YEAR - 1})
    assert [c.pk for c in response.context["queue"]] == [last_year.pk]
    assert f"{YEAR - 1}年（待审核 1 份，逾期 1 份）" in response.text
    assert [c.pk for c in client.get(QUEUE, {"year": YEAR - 1, "late": "on"}).context["queue"]] == [last_year.pk]
    assert list(client.get(QUEUE, {"year": YEAR, "late": "on"}).context["queue"]) == []
    # a year the queue does not hold is no filter at all
    assert len(client.get(QUEUE, {"year": 1999}).context["queue"]) == 2


def test_the_queue_query_count_does_not_grow_with_agencies(
    login, bureau_reviewer, bureau_office, django_assert_num_queries
):
    client = login(bureau_reviewer)
    many_agencies(bureau_office, 3)
    # 1. the session
    # 2. the user
    # 3. the user's filing office (scope)
    # 4. checklists waiting, by year
    # 5. those years' cycles
    # 6. late checklists, by year
    # 7. the unread-notification count in the navigation bar
    # 8. the page of checklists with their agency, office and items counted
    with django_assert_num_queries(8):
        assert len(client.get(QUEUE).context["queue"]) == 3
    many_agencies(bureau_office, 497, start=3)
    with django_assert_num_queries(8):  # the same eight for 500 agencies, on page 2
        response = client.get(QUEUE, {"page": 2})
    assert len(response.context["queue"]) == 50
    assert response.context["queue"].paginator.count == 500
    assert [c.item_count for c in response.context["queue"]] == [3] * 50


def test_the_review_page_query_count_does_not_grow_with_items(
    login, staff_a, bureau_reviewer, approved_a, law, django_assert_num_queries
):
    amendment = services.checklist_amend(checklist=approved_a, actor=staff_a, reason="调整")
    services.checklist_submit(checklist=amendment, actor=staff_a)
    client = login(bureau_reviewer)
    # 1. the session
    # 2. the user
    # 3. the user's filing office (scope)
    # 4. the amendment with its agency, office, previous revision and actors
    # 5. its items
    # 6. their laws
    # 7. its transitions with their actors
    # 8. may this user review it (the agency in the user's scope)
    # 9. the approved revision it amends (for the changes)
    # 10. its items
    # 11. their laws
    # 12. the year's cycle
    # 13. the agency's enforced laws, each covered or not by the amendment's items (checklists.coverage)
    # 14. the unread-notification count in the navigation bar
    with django_assert_num_queries(14):
        assert client.get(review_url(amendment)).status_code == 200
    services.checklist_return(checklist=amendment, actor=bureau_reviewer, comment="补充")
    services.checklist_items_save(
        checklist=amendment, actor=staff_a, items=[item(law_ids=[law.pk], content=f"事项{n}") for n in range(30)]
    )
    services.checklist_submit(checklist=amendment, actor=staff_a)
    with django_assert_num_queries(14):  # the same fourteen for 30 items
        response = client.get(review_url(amendment))
    assert len(response.context["changes"].added) == 30


def test_a_failed_decision_opens_with_the_error_summary_above_the_items(login, bureau_reviewer, submitted_a):
    page = login(bureau_reviewer).post(review_url(submitted_a), {"decision": "return", "comment": " "}).text
    summary = page.index("data-error-summary")
    assert summary < page.index("<table")  # above the items, not below them
    assert 'href="#id_comment"' in page[summary:]
    assert page.count("data-error-summary") == 1


def queue_row(text, agency):
    start = text.index(agency.name)
    return text[text.rindex("<tr>", 0, start) : text.index("</tr>", start)]


def test_a_resubmitted_filing_shows_the_first_submission_its_late_mark_is_about(
    login, bureau_reviewer, staff_a, staff_b
):
    # 市场监管局 filed on 20 February, was returned and submitted again on 20 November: on time;
    # the other agency first submitted on 18 November: late.
    on_time = submitted(staff_a.agency, staff_a, at=dt.datetime(YEAR, 2, 20, 9, 0, tzinfo=SHANGHAI))
    services.checklist_return(checklist=on_time, actor=bureau_reviewer, comment="请细化")
    services.checklist_submit(checklist=on_time, actor=staff_a, at=dt.datetime(YEAR, 11, 20, 10, 0, tzinfo=SHANGHAI))
    submitted(staff_b.agency, staff_b, at=dt.datetime(YEAR, 11, 18, 10, 0, tzinfo=SHANGHAI))
    client = login(bureau_reviewer)
    text = client.get(QUEUE).text
    resubmitted, late = queue_row(text, staff_a.agency), queue_row(text, staff_b.agency)
    assert "2026-11-20 10:00" in resubmitted and "首次报送 2026-02-20 09:00" in resubmitted
    assert "逾期" not in resubmitted
    assert "2026-11-18 10:00" in late and "逾期" in late and "首次报送" not in late  # submitted once: one date
    review = client.get(review_url(on_time)).text
    assert "2026-11-20 10:00 报送" in review and "首次报送 2026-02-20 09:00" in review
