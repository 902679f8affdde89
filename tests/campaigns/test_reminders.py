"""Campaign reminders: the agencies asked hear of the campaign, with its page, instead of the generic Constitution
Day notice; once they have taken part they are not reminded."""

import datetime as dt

from activities.campaigns.reminders import Kind, campaigns
from agencies.reminders import Kind as AgencyKind
from puffa.reminders import due_reminders, reminders_send

from .conftest import YEAR, log


def test_the_agencies_asked_and_not_yet_taking_part_are_reminded(campaign, agency_a, staff_a):
    log(agency_a, staff_a, campaign=campaign, on=dt.date(YEAR, 11, 21))
    dues = campaigns(dt.date(YEAR, 11, 25))
    asked = set(campaign.asked.values_list("agency_id", flat=True))
    assert {due.agency_id for due in dues} == asked - {agency_a.pk}
    assert all(due.url == campaign.get_absolute_url() and campaign.title in due.subject for due in dues)


def test_nothing_before_the_lead_days_nor_after_the_end(campaign, settings):
    settings.PUFFA_CAMPAIGN_LEAD_DAYS = 14
    assert campaigns(dt.date(YEAR, 11, 5)) == []
    assert campaigns(dt.date(YEAR, 11, 6)) != []
    assert campaigns(dt.date(YEAR, 12, 11)) == []


def test_the_campaign_replaces_the_generic_constitution_day_notice(campaign, agency_a, agency_town, settings):
    settings.PUFFA_CAMPAIGN_LEAD_DAYS = 14
    dues = due_reminders(dt.date(YEAR, 11, 27))
    generic = {due.agency_id for due in dues if due.kind == AgencyKind.CONSTITUTION_DAY}
    ours = {due.agency_id for due in dues if due.kind == Kind.CAMPAIGN}
    assert agency_a.pk in ours and agency_a.pk not in generic
    assert agency_town.pk in generic  # not asked: the generic notice still goes


def test_each_agency_is_reminded_once(campaign, staff_a):
    first = [item for item in reminders_send(on=dt.date(YEAR, 11, 20), email=False) if item.due.kind == Kind.CAMPAIGN]
    again = [item for item in reminders_send(on=dt.date(YEAR, 11, 21), email=False) if item.due.kind == Kind.CAMPAIGN]
    assert len(first) == campaign.asked.count() and again == []
