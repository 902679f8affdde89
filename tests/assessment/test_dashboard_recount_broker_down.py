"""A broker outage loses no dashboard recount. The recount is asked from the page view (a GET, which writes
nothing: no outbox row), so it cannot wait in the outbox; when the ask fails, the figures counted last are
dropped and the next visit counts while the reader waits: every change is still shown. So are a province's
first figures: with no worker to ask, they are counted in the request, as without a worker."""

import pytest
from django.urls import reverse

from agencies.models import OutboxJob
from assessment.tasks import recount_dashboard

from ..agencies.test_outbox import broker_down  # noqa: F401 - the fixture
from .test_dashboard_cache import log_activity

URL = reverse("assessment:dashboard")


@pytest.mark.usefixtures("broker_down")
def test_a_recount_the_broker_refused_is_counted_on_the_next_visit(
    settings, login, leader, staff_a, agency_a, django_capture_on_commit_callbacks
):
    settings.PUFFA_DASHBOARD_RECOUNT_LATER_FROM = 2  # the leader's two agencies stand for a province
    leadership = login(leader)
    recount_dashboard(2026, leader.pk, "zh-hans")  # the first figures, counted before the broker went down
    assert leadership.get(URL, {"year": 2026}).context["board"].activities_total == 0
    log_activity(agency_a, staff_a)
    with django_capture_on_commit_callbacks(execute=True):
        board = leadership.get(URL, {"year": 2026}).context["board"]  # asks the worker; the broker refuses
    assert board.stale and board.activities_total == 0
    assert not OutboxJob.objects.exists()  # the page wrote nothing

    board = leadership.get(URL, {"year": 2026}).context["board"]

    assert not board.stale and board.activities_total == 1


@pytest.mark.usefixtures("broker_down")
def test_a_first_count_the_broker_refused_is_counted_on_the_next_visit(
    settings, login, leader, staff_a, agency_a, django_capture_on_commit_callbacks
):
    settings.PUFFA_DASHBOARD_RECOUNT_LATER_FROM = 2
    log_activity(agency_a, staff_a)
    leadership = login(leader)
    # Inside the test's transaction the ask is made after the page; a site's GET has no transaction and makes
    # it at once, seeing the refusal in the same request (the test below).
    with django_capture_on_commit_callbacks(execute=True):
        assert leadership.get(URL, {"year": 2026}).context["board"].counting

    board = leadership.get(URL, {"year": 2026}).context["board"]  # the page asks again by itself

    assert not board.counting and board.activities_total == 1


@pytest.mark.usefixtures("broker_down")
@pytest.mark.django_db(transaction=True)
def test_without_a_broker_a_province_s_first_figures_are_counted_in_the_request(
    settings, login, leader, staff_a, agency_a
):
    settings.PUFFA_DASHBOARD_RECOUNT_LATER_FROM = 2
    log_activity(agency_a, staff_a)

    response = login(leader).get(URL, {"year": 2026})

    board = response.context["board"]
    assert response.status_code == 200 and not board.counting and board.activities_total == 1
