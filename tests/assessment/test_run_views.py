"""Starting a scoring run from the page, and its progress page."""

from django.urls import reverse

from assessment import tasks
from assessment.models import Result, ScoringRun

from .conftest import YEAR


def test_the_bureau_starts_a_run_that_the_worker_picks_up_after_commit(
    login, bureau_admin, rubric, agency_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        response = login(bureau_admin).post(reverse("assessment:run_start", args=[YEAR]))
    run = ScoringRun.objects.get()
    assert response.status_code == 302 and response.url == reverse("assessment:run_detail", args=[YEAR, run.pk])
    # After the commit: the run handed to a worker, and the data version bumped (a scoring run is watched: the 待办).
    assert len(callbacks) == 2 and run.status == ScoringRun.Status.QUEUED
    page = login(bureau_admin).get(response.url)
    assert '<meta http-equiv="refresh"' in page.text and "排队中" in page.text
    tasks.score_year(run.pk)  # what the worker runs
    page = login(bureau_admin).get(response.url)
    assert '<meta http-equiv="refresh"' not in page.text and "已完成" in page.text
    assert Result.objects.filter(agency=agency_a).exists()


def test_a_second_start_while_one_runs_is_refused_with_a_message(login, bureau_admin, rubric):
    client = login(bureau_admin)
    client.post(reverse("assessment:run_start", args=[YEAR]))
    response = client.post(reverse("assessment:run_start", args=[YEAR]), follow=True)
    assert "已有计分正在进行" in response.text
    assert ScoringRun.objects.count() == 1


def test_a_redelivered_task_does_nothing(bureau_admin, rubric, agency_a):
    from assessment import services

    run = services.scoring_run_now(rubric=rubric, user=bureau_admin)
    finished = run.finished_at
    tasks.score_year(run.pk)
    run.refresh_from_db()
    assert run.finished_at == finished


def test_only_bureau_administrators_start_runs(login, bureau_reviewer, staff_a, leader, rubric):
    for user in (bureau_reviewer, staff_a, leader):
        assert login(user).post(reverse("assessment:run_start", args=[YEAR])).status_code == 403
    assert not ScoringRun.objects.exists()


def test_the_run_page_is_for_the_bureau_reviewers_and_leadership(login, staff_a, leader, bureau_admin, rubric):
    client = login(bureau_admin)
    client.post(reverse("assessment:run_start", args=[YEAR]))
    url = reverse("assessment:run_detail", args=[YEAR, ScoringRun.objects.get().pk])
    assert login(staff_a).get(url).status_code == 403
    assert login(leader).get(url).status_code == 200
    assert client.get(reverse("assessment:run_detail", args=[YEAR - 1, ScoringRun.objects.get().pk])).status_code == 404


def test_a_run_queued_and_never_started_stops_showing_as_in_progress(login, bureau_admin, rubric, settings):
    import datetime as dt

    from django.utils import timezone

    client = login(bureau_admin)
    response = client.post(reverse("assessment:run_start", args=[YEAR]))  # the worker never comes
    assert '<meta http-equiv="refresh"' in client.get(response.url).text
    ScoringRun.objects.update(created_at=timezone.now() - dt.timedelta(seconds=settings.PUFFA_QUEUED_STALE_SECONDS + 1))
    page = client.get(response.url).text
    assert '<meta http-equiv="refresh"' not in page and "可以重新开始计分" in page
    assert client.post(reverse("assessment:run_start", args=[YEAR])).status_code == 302
    assert ScoringRun.objects.count() == 2
