"""A lecturer from the resource library chosen when logging an activity (issue 7's "Done when")."""

from django.urls import reverse

from activities.models import Activity, LibraryStatus, ResourcePerson

from .test_activity_create import post_data, url


def lecturer(by, **fields):
    values = {
        "kind": ResourcePerson.Kind.LECTURER,
        "name": "刘建华",
        "unit": "江苏常新律师事务所",
        "field_of_law": "劳动法",
        "created_by": by,
    }
    values.update(fields)
    return ResourcePerson.objects.create(**values)


def test_a_lecturer_added_to_the_library_is_chosen_and_lists_the_activity(login, staff_a, agency_a, bureau_admin):
    person = lecturer(bureau_admin)
    client = login(staff_a)
    form_page = client.get(url(agency_a)).text
    assert "刘建华（" in form_page
    response = client.post(url(agency_a), post_data(activity_type="law_lecture", people=[person.pk]))
    activity = Activity.objects.get()
    assert response.status_code == 302
    assert list(activity.lecturers.all()) == [person]
    assert "刘建华" in client.get(activity.get_absolute_url()).text
    person_page = login(bureau_admin).get(reverse("library:person", args=[person.pk])).text
    assert activity.title in person_page


def test_a_proposed_or_retired_person_is_not_offered(login, staff_a, agency_a, bureau_admin):
    lecturer(bureau_admin, name="王提议", status=LibraryStatus.PROPOSED)
    lecturer(bureau_admin, name="李退出", status=LibraryStatus.RETIRED)
    page = login(staff_a).get(url(agency_a)).text
    assert "王提议" not in page and "李退出" not in page


def test_editing_keeps_the_chosen_people_unless_changed(login, staff_a, agency_a, bureau_admin):
    person = lecturer(bureau_admin)
    client = login(staff_a)
    client.post(url(agency_a), post_data(activity_type="law_lecture", people=[person.pk]))
    activity = Activity.objects.get()
    edit = reverse("activities:edit", args=[activity.pk])
    assert f'<option value="{person.pk}" selected>' in client.get(edit).text
    client.post(edit, post_data(activity_type="law_lecture", title="改过的标题", people=[]))
    activity.refresh_from_db()
    assert activity.title == "改过的标题" and not activity.lecturers.exists()
