"""The demo shows multi-year plans and key work, with gaps for the bureau's overview to show."""

import io

import pytest
from django.core.management import call_command

from agencies.models import Agency
from assessment.models import KeyWork
from assessment.planning import selectors

pytestmark = pytest.mark.opened_years()


@pytest.fixture
def demo(settings, db, time_machine, tmp_path):
    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path / "media"
    time_machine.move_to("2026-11-26 09:00 +0800", tick=False)
    call_command("seed_demo", stdout=io.StringIO())


def test_most_agencies_filed_and_some_did_not(demo):
    summary = selectors.planning_summary(Agency.objects.all(), 2026)
    assert 0.7 * summary["total"] <= summary["plans"] < summary["total"]
    assert 0.7 * summary["total"] <= summary["key_work"] < summary["total"]
    assert all(3 <= work.items.count() <= 5 for work in KeyWork.objects.all())
    # 2021–2025 covers 2025 for everyone with a login.
    assert selectors.planning_summary(Agency.objects.all(), 2025)["plans"] >= summary["plans"]
