"""Cards this app adds to the home pages (see puffa.home), each built with a fixed number of queries.

- agency staff: this year's checklist (status, deadline and days left, the return comment);
- reviewers and the bureau: how many checklists wait for them and how many were filed late;
- leadership: the year's filing progress.
"""

from __future__ import annotations

from django.utils import timezone

from agencies import access
from agencies.panels import Panel

from . import selectors
from .models import Checklist


def _staff_panel(user, year: int) -> Panel:
    cycle = selectors.cycle_for(year)
    checklist = selectors.latest_checklist(user.agency_id, year)
    status = checklist.status if checklist else selectors.NOT_STARTED
    return_comment = ""
    if checklist and checklist.status == Checklist.Status.RETURNED:
        return_comment = checklist.last_comment or ""
    days_left = (cycle.filing_deadline - timezone.localdate()).days
    # Reminders and "days left" concern the yearly filing, not an amendment.
    awaiting = checklist is None or (checklist.revision == 1 and checklist.is_editable)
    return Panel(
        "checklists/panels/staff.html",
        {
            "year": year,
            "agency_id": user.agency_id,
            "checklist": checklist,
            "status": status,
            "status_label": selectors.FILING_STATUS_LABELS[status],
            "deadline": cycle.filing_deadline,
            "days_left": days_left,
            "days_overdue": -days_left,
            "awaiting_filing": awaiting,
            "return_comment": return_comment,
        },
        order=10,
    )


def _progress_panel(user, year: int) -> Panel:
    counts = selectors.filing_progress_for(user, year)
    rows = [(label, counts[status]) for status, label in selectors.FILING_STATUS_CHOICES]
    return Panel(
        "checklists/panels/progress.html",
        {
            "year": year,
            "rows": rows,
            "on_time": counts[selectors.ON_TIME],
            "late": counts[selectors.LATE],
            "overdue": counts[selectors.OVERDUE],
        },
        order=20,
    )


def home_panels(user, year: int) -> list[Panel]:
    if not user.is_authenticated:
        return []
    if user.is_agency_staff:
        return [_staff_panel(user, year)]
    if access.reviews(user):
        counts = selectors.queue_counts(user)
        return [Panel("checklists/panels/reviewer.html", {"waiting": counts.waiting, "late": counts.late}, order=10)]
    if user.is_leadership:
        return [_progress_panel(user, year)]
    return []
