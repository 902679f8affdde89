"""Reads for campaigns, with their joins in place. Who sees a campaign: ``agencies.access.visible_campaigns``."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, QuerySet, Sum
from django.shortcuts import get_object_or_404

from agencies import access
from agencies.models import User

from ..models import Campaign, CampaignAgency
from . import facts


def campaign_list(user: User, year: int | None = None) -> QuerySet[Campaign]:
    campaigns = access.visible_campaigns(user, Campaign.objects.select_related("office", "filing_office"))
    return campaigns if year is None else campaigns.filter(year=year)


def get_visible_campaign(user: User, pk: int) -> Campaign:
    """The campaign, or 404 for anyone who may not read it."""
    return get_object_or_404(campaign_list(user).select_related("announced_by"), pk=pk)


def asked_in(agency_id: int, year: int) -> QuerySet[Campaign]:
    """The campaigns of ``year`` that ask the agency: what its activity form offers."""
    return Campaign.objects.filter(year=year, asked__agency_id=agency_id).order_by("start_date", "pk")


def running_for(agency_id: int, day: dt.date) -> QuerySet[Campaign]:
    """Campaigns asking the agency that run on ``day``, with whether it has taken part yet (``took_part``)."""
    return (
        Campaign.objects.filter(asked__agency_id=agency_id, start_date__lte=day, end_date__gte=day)
        .annotate(took_part=facts.agency_took_part_q(agency_id, day))
        .order_by("end_date", "pk")
    )


def asked_agencies(campaign: Campaign, today: dt.date, took_part: bool | None = None) -> QuerySet[CampaignAgency]:
    """The drill-down: the agencies asked, each with ``took_part``, optionally only those that did (or not)."""
    rows = facts.asked_with_part(
        CampaignAgency.objects.filter(campaign=campaign).select_related("agency", "agency__filing_office"), today
    )
    if took_part is not None:
        rows = rows.filter(took_part=took_part)
    return rows.order_by("agency__filing_office__sort_order", "agency__name")


def linked_activities(campaign: Campaign, today: dt.date):
    """The held live activities linked to the campaign, with their agency."""
    return (
        facts.linked_activities(today).filter(campaign=campaign).select_related("agency").order_by("-start_date", "pk")
    )


def parts_of(campaign: Campaign, agency_ids, today: dt.date) -> dict[int, tuple[int, int]]:
    """Each agency's part of the campaign: ``agency id → (activities, people reached)``. One query."""
    rows = (
        facts.linked_activities(today)
        .filter(campaign=campaign, agency_id__in=agency_ids)
        .values("agency_id")
        .annotate(n=Count("pk"), people=Sum("people_reached"))
        .values_list("agency_id", "n", "people")
    )
    return {agency_id: (n, people or 0) for agency_id, n, people in rows}
