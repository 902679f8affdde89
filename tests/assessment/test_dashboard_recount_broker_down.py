"""A broker outage loses no dashboard recount. The recount is asked from the page view (a GET, which writes
nothing: no outbox row), so it cannot wait in the outbox; when the ask fails, the figures counted last are
dropped and the next visit counts while the reader waits: every change is still shown."""

import pytest
from django.urls import reverse

from agencies.models import OutboxJob

from ..agencies.test_outbox import broker_down  # noqa: F401 - the fixture
from .test_dashboard_cache import log_activity

URL = reverse("assessment:dashboard")


@pytest.mark.usefixtures("broker_down")
def test_a_recount_the_broker_refused_is_counted_on_the_next_visit(
    settings, login, leader, staff_a, agency_a, django_capture_on_commit_callbacks
):
    settings.PUFFA_DASHBOARD_RECOUNT_LATER_FROM = 2  # the leader's two agencies stand for a province
    leadership = login(leader)
    assert leadership.get(URL, {"year": 2026}).context["board"].activities_total == 0
    log_activity(agency_a, staff_a)
    with django_capture_on_commit_callbacks(execute=True):
        board = leadership.get(URL, {"year": 2026}).context["board"]  # asks the worker; the broker refuses
    assert board.stale and board.activities_total == 0
    assert not OutboxJob.objects.exists()  # the page wrote nothing

    board = leadership.get(URL, {"year": 2026}).context["board"]

    assert not board.stale and board.activities_total == 1
