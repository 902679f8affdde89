"""A large checklist items import runs in a worker like the activities import: all rows or none, and a
checklist submitted before the worker reaches the file takes none of it."""

import pytest
from django.urls import reverse

from agencies import outbox
from agencies.models import ImportJob
from checklists import services

from .test_import_view import catalogue, contents, import_url  # noqa: F401 - catalogue is a fixture
from .test_spreadsheets import good_row, xlsx


@pytest.fixture(autouse=True)
def _two_rows_go_to_the_worker(settings, tmp_path):
    settings.PUFFA_IMPORT_IN_WORKER_FROM = 2
    settings.MEDIA_ROOT = tmp_path / "media"


def upload(client, checklist, rows):
    response = client.post(import_url(checklist), {"file": xlsx(rows)})
    job = ImportJob.objects.latest("pk")
    assert response.status_code == 302 and response.url == reverse("agencies:import_job", args=[job.pk])
    return job


def test_a_large_file_is_imported_by_the_worker(login, staff_a, draft_a, catalogue):  # noqa: F811
    clerk = login(staff_a)
    job = upload(clerk, draft_a, [good_row(content="导入一"), good_row(content="导入二")])
    assert contents(draft_a) == ["普法事项1", "普法事项2"]
    outbox.drain(here=True)
    assert contents(draft_a) == ["普法事项1", "普法事项2", "导入一", "导入二"]
    page = clerk.get(reverse("agencies:import_job", args=[job.pk]))
    assert "已导入 2 行" in page.text and reverse("checklists:items", args=[draft_a.pk]) in page.text


def test_bad_rows_import_nothing_and_are_listed(login, staff_a, draft_a, catalogue):  # noqa: F811
    clerk = login(staff_a)
    job = upload(clerk, draft_a, [good_row(), good_row(goal=""), good_row(forms="跳广场舞")])
    outbox.drain(here=True)
    assert contents(draft_a) == ["普法事项1", "普法事项2"]
    job.refresh_from_db()
    assert job.status == ImportJob.Status.REFUSED and [row for row, _ in job.row_errors] == [3, 4]
    assert "“跳广场舞”不是规定的选项" in clerk.get(reverse("agencies:import_job", args=[job.pk])).text


def test_a_checklist_submitted_before_the_worker_runs_takes_nothing(login, staff_a, draft_a, catalogue):  # noqa: F811
    job = upload(login(staff_a), draft_a, [good_row(content="导入一"), good_row(content="导入二")])
    services.checklist_submit(checklist=draft_a, actor=staff_a)
    outbox.drain(here=True)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.REFUSED and job.error
    assert contents(draft_a) == ["普法事项1", "普法事项2"]
