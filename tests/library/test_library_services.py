"""The link from activities to the people they used, at service level; the person's page shows it."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from activities.library import selectors as library_selectors
from activities.library import services as library_services
from activities.models import LibraryStatus


def test_a_lecturer_added_and_linked_to_an_activity_is_listed_on_their_page(
    login, bureau_admin, staff_a, staff_b, make_activity
):
    login(bureau_admin).post(
        reverse("library:person_create"),
        {"kind": "lecturer", "name": "王立新", "unit": "区法院", "field_of_law": "民事诉讼", "phone": "13800000000"},
    )
    person = library_selectors.people_for_choice().get(name="王立新")
    activity = make_activity(staff_a.agency, staff_a, title="民法典进社区专题讲座", day=dt.date(2026, 4, 18))
    library_services.activity_people_set(activity=activity, people=[person])
    assert list(activity.lecturers.all()) == [person]
    text = login(staff_b).get(reverse("library:person", args=[person.pk])).text
    assert "民法典进社区专题讲座" in text and "区市场监管局" in text and "2026-04-18" in text


def test_a_deleted_activity_drops_off_the_persons_page(login, staff_a, lecturer, make_activity):
    lecturer.activities.add(make_activity(staff_a.agency, staff_a, title="已删除的讲座", deleted=True))
    lecturer.activities.add(make_activity(staff_a.agency, staff_a, title="保留的讲座"))
    text = login(staff_a).get(reverse("library:person", args=[lecturer.pk])).text
    assert "保留的讲座" in text and "已删除的讲座" not in text


def test_only_people_in_the_library_are_offered_and_can_be_chosen(
    staff_a, lecturer, proposal_from_a, make_activity, bureau_admin
):
    assert list(library_selectors.people_for_choice()) == [lecturer]
    activity = make_activity(staff_a.agency, staff_a)
    with pytest.raises(ValidationError):
        library_services.activity_people_set(activity=activity, people=[proposal_from_a])


def test_a_retired_person_stays_on_the_activities_that_used_them(staff_a, lecturer, make_activity, bureau_admin):
    activity = make_activity(staff_a.agency, staff_a)
    library_services.activity_people_set(activity=activity, people=[lecturer])
    library_services.library_entry_retire(entry=lecturer, user=bureau_admin)
    library_services.activity_people_set(activity=activity, people=[lecturer])
    assert lecturer.status == LibraryStatus.RETIRED and list(activity.lecturers.all()) == [lecturer]
    assert lecturer not in library_selectors.people_for_choice()


def test_the_person_page_query_count_does_not_grow_with_activities(
    login, staff_a, lecturer, make_activity, django_assert_num_queries
):
    client = login(staff_a)
    lecturer.activities.add(make_activity(staff_a.agency, staff_a))
    # 1. the session
    # 2. the user
    # 3. the user's subordinate units (visibility)
    # 4. the person with their proposing agency
    # 5. the unread-notification count in the navigation bar
    # 6. their activities with their agencies
    with django_assert_num_queries(6):
        assert client.get(reverse("library:person", args=[lecturer.pk])).status_code == 200
    for i in range(15):
        lecturer.activities.add(make_activity(staff_a.agency, staff_a, title=f"讲座{i}"))
    with django_assert_num_queries(6):  # the same six for 16 activities
        assert client.get(reverse("library:person", args=[lecturer.pk])).status_code == 200
