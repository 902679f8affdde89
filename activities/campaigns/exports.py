"""A campaign's participation as a spreadsheet (agencies.spreadsheets does the writing)."""

from __future__ import annotations

import datetime as dt

from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from agencies import access, spreadsheets

from ..models import Campaign
from . import facts, selectors


def participation_response(campaign: Campaign, today: dt.date, *, user) -> HttpResponse:
    """Every agency asked that ``user`` may see: its office, whether it took part, its activities and people."""
    # This export's own columns and widths, with the row that fills them: every export names different columns, so a
    # shared list would fit none; agencies.spreadsheets does the writing.
    C, S = spreadsheets.Column, spreadsheets
    columns = [
        C(_("Agency"), 32, S.TEXT),
        C(_("Filing office"), 20, S.TEXT),
        C(_("Took part?"), 10, S.TEXT),
        C(pgettext("count", "Activities"), 10, S.NUMBER),
        C(_("People reached"), 12, S.NUMBER),
    ]
    asked = list(access.scope(user, selectors.asked_agencies(campaign, today)))
    parts = selectors.parts_of(campaign, [row.agency_id for row in asked], today)
    yes, no = _("Yes"), _("Not taken part yet")
    rows = (
        (
            row.agency.name,
            row.agency.filing_office.name,
            yes if row.took_part else no,
            *parts.get(row.agency_id, (0, 0)),
        )
        for row in asked
    )
    filename = _("Campaign participation - %(title)s.xlsx") % {"title": campaign.title}
    return spreadsheets.export_response(filename, _("Participation"), columns, rows)


def campaigns_response(campaigns: list[Campaign], year: int) -> HttpResponse:
    """The campaign list of ``year`` whole, one row a campaign with the figures the list shows (``facts``)."""
    # This export's own columns and widths, with the row that fills them: every export names different columns, so a
    # shared list would fit none; agencies.spreadsheets does the writing.
    C, S = spreadsheets.Column, spreadsheets
    columns = [
        C(_("Theme"), 40, S.TEXT),
        C(_("Start date"), 12, S.DATE),
        C(_("End date"), 12, S.DATE),
        C(_("Announced by"), 20, S.TEXT),
        C(_("Agencies asked"), 10, S.NUMBER),
        C(_("Took part"), 10, S.NUMBER),
        C(pgettext("count", "Activities"), 10, S.NUMBER),
        C(_("People reached"), 12, S.NUMBER),
    ]
    rows = (
        (
            campaign.title,
            campaign.start_date,
            campaign.end_date,
            campaign.office.name,
            counted.asked,
            counted.took_part,
            counted.activities,
            counted.people,
        )
        for campaign, counted in facts.with_participation(campaigns)
    )
    return spreadsheets.export_response(_("Campaigns of %(year)s.xlsx") % {"year": year}, _("Campaigns"), columns, rows)
