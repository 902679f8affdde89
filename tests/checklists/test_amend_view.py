"""Filing an amendment to an approved checklist."""

from django.urls import reverse

from checklists import services
from checklists.models import Checklist


def amend_url(checklist):
    return reverse("checklists:amend", args=[checklist.pk])


def test_staff_file_an_amendment_with_a_reason(login, staff_a, approved_a):
    page = login(staff_a).get(reverse("checklists:detail", args=[approved_a.pk]))
    assert amend_url(approved_a) in page.text
    response = login(staff_a).post(amend_url(approved_a), {"reason": "新增《反电信网络诈骗法》宣传"})
    amendment = Checklist.objects.get(revision=2)
    assert response.status_code == 302 and response.url == reverse("checklists:items", args=[amendment.pk])
    assert amendment.amendment_reason == "新增《反电信网络诈骗法》宣传"


def test_the_reason_is_required(login, staff_a, approved_a):
    response = login(staff_a).post(amend_url(approved_a), {"reason": ""})
    assert response.status_code == 200 and "这个字段是必填项" in response.text
    assert Checklist.objects.count() == 1


def test_a_draft_cannot_be_amended(login, staff_a, draft_a):
    client = login(staff_a)
    response = client.post(amend_url(draft_a), {"reason": "变更"})
    assert response.status_code == 302
    assert "只能对最新一版审核通过的清单提出变更" in client.get(response.url).text
    assert Checklist.objects.count() == 1


def test_the_parent_and_reviewers_cannot_amend(login, staff_parent, bureau_reviewer, approved_a):
    assert login(staff_parent).post(amend_url(approved_a), {"reason": "变更"}).status_code == 403
    assert login(bureau_reviewer).post(amend_url(approved_a), {"reason": "变更"}).status_code == 403
    assert Checklist.objects.count() == 1


def test_an_amendment_under_way_is_said_before_a_reason_is_typed(login, staff_a, bureau_reviewer, approved_a):
    amendment = services.checklist_amend(checklist=approved_a, actor=staff_a, reason="调整")
    services.checklist_submit(checklist=amendment, actor=staff_a)
    client = login(staff_a)
    response = client.get(amend_url(approved_a))
    assert response.status_code == 200
    text = response.text
    assert "本清单已有一项变更（第 2 版）正在进行中（已报送），该版审核通过后才能再次提出变更。" in text
    assert 'name="reason"' not in text and "开始变更" not in text  # no form to fill in vain
    assert "新建" not in text  # not offered to start 第 2 版 again
    assert f'href="{reverse("checklists:detail", args=[amendment.pk])}"' in text and "查看第 2 版" in text
    # the checklist page offers no amendment of it either
    assert amend_url(approved_a) not in client.get(reverse("checklists:detail", args=[approved_a.pk])).text


def test_an_earlier_revision_says_which_one_is_in_force(login, staff_a, bureau_reviewer, approved_a):
    amendment = services.checklist_amend(checklist=approved_a, actor=staff_a, reason="调整")
    services.checklist_submit(checklist=amendment, actor=staff_a)
    services.checklist_approve(checklist=amendment, actor=bureau_reviewer)
    text = login(staff_a).get(amend_url(approved_a)).text
    assert "第 2 版现为有效版本，变更须在该版基础上提出。" in text and 'name="reason"' not in text
    assert 'name="reason"' in login(staff_a).get(amend_url(amendment)).text  # the one to amend


def test_a_page_opened_before_the_amendment_started_is_refused_with_the_reason_why(login, staff_a, approved_a):
    client = login(staff_a)
    client.get(amend_url(approved_a))  # opened in one tab …
    services.checklist_amend(checklist=approved_a, actor=staff_a, reason="同事先提出的变更")  # … a colleague starts one
    response = client.post(amend_url(approved_a), {"reason": "新增宣传"})
    assert response.status_code == 302
    assert "正在进行中（草稿）" in client.get(response.url).text
    assert Checklist.objects.count() == 2


def test_the_amend_page_query_count(login, staff_a, approved_a, django_assert_num_queries):
    client = login(staff_a)
    # 1. the session
    # 2. the user
    # 3. the user's subordinate units (access)
    # 4. the checklist with its agency
    # 5. the year's latest revision (may it be amended)
    # 6. the unread-notification count in the navigation bar
    with django_assert_num_queries(6):
        assert 'name="reason"' in client.get(amend_url(approved_a)).text
