"""A year's filing, on time or late: each defined once, for one checklist and as SQL for a set (docs/domain.md).

- **late**: revision 1 first submitted at or after the year's ``AnnualCycle.late_from`` (00:00 the day after the
  filing deadline, Asia/Shanghai). Amendments are mid-year changes and are never late.
- **filing timing**: on time / late (submitted at all, by that rule), or, never submitted, pending while the
  deadline is ahead and overdue once it has passed.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Case, CharField, Q, Value, When
from django.utils.translation import gettext_lazy as _

from agencies.models import AnnualCycle

ON_TIME, LATE, PENDING, OVERDUE = "on_time", "late", "pending", "overdue"
TIMING_CHOICES = [
    (ON_TIME, _("Filed on time")),
    (LATE, _("Filed late")),
    (PENDING, _("Not filed, deadline ahead")),
    (OVERDUE, _("Not filed, overdue")),
]


def submitted_late(submitted_at: dt.datetime, cycle: AnnualCycle) -> bool:
    """A first submission at ``submitted_at`` is late for ``cycle``'s year."""
    return submitted_at >= cycle.late_from


def filing_timing(first_submitted_at: dt.datetime | None, cycle: AnnualCycle, today: dt.date) -> str:
    """On time, late, pending or overdue: a year's filing (revision 1) as the overview and dashboard say it."""
    if first_submitted_at is not None:
        return LATE if submitted_late(first_submitted_at, cycle) else ON_TIME
    return OVERDUE if today > cycle.filing_deadline else PENDING


def submitted_before_q(moment: dt.datetime, field: str = "first_submitted_at") -> Q:
    """Revision 1 submitted at least once before ``moment``: filed, on time or late, whatever became of it since (a
    checklist returned after its first submission was filed then). The SQL form of ``filing_timing``'s "filed"."""
    return Q(**{f"{field}__lt": moment})


def late_q(cycle: AnnualCycle, field: str = "first_submitted_at") -> Q:
    """``submitted_late`` as a filter on a first-submission column (``field``) of the cycle's year."""
    return Q(**{f"{field}__gte": cycle.late_from})


def filing_timing_expression(cycle: AnnualCycle, today: dt.date, field: str = "first_submitted_at") -> Case:
    """``filing_timing`` as an SQL expression over a first-submission column (``field``)."""
    return Case(
        When(late_q(cycle, field), then=Value(LATE)),
        When(**{f"{field}__isnull": False}, then=Value(ON_TIME)),
        default=Value(OVERDUE if today > cycle.filing_deadline else PENDING),
        output_field=CharField(),
    )
