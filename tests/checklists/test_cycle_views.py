"""The annual cycle page (年度设置) for bureau administrators: the opened years and the ones to open."""

import datetime as dt

import pytest
from django.urls import reverse

from agencies.models import AnnualCycle

CYCLES = reverse("checklists:cycle_list")


@pytest.mark.opened_years(2026)
def test_the_list_shows_the_opened_years_and_offers_the_others(login, bureau_admin):
    response = login(bureau_admin).get(CYCLES)
    assert response.status_code == 200
    assert reverse("checklists:cycle_edit", args=[2026]) in response.text
    assert reverse("year_open", args=[2027]) in response.text and reverse("year_open", args=[2016]) in response.text
    assert reverse("year_open", args=[2026]) not in response.text
    assert reverse("year_open", args=[2015]) not in response.text  # before the district's opinions
    assert list(AnnualCycle.objects.values_list("year", flat=True)) == [2026]  # reading never writes


@pytest.mark.opened_years(2024)
def test_an_opened_year_shows_its_defaults(login, bureau_admin):
    form = login(bureau_admin).get(reverse("checklists:cycle_edit", args=[2024])).context["form"]
    assert form["filing_deadline"].value() == dt.date(2024, 2, 29) and form["study_minimum"].value() == 2


@pytest.mark.opened_years(2026)
def test_a_year_not_opened_offers_the_bureau_to_open_it(login, bureau_admin):
    response = login(bureau_admin).get(reverse("checklists:cycle_edit", args=[2017]))
    assert response.status_code == 404
    assert "2017 年度尚未开启" in response.text and reverse("year_open", args=[2017]) in response.text
    assert not AnnualCycle.objects.filter(year=2017).exists()


def test_a_bureau_administrator_sets_a_years_deadline_and_minimum(login, bureau_admin):
    response = login(bureau_admin).post(
        reverse("checklists:cycle_edit", args=[2027]), {"filing_deadline": "2027-03-10", "study_minimum": "3"}
    )
    assert response.status_code == 302
    cycle = AnnualCycle.objects.get(year=2027)
    assert (cycle.filing_deadline, cycle.study_minimum) == (dt.date(2027, 3, 10), 3)


@pytest.mark.opened_years()
def test_a_year_not_opened_cannot_be_set(login, bureau_admin):
    response = login(bureau_admin).post(
        reverse("checklists:cycle_edit", args=[2027]), {"filing_deadline": "2027-03-10", "study_minimum": "3"}
    )
    assert response.status_code == 404
    assert not AnnualCycle.objects.exists()


def test_a_deadline_in_another_year_is_refused(login, bureau_admin):
    response = login(bureau_admin).post(
        reverse("checklists:cycle_edit", args=[2027]), {"filing_deadline": "2028-01-10", "study_minimum": "2"}
    )
    assert response.status_code == 200 and "备案截止日期须在 2027 年内" in response.text
    assert AnnualCycle.objects.get(year=2027).filing_deadline == dt.date(2027, 2, 28)


def test_another_year_opens_its_page(login, bureau_admin):
    response = login(bureau_admin).get(CYCLES, {"year": "2020"})
    assert response.url == reverse("checklists:cycle_edit", args=[2020])


@pytest.mark.parametrize("year", ["2015", "2030"])
def test_a_year_outside_the_range_is_not_found(login, bureau_admin, year):
    assert login(bureau_admin).get(CYCLES, {"year": year}).status_code == 404


@pytest.mark.parametrize("who", ["staff_a", "bureau_reviewer", "leader"])
def test_only_bureau_administrators_manage_the_cycle(request, login, who):
    client = login(request.getfixturevalue(who))
    assert client.get(CYCLES).status_code == 403
    url = reverse("checklists:cycle_edit", args=[2027])
    assert client.post(url, {"filing_deadline": "2027-03-10", "study_minimum": "3"}).status_code == 403
    assert AnnualCycle.objects.get(year=2027).study_minimum == 2


def test_the_list_keeps_a_fixed_number_of_queries(login, bureau_admin, django_assert_num_queries):
    client = login(bureau_admin)
    # 1. the session
    # 2. the user
    # 3. the cycles
    # 4. the opened years (for the years still to open)
    # 5. the unread-notification count in the navigation bar
    with django_assert_num_queries(5):
        assert client.get(CYCLES).status_code == 200
    for year in range(2016, 2022):
        AnnualCycle.objects.create(year=year, filing_deadline=dt.date(year, 2, 28))
    with django_assert_num_queries(5):  # the same five for more cycles
        assert client.get(CYCLES).status_code == 200
