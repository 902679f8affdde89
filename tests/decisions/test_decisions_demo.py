"""The demo shows results use: two commendations (an agency, a person), a closed 约谈, an open 限期整改 on the
agency's home, and seeding twice adds nothing."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from agencies.models import Notification, User
from assessment.models import Commendation, Measure, MeasureEvent

# seed_demo opens the years it fills, as the bureau would: no year is open before it runs.
pytestmark = pytest.mark.opened_years()


@pytest.fixture
def demo(settings, db, time_machine):
    settings.DEBUG = True
    time_machine.move_to("2026-11-26 09:00 +0800", tick=False)
    call_command("seed_demo", stdout=io.StringIO())


def test_the_demo_records_what_was_decided_on_2025(demo):
    assert set(Commendation.objects.values_list("agency__short_name", "person_name")) == {
        ("区法院", ""),
        ("区教育局", "陈红梅"),
    }
    assert set(Measure.objects.values_list("kind", "status")) == {("interview", "closed"), ("rectify", "pending")}
    talk = Measure.objects.get(kind="interview")
    assert list(talk.events.values_list("action", flat=True)) == ["recorded", "answered", "closed"]


def test_the_open_measure_is_on_its_agencys_home_and_the_year_page(demo, client):
    measure = Measure.objects.get(kind="rectify")
    client.force_login(User.objects.get(username="self-employed"))
    home = client.get(reverse("home")).text
    assert "答复问责措施：限期整改" in home and measure.get_absolute_url() in home
    assert Notification.objects.filter(url=measure.get_absolute_url(), recipient__username="self-employed").exists()
    page = client.get(reverse("decisions:year", args=[2025])).text
    assert "限期整改通知书（区个协）.pdf" not in page  # the list links the agency's measure, not its document
    assert "区法院" not in page  # staff see only their own agency's decisions


def test_seeding_twice_adds_nothing(demo):
    counts = (Commendation.objects.count(), Measure.objects.count(), MeasureEvent.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert (Commendation.objects.count(), Measure.objects.count(), MeasureEvent.objects.count()) == counts
