"""The good-practice list for signed-in users, and its export."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from assessment.practice import services

NOTE = "以案释法与现场答疑结合。"


def test_every_signed_in_user_reads_the_list(login, bureau_admin, staff_b, activity, report):
    services.practice_mark(user=bureau_admin, source=activity, note=NOTE)
    services.practice_mark(user=bureau_admin, source=report, note="总结经验")
    page = login(staff_b).get(reverse("practice:list")).content.decode()
    assert activity.title in page and NOTE in page and "总结经验" in page
    # staff of B do not see A's activity, so no link to it and no buttons to mark.
    assert reverse("activities:detail", args=[activity.pk]) not in page
    assert reverse("practice:unmark", args=[1]).replace("1", "") not in page


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(reverse("practice:list"))
    assert response.status_code == 302 and reverse("login") in response.url


def test_the_filter_narrows_by_source(login, bureau_admin, activity, meeting):
    services.practice_mark(user=bureau_admin, source=activity, note=NOTE)
    services.practice_mark(user=bureau_admin, source=meeting, note="会议交流")
    page = login(bureau_admin).get(reverse("practice:list"), {"source": "meeting"}).content.decode()
    assert meeting.title in page and activity.title not in page


def test_the_list_reads_in_a_fixed_number_of_queries(
    login, bureau_admin, activity, report, meeting, django_assert_num_queries
):
    for source in (activity, report, meeting):
        services.practice_mark(user=bureau_admin, source=source, note=NOTE)
    client = login(bureau_admin)
    with django_assert_num_queries(5):
        # 1. the session
        # 2. the user
        # 3. count the practices for the paginator
        # 4. the unread notifications in the navigation bar
        # 5. the page of practices with their sources, agencies and who marked them
        client.get(reverse("practice:list"))


def test_the_export_lists_every_practice(login, bureau_admin, activity, meeting):
    services.practice_mark(user=bureau_admin, source=activity, note=NOTE)
    services.practice_mark(user=bureau_admin, source=meeting, note="会议交流")
    response = login(bureau_admin).get(reverse("practice:export"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    titles = {row[0] for row in rows[1:]}
    assert {activity.title, meeting.title} <= titles
    assert any(row[4] == NOTE and row[2] == activity.agency.name for row in rows)
