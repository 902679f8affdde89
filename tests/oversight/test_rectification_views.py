"""Rectifications: the agency answers with evidence; the bureau accepts or sends back; history is kept."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from assessment.models import Finding, RectificationEvent
from assessment.oversight import services

from ..library.uploads import html_renamed, pdf_bytes, png_bytes, upload


def _answer(client, finding, *files, description="已补充现场释法影像记录，建立执法记录仪使用台账"):
    files = files or (upload("整改照片.png", png_bytes()),)
    return client.post(
        reverse("oversight:rectification_answer", args=[finding.pk]),
        {"description": description, "evidence": list(files)},
    )


def test_the_agency_answers_with_evidence_and_the_bureau_sends_it_back_then_accepts(
    login, staff_a, bureau_admin, finding_a
):
    agency, bureau = login(staff_a), login(bureau_admin)
    assert _answer(agency, finding_a).status_code == 302
    finding_a.refresh_from_db()
    assert finding_a.status == Finding.Status.ANSWERED

    decide = reverse("oversight:rectification_decide", args=[finding_a.pk])
    assert bureau.post(decide, {"decision": "return", "comment": ""}).status_code == 200  # a reason is required
    bureau.post(decide, {"decision": "return", "comment": "照片未体现整改后的台账"})
    finding_a.refresh_from_db()
    assert finding_a.status == Finding.Status.RETURNED
    assert "照片未体现整改后的台账" in agency.get(finding_a.get_absolute_url()).text

    _answer(agency, finding_a, upload("台账.pdf", pdf_bytes()), description="补充台账扫描件")
    bureau.post(decide, {"decision": "accept", "comment": "整改到位"})
    finding_a.refresh_from_db()
    assert finding_a.status == Finding.Status.ACCEPTED
    assert list(finding_a.events.values_list("action", flat=True)) == [
        "required",
        "answered",
        "returned",
        "answered",
        "accepted",
    ]
    assert finding_a.responses.count() == 2
    page = agency.get(finding_a.get_absolute_url()).text
    assert "整改照片.png" in page and "台账.pdf" in page


def test_an_answer_needs_evidence_and_refuses_a_renamed_html_page(login, staff_a, finding_a):
    client = login(staff_a)
    response = client.post(
        reverse("oversight:rectification_answer", args=[finding_a.pk]), {"description": "已整改", "evidence": []}
    )
    assert response.status_code == 200
    assert _answer(client, finding_a, html_renamed("照片.jpg")).status_code == 200
    finding_a.refresh_from_db()
    assert finding_a.status == Finding.Status.PENDING and not finding_a.responses.exists()


def test_an_answered_rectification_cannot_be_answered_again_before_the_decision(login, staff_a, finding_a):
    client = login(staff_a)
    _answer(client, finding_a)
    response = _answer(client, finding_a)
    assert response.status_code == 302 and finding_a.responses.count() == 1


def test_only_the_agency_answers(login, staff_parent, bureau_admin, leader, staff_b, finding_a):
    for user in (staff_parent, bureau_admin, leader):
        assert _answer(login(user), finding_a).status_code == 403
    assert _answer(login(staff_b), finding_a).status_code == 404
    assert not finding_a.responses.exists()


def test_only_the_bureau_decides(login, staff_a, bureau_reviewer, leader, staff_b, finding_a):
    _answer(login(staff_a), finding_a)
    decide = reverse("oversight:rectification_decide", args=[finding_a.pk])
    for user in (staff_a, bureau_reviewer, leader):
        assert login(user).post(decide, {"decision": "accept"}).status_code == 403
    assert login(staff_b).post(decide, {"decision": "accept"}).status_code == 404
    finding_a.refresh_from_db()
    assert finding_a.status == Finding.Status.ANSWERED


def test_a_pending_rectification_cannot_be_accepted(login, bureau_admin, finding_a):
    login(bureau_admin).post(reverse("oversight:rectification_decide", args=[finding_a.pk]), {"decision": "accept"})
    finding_a.refresh_from_db()
    assert finding_a.status == Finding.Status.PENDING
    assert not RectificationEvent.objects.filter(action="accepted").exists()


def test_evidence_downloads_follow_the_agency_rules(login, staff_a, staff_parent, staff_b, bureau_reviewer, finding_a):
    _answer(login(staff_a), finding_a)
    evidence = finding_a.responses.get().evidence.get()
    url = reverse("oversight:evidence_download", args=[evidence.pk])
    for user in (staff_a, staff_parent, bureau_reviewer):
        response = login(user).get(url)
        assert response.status_code == 200 and response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Type"] == "image/png"
    assert login(staff_b).get(url).status_code == 404


@pytest.mark.parametrize(
    "who,status", [("staff_b", 404), ("town_reviewer", 404), ("leader", 200), ("staff_parent", 200)]
)
def test_the_rectification_page_follows_the_agency_rules(request, login, who, status, finding_a):
    assert login(request.getfixturevalue(who)).get(finding_a.get_absolute_url()).status_code == status


def test_anonymous_users_go_to_log_in(client, finding_a):
    response = client.get(finding_a.get_absolute_url())
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_list_filters_overdue_ones(login, bureau_reviewer, finding_a, finding_b, time_machine):
    time_machine.move_to(dt.datetime(2026, 10, 8, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))), tick=False)
    text = login(bureau_reviewer).get(reverse("oversight:rectifications"), {"overdue": "on"}).text
    assert "执法现场释法记录不完整" in text and "校园普法台账未按月更新" not in text
    # The filter is a ticked checkbox beside its label, not a text box holding "on".
    checkbox = '<input type="checkbox" name="overdue" class="checkboxinput form-check-input" id="id_overdue" checked>'
    assert checkbox in text


def test_the_list_query_count_does_not_grow_with_rectifications(
    login, staff_a, bureau_admin, inspection, agency_a, django_assert_num_queries
):
    def add(count):
        for i in range(count):
            services.finding_add(
                inspection=inspection,
                user=bureau_admin,
                agency=agency_a,
                description=f"问题{i}",
                requires_rectification=True,
                deadline=dt.date(2026, 10, 1),
            )

    client = login(staff_a)
    add(2)
    # 1. the session
    # 2. the user
    # 3. the user's subordinate units (visibility)
    # 4. the rectifications counted for the paginator
    # 5. the unread-notification count in the navigation bar
    # 6. the page of rectifications with their agency and inspection
    with django_assert_num_queries(6):
        assert client.get(reverse("oversight:rectifications")).status_code == 200
    add(20)
    with django_assert_num_queries(6):  # the same six for 22 rectifications
        assert client.get(reverse("oversight:rectifications")).status_code == 200


def test_the_rectification_page_query_count_does_not_grow_with_answers(
    login, staff_a, bureau_admin, finding_a, django_assert_num_queries
):
    client = login(staff_a)
    _answer(client, finding_a)
    # 1. the session
    # 2. the user
    # 3. the user's subordinate units (visibility)
    # 4. the rectification with its agency, office, inspection and who recorded it
    # 5. its answers with their authors
    # 6. the answers' evidence
    # 7. its history with the actors
    # 8. the unread-notification count in the navigation bar
    with django_assert_num_queries(8):
        assert client.get(finding_a.get_absolute_url()).status_code == 200
    for _ in range(3):
        services.rectification_return(finding=finding_a, user=bureau_admin, reason="再补充")
        _answer(client, finding_a)
    with django_assert_num_queries(8):  # the same eight for four answers
        assert client.get(finding_a.get_absolute_url()).status_code == 200


def test_the_export_reopens_with_overdue_marked(login, bureau_reviewer, finding_a, time_machine):
    time_machine.move_to(dt.datetime(2026, 10, 8, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))), tick=False)
    response = login(bureau_reviewer).get(reverse("oversight:rectifications_export"))
    rows = list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)
    assert rows[0][:2] == ("责任单位", "督查")
    assert rows[1][0] == "常州市新北区市场监督管理局" and rows[1][5] == "待整改" and rows[1][6] == "是"
