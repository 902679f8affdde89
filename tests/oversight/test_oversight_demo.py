"""The demo shows what the issue asks: an overdue rectification for 区市场监管局, one waiting, one accepted."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from docx import Document

from agencies.models import User
from assessment.models import AnnualFiling, Finding, Inspection, JointMeeting, ReportDraft
from assessment.oversight import selectors as oversight_selectors

# seed_demo opens the years it fills, as the bureau would: no year is open before it runs.
pytestmark = pytest.mark.opened_years()


@pytest.fixture
def demo(settings, db, time_machine):
    settings.DEBUG = True
    time_machine.move_to("2026-11-26 09:00 +0800", tick=False)
    call_command("seed_demo", stdout=io.StringIO())


def test_the_demo_has_meetings_inspections_and_rectifications_in_every_state(demo):
    assert JointMeeting.objects.filter(held_on__year=2026).count() == 2
    assert Inspection.objects.count() == 3
    statuses = set(Finding.objects.filter(requires_rectification=True).values_list("status", flat=True))
    assert statuses == {"accepted", "answered", "pending"}
    (overdue,) = oversight_selectors.overdue_rectifications()
    assert overdue.agency.short_name == "区市场监管局"


def test_most_agencies_filed_their_2026_plan_and_many_their_2025_report(demo):
    facts = oversight_selectors.organisation_facts(2026)
    assert sum(f.plan_filed for f in facts.values()) >= 0.8 * len(facts)
    assert AnnualFiling.objects.filter(year=2025, kind="report").count() >= 0.7 * len(facts)


def test_the_market_staff_home_shows_the_overdue_rectification(demo, client):
    client.force_login(User.objects.get(username="market"))
    text = client.get(reverse("home")).text
    assert "1 项整改已逾期" in text and "食品安全执法检查中现场释法记录缺失" in text


def test_demo_documents_download(demo, client):
    client.force_login(User.objects.get(username="reviewer"))
    filing = AnnualFiling.objects.first()
    response = client.get(reverse("oversight:filing_download", args=[filing.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF-")


def test_the_market_and_the_bureau_download_the_markets_2026_report_draft(demo, client):
    draft = ReportDraft.objects.get(agency__short_name="区市场监管局", year=2026)
    url = reverse("assessment:report_download", args=[draft.pk])
    for username in ("market", "bureau"):
        client.force_login(User.objects.get(username=username))
        response = client.get(url)
        assert response.status_code == 200
        document = Document(io.BytesIO(b"".join(response.streaming_content)))
        assert document.paragraphs[0].text.endswith("2026年度普法工作情况报告")
    client.force_login(User.objects.get(username="court"))
    assert client.get(url).status_code == 404
