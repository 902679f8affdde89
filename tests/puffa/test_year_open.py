"""Opening a year (年度设置): the bureau's administrators, with the defaults of docs/domain.md."""

import datetime as dt

import pytest
from django.urls import reverse

from agencies.models import AnnualCycle
from assessment import rules
from assessment.models import Rubric


def test_the_bureau_opens_a_year_with_the_defaults_and_the_rubric(login, bureau_admin):
    response = login(bureau_admin).post(reverse("year_open", args=[2017]))
    assert response.status_code == 302 and response.url == reverse("checklists:cycle_list")
    cycle = AnnualCycle.objects.get(year=2017)
    assert (cycle.filing_deadline, cycle.study_minimum) == (dt.date(2017, 2, 28), 2)
    rubric = Rubric.objects.get(cycle=cycle)
    assert [i.code for i in rubric.indicators.order_by("position")] == [i[0] for i in rules.DEFAULT_INDICATORS]
    assert login(bureau_admin).get(reverse("assessment:overview", args=[2017])).status_code == 200


def test_it_goes_back_to_the_page_that_asked(login, bureau_admin):
    page = reverse("assessment:overview", args=[2017])
    response = login(bureau_admin).post(reverse("year_open", args=[2017]), {"next": page})
    assert response.url == page


def test_it_never_sends_the_user_to_another_site(login, bureau_admin):
    response = login(bureau_admin).post(reverse("year_open", args=[2017]), {"next": "https://evil.example/"})
    assert response.url == reverse("checklists:cycle_list")


def test_opening_an_open_year_changes_nothing(login, bureau_admin):
    AnnualCycle.objects.filter(year=2026).update(study_minimum=4)
    login(bureau_admin).post(reverse("year_open", args=[2026]))
    assert AnnualCycle.objects.get(year=2026).study_minimum == 4
    assert Rubric.objects.filter(cycle__year=2026).count() == 1


@pytest.mark.parametrize("year", [2015, 2031])
def test_a_year_outside_the_range_cannot_be_opened(login, bureau_admin, year):
    assert login(bureau_admin).post(reverse("year_open", args=[year])).status_code == 404
    assert not AnnualCycle.objects.filter(year=year).exists()


@pytest.mark.parametrize("who,status", [("staff_a", 403), ("bureau_reviewer", 403), ("leader", 403)])
def test_only_bureau_administrators_open_a_year(request, login, who, status):
    assert login(request.getfixturevalue(who)).post(reverse("year_open", args=[2017])).status_code == status
    assert not AnnualCycle.objects.filter(year=2017).exists()
