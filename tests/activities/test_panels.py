"""Home-page cards: staff see their ★ sessions against the minimum; reviewers how many agencies are below it."""

from django.urls import reverse
from django.utils import timezone

from .conftest import make_activity


def test_staff_see_their_study_sessions_on_the_home_page(login, staff_a, agency_a):
    year = timezone.localdate().year
    make_activity(agency_a, staff_a, activity_type="party_group_study", start_date=timezone.localdate().replace(day=1))
    response = login(staff_a).get(reverse("home"))
    assert response.status_code == 200
    assert "集中学法：<strong>1</strong> 次，全年不少于 2 次" in response.text
    assert "今年还需集中学法 1 次" in response.text
    assert reverse("activities:create", args=[agency_a.pk, year]) in response.text


def test_reviewers_see_how_many_agencies_are_below_the_minimum(login, bureau_reviewer, agency_a, agency_b, staff_a):
    for day in (1, 2):
        make_activity(
            agency_a, staff_a, activity_type="party_group_study", start_date=timezone.localdate().replace(day=day)
        )
    response = login(bureau_reviewer).get(reverse("home"))
    assert "有 <strong>2</strong> 个单位集中学法（★）不足 2 次" in response.text  # B and the parent


def test_leadership_sees_the_card_too(login, leader, agency_a):
    assert "集中学法未达标单位" in login(leader).get(reverse("home")).text


def test_the_staff_home_page_query_count_does_not_grow_with_activities(
    login, staff_a, agency_a, django_assert_max_num_queries
):
    client = login(staff_a)
    client.get(reverse("home"))  # creates the year's cycle
    make_activity(agency_a, staff_a, activity_type="party_group_study", start_date=timezone.localdate())
    with django_assert_max_num_queries(30) as first:
        client.get(reverse("home"))
    for _i in range(10):
        make_activity(agency_a, staff_a, activity_type="party_group_study", start_date=timezone.localdate())
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(reverse("home"))
