"""Inspections and their findings: recorded by the bureau, read by the agencies inspected."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from assessment.models import Finding, Inspection
from assessment.oversight import services


def _post(agencies, **overrides):
    data = {
        "held_on": "2026-06-12",
        "kind": "cppcc",
        "title": "区政协委员视察“谁执法谁普法”工作",
        "inspectors": "区政协社会法制委员会",
        "agencies": [a.pk for a in agencies],
        "summary": "",
    }
    data.update(overrides)
    return data


def test_the_bureau_records_an_inspection_and_a_finding(login, bureau_admin, agency_a):
    client = login(bureau_admin)
    response = client.post(reverse("oversight:inspection_create"), _post([agency_a]))
    inspection = Inspection.objects.get()
    assert response.status_code == 302 and response.url == inspection.get_absolute_url()
    response = client.post(
        reverse("oversight:finding_create", args=[inspection.pk]),
        {
            "agency": agency_a.pk,
            "description": "以案释法案例库未建立",
            "requires_rectification": "on",
            "deadline": "2026-07-12",
        },
    )
    finding = Finding.objects.get()
    assert response.status_code == 302
    assert finding.status == Finding.Status.PENDING and finding.events.get().action == "required"


def test_a_rectification_needs_a_deadline_not_before_the_inspection(login, bureau_admin, inspection, agency_a):
    client = login(bureau_admin)
    url = reverse("oversight:finding_create", args=[inspection.pk])
    base = {"agency": agency_a.pk, "description": "问题", "requires_rectification": "on"}
    assert client.post(url, base).status_code == 200
    assert client.post(url, {**base, "deadline": "2026-09-01"}).status_code == 200
    assert not Finding.objects.exists()


def test_a_finding_is_only_for_an_agency_inspected(login, bureau_admin, inspection, agency_town):
    response = login(bureau_admin).post(
        reverse("oversight:finding_create", args=[inspection.pk]), {"agency": agency_town.pk, "description": "问题"}
    )
    assert response.status_code == 200 and not Finding.objects.exists()


def test_an_inspected_agency_sees_only_its_own_findings(login, staff_a, finding_a, finding_b, inspection):
    text = login(staff_a).get(inspection.get_absolute_url()).text
    assert "执法现场释法记录不完整" in text and "校园普法台账未按月更新" not in text


def test_an_agency_not_inspected_gets_404(login, staff_town, inspection):
    assert login(staff_town).get(inspection.get_absolute_url()).status_code == 404
    assert "区人大代表视察" not in login(staff_town).get(reverse("oversight:inspections")).text


def test_the_parent_reads_its_units_inspection(login, staff_parent, inspection, finding_a):
    assert "执法现场释法记录不完整" in login(staff_parent).get(inspection.get_absolute_url()).text


@pytest.mark.parametrize("who", ["staff_a", "bureau_reviewer", "leader"])
def test_only_the_bureau_records_inspections_and_findings(request, login, who, inspection, agency_a):
    client = login(request.getfixturevalue(who))
    assert client.post(reverse("oversight:inspection_create"), _post([agency_a])).status_code == 403
    response = client.post(
        reverse("oversight:finding_create", args=[inspection.pk]), {"agency": agency_a.pk, "description": "x"}
    )
    assert response.status_code == 403


def test_an_agency_with_findings_cannot_be_removed_from_the_inspection(
    login, bureau_admin, inspection, finding_a, agency_b
):
    response = login(bureau_admin).post(reverse("oversight:inspection_edit", args=[inspection.pk]), _post([agency_b]))
    assert response.status_code == 200 and inspection.agencies.count() == 2


def test_the_list_filters_by_kind(login, bureau_reviewer, inspection, bureau_admin, agency_a):
    services.inspection_record(
        user=bureau_admin, held_on=inspection.held_on, kind="media", title="常州日报记者暗访", agencies=[agency_a]
    )
    text = login(bureau_reviewer).get(reverse("oversight:inspections"), {"kind": "media"}).text
    assert "常州日报记者暗访" in text and "区人大代表视察" not in text


def test_the_list_query_count_does_not_grow_with_inspections(
    login, staff_a, bureau_admin, agency_a, django_assert_num_queries, inspection
):
    client = login(staff_a)
    # 1. the session
    # 2. the user
    # 3. the user's subordinate units (visibility)
    # 4. the inspections counted for the paginator
    # 5. the unread-notification count in the navigation bar
    # 6. the page of inspections with their findings counted
    # 7. their agencies
    with django_assert_num_queries(7):
        assert client.get(reverse("oversight:inspections")).status_code == 200
    for i in range(15):
        done = services.inspection_record(
            user=bureau_admin, held_on=inspection.held_on, kind="on_site", title=f"督查{i}", agencies=[agency_a]
        )
        services.finding_add(inspection=done, user=bureau_admin, agency=agency_a, description="问题")
    with django_assert_num_queries(7):  # the same seven for 16 inspections
        assert client.get(reverse("oversight:inspections")).status_code == 200


def test_the_export_reopens(login, bureau_reviewer, inspection, finding_a):
    response = login(bureau_reviewer).get(reverse("oversight:inspections_export"))
    rows = list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)
    assert rows[1][1] == "人大代表视察" and rows[1][2] == "区人大代表视察普法责任制落实情况"
    assert rows[1][5] == 1 and rows[1][6] == 1


def test_the_lists_counts_cover_only_the_findings_the_reader_sees(
    login, staff_a, bureau_reviewer, finding_a, finding_b
):
    (mine,) = login(staff_a).get(reverse("oversight:inspections")).context["page"]
    assert (mine.finding_count, mine.open_rectifications) == (1, 1)
    (everything,) = login(bureau_reviewer).get(reverse("oversight:inspections")).context["page"]
    assert (everything.finding_count, everything.open_rectifications) == (2, 2)
