"""The bureau records commendations and measures; a wrong form keeps what was typed and saves nothing."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from agencies.models import Notification
from assessment import services as assessment
from assessment.models import Commendation, Measure, MeasureEvent

from ..library.uploads import html_renamed, pdf_bytes, upload
from .conftest import YEAR


def _commendation_data(agency, **overrides):
    data = {
        "agency": agency.pk,
        "person_name": "王芳",
        "person_position": "法规科科长",
        "decided_on": "2026-03-01",
        "reason": "组织“八五”普法成效显著",
        "file": upload("表彰决定.pdf", pdf_bytes()),
    }
    data.update(overrides)
    return data


def _measure_data(agency, **overrides):
    data = {
        "agency": agency.pk,
        "kind": Measure.Kind.RECTIFY,
        "decided_on": "2026-03-01",
        "deadline": "2026-05-01",
        "reason": "普法责任清单未报送",
        "file": upload("限期整改通知.pdf", pdf_bytes()),
    }
    data.update(overrides)
    return data


def test_the_bureau_records_a_commendation_of_a_person(login, bureau_admin, agency_a):
    response = login(bureau_admin).post(
        reverse("decisions:commendation_create", args=[YEAR]), _commendation_data(agency_a)
    )
    assert response.status_code == 302
    commendation = Commendation.objects.get()
    assert (commendation.agency, commendation.person_name, commendation.year) == (agency_a, "王芳", YEAR)
    assert commendation.original_name == "表彰决定.pdf" and commendation.content_type == "application/pdf"


def test_a_wrong_commendation_keeps_the_input_and_saves_nothing(login, bureau_admin, agency_a):
    client = login(bureau_admin)
    url = reverse("decisions:commendation_create", args=[YEAR])
    response = client.post(url, _commendation_data(agency_a, reason="", file=""))
    assert response.status_code == 200
    assert "王芳" in response.text and "法规科科长" in response.text
    assert "这是必填项" in response.text or "必填" in response.text
    hostile = client.post(url, _commendation_data(agency_a, file=html_renamed("表彰决定.pdf")))
    assert hostile.status_code == 200 and "王芳" in hostile.text
    assert not Commendation.objects.exists()


def test_a_position_without_a_person_is_refused(login, bureau_admin, agency_a):
    response = login(bureau_admin).post(
        reverse("decisions:commendation_create", args=[YEAR]), _commendation_data(agency_a, person_name="")
    )
    assert response.status_code == 200 and not Commendation.objects.exists()


def test_the_bureau_records_a_measure_and_the_agency_is_told(login, bureau_admin, staff_a, agency_a):
    response = login(bureau_admin).post(reverse("decisions:measure_create", args=[YEAR]), _measure_data(agency_a))
    measure = Measure.objects.get()
    assert response.status_code == 302 and response.url == measure.get_absolute_url()
    assert measure.status == Measure.Status.PENDING and measure.deadline == dt.date(2026, 5, 1)
    assert list(measure.events.values_list("action", flat=True)) == [MeasureEvent.Action.RECORDED]
    notice = Notification.objects.get(recipient=staff_a)
    assert "限期整改" in notice.title and notice.url == measure.get_absolute_url()


def test_a_deadline_before_the_decision_keeps_the_input(login, bureau_admin, agency_a):
    response = login(bureau_admin).post(
        reverse("decisions:measure_create", args=[YEAR]), _measure_data(agency_a, deadline="2026-02-01")
    )
    assert response.status_code == 200
    assert "普法责任清单未报送" in response.text and "2026-02-01" in response.text
    assert not Measure.objects.exists() and not Notification.objects.exists()


@pytest.mark.opened_years(2025, 2026)
def test_a_year_not_opened_answers_404(login, bureau_admin):
    assert login(bureau_admin).get(reverse("decisions:measure_create", args=[2024])).status_code == 404


def test_decisions_are_corrected_after_the_results_are_published(login, bureau_admin, commendation_a, measure_a):
    rubric = assessment.rubric_for_year(year=YEAR)
    rubric.published_at, rubric.published_by = timezone.now(), bureau_admin
    rubric.save()
    client = login(bureau_admin)
    response = client.post(
        reverse("decisions:commendation_edit", args=[commendation_a.pk]),
        {"agency": commendation_a.agency_id, "decided_on": "2026-03-02", "reason": "更正后的表彰事由"},
    )
    assert response.status_code == 302
    commendation_a.refresh_from_db()
    assert commendation_a.reason == "更正后的表彰事由" and commendation_a.original_name == "表彰决定.pdf"
    response = client.post(
        reverse("decisions:measure_edit", args=[measure_a.pk]),
        {"kind": Measure.Kind.CIRCULAR, "decided_on": "2026-03-01", "deadline": "2026-06-01", "reason": "更正"},
    )
    assert response.status_code == 302
    measure_a.refresh_from_db()
    assert (measure_a.kind, measure_a.deadline, measure_a.status) == (
        Measure.Kind.CIRCULAR,
        dt.date(2026, 6, 1),
        Measure.Status.PENDING,
    )
