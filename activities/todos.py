"""待办 from activities and the library (see ``agencies.todos``): study sessions an agency still owes this
year, campaigns running that it has not yet taken part in, and library proposals awaiting the bureau."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from agencies import access
from agencies import selectors as agency_selectors
from agencies.models import AnnualCycle, User
from agencies.todos import Todo, local_day

from . import selectors
from .campaigns import selectors as campaign_selectors
from .library import selectors as library_selectors


def _study(user: User, year: int, cycle: AnnualCycle) -> list[Todo]:
    """Whether the minimum applies (the agency as the home page reads it once) and the ★ sessions held."""
    if not agency_selectors.agency_for_home(user.agency_id).subject_to_study_minimum:
        return []
    held = selectors.study_sessions(user.agency_id, year)
    missing = cycle.study_minimum - held
    if missing <= 0:
        return []
    text = ngettext(
        "Hold %(count)d more concentrated study session this year",
        "Hold %(count)d more concentrated study sessions this year",
        missing,
    ) % {"count": missing}
    return [
        Todo(
            text=text,
            url=reverse("activities:create", args=[user.agency_id, year]),
            detail=_("%(held)d held of at least %(minimum)d") % {"held": held, "minimum": cycle.study_minimum},
            order=30,
        )
    ]


def _campaigns(user: User, today: dt.date) -> list[Todo]:
    """One query: the campaigns asking the agency that run today and that it has not yet taken part in."""
    waiting = campaign_selectors.running_for(user.agency_id, today).filter(took_part=False)
    return [
        Todo(
            text=_("Take part in the campaign “%(title)s”") % {"title": campaign.title},
            url=reverse("campaigns:detail", args=[campaign.pk]),
            detail=_("until %(end)s") % {"end": campaign.end_date.isoformat()},
            since=campaign.start_date,
            order=35,
        )
        for campaign in waiting
    ]


def _proposals(user: User) -> list[Todo]:
    """Two queries, shared with the library's card: people and materials proposed by agencies, with the oldest
    (the bureau sees every proposal)."""
    waiting = library_selectors.proposals_waiting(user).values()
    count = sum(row["count"] for row in waiting)
    if not count:
        return []
    oldest = min(row["oldest"] for row in waiting if row["oldest"] is not None)
    return [
        Todo(
            text=ngettext("Decide %(count)d library proposal", "Decide %(count)d library proposals", count)
            % {"count": count},
            url=reverse("library:proposals"),
            since=local_day(oldest),
            order=40,
        )
    ]


def todos(user: User, *, year: int, today: dt.date, cycle: AnnualCycle) -> list[Todo]:
    if user.is_agency_staff:
        return _study(user, year, cycle) + _campaigns(user, today)
    if access.can_manage(user):
        return _proposals(user)
    return []
