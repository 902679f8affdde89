"""Reviewer scoring through the page: reasons required for adjustments, the right people only, frozen once published."""

from decimal import Decimal

from django.urls import reverse

from assessment import rules
from assessment.models import Score, ScoreChange

from .conftest import YEAR


def url(rubric, agency, code):
    return reverse("assessment:score_edit", args=[YEAR, agency.pk, rubric.indicators.get(code=code).pk])


def test_a_reviewer_adjusts_a_computed_score_with_a_reason(login, bureau_reviewer, scored, agency_a):
    client = login(bureau_reviewer)
    target = url(scored, agency_a, rules.ENFORCEMENT_TEACHING)
    assert client.get(target).status_code == 200
    response = client.post(target, {"value": "7.5", "reason": "庭审释法另有台账"})
    assert response.status_code == 302 and response.url == reverse("assessment:breakdown", args=[YEAR, agency_a.pk])
    change = ScoreChange.objects.get()
    assert (change.before, change.after, change.reason, change.changed_by) == (
        Decimal("0.0"),
        Decimal("7.5"),
        "庭审释法另有台账",
        bureau_reviewer,
    )


def test_an_adjustment_without_a_reason_is_refused(login, bureau_reviewer, scored, agency_a):
    response = login(bureau_reviewer).post(url(scored, agency_a, rules.ENFORCEMENT_TEACHING), {"value": "7"})
    assert response.status_code == 200
    assert not ScoreChange.objects.exists()


def test_a_manual_score_needs_no_reason(login, bureau_admin, scored, agency_a):
    response = login(bureau_admin).post(url(scored, agency_a, rules.ORGANISATION), {"value": "9", "reason": ""})
    assert response.status_code == 302
    assert Score.objects.get(agency=agency_a, indicator__code=rules.ORGANISATION).final == Decimal("9.0")


def test_a_score_above_the_weight_is_refused(login, bureau_admin, scored, agency_a):
    response = login(bureau_admin).post(url(scored, agency_a, rules.ORGANISATION), {"value": "11", "reason": "x"})
    assert response.status_code == 200 and not ScoreChange.objects.exists()


def test_staff_cannot_score_their_own_agency(login, staff_a, scored, agency_a):
    target = url(scored, agency_a, rules.ORGANISATION)
    assert login(staff_a).get(target).status_code == 403
    assert login(staff_a).post(target, {"value": "10", "reason": "自评"}).status_code == 403
    assert not ScoreChange.objects.exists()


def test_outsiders_get_404_and_leadership_403(login, staff_b, town_reviewer, leader, scored, agency_a):
    target = url(scored, agency_a, rules.ORGANISATION)
    assert login(staff_b).get(target).status_code == 404
    assert login(town_reviewer).get(target).status_code == 404
    assert login(leader).get(target).status_code == 403
    assert login(leader).post(target, {"value": "10", "reason": "x"}).status_code == 403
    assert not ScoreChange.objects.exists()


def test_a_town_reviewer_scores_the_agencies_of_the_office(login, town_reviewer, scored, agency_town):
    response = login(town_reviewer).post(url(scored, agency_town, rules.ORGANISATION), {"value": "8", "reason": ""})
    assert response.status_code == 302 and ScoreChange.objects.get().after == Decimal("8.0")


def test_after_publishing_a_change_is_refused(login, bureau_admin, published, agency_a):
    response = login(bureau_admin).post(url(published, agency_a, rules.ORGANISATION), {"value": "9", "reason": "x"})
    assert response.status_code == 302
    assert not ScoreChange.objects.exists()
    assert Score.objects.get(agency=agency_a, indicator__code=rules.ORGANISATION).final == Decimal("0.0")


def test_the_page_query_count_is_fixed(login, bureau_reviewer, scored, agency_a, django_assert_num_queries):
    client = login(bureau_reviewer)
    target = url(scored, agency_a, rules.ENFORCEMENT_TEACHING)
    # 1. the session
    # 2. the user
    # 3. the user's filing office (scope)
    # 4. the agency with its parent and office
    # 5. may this user review it (the agency in the user's scope)
    # 6. the year's cycle
    # 7. its rubric
    # 8. the indicator
    # 9. the agency's score on it
    # 10. its self-assessment on it
    # 11. the unread-notification count in the navigation bar
    # 12. the score's changes with their authors
    with django_assert_num_queries(12):
        assert client.get(target).status_code == 200
    for value in ("1", "2", "3"):
        client.post(target, {"value": value, "reason": "复核"})
    with django_assert_num_queries(12):  # the same twelve with three changes
        assert client.get(target).status_code == 200
