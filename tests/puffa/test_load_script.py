"""bench/load.py's pieces against the live server: 3 users for 3 seconds, and the checks that must fail."""

import importlib.util
import sys
from pathlib import Path

import pytest
from django.db import connection

from agencies.models import User
from checklists import services
from checklists.models import Checklist

_spec = importlib.util.spec_from_file_location("bench_load", Path(__file__).parents[2] / "bench" / "load.py")
load = importlib.util.module_from_spec(_spec)
sys.modules["bench_load"] = load  # dataclasses look their module up there
_spec.loader.exec_module(load)


def test_users_log_in_read_and_each_submit_once(live_server):
    # The live server shares one in-memory SQLite connection between its threads, where concurrent writes
    # lock; there a single user walks the same path. PostgreSQL (as in CI) takes three users and a reviewer.
    concurrent = connection.vendor == "postgresql"
    users = 3 if concurrent else 1
    district = load.prepare(users=users, published=1, tag="t")

    stats = load.run_traffic(
        live_server.url, district, seconds=3, think=0.1, ramp=0.3, reviewers=1 if concurrent else 0
    )

    assert stats.unexpected == [] and stats.server_errors == 0 and stats.logins_failed == 0
    assert stats.submissions_failed == []
    assert stats.submissions_ok == users == load.submitted_count(district)
    assert {"home", "checklist", "items", "public list", "submit (POST)"} <= stats.latency.keys()
    outcome = load.Outcome(stats=stats, district=district, in_database=users, seconds=3, think=0.1, ramp=0.3, workers=1)
    assert outcome.check() == []
    assert "Every target met." in outcome.render()


def test_a_submission_the_server_refuses_counts_as_failed(live_server):
    district = load.prepare(users=1, published=0, tag="t")
    account = district.staff[0]
    checklist = Checklist.objects.get(pk=account.checklist_id)
    services.checklist_submit(checklist=checklist, actor=User.objects.get(username=account.username))
    stats = load.Stats()
    browser = load.Browser(live_server.url, stats)
    assert load.log_in(browser, account.username)

    # Already submitted: the confirmation page sends the user back to the checklist instead of showing the form.
    assert load.submit(browser, account, district.submitted_label) == "confirmation page answered 302"


def test_a_wrong_password_is_a_failed_login_not_a_success(live_server):
    district = load.prepare(users=1, published=0, tag="t")
    User.objects.filter(username=district.staff[0].username).update(password="!")  # an unusable password

    assert not load.log_in(load.Browser(live_server.url, load.Stats()), district.staff[0].username)


@pytest.mark.django_db
def test_a_count_in_the_database_unlike_the_successes_misses_the_target():
    district = load.District(tag="t", staff=[load.Account("a", 1)], reviewer="r", agency_ids=[1], submitted_label="")
    stats = load.Stats()
    stats.submissions_ok = 1

    outcome = load.Outcome(stats=stats, district=district, in_database=0, seconds=1, think=1, ramp=0, workers=1)

    assert outcome.check() == ["the database holds 0 submitted checklists, the script saw 1 succeed"]
    assert "Targets missed" in outcome.render()


def test_it_sends_no_traffic_beyond_this_machine():
    with pytest.raises(ValueError):
        load.Browser("http://example.com:80", load.Stats())
