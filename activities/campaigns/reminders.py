"""Campaign reminders (docs/domain.md, "Campaigns"): what an announced campaign asks, to the agencies asked.

- To each active agency asked in a campaign that has not yet taken part (``facts.took_part_q``): once, from
  ``PUFFA_CAMPAIGN_LEAD_DAYS`` days before the campaign starts until it ends (so a campaign announced late, or a
  run missed, is still reminded), pointing at the campaign's page.
- The generic National Constitution Day reminder (``agencies.reminders.constitution_day``) is not sent to an
  agency asked in an announced campaign that runs on Constitution Day: the campaign's own reminder says what is
  asked and links the campaign (``instead_of_generic``, applied by ``puffa.reminders``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.models import ReminderLog
from agencies.notifications import page_or_home
from agencies.reminders import Due, long_date, month_day
from agencies.reminders import Kind as AgencyKind

from ..models import Campaign, CampaignAgency
from . import facts


@ReminderLog.register_kinds
class Kind(models.TextChoices):
    CAMPAIGN = "campaign", gettext_lazy("Campaign announced")


def campaigns(on: dt.date) -> list[Due]:
    """Every agency asked in a campaign whose reminder stage is current and that has not taken part: one query for
    the campaigns, and on days one is current a second for their agencies."""
    lead = dt.timedelta(days=settings.PUFFA_CAMPAIGN_LEAD_DAYS)
    current = Campaign.objects.filter(start_date__lte=on + lead, end_date__gte=on).select_related("office")
    # A campaign asks thousands of agencies the same thing: its reminder is written once, then addressed to each
    # (as values, not model rows: writing and building 10,000 of each took seconds).
    written = {campaign.pk: _reminder(campaign, lead) for campaign in current}
    if not written:
        return []
    rows = (
        facts.asked_with_part(CampaignAgency.objects.filter(campaign_id__in=written, agency__is_active=True), on)
        .filter(took_part=False)
        .order_by("campaign_id", "agency_id")
        .values_list("campaign_id", "agency_id", "agency__name", "agency__short_name")
    )
    return [
        replace(written[campaign_id], agency_id=agency_id, target=short_name or name)
        for campaign_id, agency_id, name, short_name in rows
    ]


def _reminder(campaign: Campaign, lead: dt.timedelta) -> Due:
    """A campaign's reminder, to no agency yet."""
    values = {"title": campaign.title, "start": long_date(campaign.start_date), "end": long_date(campaign.end_date)}
    return Due(
        kind=Kind.CAMPAIGN,
        period=str(campaign.year),
        stage=f"campaign-{campaign.pk}",
        due_on=max(campaign.start_date - lead, timezone.localdate(campaign.announced_at)),
        subject=_("Campaign: %(title)s (%(start)s to %(end)s)") % values,
        body=_(
            "%(office)s asks your agency to take part: %(asks)s Log your activities in the ledger and "
            "choose the campaign on each."
        )
        % {"office": campaign.office.name, "asks": campaign.asks},
        url=page_or_home(campaign.get_absolute_url()),
    )


def instead_of_generic(dues: list[Due]) -> list[Due]:
    """The day's reminders less the generic Constitution Day ones of agencies asked in an announced campaign that
    runs on Constitution Day. One query, and only on days a Constitution Day reminder is due."""
    generic = [due for due in dues if due.kind == AgencyKind.CONSTITUTION_DAY]
    if not generic:
        return dues
    covered = set()
    for year in {int(due.period) for due in generic}:
        day = month_day(year, settings.PUFFA_CONSTITUTION_DAY)
        covered |= {
            (str(year), agency_id)
            for agency_id in CampaignAgency.objects.filter(
                campaign__start_date__lte=day,
                campaign__end_date__gte=day,
                agency_id__in=[due.agency_id for due in generic],
            ).values_list("agency_id", flat=True)
        }
    return [
        due for due in dues if not (due.kind == AgencyKind.CONSTITUTION_DAY and (due.period, due.agency_id) in covered)
    ]
