"""Agencies propose; the bureau accepts or declines with a reason the agency reads."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from activities.models import LibraryStatus

from .conftest import propose_volunteer


def test_the_bureau_accepts_a_proposal_into_the_library(login, bureau_admin, staff_b, proposal_from_a):
    response = login(bureau_admin).post(
        reverse("library:person_decide", args=[proposal_from_a.pk]), {"decision": "accept"}
    )
    assert response.status_code == 302
    proposal_from_a.refresh_from_db()
    assert proposal_from_a.status == LibraryStatus.ACTIVE and proposal_from_a.decided_by == bureau_admin
    assert "钱小燕" in login(staff_b).get(reverse("library:people")).text


def test_declining_needs_a_reason_which_the_agency_then_reads(login, bureau_admin, staff_a, proposal_from_a):
    client = login(bureau_admin)
    client.post(reverse("library:person_decide", args=[proposal_from_a.pk]), {"decision": "decline", "reason": ""})
    proposal_from_a.refresh_from_db()
    assert proposal_from_a.status == LibraryStatus.PROPOSED
    client.post(
        reverse("library:person_decide", args=[proposal_from_a.pk]),
        {"decision": "decline", "reason": "已在讲师团名单中"},
    )
    proposal_from_a.refresh_from_db()
    assert proposal_from_a.status == LibraryStatus.DECLINED
    text = login(staff_a).get(reverse("library:proposals")).text
    assert "钱小燕" in text and "已在讲师团名单中" in text


def test_a_decided_proposal_cannot_be_decided_again(login, bureau_admin, proposal_from_a):
    client = login(bureau_admin)
    url = reverse("library:person_decide", args=[proposal_from_a.pk])
    client.post(url, {"decision": "accept"})
    response = client.post(url, {"decision": "decline", "reason": "重复"}, follow=True)
    proposal_from_a.refresh_from_db()
    assert proposal_from_a.status == LibraryStatus.ACTIVE
    assert "只有待审核的推荐才能" in response.text


def test_proposals_are_visible_to_the_proposing_agency_its_parent_and_the_bureau_only(
    login, staff_a, staff_b, staff_parent, bureau_reviewer, proposal_from_a
):
    assert "钱小燕" in login(staff_a).get(reverse("library:proposals")).text
    assert "钱小燕" in login(staff_parent).get(reverse("library:proposals")).text
    assert "钱小燕" in login(bureau_reviewer).get(reverse("library:proposals")).text
    assert "钱小燕" not in login(staff_b).get(reverse("library:proposals")).text


def test_only_the_bureau_decides(login, staff_a, staff_parent, bureau_reviewer, leader, staff_b, proposal_from_a):
    url = reverse("library:person_decide", args=[proposal_from_a.pk])
    for user in (staff_a, staff_parent, bureau_reviewer, leader):
        assert login(user).post(url, {"decision": "accept"}).status_code == 403
    assert login(staff_b).post(url, {"decision": "accept"}).status_code == 404
    proposal_from_a.refresh_from_db()
    assert proposal_from_a.status == LibraryStatus.PROPOSED


def test_the_proposals_export_reopens(login, bureau_admin, proposal_from_a):
    response = login(bureau_admin).get(reverse("library:proposals_export"))
    rows = list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)
    assert rows[1][1] == "钱小燕" and rows[1][2] == "常州市新北区市场监督管理局"


def test_the_proposals_page_query_count_is_fixed(
    login, bureau_admin, staff_a, django_assert_num_queries, proposal_from_a
):
    client = login(bureau_admin)
    # 1. the session
    # 2. the user
    # 3. the unread-notification count in the navigation bar
    # 4. the proposed and declined people counted (their paginator)
    # 5. the page's people with their agency, proposer and decider
    # 6. the proposed and declined materials counted (none: an empty page needs no second query)
    with django_assert_num_queries(6):
        assert client.get(reverse("library:proposals")).status_code == 200
    for i in range(15):
        propose_volunteer(staff_a, f"志愿者{i}")
    with django_assert_num_queries(6):  # the same six for 16 proposals
        assert client.get(reverse("library:proposals")).status_code == 200


def test_the_proposals_page_through_each_list_apart_keeping_the_filter(
    login, bureau_admin, staff_a, proposal_from_a, monkeypatch
):
    from activities.library import views

    monkeypatch.setattr(views, "PROPOSALS_PAGE_SIZE", 2)
    for i in range(2):
        propose_volunteer(staff_a, f"志愿者{i}")
    client = login(bureau_admin)
    first = client.get(reverse("library:proposals"), {"status": LibraryStatus.PROPOSED})
    assert len(first.context["people"]) == 2 and first.context["people"].paginator.count == 3
    assert f'href="?status={LibraryStatus.PROPOSED}&people_page=2"' in first.text
    second = client.get(reverse("library:proposals"), {"status": LibraryStatus.PROPOSED, "people_page": 2})
    names = {p.name for p in first.context["people"]} | {p.name for p in second.context["people"]}
    assert names == {"钱小燕", "志愿者0", "志愿者1"}
