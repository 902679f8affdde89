"""The inbox page, opening and marking notifications read, and the unread count in the navigation bar."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agencies.models import Notification
from agencies.notifications import notification_create


@pytest.fixture
def inbox_of_a(staff_a, agency_a):
    return notification_create(
        recipients=[staff_a],
        title="请于2027年2月28日前报送清单",
        body="贵单位尚未报送",
        url="/agencies/",
        agency=agency_a,
    )[0]


def test_the_inbox_shows_a_user_their_own_notifications_only(login, inbox_of_a, staff_b):
    notification_create(recipients=[staff_b], title="教育局的提醒")
    page = login(inbox_of_a.recipient).get(reverse("agencies:inbox")).text
    assert "请于2027年2月28日前报送清单" in page and "贵单位尚未报送" in page
    assert "教育局的提醒" not in page


def test_the_navigation_bar_shows_the_unread_count(login, inbox_of_a, staff_a):
    notification_create(recipients=[staff_a], title="第二条")
    page = login(staff_a).get(reverse("home")).text
    assert reverse("agencies:inbox") in page
    assert '<span class="badge text-bg-warning">2<' in page
    Notification.objects.update(read_at="2027-01-01T00:00:00+08:00")
    assert not re.search(
        r'badge text-bg-warning">\d+<span class="visually-hidden">', login(staff_a).get(reverse("home")).text
    )


def test_opening_a_notification_marks_it_read_and_goes_to_what_it_is_about(login, inbox_of_a, staff_a):
    response = login(staff_a).post(reverse("agencies:notification_open", args=[inbox_of_a.pk]))
    assert response.status_code == 302 and response.url == "/agencies/"
    inbox_of_a.refresh_from_db()
    assert inbox_of_a.is_read


def test_a_notification_never_sends_its_reader_to_another_site(login, staff_a):
    [notification] = notification_create(recipients=[staff_a], title="x", url="https://evil.example/")
    assert login(staff_a).post(reverse("agencies:notification_open", args=[notification.pk])).url == "/"


def test_someone_elses_notification_answers_404(login, inbox_of_a, staff_b):
    client = login(staff_b)
    assert client.post(reverse("agencies:notification_open", args=[inbox_of_a.pk])).status_code == 404
    assert client.post(reverse("agencies:notification_read", args=[inbox_of_a.pk])).status_code == 404
    inbox_of_a.refresh_from_db()
    assert not inbox_of_a.is_read


def test_marking_one_read_stays_in_the_inbox(login, inbox_of_a, staff_a):
    response = login(staff_a).post(reverse("agencies:notification_read", args=[inbox_of_a.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("agencies:inbox")
    inbox_of_a.refresh_from_db()
    assert inbox_of_a.is_read


def test_marking_all_read(login, inbox_of_a, staff_a, staff_b):
    notification_create(recipients=[staff_a, staff_b], title="又一条")
    login(staff_a).post(reverse("agencies:inbox_read_all"))
    assert not Notification.objects.filter(recipient=staff_a, read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=staff_b, read_at__isnull=True).exists()


def test_reading_is_a_post(login, inbox_of_a, staff_a):
    assert login(staff_a).get(reverse("agencies:notification_open", args=[inbox_of_a.pk])).status_code == 405
    inbox_of_a.refresh_from_db()
    assert not inbox_of_a.is_read


def test_anonymous_users_go_to_the_login_page(client):
    response = client.get(reverse("agencies:inbox"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_inbox_query_count_does_not_grow_with_notifications(login, staff_a, agency_a, django_assert_num_queries):
    client = login(staff_a)
    notification_create(recipients=[staff_a] * 3, title="提醒", agency=agency_a)
    # 1. the session
    # 2. the user
    # 3. the notification count for the paginator
    # 4. the unread count (navigation bar and inbox header)
    # 5. the page of notifications with their agencies
    with django_assert_num_queries(5):
        assert client.get(reverse("agencies:inbox")).status_code == 200
    notification_create(recipients=[staff_a] * 60, title="提醒", agency=agency_a)
    # The same five for 63 notifications, on page 2.
    with django_assert_num_queries(5):
        assert client.get(reverse("agencies:inbox"), {"page": 2}).status_code == 200


def test_the_unread_count_costs_one_query_per_page(login, staff_a):
    notification_create(recipients=[staff_a] * 3, title="提醒")
    client = login(staff_a)
    for page in (reverse("home"), reverse("agencies:inbox")):  # the inbox shows the count twice
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page).status_code == 200
        counts = [q["sql"] for q in queries if "agencies_notification" in q["sql"] and "COUNT" in q["sql"].upper()]
        unread = [sql for sql in counts if "read_at" in sql and "IS NULL" in sql.upper()]
        assert len(unread) == 1, page
