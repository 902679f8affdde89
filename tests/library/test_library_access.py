"""Every library page sends anonymous users to log in, and leadership changes nothing."""

import pytest
from django.urls import reverse

from activities.models import LibraryStatus, NeedsAnalysis


@pytest.fixture
def analysis(staff_a):
    return NeedsAnalysis.objects.create(
        agency=staff_a.agency,
        year=2026,
        period="q1",
        audiences=["public"],
        findings="f",
        measures="m",
        created_by=staff_a,
    )


@pytest.fixture
def urls(lecturer, material, proposal_from_a, analysis, agency_a):
    return {
        "get": [
            reverse("library:people"),
            reverse("library:people_export"),
            reverse("library:person", args=[lecturer.pk]),
            reverse("library:materials"),
            reverse("library:materials_export"),
            reverse("library:material", args=[material.pk]),
            reverse("library:material_download", args=[material.pk]),
            reverse("library:proposals"),
            reverse("library:proposals_export"),
            reverse("library:needs"),
            reverse("library:needs_export"),
            reverse("library:needs_detail", args=[analysis.pk]),
        ],
        "post": [
            reverse("library:person_create"),
            reverse("library:person_edit", args=[lecturer.pk]),
            reverse("library:person_decide", args=[proposal_from_a.pk]),
            reverse("library:person_retire", args=[lecturer.pk]),
            reverse("library:material_create"),
            reverse("library:material_edit", args=[material.pk]),
            reverse("library:material_retire", args=[material.pk]),
            reverse("library:needs_create", args=[agency_a.pk]),
            reverse("library:needs_edit", args=[analysis.pk]),
            reverse("library:needs_reply", args=[analysis.pk]),
        ],
    }


def test_anonymous_users_are_sent_to_log_in_everywhere(client, urls):
    for url in urls["get"] + urls["post"]:
        response = client.get(url) if url in urls["get"] else client.post(url, {})
        assert response.status_code == 302 and response.url.startswith(reverse("login")), url


def test_leadership_reads_every_page_and_every_post_answers_403(login, leader, urls, proposal_from_a, lecturer):
    client = login(leader)
    for url in urls["get"]:
        assert client.get(url).status_code == 200, url
    for url in urls["post"]:
        assert client.post(url, {"decision": "accept", "body": "x"}).status_code == 403, url
    proposal_from_a.refresh_from_db()
    lecturer.refresh_from_db()
    assert proposal_from_a.status == LibraryStatus.PROPOSED and lecturer.status == LibraryStatus.ACTIVE


def test_the_forms_open_for_those_who_may_use_them(login, bureau_admin, staff_a, lecturer, material, analysis):
    for user, url in (
        (bureau_admin, reverse("library:person_create")),
        (bureau_admin, reverse("library:person_edit", args=[lecturer.pk])),
        (bureau_admin, reverse("library:material_create")),
        (bureau_admin, reverse("library:material_edit", args=[material.pk])),
        (staff_a, reverse("library:person_create")),
        (staff_a, reverse("library:material_create")),
        (staff_a, reverse("library:needs_create", args=[staff_a.agency.pk])),
        (staff_a, reverse("library:needs_edit", args=[analysis.pk])),
    ):
        assert login(user).get(url).status_code == 200, url


def test_the_bureau_accepts_a_proposed_material(login, bureau_admin, staff_a):
    from activities.library.services import material_add

    from .uploads import pdf_bytes, upload

    proposed = material_add(
        user=staff_a, title="消费维权案例汇编", kind="teaching", file=upload("案例.pdf", pdf_bytes())
    )
    assert proposed.status == LibraryStatus.PROPOSED
    login(bureau_admin).post(reverse("library:material_decide", args=[proposed.pk]), {"decision": "accept"})
    proposed.refresh_from_db()
    assert proposed.status == LibraryStatus.ACTIVE
