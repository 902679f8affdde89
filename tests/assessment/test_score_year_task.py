"""The scoring task on a real queue: the page's run is handed to Redis on commit and a real worker scores it."""

import time

import pytest
from django.conf import settings

from assessment import services
from assessment.models import Result, ScoringRun

from .conftest import YEAR


@pytest.mark.integration
@pytest.mark.skipif(not settings.REDIS_URL, reason="needs REDIS_URL (a real Redis) for a real worker")
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_scores_the_year_queued_on_commit(bureau_office, agency_a, bureau_admin):
    from celery.contrib.testing.worker import start_worker

    from puffa.celery import app

    rubric = services.rubric_for_year(year=YEAR)
    with start_worker(app, perform_ping_check=False, shutdown_timeout=20):
        run = services.scoring_run_start(rubric=rubric, user=bureau_admin)  # commits, then queues
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            run.refresh_from_db()
            if not run.is_active:
                break
            time.sleep(0.2)
    assert run.status == ScoringRun.Status.DONE, run.error
    assert run.progress == 100 and run.agency_count == 2
    assert Result.objects.filter(rubric=rubric, agency=agency_a).exists()
