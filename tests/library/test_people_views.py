"""The people of the library: read by every signed-in user, curated by the bureau, proposed by agencies."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from activities.models import LibraryStatus, ResourcePerson


def _person_post(**overrides):
    data = {
        "kind": "navigator",
        "name": "顾文斌",
        "unit": "常州市新北区律师协会",
        "field_of_law": "公司法、营商环境",
        "phone": "13912345678",
        "email": "",
        "note": "",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("who", ["staff_a", "staff_b", "town_reviewer", "leader", "bureau_admin"])
def test_every_signed_in_user_finds_a_lecturer_with_contact_details(request, login, lecturer, who):
    response = login(request.getfixturevalue(who)).get(reverse("library:people"), {"q": "劳动法"})
    assert response.status_code == 200
    assert "刘建华" in response.text and "13900000001" in response.text


def test_anonymous_users_are_sent_to_log_in_and_see_no_contact(client, lecturer):
    for url in (reverse("library:people"), reverse("library:person", args=[lecturer.pk])):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))
        assert "13900000001" not in response.content.decode()


def test_the_list_filters_by_kind(login, staff_a, lecturer, bureau_admin):
    ResourcePerson.objects.create(
        kind="volunteer", name="邵佳", unit="常州大学", field_of_law="未成年人保护", phone="1", created_by=bureau_admin
    )
    text = login(staff_a).get(reverse("library:people"), {"kind": "volunteer"}).text
    assert "邵佳" in text and "刘建华" not in text


def test_a_bureau_administrator_adds_a_person_straight_into_the_library(login, bureau_admin):
    response = login(bureau_admin).post(reverse("library:person_create"), _person_post())
    person = ResourcePerson.objects.get(name="顾文斌")
    assert response.status_code == 302 and response.url == person.get_absolute_url()
    assert person.status == LibraryStatus.ACTIVE and person.proposed_by_agency is None


def test_staff_propose_a_person_who_waits_for_the_bureau(login, staff_a, staff_b):
    login(staff_a).post(reverse("library:person_create"), _person_post())
    person = ResourcePerson.objects.get(name="顾文斌")
    assert person.status == LibraryStatus.PROPOSED and person.proposed_by_agency == staff_a.agency
    assert "顾文斌" not in login(staff_b).get(reverse("library:people")).text
    assert login(staff_b).get(reverse("library:person", args=[person.pk])).status_code == 404


def test_a_person_needs_a_phone_or_an_email(login, bureau_admin):
    response = login(bureau_admin).post(reverse("library:person_create"), _person_post(phone=""))
    assert response.status_code == 200 and not ResourcePerson.objects.exists()


@pytest.mark.parametrize("who", ["bureau_reviewer", "town_reviewer"])
def test_reviewers_do_not_add_to_the_library(request, login, who):
    assert login(request.getfixturevalue(who)).post(reverse("library:person_create"), _person_post()).status_code == 403


def test_leadership_reads_but_cannot_add_or_edit(login, leader, lecturer):
    client = login(leader)
    assert client.get(reverse("library:person", args=[lecturer.pk])).status_code == 200
    assert client.post(reverse("library:person_create"), _person_post()).status_code == 403
    assert client.post(reverse("library:person_edit", args=[lecturer.pk]), _person_post()).status_code == 403


def test_only_the_bureau_edits_a_person(login, staff_a, bureau_admin, lecturer):
    assert login(staff_a).get(reverse("library:person_edit", args=[lecturer.pk])).status_code == 403
    response = login(bureau_admin).post(
        reverse("library:person_edit", args=[lecturer.pk]), _person_post(name="刘建华", kind="lecturer")
    )
    assert response.status_code == 302
    lecturer.refresh_from_db()
    assert lecturer.unit == "常州市新北区律师协会"


def test_the_bureau_retires_a_person_who_then_leaves_the_list(login, bureau_admin, staff_a, lecturer):
    login(bureau_admin).post(reverse("library:person_retire", args=[lecturer.pk]))
    lecturer.refresh_from_db()
    assert lecturer.status == LibraryStatus.RETIRED
    assert "刘建华" not in login(staff_a).get(reverse("library:people")).text
    assert "刘建华" in login(staff_a).get(reverse("library:people"), {"status": "retired"}).text
    assert login(staff_a).post(reverse("library:person_retire", args=[lecturer.pk])).status_code == 403


def test_each_person_shows_how_often_and_when_a_live_activity_used_them(
    login, staff_a, staff_b, bureau_admin, lecturer, make_activity
):
    lecturer.activities.add(
        make_activity(staff_a.agency, staff_a, day=dt.date(2026, 3, 2)),
        make_activity(staff_b.agency, staff_b, day=dt.date(2026, 5, 20)),
        make_activity(staff_a.agency, staff_a, day=dt.date(2026, 9, 9), deleted=True),  # deleted: not counted
    )
    ResourcePerson.objects.create(
        kind="volunteer", name="邵佳", unit="常州大学", field_of_law="民法", phone="1", created_by=bureau_admin
    )
    people = {person.name: person for person in login(staff_a).get(reverse("library:people")).context["page"]}
    assert (people["刘建华"].use_count, people["刘建华"].last_used) == (2, dt.date(2026, 5, 20))
    assert (people["邵佳"].use_count, people["邵佳"].last_used) == (0, None)


def test_the_list_query_count_does_not_grow_with_people(
    login, staff_a, bureau_admin, make_activity, django_assert_num_queries
):
    def add(count, start):
        for i in range(start, start + count):
            person = ResourcePerson.objects.create(
                kind="lecturer", name=f"讲师{i}", unit="律所", field_of_law="民法", phone="1", created_by=bureau_admin
            )
            person.activities.add(make_activity(staff_a.agency, staff_a, title=f"讲座{i}"))

    client = login(staff_a)
    add(3, 0)
    # 1. the session
    # 2. the user
    # 3. the user's subordinate units (visibility)
    # 4. the people counted for the paginator
    # 5. the unread-notification count in the navigation bar
    # 6. the page of people with their proposing agency and use counts
    with django_assert_num_queries(6):
        assert client.get(reverse("library:people")).status_code == 200
    add(20, 3)
    with django_assert_num_queries(6):  # the same six for 23 people
        assert client.get(reverse("library:people")).status_code == 200


def test_the_export_reopens_with_chinese_headers_and_the_filtered_rows(login, staff_a, lecturer, bureau_admin):
    ResourcePerson.objects.create(
        kind="volunteer", name="邵佳", unit="常州大学", field_of_law="未成年人保护", phone="1", created_by=bureau_admin
    )
    response = login(staff_a).get(reverse("library:people_export"), {"kind": "lecturer"})
    assert response.status_code == 200 and "filename*=UTF-8''" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.values)
    assert rows[0][:2] == ("类别", "姓名")
    assert [row[1] for row in rows[1:]] == ["刘建华"]
