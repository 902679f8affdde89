"""The demo's reminders: lived-in inboxes, and the README's check with run_reminders --date 2027-02-01."""

import datetime as dt

import pytest
from django.core.management import call_command

from agencies.models import Notification, ReminderLog, User
from checklists.reminders import unfiled_agencies

# seed_demo opens the years it fills, as the bureau would: no year is open before it runs.
pytestmark = pytest.mark.opened_years()


@pytest.fixture
def demo(settings, db):
    settings.DEBUG = True
    call_command("seed_demo", stdout=None)


def test_demo_staff_have_a_believable_inbox(demo):
    market = User.objects.get(username="market")
    inbox = Notification.objects.filter(recipient=market)
    assert inbox.filter(read_at__isnull=True).exists() and inbox.filter(read_at__isnull=False).exists()
    assert ReminderLog.objects.filter(period="2026").values("kind").distinct().count() >= 3
    assert Notification.objects.filter(recipient__username="reviewer").exists()  # the bureau's digests


def test_run_reminders_on_1_february_reaches_every_demo_agency_that_has_not_filed(demo, capsys):
    late = {row["pk"] for row in unfiled_agencies(2027, dt.date(2027, 2, 1))}
    assert late
    call_command("run_reminders", "--date", "2027-02-01")
    reminded = set(
        Notification.objects.filter(reminder__period="2027", reminder__kind="filing_due", read_at=None).values_list(
            "recipient__agency", flat=True
        )
    )
    staffed = set(User.objects.filter(agency__in=late).values_list("agency", flat=True))
    assert staffed and reminded == staffed
