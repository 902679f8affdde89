"""待办 from the decisions (see ``agencies.todos``): an agency's accountability measures to answer; for the
bureau, the answers waiting for its decision. One query each."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Min
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from agencies import access
from agencies.models import AnnualCycle, User
from agencies.todos import Todo, local_day

from . import selectors
from .models import Measure

# The clerk's 待办 names this many measures, soonest deadline first.
SHOWN_MEASURES = 5


def _measures_to_answer(user: User, today: dt.date) -> list[Todo]:
    return [
        Todo(
            text=_("Answer the accountability measure: %(kind)s") % {"kind": measure.get_kind_display()},
            url=reverse("decisions:measure", args=[measure.pk]),
            detail=_("deadline %(date)s") % {"date": measure.deadline.isoformat()},
            since=measure.decided_on,
            late=measure.is_overdue(today),
            late_label=_("overdue"),
            order=50,
        )
        for measure in selectors.measures_to_answer(user.agency_id)[:SHOWN_MEASURES]
    ]


def _answered_measures(user: User) -> list[Todo]:
    answered = access.scope(user, Measure.objects.filter(status=Measure.Status.ANSWERED)).aggregate(
        count=Count("pk"), oldest=Min("updated_at"), year=Min("year")
    )
    if not answered["count"]:
        return []
    return [
        Todo(
            text=ngettext(
                "Decide %(count)d answered accountability measure",
                "Decide %(count)d answered accountability measures",
                answered["count"],
            )
            % {"count": answered["count"]},
            url=f"{reverse('decisions:year', args=[answered['year']])}?show={selectors.OPEN}",
            since=local_day(answered["oldest"]),
            order=45,
        )
    ]


def todos(user: User, *, year: int, today: dt.date, cycle: AnnualCycle | None = None) -> list[Todo]:
    if user.is_agency_staff:
        return _measures_to_answer(user, today)
    if access.can_manage(user):
        return _answered_measures(user)
    return []
