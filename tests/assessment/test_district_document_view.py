"""The district report's and the leader's brief's page: the bureau asks for the report, leadership and the bureau
for the brief, the page follows the build; everyone else gets 404."""

import io

import pytest
from django.urls import reverse
from docx import Document

from agencies.models import OutboxJob
from assessment.models import DistrictDocument

from .conftest import YEAR

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def report_url(year=YEAR):
    return reverse("assessment:district_report", args=[year])


def brief_url(year=YEAR):
    return reverse("assessment:leader_brief", args=[year])


def test_the_bureau_writes_the_district_report_and_downloads_it(
    login, bureau_admin, agency_a, celery_eager, django_capture_on_commit_callbacks
):
    client = login(bureau_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(report_url())
    assert response.status_code == 302 and response.url == report_url()
    document = DistrictDocument.objects.get()
    assert document.kind == DistrictDocument.Kind.REPORT and document.status == DistrictDocument.Status.READY
    page = client.get(report_url()).text
    download_url = reverse("assessment:district_document_download", args=[document.pk])
    assert download_url in page and 'http-equiv="refresh"' not in page
    download = client.get(download_url)
    assert download.status_code == 200 and download["X-Content-Type-Options"] == "nosniff"
    report = Document(io.BytesIO(b"".join(download.streaming_content)))
    assert report.paragraphs[0].text == f"{YEAR}年度全区普法责任制落实情况报告"


def test_leadership_asks_for_the_brief_but_not_the_report(
    login, leader, agency_a, celery_eager, django_capture_on_commit_callbacks
):
    client = login(leader)
    assert client.get(report_url()).status_code == 404
    assert client.post(report_url()).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(brief_url()).status_code == 302
    brief = DistrictDocument.objects.get()
    assert brief.kind == DistrictDocument.Kind.BRIEF and brief.status == DistrictDocument.Status.READY
    download = client.get(reverse("assessment:district_document_download", args=[brief.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_agencies_and_town_offices_get_404(login, staff_a, staff_parent, town_reviewer, bureau_admin):
    report = DistrictDocument.objects.create(
        kind=DistrictDocument.Kind.REPORT, year=YEAR, requested_by=bureau_admin, status=DistrictDocument.Status.READY
    )
    for user in (staff_a, staff_parent, town_reviewer):
        client = login(user)
        for url in (report_url(), brief_url(), reverse("assessment:district_document_download", args=[report.pk])):
            assert client.get(url).status_code == 404
            assert client.post(url).status_code == 404
    assert DistrictDocument.objects.count() == 1 and not OutboxJob.objects.exists()


def test_leadership_may_not_download_the_report(login, leader, bureau_admin):
    report = DistrictDocument.objects.create(
        kind=DistrictDocument.Kind.REPORT, year=YEAR, requested_by=bureau_admin, status=DistrictDocument.Status.READY
    )
    assert login(leader).get(reverse("assessment:district_document_download", args=[report.pk])).status_code == 404


def test_a_get_writes_nothing(login, bureau_admin, leader):
    login(bureau_admin).get(report_url())
    login(leader).get(brief_url())
    assert not DistrictDocument.objects.exists() and not OutboxJob.objects.exists()


def test_the_page_follows_a_document_being_written(login, leader, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):  # no worker: the job waits
        login(leader).post(brief_url())
    page = login(leader).get(brief_url()).text
    assert 'http-equiv="refresh"' in page and "<progress" in page


def test_a_year_not_opened_is_404(login, bureau_admin):
    assert login(bureau_admin).get(report_url(2019)).status_code == 404


def test_the_dashboard_links_each_reader_to_what_they_may_have(login, leader, bureau_admin, bureau_reviewer):
    leader_page = login(leader).get(reverse("assessment:dashboard"), {"year": YEAR}).text
    assert brief_url() in leader_page and report_url() not in leader_page
    bureau_page = login(bureau_admin).get(reverse("assessment:dashboard"), {"year": YEAR}).text
    assert brief_url() in bureau_page and report_url() in bureau_page


def test_the_query_count_is_pinned(login, bureau_admin, django_assert_num_queries):
    client = login(bureau_admin)
    # 1 the session, 2 the user, 3 the year's cycle (years.open_cycle), 4 the document
    # with who asked for it, 5 the unread notifications in the header.
    with django_assert_num_queries(5):
        assert client.get(report_url()).status_code == 200
