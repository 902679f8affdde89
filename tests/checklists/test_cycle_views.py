"""The annual cycle page for bureau administrators."""

import datetime as dt

import pytest
from django.urls import reverse

from agencies.models import AnnualCycle

CYCLES = reverse("checklists:cycle_list")


def test_the_list_offers_this_year_with_the_defaults(login, bureau_admin):
    from django.utils import timezone

    response = login(bureau_admin).get(CYCLES)
    assert response.status_code == 200
    this_year = timezone.localdate().year
    assert reverse("checklists:cycle_edit", args=[this_year]) in response.text
    form = login(bureau_admin).get(reverse("checklists:cycle_edit", args=[2028])).context["form"]
    assert form["filing_deadline"].value() == dt.date(2028, 2, 29) and form["study_minimum"].value() == 2
    assert not AnnualCycle.objects.exists()  # reading never writes


def test_a_bureau_administrator_sets_a_years_deadline_and_minimum(login, bureau_admin):
    response = login(bureau_admin).post(
        reverse("checklists:cycle_edit", args=[2027]), {"filing_deadline": "2027-03-10", "study_minimum": "3"}
    )
    assert response.status_code == 302
    cycle = AnnualCycle.objects.get(year=2027)
    assert (cycle.filing_deadline, cycle.study_minimum) == (dt.date(2027, 3, 10), 3)


def test_a_deadline_in_another_year_is_refused(login, bureau_admin):
    response = login(bureau_admin).post(
        reverse("checklists:cycle_edit", args=[2027]), {"filing_deadline": "2028-01-10", "study_minimum": "2"}
    )
    assert response.status_code == 200 and "备案截止日期须在 2027 年内" in response.text
    assert not AnnualCycle.objects.exists()


def test_another_year_opens_its_page(login, bureau_admin):
    response = login(bureau_admin).get(CYCLES, {"year": "2030"})
    assert response.url == reverse("checklists:cycle_edit", args=[2030])


@pytest.mark.parametrize("who", ["staff_a", "bureau_reviewer", "leader"])
def test_only_bureau_administrators_manage_the_cycle(request, login, who):
    client = login(request.getfixturevalue(who))
    assert client.get(CYCLES).status_code == 403
    url = reverse("checklists:cycle_edit", args=[2027])
    assert client.post(url, {"filing_deadline": "2027-03-10", "study_minimum": "3"}).status_code == 403
    assert not AnnualCycle.objects.exists()


def test_the_list_keeps_a_fixed_number_of_queries(login, bureau_admin, django_assert_max_num_queries):
    client = login(bureau_admin)
    AnnualCycle.for_year(2025)
    # session, user, unread count, the cycles
    with django_assert_max_num_queries(4):
        assert client.get(CYCLES).status_code == 200
    for year in range(2000, 2020):
        AnnualCycle.for_year(year)
    with django_assert_max_num_queries(4):
        assert client.get(CYCLES).status_code == 200
