"""A large activities import runs in a worker, the uploader watching a progress page: all rows or none, once,
never "in progress" for a job nobody runs, seen only by the uploader and the bureau."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from activities.models import Activity
from agencies import import_jobs, outbox
from agencies.models import ImportJob, OutboxJob

from ..agencies.test_outbox import broker_down  # noqa: F401 - the fixture
from .test_import import GOOD, url, workbook_file

BAD_ROW = ["2025-12-31", None, "专题法治讲座", None, "去年的讲座", None, None, None, 10, None, None, None, None]


@pytest.fixture(autouse=True)
def _two_rows_go_to_the_worker(settings):
    settings.PUFFA_IMPORT_IN_WORKER_FROM = 2


def job_url(job):
    return reverse("agencies:import_job", args=[job.pk])


def upload_large(client, agency, rows=GOOD):
    response = client.post(url(agency), {"file": workbook_file(rows)})
    job = ImportJob.objects.latest("pk")
    assert response.status_code == 302 and response.url == job_url(job)
    return job


def test_a_large_file_is_imported_by_the_worker_and_the_page_says_how_many_rows(
    login, staff_a, agency_a, item, law, django_capture_on_commit_callbacks
):
    clerk = login(staff_a)
    job = upload_large(clerk, agency_a)
    assert not Activity.objects.exists()  # nothing in the request
    assert OutboxJob.objects.get(key=f"import:{job.pk}").status == OutboxJob.Status.PENDING
    waiting = clerk.get(job_url(job))
    assert "正在后台导入" in waiting.text and 'http-equiv="refresh"' in waiting.text

    with django_capture_on_commit_callbacks(execute=True):
        assert outbox.drain(here=True) == 1

    assert Activity.objects.count() == 2 and set(Activity.objects.values_list("created_by", flat=True)) == {staff_a.pk}
    page = clerk.get(job_url(job))
    assert "已导入 2 行" in page.text and 'http-equiv="refresh"' not in page.text
    assert reverse("activities:ledger", args=[agency_a.pk, 2026]) in page.text
    job.refresh_from_db()
    assert not job.file.storage.exists(job.file.name)  # the upload is not kept once imported


def test_one_bad_row_imports_nothing_and_the_page_lists_every_bad_row(login, staff_a, agency_a, item, law):
    clerk = login(staff_a)
    job = upload_large(clerk, agency_a, GOOD + [BAD_ROW])
    outbox.drain(here=True)
    assert not Activity.objects.exists()
    page = clerk.get(job_url(job))
    assert "未导入任何数据" in page.text and "日期须在 2026 年内" in page.text
    assert [row for row, _ in page.context["job"].row_errors] == [4]
    assert url(agency_a) in page.text  # offered again


def test_a_small_file_still_imports_in_the_request(settings, login, staff_a, agency_a, item, law):
    settings.PUFFA_IMPORT_IN_WORKER_FROM = 3
    response = login(staff_a).post(url(agency_a), {"file": workbook_file(GOOD)})
    assert response.status_code == 302 and response.url == reverse("activities:ledger", args=[agency_a.pk, 2026])
    assert Activity.objects.count() == 2 and not ImportJob.objects.exists()


def test_a_hostile_file_is_refused_in_the_request_and_nothing_is_stored(login, staff_a, agency_a):
    response = login(staff_a).post(url(agency_a), {"file": SimpleUploadedFile("活动.xlsx", b"PK\x03\x04 broken")})
    assert response.status_code == 200 and response.context["form"].errors["file"]
    assert not ImportJob.objects.exists() and not OutboxJob.objects.exists()


def test_a_job_run_twice_imports_once(login, staff_a, agency_a, item, law):
    job = upload_large(login(staff_a), agency_a)
    import_jobs.import_job_run(job_id=job.pk)
    import_jobs.import_job_run(job_id=job.pk)  # redelivered after it finished
    assert Activity.objects.count() == 2


def test_a_job_whose_worker_died_is_run_again_by_the_outbox(settings, login, staff_a, agency_a, item, law):
    job = upload_large(login(staff_a), agency_a)
    died_at = timezone.now() - dt.timedelta(seconds=settings.PUFFA_OUTBOX_STALE_SECONDS + 60)
    # The worker took it and died before its transaction committed: nothing imported, the job still waiting.
    OutboxJob.objects.filter(key=f"import:{job.pk}").update(status=OutboxJob.Status.RUNNING, started_at=died_at)
    assert outbox.drain(here=True) == 1
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and Activity.objects.count() == 2


def test_a_job_broker_down_waits_in_the_outbox_and_is_drained_later(
    login,
    staff_a,
    agency_a,
    item,
    law,
    broker_down,  # noqa: F811 - the fixture imported above
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        job = upload_large(login(staff_a), agency_a)
    waiting = OutboxJob.objects.get(key=f"import:{job.pk}")
    assert waiting.status == OutboxJob.Status.PENDING and waiting.dispatched_at is None
    assert outbox.drain(here=True) == 1
    assert Activity.objects.count() == 2


@pytest.mark.usefixtures("broker_down")  # the upload's message goes nowhere: the jobs are run by hand below
def test_a_job_nobody_runs_is_offered_again_and_uploading_again_withdraws_it(
    settings, login, staff_a, agency_a, item, law, django_capture_on_commit_callbacks
):
    clerk = login(staff_a)
    stuck = upload_large(clerk, agency_a)
    long_ago = timezone.now() - dt.timedelta(seconds=settings.PUFFA_QUEUED_STALE_SECONDS + 60)
    ImportJob.objects.filter(pk=stuck.pk).update(requested_at=long_ago)
    page = clerk.get(job_url(stuck))
    assert "后台任务可能已停止" in page.text and 'http-equiv="refresh"' not in page.text
    assert url(agency_a) in page.text

    with django_capture_on_commit_callbacks(execute=True):
        again = upload_large(clerk, agency_a)
    stuck.refresh_from_db()
    assert stuck.status == ImportJob.Status.FAILED
    assert not stuck.file.storage.exists(stuck.file.name)  # its stored file goes with it
    import_jobs.import_job_run(job_id=stuck.pk)  # the stuck job reaches a worker after all: it imports nothing
    import_jobs.import_job_run(job_id=again.pk)
    assert Activity.objects.count() == 2
    again.refresh_from_db()
    assert again.status == ImportJob.Status.DONE


@pytest.mark.parametrize(
    "who,status",
    [
        ("staff_a", 200),
        ("bureau_admin", 200),
        ("staff_b", 404),
        ("staff_parent", 404),
        ("bureau_reviewer", 404),
        ("town_reviewer", 404),
        ("leader", 404),
    ],
)
def test_only_the_uploader_and_the_bureau_see_the_job(request, login, staff_a, agency_a, item, law, who, status):
    job = upload_large(login(staff_a), agency_a)
    assert login(request.getfixturevalue(who)).get(job_url(job)).status_code == status


def test_the_progress_page_query_count(login, staff_a, agency_a, item, law, django_assert_num_queries):
    clerk = login(staff_a)
    job = upload_large(clerk, agency_a)
    with django_assert_num_queries(4):
        # 1 the session, 2 the user, 3 the job, 4 the unread notices in the navigation bar
        clerk.get(job_url(job))
