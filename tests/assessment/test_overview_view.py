"""The year's assessment page: status and actions for the bureau, results by scope, nothing for agencies before
publishing."""

import re
from decimal import Decimal

import time_machine
from django.urls import reverse
from django.utils.timezone import now

from agencies.models import Agency
from assessment import services
from assessment.models import Indicator, Result, SurveyResult

from .conftest import YEAR, at, run_scoring

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


RUN_BUTTON = r'<button class="btn (btn-[a-z-]+)" type="submit">开始计分</button>'


def test_before_the_year_ends_the_bureau_is_told_it_is_still_under_way_not_invited_to_score(login, bureau_admin):
    """Scoring is done on the whole year: in November the page says when it can start, and the run button, still
    there, is not the page's call to action."""
    with time_machine.travel(at(2026, 11, 20, 10)):
        page = login(bureau_admin).get(reverse("assessment:overview", args=[2026])).text
    assert "2026 年度尚未结束，请于年度结束（2026-12-31）后再开始计分。" in page
    assert "请开始计分" not in page
    assert re.search(RUN_BUTTON, page).group(1) == "btn-outline-primary"


def test_once_the_year_has_ended_with_no_results_the_bureau_is_invited_to_score(login, bureau_admin):
    with time_machine.travel(at(2027, 1, 1, 0, 30)):  # half past midnight on New Year's Day, Shanghai
        page = login(bureau_admin).get(reverse("assessment:overview", args=[2026])).text
    assert "尚无按现行考核细则计算的结果，请开始计分。" in page
    assert "年度尚未结束" not in page
    assert re.search(RUN_BUTTON, page).group(1) == "btn-primary"


def test_the_bureau_sees_how_many_reviewer_s_scores_are_still_to_give(
    login, bureau_admin, town_reviewer, scored, agency_a
):
    """Four active agencies and one reviewer's indicator: four scores to give, three once one is given; one
    agency's survey figures imported."""
    indicator = scored.indicators.get(method=Indicator.Method.MANUAL)
    page = login(bureau_admin).get(URL).content.decode()
    assert re.search(r"待复核评分项</dt>\s*<dd[^>]*>4</dd>", page)
    services.score_set(agency=agency_a, indicator=indicator, value=Decimal("8"), reason="材料齐全", user=bureau_admin)
    SurveyResult.objects.create(
        rubric=scored,
        agency=agency_a,
        awareness=Decimal("91.5"),
        satisfaction=Decimal("95.0"),
        imported_at=now(),
        imported_by=bureau_admin,
    )
    page = login(bureau_admin).get(URL).content.decode()
    assert re.search(r"待复核评分项</dt>\s*<dd[^>]*>3</dd>", page)
    assert re.search(r"已导入测评结果</dt>\s*<dd[^>]*>共 1 个单位</dd>", page)
    # A town office's reviewer counts its own agencies' survey figures (agency A files with the district bureau).
    town = login(town_reviewer).get(URL).content.decode()
    assert re.search(r"已导入测评结果</dt>\s*<dd[^>]*>共 0 个单位</dd>", town)


def test_a_rubric_without_a_reviewer_s_indicator_has_no_score_to_give(login, bureau_admin, scored):
    """The bureau may leave the reviewer's indicator out of a year's rubric: nothing is then left to give."""
    scored.indicators.filter(method=Indicator.Method.MANUAL).delete()
    response = login(bureau_admin).get(URL)
    assert response.status_code == 200
    assert re.search(r"待复核评分项</dt>\s*<dd[^>]*>0</dd>", response.content.decode())


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


def test_a_filter_that_finds_no_agency_keeps_its_tabs(login, leader, scored):
    response = login(leader).get(URL, {"show": "green"})
    assert response.context["counts"]["green"] == 0
    assert "全部" in response.text and "?show=accountability" in response.text  # the way back to the others
    assert "没有单位。" in response.text


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
    # 3. the opened years' cycles (the year guard and the year selector)
    # 4. its rubric
    # 5. the rubric's indicators
    # 6. the latest scoring runs with who started them
    # 7. the active agencies, the manual scores given and the survey results, counted together
    # 8. the results counted by grade and light (the filters; the paginator's count is one of them)
    # 9. the page of results with their agency and office
    # 10. the year's first commendations with their agency (results use)
    # 11. the year's first accountability measures with their agency
    # 12. the unread-notification count in the navigation bar
    with django_assert_num_queries(12):
        assert client.get(URL).status_code == 200
    add(60, "乙")
    with django_assert_num_queries(12):  # the same twelve for 65 agencies
        assert client.get(URL).status_code == 200
