"""待办 from the checklist workflow (see ``agencies.todos``): the clerk's checklist to fill in and submit,
the reviewer's checklists waiting for a decision, and, for leadership, the agencies not filed past the deadline.
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from agencies import access
from agencies.models import AnnualCycle, User
from agencies.todos import Todo, local_day

from . import selectors
from .models import Checklist

# The reviewer's 待办 names this many waiting checklists, oldest first; the rest are one "and N more" line.
SHOWN_WAITING = 5


def _staff(user: User, year: int, today: dt.date, cycle: AnnualCycle) -> list[Todo]:
    checklist = selectors.latest_checklist(user.agency_id, year)
    deadline = cycle.filing_deadline
    past_deadline = today > deadline
    due = _("due %(date)s") % {"date": deadline.isoformat()}
    if checklist is None:
        return [
            Todo(
                text=_("Start the %(year)d checklist and submit it") % {"year": year},
                url=reverse("checklists:year", args=[user.agency_id, year]),
                detail=due,
                late=past_deadline,
                late_label=_("overdue"),
                order=10,
            )
        ]
    if not checklist.is_editable:
        return []
    first_filing = checklist.revision == 1
    if checklist.status == Checklist.Status.RETURNED:
        text = _("Change the returned checklist as the reviewer asked and submit it again")
        detail = _("The reviewer said: %(comment)s") % {"comment": checklist.last_comment or ""}
        since = local_day(checklist.decided_at)
    else:
        text = _("Continue filling in the %(year)d checklist and submit it") % {"year": year}
        if not first_filing:
            text = _("Continue the amendment to the %(year)d checklist and submit it") % {"year": year}
        detail = due if first_filing else ""
        since = local_day(checklist.created_at)
    return [
        Todo(
            text=text,
            url=reverse("checklists:items", args=[checklist.pk]),
            detail=detail,
            since=since,
            late=first_filing and past_deadline,
            late_label=_("overdue"),
            order=10,
        )
    ]


def _reviewer(user: User) -> list[Todo]:
    counts = selectors.queue_counts(user)
    if not counts.waiting:
        return []
    todos = [
        Todo(
            text=_("Review the %(year)d checklist of %(agency)s")
            % {"year": checklist.year, "agency": checklist.agency.display_name},
            url=reverse("checklists:review", args=[checklist.pk]),
            since=local_day(checklist.submitted_at),
            late=checklist.late,
            late_label=_("filed late"),
            order=10,
        )
        for checklist in selectors.review_queue(user, counts)[:SHOWN_WAITING]
    ]
    if counts.waiting > SHOWN_WAITING:
        todos.append(
            Todo(
                text=_("%(count)d more checklists waiting for review") % {"count": counts.waiting - SHOWN_WAITING},
                url=reverse("checklists:queue"),
                order=11,
            )
        )
    return todos


def _leadership(user: User, year: int, today: dt.date, cycle: AnnualCycle) -> list[Todo]:
    if today <= cycle.filing_deadline:
        return []
    overdue = selectors.filing_progress_for(user, year)[selectors.OVERDUE]
    if not overdue:
        return []
    return [
        Todo(
            text=_("%(count)d agencies have not filed their %(year)d checklist") % {"count": overdue, "year": year},
            url=f"{reverse('checklists:overview')}?year={year}&timing={selectors.OVERDUE}",
            detail=_("The deadline was %(date)s.") % {"date": cycle.filing_deadline.isoformat()},
            late=True,
            late_label=_("overdue"),
            order=10,
        )
    ]


def todos(user: User, *, year: int, today: dt.date, cycle: AnnualCycle) -> list[Todo]:
    if user.is_agency_staff:
        return _staff(user, year, today, cycle)
    if access.reviews(user):
        return _reviewer(user)
    if user.is_leadership:
        return _leadership(user, year, today, cycle)
    return []
