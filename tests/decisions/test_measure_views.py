"""A measure is followed up like a rectification: the agency answers, the bureau closes it or sends it back."""

from django.urls import reverse

from agencies.models import Notification
from assessment.models import Measure

from ..library.uploads import html_renamed, png_bytes, upload


def _answer(client, measure, *files, description="已召开专题会议，补齐普法台账"):
    return client.post(
        reverse("decisions:measure_answer", args=[measure.pk]), {"description": description, "evidence": list(files)}
    )


def test_the_agency_answers_the_bureau_sends_back_then_closes(login, staff_a, bureau_admin, measure_a):
    agency, bureau = login(staff_a), login(bureau_admin)
    assert _answer(agency, measure_a).status_code == 302  # evidence is optional
    measure_a.refresh_from_db()
    assert measure_a.status == Measure.Status.ANSWERED
    assert Notification.objects.filter(recipient=bureau_admin, url=measure_a.get_absolute_url()).exists()

    decide = reverse("decisions:measure_decide", args=[measure_a.pk])
    assert bureau.post(decide, {"decision": "return", "comment": ""}).status_code == 200  # a reason is required
    measure_a.refresh_from_db()
    assert measure_a.status == Measure.Status.ANSWERED
    bureau.post(decide, {"decision": "return", "comment": "请附整改报告"})
    measure_a.refresh_from_db()
    assert measure_a.status == Measure.Status.RETURNED
    assert "请附整改报告" in agency.get(measure_a.get_absolute_url()).text

    _answer(agency, measure_a, upload("整改报告.png", png_bytes()), description="附整改报告")
    bureau.post(decide, {"decision": "close", "comment": "整改到位"})
    measure_a.refresh_from_db()
    assert measure_a.status == Measure.Status.CLOSED
    assert list(measure_a.events.values_list("action", flat=True)) == [
        "recorded",
        "answered",
        "returned",
        "answered",
        "closed",
    ]
    page = agency.get(measure_a.get_absolute_url()).text
    assert "整改报告.png" in page and "附整改报告" in page
    assert _answer(agency, measure_a).status_code == 200 and measure_a.responses.count() == 2  # closed


def test_a_wrong_answer_keeps_the_input(login, staff_a, measure_a):
    client = login(staff_a)
    response = _answer(client, measure_a, html_renamed("照片.jpg"), description="已整改的说明")
    assert response.status_code == 200 and "已整改的说明" in response.text
    assert _answer(client, measure_a, description="").status_code == 200
    measure_a.refresh_from_db()
    assert measure_a.status == Measure.Status.PENDING and not measure_a.responses.exists()


def test_only_the_agency_answers(login, staff_parent, bureau_admin, leader, staff_b, measure_a):
    for user in (staff_parent, bureau_admin, leader):
        assert _answer(login(user), measure_a).status_code == 403
    assert _answer(login(staff_b), measure_a).status_code == 404
    assert not measure_a.responses.exists()


def test_only_the_bureau_decides(login, staff_a, bureau_reviewer, leader, staff_b, measure_a):
    _answer(login(staff_a), measure_a)
    decide = reverse("decisions:measure_decide", args=[measure_a.pk])
    for user in (staff_a, bureau_reviewer, leader):
        assert login(user).post(decide, {"decision": "close"}).status_code == 403
    assert login(staff_b).post(decide, {"decision": "close"}).status_code == 404
    measure_a.refresh_from_db()
    assert measure_a.status == Measure.Status.ANSWERED


def test_the_page_query_count_is_fixed(login, staff_a, measure_a, django_assert_num_queries):
    client = login(staff_a)
    _answer(client, measure_a, upload("照片.png", png_bytes()))
    client.get(measure_a.get_absolute_url())
    # 1. the session
    # 2. the user
    # 3. the agency's subordinate units (what staff may see)
    # 4. the measure with its agency, office and recorder
    # 5. its answers with who answered
    # 6. their evidence
    # 7. its steps with who took them
    # 8. the unread-notification count in the navigation bar
    with django_assert_num_queries(8):
        assert client.get(measure_a.get_absolute_url()).status_code == 200
