"""Filing an amendment to an approved checklist."""

from django.urls import reverse

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
