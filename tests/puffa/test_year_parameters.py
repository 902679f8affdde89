"""Every list with a ?year= answers a year out of range with a message, never a server error."""

import pytest
from django.urls import reverse

LISTS = [
    "oversight:meetings",
    "oversight:meetings_export",
    "oversight:inspections",
    "oversight:inspections_export",
    "oversight:rectifications",
    "oversight:rectifications_export",
    "library:needs",
    "library:needs_export",
    "reminders:list",
]
BAD_YEARS = ["0", "-1", "99999999999999999999", "1e400", "abc"]


@pytest.mark.parametrize("url_name", LISTS)
@pytest.mark.parametrize("year", BAD_YEARS)
def test_a_year_out_of_range_is_refused_with_a_message(login, bureau_admin, url_name, year):
    response = login(bureau_admin).get(reverse(url_name), {"year": year})
    assert response.status_code == 400
    assert "年份" in response.text


@pytest.mark.parametrize("url_name", ["oversight:meetings", "oversight:inspections", "oversight:rectifications"])
def test_a_year_in_range_still_filters(login, bureau_admin, url_name):
    assert login(bureau_admin).get(reverse(url_name), {"year": "2026"}).status_code == 200
