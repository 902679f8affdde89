"""The home-page cards: leadership's way to the dashboard, the bureau's scoring status, staff's published result."""

from django.urls import reverse

from assessment import services
from assessment.models import Result

from .conftest import YEAR, make_checklist


def test_leadership_get_the_dashboard_with_headline_figures(login, leader, agency_a, agency_b):
    make_checklist(agency_a, year=2026, status="submitted")
    response = login(leader).get(reverse("home"))
    assert f"{reverse('assessment:dashboard')}?year=2026" in response.text
    panel = next(p for p in response.context["panels"] if p.template == "assessment/panels/leadership.html")
    timing = {f.key: f.value for f in panel.context["board"].filing_timing}
    assert timing == {"filing:on_time": 1, "filing:late": 0, "filing:none": 2}


def test_leadership_get_the_last_published_results(login, leader, published):
    response = login(leader).get(reverse("home"))
    assert reverse("assessment:overview", args=[YEAR]) in response.text


def test_the_bureau_sees_the_scoring_status_of_this_year_and_last(login, bureau_admin, published):
    services.rubric_for_year(year=2026)
    response = login(bureau_admin).get(reverse("home"))
    assert "2025 年度考核" in response.text and "已公布" in response.text
    assert "2026 年度考核" in response.text and "尚未计分" in response.text


def test_the_bureau_sees_how_many_agencies_a_year_not_yet_published_has_scored(login, bureau_admin, scored):
    scored_count = Result.objects.filter(rubric=scored).count()
    response = login(bureau_admin).get(reverse("home"))
    assert scored_count == 4 and "2025 年度考核" in response.text
    assert f"已计分 {scored_count} 个单位，未公布" in response.text


def test_a_town_office_s_reviewer_is_not_told_the_district_s_count(login, town_reviewer, scored):
    response = login(town_reviewer).get(reverse("home"))
    assert "已计分，未公布" in response.text and "个单位，未公布" not in response.text


def test_staff_see_their_result_only_once_published(login, staff_a, scored, bureau_admin):
    assert "本单位 2025 年度考核" not in login(staff_a).get(reverse("home")).text
    services.results_publish(rubric=scored, user=bureau_admin)
    response = login(staff_a).get(reverse("home"))
    assert "本单位 2025 年度考核" in response.text
    assert reverse("assessment:breakdown", args=[YEAR, staff_a.agency_id]) in response.text


def test_the_leadership_home_query_count_does_not_grow(login, leader, bureau_office, django_assert_num_queries):
    from agencies.models import Agency

    client = login(leader)
    Agency.objects.bulk_create(
        Agency(name=f"单位{i}", agency_type="government", filing_office=bureau_office) for i in range(3)
    )
    # 1. the session
    # 2. the user
    # 3. the opened years' cycles (the home page's year)
    # 4. the agencies counted by filing status (待办 and the checklists panel)
    # 5. the overdue rectifications counted (待办 and the oversight panel)
    # 6. the unread notices counted, with the oldest (待办 and the navigation bar)
    # 7. the agencies counted, and those subject to the study minimum (activities)
    # 8. the ★ sessions counted per agency (the summaries, and this month's activities)
    # 9. the year's ready archives counted (activities)
    # 10. the library's people counted by kind (kept by data version)
    # 11. the library's active materials counted (the same)
    # 12. the active agencies counted (a few: the dashboard counts them now, not a worker)
    # 13. its rubric
    # 14. the agencies counted per filing office, by their first revision's status and filing timing, their
    #     results and overdue rectifications
    # 15. the fresh kept facts' figures (none kept)
    # 16. the agencies with no fresh kept facts (all of them)
    # 17. their figures counted over each agency's facts (study, coverage, campaigns)
    # 18. activities per checklist item
    # 19. the approved checklists' items with their targets
    # 20. the months', duties' and people's figures (the summaries)
    #     (no ranking's first ten: the year is not scored)
    # 21. the latest published rubric (assessment)
    # 22. the agencies counted by level (agencies)
    with django_assert_num_queries(22):
        client.get(reverse("home"))
    Agency.objects.bulk_create(
        Agency(name=f"另一单位{i}", agency_type="government", filing_office=bureau_office) for i in range(40)
    )
    # With 40 more agencies (a bulk insert, which bumps no data version): the activities figures (7-9), the
    # library's card (10-11) and the dashboard's figures (12-18) come from the cache, the rest is the same queries.
    with django_assert_num_queries(8):
        client.get(reverse("home"))
