"""The outbox: work written with the change, run by a worker, never lost to a broker that is down or a worker
that died, never run twice at once."""

import datetime as dt
import math

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from activities.models import AnnualArchive
from agencies import outbox
from agencies.models import OutboxJob
from assessment import services as assessment_services
from assessment.models import ScoringRun
from puffa.celery import app as celery_app

from ..checklists.conftest import approved

YEAR = 2026


def _new_connections() -> None:
    """Celery keeps its connection pools: drop them so that the next message uses the broker URL now set."""
    celery_app._pool = None  # kombu keeps a pool per URL: never close it, only stop using it
    celery_app.amqp._producer_pool = None


@pytest.fixture
def broker_down():
    """The broker on a Redis nobody listens on (port 1), with the production settings' transport options."""
    saved = celery_app.conf.broker_url, celery_app.conf.broker_transport_options
    celery_app.conf.broker_url = "redis://127.0.0.1:1/0"
    celery_app.conf.broker_transport_options = {"visibility_timeout": 3600, "max_retries": 0}
    _new_connections()
    yield
    celery_app.conf.broker_url, celery_app.conf.broker_transport_options = saved
    _new_connections()
    outbox._broker_down_until = 0.0


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_an_archive_filed_while_the_broker_is_down_is_built_once_it_is_drained(
    login, staff_a, agency_a, bureau_reviewer, broker_down, django_capture_on_commit_callbacks
):
    approved(agency_a, staff_a, bureau_reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        response = login(staff_a).post(reverse("activities:archive", args=[agency_a.pk, YEAR]))
    assert response.status_code == 302
    build = OutboxJob.objects.filter(handler="activities.services.archive_build")  # beside the approval's email
    job = build.get()
    assert job.status == OutboxJob.Status.PENDING and job.dispatched_at is None
    assert outbox.drain(here=True) == 2  # the build and the approval notice's email
    assert AnnualArchive.objects.get().status == AnnualArchive.Status.READY
    assert build.get().status == OutboxJob.Status.DONE
    assert outbox.drain(here=True) == 0


def test_drain_stops_at_the_first_broker_failure_and_keeps_the_jobs(db, broker_down):
    for number in range(3):
        OutboxJob.objects.create(handler="agencies.outbox.no_such_handler", arguments={"n": number})
    assert outbox.drain() == 0
    assert OutboxJob.objects.filter(status=OutboxJob.Status.PENDING, dispatched_at=None).count() == 3


def test_a_job_whose_worker_died_is_run_again_after_the_limit_and_not_before(db, settings):
    job = OutboxJob.objects.create(
        handler="agencies.caching.FallbackCache",  # any importable callable taking no arguments
        status=OutboxJob.Status.RUNNING,
        started_at=timezone.now() - dt.timedelta(seconds=settings.PUFFA_OUTBOX_STALE_SECONDS - 60),
        attempts=1,
    )
    assert outbox.run(job.pk) is False  # someone is running it
    OutboxJob.objects.filter(pk=job.pk).update(
        started_at=timezone.now() - dt.timedelta(seconds=settings.PUFFA_OUTBOX_STALE_SECONDS + 60)
    )
    assert list(outbox.due_jobs()) == [job]
    assert outbox.drain(here=True) == 1
    job.refresh_from_db()
    assert job.status == OutboxJob.Status.DONE and job.attempts == 2


def test_a_job_done_is_never_run_again(db):
    job = OutboxJob.objects.create(handler="agencies.caching.FallbackCache", status=OutboxJob.Status.DONE)
    assert outbox.run(job.pk) is False


def test_a_failing_job_backs_off_then_gives_up(db):
    job = OutboxJob.objects.create(handler="agencies.outbox.no_such_handler")
    for attempt in range(1, outbox.MAX_ATTEMPTS + 1):
        assert outbox.run(job.pk) is True
        job.refresh_from_db()
        assert job.attempts == attempt
        if attempt < outbox.MAX_ATTEMPTS:
            assert job.status == OutboxJob.Status.PENDING and job.run_after > timezone.now()
    assert job.status == OutboxJob.Status.FAILED and "ImportError" in job.error


def test_an_archive_queued_and_never_started_is_offered_again(login, staff_a, agency_a, bureau_reviewer, settings):
    approved(agency_a, staff_a, bureau_reviewer)
    client = login(staff_a)
    client.post(reverse("activities:archive", args=[agency_a.pk, YEAR]))  # the worker never comes
    page = client.get(reverse("activities:archive", args=[agency_a.pk, YEAR])).text
    assert 'http-equiv="refresh"' in page
    AnnualArchive.objects.update(
        requested_at=timezone.now() - dt.timedelta(seconds=settings.PUFFA_QUEUED_STALE_SECONDS + 1)
    )
    page = client.get(reverse("activities:archive", args=[agency_a.pk, YEAR])).text
    assert 'http-equiv="refresh"' not in page and "可以重新归档" in page
    assert client.post(reverse("activities:archive", args=[agency_a.pk, YEAR])).status_code == 302
    assert AnnualArchive.objects.get().requested_at > timezone.now() - dt.timedelta(minutes=1)
    # One job for the archive, not two: the waiting one is reused.
    assert OutboxJob.objects.filter(key=f"archive:{AnnualArchive.objects.get().pk}").count() == 1


def test_a_scoring_run_queued_and_never_started_no_longer_blocks_a_new_one(db, bureau_admin, settings):
    rubric = assessment_services.rubric_for_year(year=YEAR)
    first = assessment_services.scoring_run_start(rubric=rubric, user=bureau_admin)
    with pytest.raises(Exception, match="已有计分正在进行|already in progress"):
        assessment_services.scoring_run_start(rubric=rubric, user=bureau_admin)
    ScoringRun.objects.filter(pk=first.pk).update(
        created_at=timezone.now() - dt.timedelta(seconds=settings.PUFFA_QUEUED_STALE_SECONDS + 1)
    )
    second = assessment_services.scoring_run_start(rubric=rubric, user=bureau_admin)
    first.refresh_from_db()
    assert first.status == ScoringRun.Status.FAILED and second.status == ScoringRun.Status.QUEUED
    # The first run's job, run late, finds its run given up and does nothing.
    assessment_services.scoring_run_execute(run_id=first.pk)
    first.refresh_from_db()
    assert first.status == ScoringRun.Status.FAILED


@pytest.mark.django_db
def test_a_days_emails_are_written_in_a_few_inserts_and_drained_in_batches(
    broker_down, django_assert_num_queries, django_capture_on_commit_callbacks
):
    arguments = [{"n": number} for number in range(2500)]
    fields = [field for field in OutboxJob._meta.concrete_fields if not field.primary_key]
    rows = min(1000, connection.ops.bulk_batch_size(fields, [OutboxJob()] * 2500))  # SQLite's cap is lower
    # PostgreSQL: 1. one COPY of the 2,500 jobs; elsewhere inserts of up to 1,000 rows; never 2,500 statements.
    inserts = 1 if connection.vendor == "postgresql" else math.ceil(2500 / rows)
    with django_capture_on_commit_callbacks() as callbacks:
        with django_assert_num_queries(inserts):
            assert outbox.enqueue_many("agencies.outbox.no_such_handler", arguments) == 2500
    assert len(callbacks) == 1  # one message asks a worker to drain them all, not 2,500
    assert callbacks[0]() is False  # the broker is down: the jobs wait for beat's drain
    assert OutboxJob.objects.filter(status=OutboxJob.Status.PENDING, dispatched_at__isnull=True).count() == 2500
    outbox._broker_down_until = 0.0
    assert outbox.drain() == 0  # still down: nothing marked as sent
    assert not OutboxJob.objects.filter(dispatched_at__isnull=False).exists()
