"""Every oversight page sends anonymous users to log in, and leadership changes nothing."""

import pytest
from django.urls import reverse

from assessment.models import Finding


@pytest.fixture
def urls(inspection, finding_a, plan_a, agency_a):
    return {
        "get": [
            reverse("oversight:filings"),
            reverse("oversight:filings_export"),
            reverse("oversight:agency_filings", args=[agency_a.pk]),
            reverse("oversight:filing_download", args=[plan_a.pk]),
            reverse("oversight:meetings"),
            reverse("oversight:meetings_export"),
            reverse("oversight:inspections"),
            reverse("oversight:inspections_export"),
            reverse("oversight:inspection", args=[inspection.pk]),
            reverse("oversight:rectifications"),
            reverse("oversight:rectifications_export"),
            reverse("oversight:rectification", args=[finding_a.pk]),
        ],
        "post": [
            reverse("oversight:filing_form", args=[agency_a.pk, 2026, "plan"]),
            reverse("oversight:meeting_create"),
            reverse("oversight:inspection_create"),
            reverse("oversight:inspection_edit", args=[inspection.pk]),
            reverse("oversight:finding_create", args=[inspection.pk]),
            reverse("oversight:rectification_answer", args=[finding_a.pk]),
            reverse("oversight:rectification_decide", args=[finding_a.pk]),
        ],
    }


def test_anonymous_users_are_sent_to_log_in_everywhere(client, urls):
    for url in urls["get"] + urls["post"]:
        response = client.get(url) if url in urls["get"] else client.post(url, {})
        assert response.status_code == 302 and response.url.startswith(reverse("login")), url


def test_leadership_reads_every_page_and_every_post_answers_403(login, leader, urls, finding_a):
    client = login(leader)
    for url in urls["get"]:
        assert client.get(url).status_code == 200, url
    for url in urls["post"]:
        assert client.post(url, {"decision": "accept"}).status_code == 403, url
    finding_a.refresh_from_db()
    assert finding_a.status == Finding.Status.PENDING


def test_the_oversight_address_opens_the_plans_and_reports(login, leader):
    assert login(leader).get(reverse("oversight:index")).url == reverse("oversight:filings")


def test_the_bureaus_forms_open(login, bureau_admin, inspection):
    client = login(bureau_admin)
    for url in (
        reverse("oversight:meeting_create"),
        reverse("oversight:inspection_create"),
        reverse("oversight:inspection_edit", args=[inspection.pk]),
    ):
        assert client.get(url).status_code == 200, url


def test_the_agencys_filing_form_opens(login, staff_a):
    assert (
        login(staff_a).get(reverse("oversight:filing_form", args=[staff_a.agency.pk, 2026, "report"])).status_code
        == 200
    )


def test_a_filing_form_for_a_strange_year_or_kind_is_not_found(login, staff_a):
    client = login(staff_a)
    assert client.get(reverse("oversight:filing_form", args=[staff_a.agency.pk, 1999, "plan"])).status_code == 404
    assert client.get(reverse("oversight:filing_form", args=[staff_a.agency.pk, 2026, "budget"])).status_code == 404


def test_a_finding_without_rectification_has_no_rectification_page(login, bureau_admin, inspection, agency_a):
    from assessment.oversight import services

    finding = services.finding_add(inspection=inspection, user=bureau_admin, agency=agency_a, description="总体较好")
    assert login(bureau_admin).get(reverse("oversight:rectification", args=[finding.pk])).status_code == 404


def test_the_inspection_page_query_count_does_not_grow_with_findings(
    login, staff_a, bureau_admin, inspection, agency_a, django_assert_num_queries
):
    from assessment.oversight import services

    client = login(staff_a)
    # 1. the session
    # 2. the user
    # 3. the user's subordinate units (visibility)
    # 4. the inspection with who recorded it
    # 5. its agencies
    # 6. the findings the reader sees, with their agency
    # 7. the unread-notification count in the navigation bar
    with django_assert_num_queries(7):
        assert client.get(inspection.get_absolute_url()).status_code == 200
    for i in range(12):
        services.finding_add(inspection=inspection, user=bureau_admin, agency=agency_a, description=f"问题{i}")
    with django_assert_num_queries(7):  # the same seven for 13 findings
        assert client.get(inspection.get_absolute_url()).status_code == 200
