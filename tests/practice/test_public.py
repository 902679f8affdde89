"""The public good-practice page: title, agency, date and note, and only the photos the agency allowed."""

from django.test import Client
from django.urls import reverse

from activities import services as activity_services
from assessment.practice import services

NOTE = "以案释法与现场答疑结合。"


def _marked(bureau_admin, source):
    return services.practice_mark(user=bureau_admin, source=source, note=NOTE)


def test_anyone_reads_the_page(bureau_admin, activity, public_photo, private_photo):
    _marked(bureau_admin, activity)
    response = Client().get(reverse("public_practice:list"))
    page = response.content.decode()
    assert response.status_code == 200
    assert activity.title in page and activity.agency.name in page and NOTE in page and "2026-03-15" in page
    assert reverse("public_practice:photo", args=[public_photo.pk]) in page
    assert reverse("public_practice:photo", args=[private_photo.pk]) not in page


def test_no_private_data_reaches_the_page(bureau_admin, activity, public_photo, private_photo):
    _marked(bureau_admin, activity)
    page = Client().get(reverse("public_practice:list")).content.decode()
    for private in ("13800000000", activity.description, private_photo.original_name, public_photo.original_name):
        assert private not in page
    assert reverse("activities:evidence", args=[public_photo.pk]) not in page


def test_an_allowed_photo_is_served_as_a_thumbnail(bureau_admin, activity, public_photo):
    _marked(bureau_admin, activity)
    response = Client().get(reverse("public_practice:photo", args=[public_photo.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"


def test_a_photo_not_allowed_is_404(bureau_admin, activity, private_photo):
    _marked(bureau_admin, activity)
    assert Client().get(reverse("public_practice:photo", args=[private_photo.pk])).status_code == 404


def test_an_allowed_photo_of_an_unmarked_activity_is_404(activity, public_photo):
    assert Client().get(reverse("public_practice:photo", args=[public_photo.pk])).status_code == 404


def test_an_unmarked_practice_leaves_the_page(bureau_admin, activity):
    practice = _marked(bureau_admin, activity)
    services.practice_unmark(user=bureau_admin, practice=practice)
    assert activity.title not in Client().get(reverse("public_practice:list")).content.decode()


def test_a_deleted_activity_leaves_the_page_and_its_photos_go(bureau_admin, staff_a, activity, public_photo):
    _marked(bureau_admin, activity)
    activity_services.activity_delete(activity=activity, deleted_by=staff_a)
    assert activity.title not in Client().get(reverse("public_practice:list")).content.decode()
    assert Client().get(reverse("public_practice:photo", args=[public_photo.pk])).status_code == 404


def test_a_report_and_a_meeting_show_without_their_documents(bureau_admin, report, meeting):
    _marked(bureau_admin, report)
    _marked(bureau_admin, meeting)
    page = Client().get(reverse("public_practice:list")).content.decode()
    assert meeting.title in page and report.agency.name in page
    assert report.original_name not in page and meeting.minutes not in page


def test_the_page_reads_in_three_queries(bureau_admin, activity, public_photo, meeting, django_assert_num_queries):
    _marked(bureau_admin, activity)
    _marked(bureau_admin, meeting)
    with django_assert_num_queries(3):
        # 1. count the practices for the paginator
        # 2. the page of practices with their activity, report, meeting and agencies
        # 3. the publishable photos of the page's activities
        Client().get(reverse("public_practice:list"))
