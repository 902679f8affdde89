"""Writes of campaigns: announcing one (and correcting its words and dates). Views and the demo come here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from agencies import access, freshness, years
from agencies.models import Agency, FilingOffice, User

from ..models import Campaign, CampaignAgency


def validate_dates(start: dt.date, end: dt.date) -> None:
    if end < start:
        raise ValidationError({"end_date": _("The end date cannot be before the start date.")})
    if end.year != start.year:
        raise ValidationError({"end_date": _("A campaign lies inside one year; announce one per year.")})
    if not years.is_open(start.year):
        raise ValidationError({"start_date": _("The year %(year)d has not been opened.") % {"year": start.year}})


def resolve_agencies(
    *,
    user: User,
    scope: str,
    agency_type: str = "",
    filing_office: FilingOffice | None = None,
    chosen: Iterable[Agency] = (),
) -> QuerySet[Agency]:
    """The agencies a campaign asks, out of those the announcer may ask (``access.campaign_agencies``)."""
    mine = access.campaign_agencies(user)
    if scope == Campaign.Scope.ALL:
        return mine
    if scope == Campaign.Scope.TYPE:
        if not agency_type:
            raise ValidationError({"agency_type": _("Choose the type of agency asked.")})
        return mine.filter(agency_type=agency_type)
    if scope == Campaign.Scope.OFFICE:
        if filing_office is None:
            raise ValidationError({"filing_office": _("Choose the filing office whose agencies are asked.")})
        return mine.filter(filing_office=filing_office)
    if scope == Campaign.Scope.CHOSEN:
        ids = {agency.pk for agency in chosen}
        if not ids:
            raise ValidationError({"chosen": _("Choose at least one agency.")})
        found = mine.filter(pk__in=ids)
        if found.count() != len(ids):
            raise ValidationError({"chosen": _("Choose only active agencies you review.")})
        return found
    raise ValidationError({"scope": _("Choose which agencies are asked.")})


@transaction.atomic
def campaign_announce(
    *,
    user: User,
    title: str,
    start_date: dt.date,
    end_date: dt.date,
    asks: str,
    scope: str,
    agency_type: str = "",
    filing_office: FilingOffice | None = None,
    chosen: Iterable[Agency] = (),
) -> Campaign:
    """Announce a campaign; the agencies asked are resolved now and kept."""
    office = access.campaign_office_of(user)
    if office is None:
        raise PermissionDenied
    validate_dates(start_date, end_date)
    agency_ids = list(
        resolve_agencies(
            user=user, scope=scope, agency_type=agency_type, filing_office=filing_office, chosen=chosen
        ).values_list("pk", flat=True)
    )
    if not agency_ids:
        raise ValidationError(_("No active agency you review matches: the campaign would ask no one."))
    campaign = Campaign.objects.create(
        title=title.strip(),
        start_date=start_date,
        end_date=end_date,
        asks=asks.strip(),
        office=office,
        scope=scope,
        agency_type=agency_type if scope == Campaign.Scope.TYPE else "",
        filing_office=filing_office if scope == Campaign.Scope.OFFICE else None,
        announced_by=user,
    )
    CampaignAgency.objects.bulk_create([CampaignAgency(campaign=campaign, agency_id=pk) for pk in agency_ids])
    freshness.bump()  # the dashboard counts the agencies asked; a bulk write sends no signal
    return campaign


def campaign_edit(
    *, campaign: Campaign, user: User, title: str, start_date: dt.date, end_date: dt.date, asks: str
) -> Campaign:
    """Correct a campaign's theme, dates or request; the agencies asked stay as announced."""
    if not access.can_manage_campaign(user, campaign):
        raise PermissionDenied
    validate_dates(start_date, end_date)
    if start_date.year != campaign.year:
        raise ValidationError({"start_date": _("A campaign stays in the year it was announced for.")})
    outside = (
        campaign.activities.filter(deleted_at__isnull=True).exclude(start_date__range=(start_date, end_date)).count()
    )
    if outside:
        raise ValidationError(
            ngettext(
                "%(count)d linked activity would fall outside the new dates.",
                "%(count)d linked activities would fall outside the new dates.",
                outside,
            )
            % {"count": outside}
        )
    campaign.title, campaign.asks = title.strip(), asks.strip()
    campaign.start_date, campaign.end_date = start_date, end_date
    campaign.save()
    return campaign


def check_link(*, agency: Agency, campaign: Campaign | None, start: dt.date, end: dt.date | None = None) -> None:
    """An activity is linked only to a campaign that asks its agency and runs on the activity's date."""
    if campaign is None:
        return
    if not CampaignAgency.objects.filter(campaign=campaign, agency=agency).exists():
        raise ValidationError({"campaign": _("This agency was not asked to take part in that campaign.")})
    if not campaign.runs_on(start):
        raise ValidationError(
            {
                "campaign": _("“%(title)s” runs from %(start)s to %(end)s; the activity's date is outside it.")
                % {"title": campaign.title, "start": campaign.start_date, "end": campaign.end_date}
            }
        )
