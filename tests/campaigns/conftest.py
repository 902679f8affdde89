"""Fixtures for the campaign tests: a district campaign asking A, B and the parent, and activities to link."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from activities.campaigns import services
from activities.models import Activity, Campaign

YEAR = 2026
TODAY = dt.date(YEAR, 12, 2)
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def _on_today():
    """Every campaign test runs on 2 December 2026, mid-campaign."""
    with time_machine.travel(dt.datetime(YEAR, 12, 2, 10, tzinfo=SHANGHAI), tick=False):
        yield


def announce(user, **fields) -> Campaign:
    values = {
        "title": "2026年“12·4”国家宪法日集中宣传活动",
        "start_date": dt.date(YEAR, 11, 20),
        "end_date": dt.date(YEAR, 12, 10),
        "asks": "开展宪法宣传",
        "scope": Campaign.Scope.ALL,
    }
    values.update(fields)
    return services.campaign_announce(user=user, **values)


@pytest.fixture
def campaign(bureau_admin, agency_a, agency_b, agency_parent):
    return announce(bureau_admin, scope=Campaign.Scope.CHOSEN, chosen=[agency_a, agency_b, agency_parent])


def log(agency, user, *, on=dt.date(YEAR, 11, 25), people=30, campaign=None, deleted=False) -> Activity:
    activity = Activity.objects.create(
        agency=agency,
        created_by=user,
        activity_type="constitution_day",
        title="宪法宣传",
        start_date=on,
        people_reached=people,
        campaign=campaign,
    )
    if deleted:
        Activity.objects.filter(pk=activity.pk).update(deleted_at=dt.datetime(YEAR, 11, 30, tzinfo=SHANGHAI))
    return activity
