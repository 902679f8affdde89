"""Every activities page through the access rules: own staff change; the parent agency and reviewers in
scope read (403 on change); another agency and reviewers out of scope get 404; leadership's POSTs 403;
anonymous users go to the login page."""

import pytest
from django.urls import reverse

from activities import services
from activities.evidence import inspect_evidence

from .conftest import YEAR, upload

# (url name, takes an activity (else the agency), is a change page)
READ_PAGES = [
    ("activities:ledger", "agency"),
    ("activities:ledger_export", "agency"),
    ("activities:progress", "agency"),
    ("activities:archive", "agency"),
    ("activities:detail", "activity"),
    ("activities:evidence", "evidence"),
    ("activities:thumbnail", "evidence"),
]
CHANGE_PAGES = [
    ("activities:create", "agency"),
    ("activities:import", "agency"),
    ("activities:edit", "activity"),
    ("activities:delete", "activity"),
]
POST_ONLY = [("activities:archive", "agency"), ("activities:evidence_delete", "evidence")]


@pytest.fixture
def targets(agency_a, activity, staff_a):
    evidence = services.evidence_add(
        activity=activity, uploaded_by=staff_a, checked=inspect_evidence(upload("合影.png"))
    )
    return {"agency": agency_a, "activity": activity, "evidence": evidence}


def url_for(name, kind, targets):
    if kind == "agency":
        return reverse(name, args=[targets["agency"].pk, YEAR])
    return reverse(name, args=[targets[kind].pk])


@pytest.mark.parametrize("name, kind", READ_PAGES + CHANGE_PAGES)
def test_the_agencys_staff_open_every_page(login, staff_a, targets, name, kind):
    assert login(staff_a).get(url_for(name, kind, targets)).status_code == 200


@pytest.mark.parametrize("who", ["staff_parent", "bureau_reviewer", "bureau_admin", "leader"])
@pytest.mark.parametrize("name, kind", READ_PAGES)
def test_readers_in_scope_open_the_read_pages(request, login, targets, who, name, kind):
    assert login(request.getfixturevalue(who)).get(url_for(name, kind, targets)).status_code == 200


@pytest.mark.parametrize("who", ["staff_parent", "bureau_reviewer", "bureau_admin"])
@pytest.mark.parametrize("name, kind", CHANGE_PAGES + POST_ONLY)
def test_readers_in_scope_get_403_on_change(request, login, targets, who, name, kind):
    client = login(request.getfixturevalue(who))
    assert client.post(url_for(name, kind, targets), {}).status_code == 403
    if (name, kind) in CHANGE_PAGES:
        assert client.get(url_for(name, kind, targets)).status_code == 403


@pytest.mark.parametrize("who", ["staff_b", "town_reviewer", "staff_town"])
@pytest.mark.parametrize("name, kind", READ_PAGES + CHANGE_PAGES + POST_ONLY)
def test_outsiders_get_404(request, login, targets, who, name, kind):
    client = login(request.getfixturevalue(who))
    assert client.post(url_for(name, kind, targets), {}).status_code == 404
    if (name, kind) not in POST_ONLY:
        assert client.get(url_for(name, kind, targets)).status_code == 404


@pytest.mark.parametrize("name, kind", CHANGE_PAGES + POST_ONLY)
def test_leadership_posts_answer_403(login, leader, targets, name, kind):
    assert login(leader).post(url_for(name, kind, targets), {}).status_code == 403


@pytest.mark.parametrize("name, kind", READ_PAGES + CHANGE_PAGES + POST_ONLY)
def test_anonymous_users_go_to_the_login_page(client, targets, name, kind):
    response = client.get(url_for(name, kind, targets))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_index_sends_staff_to_their_ledger_and_others_to_the_overview(login, staff_a, bureau_reviewer, agency_a):
    from django.utils import timezone

    year = timezone.localdate().year
    assert login(staff_a).get(reverse("activities:index")).url == reverse("activities:ledger", args=[agency_a.pk, year])
    assert login(bureau_reviewer).get(reverse("activities:index")).url == reverse("activities:overview", args=[year])
