"""Approving asks first, listing what is still open; the GET writes nothing, the POST approves."""

import datetime as dt
from zoneinfo import ZoneInfo

import time_machine
from django.urls import reverse

from checklists import services
from checklists.models import Checklist

from .conftest import item, submitted


def test_the_review_page_s_approve_button_carries_the_comment_to_the_confirmation(login, bureau_reviewer, submitted_a):
    client = login(bureau_reviewer)
    page = client.get(reverse("checklists:review", args=[submitted_a.pk]))
    assert 'name="decision" value="ask_approval"' in page.text  # 审核通过 submits the form the comment is typed in
    seen = page.context["form"]["seen"].value()
    response = client.post(
        reverse("checklists:review", args=[submitted_a.pk]),
        {"decision": "ask_approval", "comment": "同意备案，请按期开展", "seen": seen},
    )
    # Answered with the confirmation itself: what the reviewer typed is in its form, not in an address.
    confirmation = response
    assert confirmation.status_code == 200 and "确认审核通过" in confirmation.text
    assert "同意备案，请按期开展</textarea>" in confirmation.text  # what the reviewer typed, still there
    assert f'action="{reverse("checklists:approve", args=[submitted_a.pk])}"' in confirmation.text
    submitted_a.refresh_from_db()
    assert submitted_a.status == Checklist.Status.SUBMITTED  # asking writes nothing
    assert submitted_a.transitions.count() == 2  # started, submitted

    form = confirmation.context["form"]
    approve = reverse("checklists:approve", args=[submitted_a.pk])
    client.post(approve, {"comment": form["comment"].value(), "seen": form["seen"].value()})
    submitted_a.refresh_from_db()
    assert submitted_a.status == Checklist.Status.APPROVED
    assert submitted_a.transitions.order_by("-pk")[0].comment == "同意备案，请按期开展"


def test_the_confirmation_keeps_the_submission_the_reviewer_read(
    login, staff_a, bureau_reviewer, bureau_admin, submitted_a
):
    client = login(bureau_reviewer)
    seen = client.get(reverse("checklists:review", args=[submitted_a.pk])).context["form"]["seen"].value()
    # meanwhile a colleague returns it and the agency submits a changed checklist
    services.checklist_return(checklist=submitted_a, actor=bureau_admin, comment="请补充")
    services.checklist_submit(checklist=submitted_a, actor=staff_a)
    response = client.post(
        reverse("checklists:review", args=[submitted_a.pk]), {"decision": "ask_approval", "comment": "", "seen": seen}
    )
    form = response.context["form"]
    response = client.post(
        reverse("checklists:approve", args=[submitted_a.pk]), {"comment": "", "seen": form["seen"].value()}
    )
    assert response.url == reverse("checklists:review", args=[submitted_a.pk])
    assert "该单位又重新报送了清单" in client.get(response.url).text
    submitted_a.refresh_from_db()
    assert submitted_a.status == Checklist.Status.SUBMITTED  # not approved unread


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


def test_a_late_filing_is_said_as_a_fact_not_as_something_still_open(login, staff_a, bureau_reviewer):
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai"))):
        checklist = submitted(staff_a.agency, staff_a)  # every item with targets, no enforced laws
    response = login(bureau_reviewer).get(reverse("checklists:approve", args=[checklist.pk]))
    text = response.text
    assert "首次报送于 2026-03-02 09:30，晚于报送截止日期 2026-02-28。" in text
    still_open = text[text.index('data-testid="still-open"') :]
    assert "逾期" not in still_open[: still_open.index("</div>")]
    assert "没有未完成的事项" in still_open  # lateness is not something left to complete


def test_the_confirmation_s_comment_is_not_said_to_be_required_for_returning(login, bureau_reviewer, submitted_a):
    text = login(bureau_reviewer).get(reverse("checklists:approve", args=[submitted_a.pk])).text
    assert "退回时必填" not in text  # there is no return on this page
    assert "选填：审核通过后，单位会在通知中看到这条意见。" in text
    review = login(bureau_reviewer).get(reverse("checklists:review", args=[submitted_a.pk])).text
    assert "退回时必填" in review  # where 退回修改 is


def test_an_approved_checklist_has_nothing_to_confirm(login, bureau_reviewer, approved_a):
    response = login(bureau_reviewer).get(reverse("checklists:approve", args=[approved_a.pk]))
    assert response.status_code == 302 and response.url == reverse("checklists:review", args=[approved_a.pk])


def test_going_back_to_the_review_page_keeps_the_comment(login, bureau_reviewer, submitted_a):
    client = login(bureau_reviewer)
    review = reverse("checklists:review", args=[submitted_a.pk])
    seen = client.get(review).context["form"]["seen"].value()
    confirmation = client.post(review, {"decision": "ask_approval", "comment": "同意备案", "seen": seen})
    assert 'name="back"' in confirmation.text  # 返回审核页面 is a button of the form the comment is typed in

    # The reviewer reads what is still open, adds to the comment and goes back to return it instead.
    approve = reverse("checklists:approve", args=[submitted_a.pk])
    page = client.post(approve, {"comment": "同意备案？请先补充目标", "seen": seen, "back": "1"})
    assert page.status_code == 200 and "同意备案？请先补充目标</textarea>" in page.text
    assert f'action="{review}"' in page.text  # its decisions are the review page's
    assert page.context["form"]["seen"].value() == seen  # the submission shown now
    submitted_a.refresh_from_db()
    assert submitted_a.status == Checklist.Status.SUBMITTED  # going back writes nothing
    assert submitted_a.transitions.count() == 2  # started, submitted

    client.post(review, {"decision": "return", "comment": page.context["form"]["comment"].value(), "seen": seen})
    submitted_a.refresh_from_db()
    assert submitted_a.status == Checklist.Status.RETURNED
    assert submitted_a.transitions.order_by("-pk")[0].comment == "同意备案？请先补充目标"


def test_a_long_comment_goes_to_the_confirmation_and_back_whole(login, bureau_reviewer, submitted_a):
    """Carried in the pages' forms, not in an address: 1,000 characters would be 9 KB of address, more than a web
    server accepts (gunicorn refuses a request line over 4 KB), and the reviewer's text would be lost."""
    client = login(bureau_reviewer)
    review = reverse("checklists:review", args=[submitted_a.pk])
    seen = client.get(review).context["form"]["seen"].value()
    comment = "同意备案。" + "请按清单开展普法活动并及时登记台账，" * 60
    assert len(comment) > 1000

    confirmation = client.post(review, {"decision": "ask_approval", "comment": comment, "seen": seen})
    assert confirmation.status_code == 200 and f"{comment}</textarea>" in confirmation.text
    page = client.post(reverse("checklists:approve", args=[submitted_a.pk]), {"comment": comment, "back": "1"})
    assert page.status_code == 200 and f"{comment}</textarea>" in page.text
    submitted_a.refresh_from_db()
    assert submitted_a.status == Checklist.Status.SUBMITTED and submitted_a.transitions.count() == 2
