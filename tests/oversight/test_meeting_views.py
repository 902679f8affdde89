"""Joint meetings: recorded by the bureau; agencies see only the meetings they took part in."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from assessment.models import JointMeeting
from assessment.oversight import services

from ..library.uploads import html_renamed, pdf_bytes, upload


def _post(agencies, reporting=(), **overrides):
    data = {
        "held_on": "2026-03-18",
        "title": "2026年区法治宣传教育领导小组第一次联席会议",
        "place": "区行政中心1号楼第三会议室",
        "attendees": "领导小组组长、副组长及各成员单位分管领导",
        "agencies": [a.pk for a in agencies],
        "reporting_agencies": [a.pk for a in reporting],
        "minutes": "会议通报了2025年度普法责任制落实情况，部署2026年重点工作。",
    }
    data.update(overrides)
    return data


@pytest.fixture
def meeting(bureau_admin, agency_a):
    return services.meeting_record(
        user=bureau_admin,
        held_on=dt.date(2026, 3, 18),
        title="2026年第一次联席会议",
        attendees="各成员单位分管领导",
        minutes="部署全年重点工作",
        agencies=[agency_a],
        new_attachments=[upload("会议纪要.pdf", pdf_bytes())],
    )


def test_the_bureau_records_a_meeting_with_attachments(login, bureau_admin, agency_a, agency_b):
    response = login(bureau_admin).post(
        reverse("oversight:meeting_create"),
        _post([agency_a], reporting=[agency_b], new_attachments=[upload("纪要.pdf", pdf_bytes())]),
    )
    meeting = JointMeeting.objects.get()
    assert response.status_code == 302 and response.url == meeting.get_absolute_url()
    # An agency that reported took part.
    assert set(meeting.agencies.all()) == {agency_a, agency_b}
    assert meeting.attachments.get().original_name == "纪要.pdf"


def test_a_renamed_html_attachment_is_refused(login, bureau_admin, agency_a):
    response = login(bureau_admin).post(
        reverse("oversight:meeting_create"), _post([agency_a], new_attachments=[html_renamed("纪要.pdf")])
    )
    assert response.status_code == 200 and not JointMeeting.objects.exists()


def test_agencies_see_only_the_meetings_they_took_part_in(login, staff_a, staff_b, staff_parent, meeting):
    assert "2026年第一次联席会议" in login(staff_a).get(reverse("oversight:meetings")).text
    assert "2026年第一次联席会议" in login(staff_parent).get(reverse("oversight:meetings")).text
    assert "2026年第一次联席会议" not in login(staff_b).get(reverse("oversight:meetings")).text
    assert login(staff_b).get(meeting.get_absolute_url()).status_code == 404
    attachment = meeting.attachments.get()
    assert login(staff_b).get(reverse("oversight:meeting_attachment", args=[attachment.pk])).status_code == 404
    assert login(staff_a).get(reverse("oversight:meeting_attachment", args=[attachment.pk])).status_code == 200


@pytest.mark.parametrize("who", ["staff_a", "bureau_reviewer", "leader"])
def test_only_the_bureau_records_or_edits_meetings(request, login, who, meeting, agency_a):
    client = login(request.getfixturevalue(who))
    assert client.post(reverse("oversight:meeting_create"), _post([agency_a])).status_code == 403
    assert client.post(reverse("oversight:meeting_edit", args=[meeting.pk]), _post([agency_a])).status_code == 403


def test_leadership_and_reviewers_read_every_meeting(login, leader, bureau_reviewer, meeting):
    assert login(leader).get(meeting.get_absolute_url()).status_code == 200
    assert login(bureau_reviewer).get(meeting.get_absolute_url()).status_code == 200


def test_anonymous_users_go_to_log_in(client, meeting):
    response = client.get(meeting.get_absolute_url())
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_list_query_count_does_not_grow_with_meetings(
    login, staff_a, bureau_admin, agency_a, django_assert_num_queries
):
    def add(count):
        for i in range(count):
            services.meeting_record(
                user=bureau_admin,
                held_on=dt.date(2026, 1, 1) + dt.timedelta(days=i),
                title=f"会议{i}",
                attendees="成员",
                minutes="纪要",
                agencies=[agency_a],
                reporting_agencies=[agency_a],
            )

    client = login(staff_a)
    add(2)
    # 1. the session
    # 2. the user
    # 3. the user's subordinate units (visibility)
    # 4. the meetings counted for the paginator
    # 5. the unread-notification count in the navigation bar
    # 6. the page of meetings with their attachments counted
    # 7. their reporting agencies
    with django_assert_num_queries(7):
        assert client.get(reverse("oversight:meetings")).status_code == 200
    add(15)
    with django_assert_num_queries(7):  # the same seven for 17 meetings
        assert client.get(reverse("oversight:meetings")).status_code == 200


def test_the_export_reopens_filtered_by_year(login, bureau_admin, meeting):
    response = login(bureau_admin).get(reverse("oversight:meetings_export"), {"year": "2026"})
    rows = list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)
    assert rows[0][0] == "日期" and rows[1][1] == "2026年第一次联席会议"
    empty = login(bureau_admin).get(reverse("oversight:meetings_export"), {"year": "2025"})
    assert len(list(load_workbook(io.BytesIO(b"".join(empty.streaming_content))).active.values)) == 1
