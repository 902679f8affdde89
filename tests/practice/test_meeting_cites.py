"""A joint meeting cites good practices; unmarking one removes it from the meetings that cited it."""

from django.urls import reverse

from assessment.models import JointMeeting
from assessment.practice import services


def test_a_meeting_cites_a_practice(login, bureau_admin, agency_a, activity):
    practice = services.practice_mark(user=bureau_admin, source=activity, note="经验")
    response = login(bureau_admin).post(
        reverse("oversight:meeting_create"),
        {
            "held_on": "2026-06-18",
            "title": "2026年第二次联席会议",
            "attendees": "各成员单位分管领导",
            "agencies": [agency_a.pk],
            "minutes": "推广食品安全普法经验",
            "cited_practices": [practice.pk],
        },
    )
    meeting = JointMeeting.objects.get(title="2026年第二次联席会议")
    assert response.status_code == 302 and list(meeting.cited_practices.all()) == [practice]
    page = login(bureau_admin).get(meeting.get_absolute_url()).content.decode()
    assert activity.title in page


def test_unmarking_removes_the_citation(bureau_admin, activity, meeting):
    practice = services.practice_mark(user=bureau_admin, source=activity, note="经验")
    meeting.cited_practices.add(practice)
    services.practice_unmark(user=bureau_admin, practice=practice)
    assert not meeting.cited_practices.exists()
