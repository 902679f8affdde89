"""An agency files its multi-year plan: a sane period (two to ten years, no overlap) and a document."""

import pytest
from django.urls import reverse

from assessment.models import MultiYearPlan

from ..library.uploads import html_renamed, pdf_bytes, upload


def _post(client, agency, first, last, file=True, query=""):
    data = {"first_year": first, "last_year": last}
    if file:
        data["file"] = upload("普法规划.pdf", pdf_bytes())
    return client.post(reverse("planning:plan_form", args=[agency.pk]) + query, data)


def test_staff_file_a_five_year_plan(login, staff_a, agency_a):
    response = _post(login(staff_a), agency_a, 2026, 2030)
    assert response.status_code == 302 and response.url == reverse("planning:agency", args=[agency_a.pk])
    plan = MultiYearPlan.objects.get()
    assert (plan.first_year, plan.last_year, plan.period) == (2026, 2030, "2026–2030")
    assert plan.original_name == "普法规划.pdf" and plan.filed_by == staff_a


@pytest.mark.parametrize(
    "first,last",
    [(2030, 2026), (2026, 2026), (2026, 2036), (2015, 2020), (2040, 2045), ("", 2030), ("二〇二六", 2030)],
    ids=["reversed", "one-year", "eleven-years", "before-range", "after-range", "blank", "not-a-number"],
)
def test_an_insane_period_is_refused_and_nothing_is_saved(login, staff_a, agency_a, first, last):
    response = _post(login(staff_a), agency_a, first, last)
    assert response.status_code == 200 and response.context["form"].errors
    assert not MultiYearPlan.objects.exists()


def test_an_overlapping_plan_is_refused(login, staff_a, agency_a, plan_a):
    response = _post(login(staff_a), agency_a, 2027, 2031)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["规划期与本单位2026–2030年规划重叠。"]
    assert MultiYearPlan.objects.count() == 1


def test_filing_again_for_the_period_replaces_the_document(login, staff_a, agency_a, plan_a):
    response = _post(login(staff_a), agency_a, 2026, 2029, query="?first_year=2026")
    assert response.status_code == 302
    plan = MultiYearPlan.objects.get()
    assert plan.pk == plan_a.pk and plan.last_year == 2029


def test_a_first_filing_needs_the_document(login, staff_a, agency_a):
    response = _post(login(staff_a), agency_a, 2026, 2030, file=False)
    assert response.status_code == 200 and not MultiYearPlan.objects.exists()


def test_a_renamed_html_document_is_refused(login, staff_a, agency_a):
    response = login(staff_a).post(
        reverse("planning:plan_form", args=[agency_a.pk]),
        {"first_year": 2026, "last_year": 2030, "file": html_renamed("规划.pdf")},
    )
    assert response.status_code == 200 and not MultiYearPlan.objects.exists()


@pytest.mark.parametrize("role,code", [("staff_parent", 403), ("bureau_admin", 403), ("staff_b", 404)])
def test_only_the_agency_files(role, code, request, login, agency_a):
    assert _post(login(request.getfixturevalue(role)), agency_a, 2026, 2030).status_code == code
    assert not MultiYearPlan.objects.exists()


def test_readers_download_and_outsiders_get_404(login, staff_parent, staff_b, plan_a):
    url = reverse("planning:plan_download", args=[plan_a.pk])
    assert login(staff_parent).get(url).status_code == 200
    assert login(staff_b).get(url).status_code == 404
