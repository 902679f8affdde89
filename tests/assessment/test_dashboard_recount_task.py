"""A province-sized dashboard is counted again by a real worker on the Redis at REDIS_URL after a change."""

import time

import pytest
from django.conf import settings
from django.urls import reverse

from .test_dashboard_cache import log_activity

URL = reverse("assessment:dashboard")


@pytest.mark.integration
@pytest.mark.skipif(not settings.REDIS_URL, reason="needs REDIS_URL (a real Redis) for a real worker")
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_counts_a_province_first_and_after_a_change_while_the_page_says_so(
    settings, login, leader, staff_a, agency_a
):
    from celery.contrib.testing.worker import start_worker

    from puffa.celery import app

    settings.PUFFA_DASHBOARD_RECOUNT_LATER_FROM = 2  # the leader's two agencies stand for a province
    leadership = login(leader)

    def board_once_counted(board):
        deadline = time.monotonic() + 30
        while (board.counting or board.stale) and time.monotonic() < deadline:
            time.sleep(0.2)
            board = leadership.get(URL, {"year": 2026}).context["board"]
        return board

    with start_worker(app, perform_ping_check=False, shutdown_timeout=20):
        response = leadership.get(URL, {"year": 2026})  # no figures yet: asks the worker, says "counting"
        assert response.status_code == 200
        board = board_once_counted(response.context["board"])
        assert not board.counting and board.activities_total == 0
        log_activity(agency_a, staff_a)
        board = leadership.get(URL, {"year": 2026}).context["board"]  # asks the worker, shows the last figures
        assert board.stale and board.activities_total == 0
        board = board_once_counted(board)
    assert not board.stale and board.activities_total == 1
