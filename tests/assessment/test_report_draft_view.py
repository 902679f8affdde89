"""The annual report draft's page: the clerk asks, the page follows the build, readers in scope download."""

import io
from urllib.parse import quote

import pytest
from django.urls import reverse
from docx import Document

from agencies.models import OutboxJob
from assessment.models import ReportDraft

from .conftest import YEAR, make_checklist, make_item

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def url(agency, year=YEAR):
    return reverse("assessment:report_draft", args=[year, agency.pk])


def ask(client, agency, capture):
    with capture(execute=True):
        return client.post(url(agency))


def test_the_clerk_drafts_the_report_and_downloads_it(
    login, staff_a, agency_a, celery_eager, django_capture_on_commit_callbacks
):
    make_item(make_checklist(agency_a), activities=1)
    client = login(staff_a)
    page = client.get(url(agency_a)).text
    assert "生成年度报告草稿" in page
    response = ask(client, agency_a, django_capture_on_commit_callbacks)
    assert response.status_code == 302 and response.url == url(agency_a)
    draft = ReportDraft.objects.get()
    assert draft.status == ReportDraft.Status.READY and draft.requested_by == staff_a
    page = client.get(url(agency_a)).text
    download_url = reverse("assessment:report_download", args=[draft.pk])
    assert download_url in page and 'http-equiv="refresh"' not in page
    assert reverse("oversight:filing_form", args=[agency_a.pk, YEAR, "report"]) in page
    download = client.get(download_url)
    assert download.status_code == 200 and download["X-Content-Type-Options"] == "nosniff"
    name = f"{YEAR}年度普法工作情况报告（{agency_a.display_name}）.docx"
    assert download["Content-Disposition"].endswith("filename*=UTF-8''" + quote(name, safe=""))
    document = Document(io.BytesIO(b"".join(download.streaming_content)))
    assert agency_a.name in document.paragraphs[0].text and str(YEAR) in document.paragraphs[0].text
    assert any("未达目标" in p.text for p in document.paragraphs)


def test_a_get_writes_nothing(login, staff_a, agency_a):
    login(staff_a).get(url(agency_a))
    assert not ReportDraft.objects.exists() and not OutboxJob.objects.exists()


def test_the_page_follows_a_draft_being_written(login, staff_a, agency_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):  # no worker: the job waits
        login(staff_a).post(url(agency_a))
    page = login(staff_a).get(url(agency_a)).text
    assert 'http-equiv="refresh"' in page and "<progress" in page


def test_readers_in_scope_download_outsiders_do_not(
    login, staff_a, staff_b, bureau_reviewer, leader, agency_a, celery_eager, django_capture_on_commit_callbacks
):
    ask(login(staff_a), agency_a, django_capture_on_commit_callbacks)
    download_url = reverse("assessment:report_download", args=[ReportDraft.objects.get().pk])
    assert login(bureau_reviewer).get(download_url).status_code == 200
    assert login(leader).get(download_url).status_code == 200
    assert login(staff_b).get(download_url).status_code == 404
    assert login(staff_b).get(url(agency_a)).status_code == 404


def test_read_only_roles_may_not_ask(login, bureau_reviewer, leader, agency_a):
    assert login(bureau_reviewer).post(url(agency_a)).status_code == 403
    assert login(leader).post(url(agency_a)).status_code == 403
    assert not ReportDraft.objects.exists()


def test_a_year_not_opened_is_404(login, staff_a, agency_a):
    assert login(staff_a).get(url(agency_a, 2019)).status_code == 404


def test_the_query_count_is_pinned(
    login, staff_a, agency_a, celery_eager, django_capture_on_commit_callbacks, django_assert_num_queries
):
    client = login(staff_a)
    ask(client, agency_a, django_capture_on_commit_callbacks)
    # 1 the session, 2 the user, 3 agency A's subordinate units (access), 4 agency A, 5 the year's cycle
    # (years.open_cycle), 6 the draft with who asked for it, 7 the unread notifications in the header.
    with django_assert_num_queries(7):
        assert client.get(url(agency_a)).status_code == 200
