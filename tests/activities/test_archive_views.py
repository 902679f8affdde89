"""Filing the annual archive: a task builds it after the request; the page follows it; downloads are checked."""

import datetime as dt
import io
import zipfile
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from activities import services
from activities.evidence import inspect_evidence
from activities.models import AnnualArchive

from .conftest import YEAR, make_activity, upload

SHANGHAI = ZoneInfo("Asia/Shanghai")


def url(agency, year=YEAR):
    return reverse("activities:archive", args=[agency.pk, year])


@pytest.fixture
def with_evidence(agency_a, staff_a, item):
    activity = make_activity(agency_a, staff_a, checklist_item=item)
    services.evidence_add(activity=activity, uploaded_by=staff_a, checked=inspect_evidence(upload("合影.png")))
    return activity


def file_archive(client, agency, capture, year=YEAR):
    with capture(execute=True):
        return client.post(url(agency, year))


def test_staff_file_the_archive_and_download_it(
    login, staff_a, agency_a, with_evidence, celery_eager, django_capture_on_commit_callbacks
):
    client = login(staff_a)
    response = file_archive(client, agency_a, django_capture_on_commit_callbacks)
    assert response.status_code == 302 and response.url == url(agency_a)
    archive = AnnualArchive.objects.get()
    assert archive.status == AnnualArchive.Status.READY and archive.requested_by == staff_a
    page = client.get(url(agency_a)).text
    assert archive.sha256 in page and 'http-equiv="refresh"' not in page
    download = client.get(reverse("activities:archive_download", args=[archive.pk]))
    assert download.status_code == 200 and download["X-Content-Type-Options"] == "nosniff"
    assert "filename*=UTF-8''" in download["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content))) as bundle:
        assert any(name.endswith("/合影.png") for name in bundle.namelist())


def test_a_second_filing_for_the_year_is_refused(
    login, staff_a, agency_a, with_evidence, celery_eager, django_capture_on_commit_callbacks
):
    client = login(staff_a)
    file_archive(client, agency_a, django_capture_on_commit_callbacks)
    first = AnnualArchive.objects.get()
    response = file_archive(client, agency_a, django_capture_on_commit_callbacks)
    assert "已归档，不能重复归档" in client.get(response.url).text
    assert AnnualArchive.objects.get().sha256 == first.sha256


def test_a_failed_build_may_be_filed_again(
    login, staff_a, agency_a, with_evidence, celery_eager, django_capture_on_commit_callbacks
):
    AnnualArchive.objects.create(
        agency=agency_a, year=YEAR, requested_by=staff_a, status=AnnualArchive.Status.FAILED, error="磁盘已满"
    )
    file_archive(login(staff_a), agency_a, django_capture_on_commit_callbacks)
    assert AnnualArchive.objects.get().status == AnnualArchive.Status.READY


def test_it_needs_the_approved_checklist(login, staff_a, agency_a, celery_eager, django_capture_on_commit_callbacks):
    client = login(staff_a)
    file_archive(client, agency_a, django_capture_on_commit_callbacks)
    assert not AnnualArchive.objects.exists()
    assert "尚未审核通过" in client.get(url(agency_a)).text


def test_the_page_refreshes_itself_while_the_archive_is_built(login, staff_a, agency_a, item):
    AnnualArchive.objects.create(agency=agency_a, year=YEAR, requested_by=staff_a, progress=40)
    page = login(staff_a).get(url(agency_a)).text
    assert '<meta http-equiv="refresh" content="3">' in page and 'value="40"' in page


def test_without_an_eager_worker_the_task_waits_for_the_commit(
    login, staff_a, agency_a, item, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        login(staff_a).post(url(agency_a))
    # the archive task (besides the data-version bump of agencies.freshness)
    assert len([c for c in callbacks if getattr(c, "__module__", "") != "agencies.freshness"]) == 1
    assert AnnualArchive.objects.get().status == AnnualArchive.Status.BUILDING


@pytest.fixture
def ready(agency_a, staff_a, item):
    archive = AnnualArchive.objects.create(agency=agency_a, year=YEAR, requested_by=staff_a)
    return services.archive_build(archive_id=archive.pk)


@pytest.mark.parametrize("who", ["staff_a", "staff_parent", "bureau_reviewer", "leader"])
def test_those_who_may_see_the_agency_download_it(request, login, ready, who):
    response = login(request.getfixturevalue(who)).get(reverse("activities:archive_download", args=[ready.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("who", ["staff_b", "town_reviewer"])
def test_outsiders_cannot_download_or_see_it(request, login, ready, agency_a, who):
    client = login(request.getfixturevalue(who))
    assert client.get(reverse("activities:archive_download", args=[ready.pk])).status_code == 404
    assert client.get(url(agency_a)).status_code == 404


def test_anonymous_users_go_to_the_login_page(client, ready):
    response = client.get(reverse("activities:archive_download", args=[ready.pk]))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.parametrize("who", ["staff_parent", "bureau_reviewer", "bureau_admin", "leader"])
def test_only_the_agencys_staff_file_it(request, login, agency_a, item, who):
    client = login(request.getfixturevalue(who))
    assert client.post(url(agency_a)).status_code == 403
    assert not AnnualArchive.objects.exists()
    if who != "leader":
        assert "File the archive" not in client.get(url(agency_a)).text and "尚未归档" in client.get(url(agency_a)).text


@time_machine.travel(dt.datetime(2026, 12, 2, 10, tzinfo=SHANGHAI), tick=False)
def test_next_years_archive_is_refused_before_its_december(
    login, staff_a, agency_a, celery_eager, django_capture_on_commit_callbacks
):
    client = login(staff_a)
    response = file_archive(client, agency_a, django_capture_on_commit_callbacks, year=2027)
    assert "2027 年度的年度普法电子档案自 2027-12-01 起方可报送" in client.get(response.url).text
    assert not AnnualArchive.objects.exists()


@time_machine.travel(dt.datetime(2026, 11, 30, 10, tzinfo=SHANGHAI), tick=False)
def test_this_years_archive_waits_for_the_first_of_december(
    login, staff_a, agency_a, with_evidence, celery_eager, django_capture_on_commit_callbacks
):
    client = login(staff_a)
    response = file_archive(client, agency_a, django_capture_on_commit_callbacks)
    assert "2026 年度的年度普法电子档案自 2026-12-01 起方可报送" in client.get(response.url).text
    assert not AnnualArchive.objects.exists()
    with time_machine.travel(dt.datetime(2026, 12, 1, 0, 0, tzinfo=SHANGHAI), tick=False):
        file_archive(login(staff_a), agency_a, django_capture_on_commit_callbacks)  # signed in afresh at midnight
    assert AnnualArchive.objects.get().status == AnnualArchive.Status.READY
