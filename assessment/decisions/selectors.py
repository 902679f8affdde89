"""Reads for commendations and accountability measures, narrowed by ``agencies.access.scope``: agency staff
see their own agency's (and its subordinate units'), a town office's reviewers their agencies', the bureau and
leadership all of them."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet

from agencies import access
from agencies.models import Agency, User

from ..followup.selectors import history_prefetches
from .models import Commendation, Measure, MeasureEvidence

# What the year's list can be narrowed to: the dashboard's figures drill down here.
COMMENDATIONS, MEASURES, OPEN, OVERDUE = "commendations", "measures", "open", "overdue"
SHOWS = (COMMENDATIONS, MEASURES, OPEN, OVERDUE)


def visible_commendations(user: User) -> QuerySet[Commendation]:
    return access.scope(user, Commendation.objects.all())


def visible_measures(user: User) -> QuerySet[Measure]:
    return access.scope(user, Measure.objects.all())


def visible_evidence(user: User) -> QuerySet[MeasureEvidence]:
    return access.scope(user, MeasureEvidence.objects.all(), "response__measure__agency")


def year_commendations(user: User, year: int) -> QuerySet[Commendation]:
    return (
        visible_commendations(user)
        .filter(year=year)
        .select_related("agency")
        .order_by("-decided_on", "agency__name", "person_name", "pk")
    )


def year_measures(user: User, year: int, show: str = "", *, today: dt.date) -> QuerySet[Measure]:
    """The year's measures; ``show`` narrows them to the open ones or the overdue ones (``Measure.overdue_q``)."""
    measures = visible_measures(user).filter(year=year)
    if show == OPEN:
        measures = measures.filter(status__in=Measure.OPEN)
    elif show == OVERDUE:
        measures = measures.filter(Measure.overdue_q(today))
    return measures.select_related("agency").order_by("deadline", "agency__name", "pk")


def decision_counts(user: User, year: int, *, today: dt.date) -> dict[str, int]:
    """What the dashboard shows, in two queries: the year's commendations, and its measures open and overdue.
    Each number is the length of the list ``year_commendations``/``year_measures`` gives for it."""
    counts = (
        visible_measures(user)
        .filter(year=year)
        .aggregate(
            measures=Count("pk"),
            open=Count("pk", filter=Q(status__in=Measure.OPEN)),
            overdue=Count("pk", filter=Measure.overdue_q(today)),
        )
    )
    counts["commendations"] = visible_commendations(user).filter(year=year).count()
    return counts


def measure_detail(user: User, pk: int) -> Measure | None:
    return (
        visible_measures(user)
        .filter(pk=pk)
        .select_related("agency", "agency__filing_office", "recorded_by")
        .prefetch_related(*history_prefetches(Measure))
        .first()
    )


def agency_commendations(agency: Agency) -> QuerySet[Commendation]:
    return agency.commendations.order_by("-year", "-decided_on", "pk")


def agency_measures(agency: Agency) -> QuerySet[Measure]:
    return agency.measures.order_by("-year", "-decided_on", "pk")


def measures_to_answer(agency_id: int) -> QuerySet[Measure]:
    """What an agency still has to answer, soonest deadline first."""
    return Measure.objects.filter(agency_id=agency_id, status__in=Measure.ANSWERABLE).order_by("deadline", "pk")
