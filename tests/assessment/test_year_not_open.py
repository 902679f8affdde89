"""A year the bureau has not opened: nobody creates it by looking (docs/domain.md, "Years")."""

import pytest
from django.urls import reverse

from agencies.models import AnnualCycle
from assessment.models import Indicator, Rubric


@pytest.mark.parametrize("who", ["staff_a", "bureau_reviewer", "leader"])
def test_opening_a_year_not_opened_is_not_found_and_creates_nothing(request, login, who):
    response = login(request.getfixturevalue(who)).get(reverse("assessment:overview", args=[2017]))
    assert response.status_code == 404 and "尚未开启" not in response.text
    assert not AnnualCycle.objects.filter(year=2017).exists()
    assert not Rubric.objects.filter(cycle__year=2017).exists()


def test_the_year_staff_looked_at_is_not_offered_to_leadership(login, staff_a, leader):
    indicators = Indicator.objects.count()
    assert login(staff_a).get(reverse("assessment:overview", args=[2017])).status_code == 404
    response = login(leader).get(reverse("assessment:dashboard"))
    assert response.status_code == 200 and 2017 not in response.context["years"]
    assert '<option value="2017"' not in response.text and Indicator.objects.count() == indicators
    assert login(leader).get(reverse("assessment:dashboard"), {"year": 2017}).status_code == 404


def test_the_bureau_is_offered_to_open_it(login, bureau_admin):
    response = login(bureau_admin).get(reverse("assessment:overview", args=[2017]))
    assert response.status_code == 404 and "2017 年度尚未开启" in response.text
    assert f'action="{reverse("year_open", args=[2017])}"' in response.text
    assert not AnnualCycle.objects.filter(year=2017).exists()


@pytest.mark.parametrize("year", [2015, 2031])
def test_a_year_outside_the_range_is_a_plain_not_found_even_for_the_bureau(login, bureau_admin, year):
    response = login(bureau_admin).get(reverse("assessment:overview", args=[year]))
    assert response.status_code == 404 and "尚未开启" not in response.text
