"""The year's results page and the agency's page show the decisions; the agency's page keeps a fixed number of
queries; the year's decisions page through each list apart."""

from django.urls import reverse

from assessment.decisions import views

from .conftest import YEAR, record_measure


def test_the_years_results_page_shows_the_years_decisions(login, leader, staff_b, commendation_a, measure_a):
    page = login(leader).get(reverse("assessment:overview", args=[YEAR]))
    assert list(page.context["commendations"]) == [commendation_a]
    assert list(page.context["measures"]) == [measure_a]
    assert "普法责任制落实成绩突出" in page.text and measure_a.get_absolute_url() in page.text
    outsider = login(staff_b).get(reverse("assessment:overview", args=[YEAR]))
    assert outsider.context["commendations"] == [] and outsider.context["measures"] == []


def test_the_breakdown_links_the_agencys_decisions(login, staff_a, agency_a):
    page = login(staff_a).get(reverse("assessment:breakdown", args=[YEAR, agency_a.pk])).text
    assert reverse("decisions:agency", args=[agency_a.pk]) in page


def test_the_agencys_page_query_count_is_fixed(
    login, staff_a, bureau_admin, agency_a, commendation_a, django_assert_num_queries
):
    client = login(staff_a)
    url = reverse("decisions:agency", args=[agency_a.pk])
    client.get(url)
    # 1. the session
    # 2. the user
    # 3. the agency's subordinate units (what staff may see)
    # 4. the agency with its office and parent
    # 5. its commendations
    # 6. its measures
    # 7. the unread-notification count in the navigation bar
    with django_assert_num_queries(7):
        assert client.get(url).status_code == 200
    for _ in range(4):
        record_measure(bureau_admin, agency_a)
    with django_assert_num_queries(7):  # the same seven with four measures
        assert client.get(url).status_code == 200


def test_the_years_lists_page_apart_and_keep_the_tab(
    login, bureau_reviewer, bureau_admin, agency_a, agency_b, commendation_a, monkeypatch
):
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    measures = {record_measure(bureau_admin, agency) for agency in (agency_a, agency_b, agency_a)}
    client = login(bureau_reviewer)
    url = reverse("decisions:year", args=[YEAR])
    first = client.get(url, {"show": "open"})
    assert len(first.context["measures"]) == 2 and first.context["measures"].paginator.count == 3
    assert 'href="?show=open&measures_page=2"' in first.text  # the next page stays on the open measures
    second = client.get(url, {"show": "open", "measures_page": 2})
    assert set(first.context["measures"]) | set(second.context["measures"]) == measures
    both = client.get(url, {"measures_page": 2})  # on 全部, paging the measures leaves the commendations
    assert list(both.context["commendations"]) == [commendation_a] and len(both.context["measures"]) == 1
