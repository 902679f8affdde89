"""Which rectifications the daily reminder run should remind their agency of (docs/domain.md, "Reminders").

Two stages per rectification while it is the agency's turn (open or sent back): three days before the
deadline, and the day after it (``Finding.overdue_q``). One answered and waiting for the bureau's review
(待审核) is reminded of nothing.
The function is pure in the sense the reminder run needs: it reads, sends nothing and records nothing.
A stage stays due after its day until the one it leads to (the "before" stage until the deadline, the
"overdue" stage for as long as the rectification is overdue), so a run missed while workers were down
is caught up by the next one. The caller records each (agency, kind, period, stage) it sends and skips
those already recorded: that is what makes each stage go out once.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from agencies.reminders import TO_AGENCY, Due

from .models import Finding

KIND = "rectification"
BEFORE_3_DAYS = "before_3_days"
OVERDUE_1_DAY = "overdue_1_day"
DAYS_BEFORE = 3


def rectification_reminders_due(today: dt.date) -> list[dict]:
    """One dict per rectification and stage due on ``today``:
    {agency_id, kind: "rectification", period: <finding id>, stage, title, body, url}."""
    findings = (
        Finding.objects.filter(
            requires_rectification=True,
            status__in=Finding.ANSWERABLE,
            deadline__lte=today + dt.timedelta(days=DAYS_BEFORE),
        )
        .select_related("inspection", "agency")
        .order_by("deadline", "pk")
    )
    due = []
    with translation.override(settings.LANGUAGE_CODE):
        for finding in findings:
            if finding.is_overdue(today):
                stage = OVERDUE_1_DAY
                title = _("Rectification overdue: %(inspection)s") % {"inspection": finding.inspection.title}
                body = _(
                    "The rectification of this finding was due on %(deadline)s and has not been accepted yet:"
                    "\n%(finding)s\nPlease answer with what was done and evidence as soon as possible."
                )
            else:
                stage = BEFORE_3_DAYS
                title = _("Rectification due on %(deadline)s: %(inspection)s") % {
                    "deadline": finding.deadline.isoformat(),
                    "inspection": finding.inspection.title,
                }
                body = _(
                    "The rectification of this finding is due on %(deadline)s:\n%(finding)s\n"
                    "Please answer with what was done and evidence before the deadline."
                )
            due.append(
                {
                    "agency_id": finding.agency_id,
                    "kind": KIND,
                    "period": str(finding.pk),
                    "stage": stage,
                    "title": title,
                    "body": body % {"deadline": finding.deadline.isoformat(), "finding": finding.description},
                    "url": reverse("oversight:rectification", args=[finding.pk]),
                    "deadline": finding.deadline,
                    "agency_name": finding.agency.short_name or finding.agency.name,
                }
            )
    return due


def rectifications(on: dt.date) -> list[Due]:
    """The daily reminder run's rule (puffa.reminders.RULES): the stages above as reminders to the agency."""
    return [
        Due(
            kind=reminder["kind"],
            period=reminder["period"],
            stage=reminder["stage"],
            due_on=reminder["deadline"]
            + (dt.timedelta(days=1) if reminder["stage"] == OVERDUE_1_DAY else -dt.timedelta(days=DAYS_BEFORE)),
            subject=reminder["title"],
            body=reminder["body"],
            url=reminder["url"],
            audience=TO_AGENCY,
            agency_id=reminder["agency_id"],
            target=reminder["agency_name"],
        )
        for reminder in rectification_reminders_due(on)
    ]
