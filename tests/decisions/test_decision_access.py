"""Who sees which decisions: agency staff their own, outsiders 404, read-only roles 403 on changes."""

from django.urls import reverse

from .conftest import YEAR


def test_the_years_list_shows_each_reader_their_scope(
    login, staff_a, staff_b, town_reviewer, leader, commendation_a, measure_a, measure_b
):
    url = reverse("decisions:year", args=[YEAR])
    mine = login(staff_a).get(url).context
    assert list(mine["commendations"]) == [commendation_a] and list(mine["measures"]) == [measure_a]
    assert list(login(staff_b).get(url).context["measures"]) == [measure_b]
    town = login(town_reviewer).get(url).context
    assert not town["commendations"] and not town["measures"]
    assert set(login(leader).get(url).context["measures"]) == {measure_a, measure_b}


def test_an_outsider_gets_404_on_another_agencys_decisions(login, staff_b, commendation_a, measure_a):
    client = login(staff_b)
    for url in (
        measure_a.get_absolute_url(),
        reverse("decisions:measure_document", args=[measure_a.pk]),
        reverse("decisions:commendation_document", args=[commendation_a.pk]),
        reverse("decisions:agency", args=[measure_a.agency_id]),
    ):
        assert client.get(url).status_code == 404, url


def test_the_agencys_page_shows_its_own(login, staff_a, commendation_a, measure_a, measure_b, agency_a):
    response = login(staff_a).get(reverse("decisions:agency", args=[agency_a.pk]))
    assert list(response.context["commendations"]) == [commendation_a]
    assert list(response.context["measures"]) == [measure_a]
    assert "普法责任制落实成绩突出" in response.text


def test_only_the_bureau_records_and_edits(login, staff_a, bureau_reviewer, leader, commendation_a, measure_a):
    for user in (staff_a, bureau_reviewer, leader):
        client = login(user)
        assert client.get(reverse("decisions:measure_create", args=[YEAR])).status_code == 403
        assert client.post(reverse("decisions:commendation_create", args=[YEAR])).status_code == 403
        assert client.get(reverse("decisions:commendation_edit", args=[commendation_a.pk])).status_code == 403
        assert client.post(reverse("decisions:measure_edit", args=[measure_a.pk])).status_code == 403


def test_the_documents_download_for_readers(login, staff_a, leader, commendation_a, measure_a):
    for user in (staff_a, leader):
        client = login(user)
        response = client.get(reverse("decisions:commendation_document", args=[commendation_a.pk]))
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert client.get(reverse("decisions:measure_document", args=[measure_a.pk])).status_code == 200


def test_the_years_list_query_count_does_not_grow(
    login, leader, bureau_admin, agency_a, agency_b, commendation_a, django_assert_num_queries
):
    from .conftest import record_measure

    client = login(leader)
    client.get(reverse("decisions:year", args=[YEAR]))
    record_measure(bureau_admin, agency_a)
    # 1. the session
    # 2. the user
    # 3. the opened years' cycles (the year guard and the year selector)
    # 4. the year's commendations counted (their paginator)
    # 5. the page's commendations with their agency
    # 6. the year's measures counted (their paginator)
    # 7. the page's measures with their agency
    # 8. the unread-notification count in the navigation bar
    with django_assert_num_queries(8):
        assert client.get(reverse("decisions:year", args=[YEAR])).status_code == 200
    for _ in range(5):
        record_measure(bureau_admin, agency_b)
    with django_assert_num_queries(8):  # the same eight for six measures
        assert client.get(reverse("decisions:year", args=[YEAR])).status_code == 200
