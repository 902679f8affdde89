"""An agency's breakdown: its own staff (and its parent) see it once published; reviewers and leadership before."""

from django.urls import reverse

from agencies.models import Agency
from assessment import rules, services
from assessment.models import Result

from .conftest import YEAR, run_scoring


def url(agency):
    return reverse("assessment:breakdown", args=[YEAR, agency.pk])


def test_staff_see_nothing_of_their_scores_before_publishing(login, staff_a, scored, agency_a):
    response = login(staff_a).get(url(agency_a))
    assert response.status_code == 200
    assert "尚未公布" in response.text
    assert "lines" not in response.context and "清单按时备案" not in response.text


def test_staff_see_their_breakdown_after_publishing(login, staff_a, published, agency_a):
    response = login(staff_a).get(url(agency_a))
    assert response.status_code == 200
    result = Result.objects.get(agency=agency_a)
    assert str(result.total) in response.text and "清单按时备案" in response.text
    assert "按时备案" in response.text  # the basis of the computed score
    assert "调整" not in response.text  # no scoring for staff


def test_another_agencys_breakdown_answers_404(login, staff_b, published, agency_a):
    assert login(staff_b).get(url(agency_a)).status_code == 404


def test_the_parent_reads_its_units_breakdown_after_publishing(login, staff_parent, published, agency_a):
    response = login(staff_parent).get(url(agency_a))
    assert response.status_code == 200 and "清单按时备案" in response.text


def test_leadership_and_reviewers_read_it_before_publishing(login, leader, bureau_reviewer, scored, agency_a):
    for user in (leader, bureau_reviewer):
        response = login(user).get(url(agency_a))
        assert response.status_code == 200 and "暂定" in response.text and "清单按时备案" in response.text
    assert response.context["can_score"] is True
    assert login(leader).get(url(agency_a)).context["can_score"] is False


def test_a_town_reviewer_cannot_open_a_district_agency(login, town_reviewer, scored, agency_a):
    assert login(town_reviewer).get(url(agency_a)).status_code == 404


def test_the_history_shows_who_changed_what_and_why(login, leader, scored, agency_a, bureau_reviewer):
    indicator = scored.indicators.get(code=rules.ENFORCEMENT_TEACHING)
    services.score_set(agency=agency_a, indicator=indicator, value=6, reason="现场释法台账补录", user=bureau_reviewer)
    response = login(leader).get(url(agency_a))
    assert "现场释法台账补录" in response.text and "bureau_reviewer" in response.text


def test_the_query_count_does_not_grow(
    login, bureau_reviewer, rubric, agency_a, bureau_office, django_assert_num_queries
):
    client = login(bureau_reviewer)
    run_scoring(rubric)
    # 1. the session
    # 2. the user
    # 3. the user's filing office (scope)
    # 4. the agency with its parent and office
    # 5. the year's cycle
    # 6. its rubric
    # 7. the rubric's indicators
    # 8. the agency's scores
    # 9. its self-assessments with their authors
    # 10. its result
    # 11. may this user review it (the agency in the user's scope)
    # 12. the unread-notification count in the navigation bar
    # 13. the score changes with their authors
    with django_assert_num_queries(13):
        assert client.get(url(agency_a)).status_code == 200
    Agency.objects.bulk_create(
        Agency(name=f"单位{i}", agency_type="government", filing_office=bureau_office) for i in range(30)
    )
    run_scoring(rubric)
    organisation = rubric.indicators.get(code=rules.ORGANISATION)
    for value in (5, 6, 7):
        services.score_set(agency=agency_a, indicator=organisation, value=value, reason="", user=bureau_reviewer)
    with django_assert_num_queries(13):  # the same thirteen for 33 agencies and three changes
        assert client.get(url(agency_a)).status_code == 200
