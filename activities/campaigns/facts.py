"""What a campaign's activities establish, each fact defined once (docs/domain.md, "Campaigns").

- **took part**: an agency asked in a campaign took part when it has at least one live activity linked to the
  campaign that is held (``activities.facts.held_q``: on or before today).
- **participation**: per campaign, the agencies asked, those that took part, and the held live activities
  linked to it with the people they reached.

The campaign page, its drill-down and export, the campaign list and the dashboard all count through here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.utils import timezone

from ..facts import held_q
from ..models import Activity, Campaign, CampaignAgency


def linked_activities(today: dt.date) -> QuerySet[Activity]:
    """Live activities linked to a campaign that count (held on ``today``)."""
    return Activity.objects.filter(held_q(today), campaign__isnull=False, deleted_at__isnull=True)


def took_part_q(today: dt.date) -> Exists:
    """For ``CampaignAgency`` rows: the asked agency took part in that campaign."""
    return Exists(linked_activities(today).filter(campaign_id=OuterRef("campaign_id"), agency_id=OuterRef("agency_id")))


def agency_took_part_q(agency_id: int, today: dt.date) -> Exists:
    """For ``Campaign`` rows: the agency took part in that campaign."""
    return Exists(linked_activities(today).filter(campaign_id=OuterRef("pk"), agency_id=agency_id))


def asked_with_part(asked: QuerySet[CampaignAgency], today: dt.date) -> QuerySet[CampaignAgency]:
    """``CampaignAgency`` rows annotated ``took_part`` (bool)."""
    return asked.annotate(took_part=took_part_q(today))


@dataclass(frozen=True)
class Participation:
    asked: int = 0
    took_part: int = 0
    activities: int = 0
    people: int = 0

    @property
    def not_yet(self) -> int:
        return self.asked - self.took_part

    @property
    def share(self) -> int:
        """Percent of the agencies asked that took part, rounded down."""
        return self.took_part * 100 // self.asked if self.asked else 0


def participation(campaigns: QuerySet[Campaign], today: dt.date | None = None) -> dict[int, Participation]:
    """Every campaign's participation, keyed by its id: two queries whatever the number of campaigns."""
    today = today or timezone.localdate()
    ids = campaigns.values("pk")
    asked = {
        row["campaign_id"]: row
        for row in CampaignAgency.objects.filter(campaign_id__in=ids)
        .values("campaign_id")
        .annotate(asked=Count("pk"), took_part=Count("pk", filter=Q(took_part_q(today))))
    }
    done = {
        row["campaign_id"]: row
        for row in linked_activities(today)
        .filter(campaign_id__in=ids)
        .values("campaign_id")
        .annotate(activities=Count("pk"), people=Sum("people_reached"))
    }
    return {
        pk: Participation(
            asked=asked.get(pk, {}).get("asked", 0),
            took_part=asked.get(pk, {}).get("took_part", 0),
            activities=done.get(pk, {}).get("activities", 0),
            people=done.get(pk, {}).get("people") or 0,
        )
        for pk in set(asked) | set(done)
    }


def with_participation(campaigns: list[Campaign], today: dt.date | None = None) -> list[tuple[Campaign, Participation]]:
    """Each of these campaigns (a page, or a whole year for an export) beside its participation: two queries,
    over these campaigns only."""
    counted = participation(Campaign.objects.filter(pk__in=[campaign.pk for campaign in campaigns]), today)
    return [(campaign, counted.get(campaign.pk, Participation())) for campaign in campaigns]


def of_campaign(campaign: Campaign, today: dt.date | None = None) -> Participation:
    return participation(Campaign.objects.filter(pk=campaign.pk), today).get(campaign.pk, Participation())


def year_parts(year: int, agency_ids: QuerySet, today: dt.date | None = None) -> dict[int, tuple[int, int]]:
    """For the dashboard: each agency in ``agency_ids`` asked in a campaign of ``year``, as
    ``agency id → (campaigns asked, campaigns taken part in)``. One query."""
    today = today or timezone.localdate()
    rows = (
        CampaignAgency.objects.filter(campaign__year=year, agency_id__in=agency_ids)
        .values("agency_id")
        .annotate(asked=Count("pk"), took_part=Count("pk", filter=Q(took_part_q(today))))
        .values_list("agency_id", "asked", "took_part")
    )
    return {agency_id: (asked, took) for agency_id, asked, took in rows}
