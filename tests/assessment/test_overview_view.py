"""The year's assessment page: status and actions for the bureau, results by scope, nothing for agencies before
publishing."""

from django.urls import reverse

from agencies.models import Agency
from assessment.models import Result

from .conftest import YEAR, run_scoring

URL = reverse("assessment:overview", args=[YEAR])


def test_anonymous_users_go_to_the_login_page(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_index_opens_the_current_year(login, staff_a):
    response = login(staff_a).get(reverse("assessment:index"))
    assert response.status_code == 302 and response.url == reverse("assessment:overview", args=[2026])


def test_a_year_out_of_range_answers_404(login, bureau_admin):
    assert login(bureau_admin).get(reverse("assessment:overview", args=[3000])).status_code == 404


def test_the_bureau_sees_the_actions_and_the_provisional_results(login, bureau_admin, scored, agency_a):
    response = login(bureau_admin).get(URL)
    assert response.status_code == 200
    assert f'action="{reverse("assessment:run_start", args=[YEAR])}"' in response.text
    assert reverse("assessment:publish", args=[YEAR]) in response.text
    assert "暂定" in response.text
    assert str(Result.objects.get(agency=agency_a).total) in response.text
    assert response.context["counts"]["all"] == 4


def test_each_result_links_to_its_breakdown_and_shows_its_light(login, bureau_admin, scored, agency_a):
    response = login(bureau_admin).get(URL)
    result = Result.objects.get(agency=agency_a)
    row = response.text[response.text.index(f'href="{reverse("assessment:breakdown", args=[YEAR, agency_a.pk])}"') :]
    row = row[: row.index("</tr>")]
    label = result.get_light_display()
    assert f'class="light light-{result.light}" role="img" aria-label="{label}" title="{label}"' in row


def test_agency_staff_see_no_result_before_publishing(login, staff_a, scored, agency_a):
    response = login(staff_a).get(URL)
    assert response.status_code == 200
    assert "page" not in response.context
    assert "尚未公布" in response.text
    assert str(Result.objects.get(agency=agency_a).total) not in response.text
    assert reverse("assessment:self_assessment", args=[YEAR, agency_a.pk]) in response.text


def test_after_publishing_staff_see_their_own_and_parents_their_units(
    login, staff_a, staff_parent, published, agency_a
):
    own = login(staff_a).get(URL)
    assert [r.agency_id for r in own.context["page"]] == [agency_a.pk]
    assert "常州市新北区教育局" not in own.text
    parent = login(staff_parent).get(URL)
    assert {r.agency_id for r in parent.context["page"]} == {agency_a.pk, agency_a.parent_id}
    assert reverse("assessment:publish", args=[YEAR]) not in parent.text


def test_a_town_reviewer_sees_only_the_agencies_of_the_office(login, town_reviewer, scored, agency_town):
    response = login(town_reviewer).get(URL)
    assert [r.agency_id for r in response.context["page"]] == [agency_town.pk]
    assert f'action="{reverse("assessment:run_start", args=[YEAR])}"' not in response.text


def test_the_filters_show_the_candidates(login, leader, scored, agency_town):
    response = login(leader).get(URL, {"show": "accountability"})
    shown = {r.agency_id for r in response.context["page"]}
    assert agency_town.pk in shown and all(r.accountability for r in response.context["page"])
    assert response.context["page"].paginator.count == len(shown) == response.context["counts"]["accountability"]


def test_the_query_count_does_not_grow_with_agencies(
    login, bureau_admin, rubric, bureau_office, django_assert_num_queries
):
    client = login(bureau_admin)

    def add(count, prefix):
        Agency.objects.bulk_create(
            Agency(name=f"{prefix}{i}", agency_type="government", filing_office=bureau_office) for i in range(count)
        )
        run_scoring(rubric)

    add(5, "甲")
    # 1. the session
    # 2. the user
    # 3. the year's cycle
    # 4. its rubric
    # 5. the rubric's indicators
    # 6. the years (year selector)
    # 7. the latest scoring runs with who started them
    # 8. the active agencies counted
    # 9. the manual scores counted
    # 10. the survey results counted
    # 11. the results counted by grade and light (the filters; the paginator's count is one of them)
    # 12. the year's first commendations with their agency (results use)
    # 13. the year's first accountability measures with their agency
    # 14. the unread-notification count in the navigation bar
    # 15. the page of results with their agency and office
    with django_assert_num_queries(15):
        assert client.get(URL).status_code == 200
    add(60, "乙")
    with django_assert_num_queries(15):  # the same fifteen for 65 agencies
        assert client.get(URL).status_code == 200
