"""The bureau's overview: who has a multi-year plan covering the year and who filed its key work; the export."""

import io

from django.urls import reverse
from openpyxl import load_workbook


def test_the_overview_shows_who_filed(login, bureau_admin, agency_a, agency_b, plan_a, key_work_a):
    response = login(bureau_admin).get(reverse("planning:overview"), {"year": 2026})
    rows = {row.agency: row for row in response.context["rows"]}
    assert rows[agency_a].plan == plan_a and rows[agency_a].key_work == key_work_a
    assert rows[agency_b].plan is None and rows[agency_b].key_work is None
    assert response.context["summary"]["plans"] == 1 and response.context["summary"]["key_work"] == 1
    assert "2026–2030" in response.content.decode()


def test_a_plan_covers_each_year_of_its_period(login, bureau_admin, agency_a, plan_a):
    client = login(bureau_admin)
    assert client.get(reverse("planning:overview"), {"year": 2027}).context["summary"]["plans"] == 1
    assert client.get(reverse("planning:overview"), {"year": 2025}).context["summary"]["plans"] == 0


def test_the_missing_filter_lists_who_has_not_filed(login, bureau_admin, agency_a, agency_b, plan_a, key_work_a):
    response = login(bureau_admin).get(reverse("planning:overview"), {"year": 2026, "status": "missing"})
    agencies = {row.agency for row in response.context["rows"]}
    assert agency_b in agencies and agency_a not in agencies


def test_staff_see_only_their_scope(login, staff_b, agency_a, agency_b, plan_a):
    response = login(staff_b).get(reverse("planning:overview"), {"year": 2026})
    assert {row.agency for row in response.context["rows"]} == {agency_b}


def test_the_overview_reads_in_a_fixed_number_of_queries(
    login, bureau_admin, agency_a, agency_b, plan_a, key_work_a, django_assert_num_queries
):
    client = login(bureau_admin)
    with django_assert_num_queries(10):
        # 1. the session
        # 2. the user
        # 3. the opened years for the year selector
        # 4. count the agencies for the paginator
        # 5. the page of agencies with their filing office and what they filed
        # 6. the multi-year plans covering the year of the page's agencies
        # 7. the year's key work of the page's agencies, with their item counts
        # 8. the summary: agencies, plans, key work
        # 9. the unread notifications in the navigation bar
        # 10. the filing offices for the filter
        client.get(reverse("planning:overview"), {"year": 2026})


def test_the_export_lists_every_agency(login, bureau_admin, agency_a, agency_b, plan_a, key_work_a):
    response = login(bureau_admin).get(reverse("planning:overview_export"), {"year": 2026})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows[agency_a.name][2] == "2026–2030" and rows[agency_a.name][4] == 2
    assert rows[agency_b.name][4] == 0
