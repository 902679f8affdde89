"""The library's card on the home pages."""

from django.urls import reverse


def test_the_bureau_sees_proposals_awaiting_its_decision(login, bureau_admin, lecturer, proposal_from_a):
    response = login(bureau_admin).get(reverse("home"))
    assert response.status_code == 200
    assert "普法资源库" in response.text and "1 条推荐待您审核" in response.text


def test_staff_see_their_pending_proposals(login, staff_a, proposal_from_a):
    assert "1 条推荐待司法局审核" in login(staff_a).get(reverse("home")).text


def test_leadership_sees_the_library_counts(login, leader, lecturer):
    text = login(leader).get(reverse("home")).text
    assert "普法资源库" in text and "待您审核" not in text
