"""The reminders' daily run (docs/domain.md, "Reminders"): every rule for a day, recorded once, notified, emailed.

The rules live where their facts do (``RULES``); this module runs them for a day, drops what
``ReminderLog`` already holds, and for the rest writes, in ONE transaction, the log rows and the in-app
notifications, and the emails to send: one outbox job per address however many reminders it gets that day
(agencies.outbox), so a broker that is down when the run commits delays the emails but never loses them.
Repeating a run, or a worker dying mid-run and the task being delivered again, notifies nothing twice: the
database keeps each (agency, kind, period, stage) once, and a run notifies only for the rows it inserted.

Each reminder's email goes to each address at most once (``ReminderEmail``): marked "sending" before the mail
server is spoken to and "sent" once it accepts. A job run again finds the mark and sends nothing; an email
whose sending was interrupted (a worker killed mid-SMTP, a server that stopped answering) may or may not have
arrived, and is reported ("uncertain"), never sent again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import reduce
from importlib import import_module
from operator import or_

from django.conf import settings
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _

from agencies.models import Agency, ReminderLog, User
from agencies.notices import Planned, reminder_email_send, reminder_emails_interrupted, send, with_recipients
from agencies.reminders import Due

__all__ = [
    "Planned",
    "reminder_email_send",
    "reminder_emails_interrupted",
    "plan",
    "reminders_send",
    "reminder_send_now",
    "describe",
]

# Each rule: rule(on: date) -> list[Due], with a fixed number of queries.
RULES = [
    "checklists.reminders.filing_deadline",
    "activities.reminders.study_minimum",
    "activities.reminders.study_digest",
    "agencies.reminders.constitution_day",
    "activities.campaigns.reminders.campaigns",
    "checklists.reminders.law_anniversaries",
    "assessment.oversight.reminders.rectifications",
]
# Then each of these: filter(dues) -> dues, dropping reminders another rule's say better.
SUPERSEDES = [
    "activities.campaigns.reminders.instead_of_generic",  # an announced Constitution Day campaign's own reminder
]
# For "remind this agency now": rule(on: date, agency_id: int) -> list[Due].
NOW_RULES = [
    "checklists.reminders.filing_now",
    "activities.reminders.study_now",
]


def _rule(path: str) -> Callable:
    module, name = path.rsplit(".", 1)
    return getattr(import_module(module), name)


def due_reminders(on: dt.date) -> list[Due]:
    """What every rule says is due on a day, minus what was already sent."""
    with translation.override(settings.LANGUAGE_CODE):
        dues = [due for path in RULES for due in _rule(path)(on)]
    for path in SUPERSEDES:
        dues = _rule(path)(dues)
    return _not_sent(dues)


def _not_sent(dues: list[Due]) -> list[Due]:
    if not dues:
        return []
    stages = {(due.kind, due.period, due.stage) for due in dues}
    matching = reduce(or_, (Q(kind=kind, period=period, stage=stage) for kind, period, stage in stages))
    sent = {
        (agency_id, None if agency_id else office_id, kind, period, stage)
        for agency_id, office_id, kind, period, stage in ReminderLog.objects.filter(matching).values_list(
            "agency_id", "filing_office_id", "kind", "period", "stage"
        )
    }
    return [due for due in dues if due.key not in sent]


def plan(on: dt.date) -> list[Planned]:
    """The day's reminders with their recipients, in a fixed number of queries whatever the number of agencies."""
    return with_recipients(due_reminders(on))


def reminders_send(
    *, on: dt.date, dry_run: bool = False, email: bool = True, at: dt.datetime | None = None
) -> list[Planned]:
    """The daily run for a day: what it sent (or, dry, would send). Safe to repeat."""
    planned = plan(on)
    if dry_run:
        return planned
    return send(planned, on=on, email=email, at=at)


def reminder_send_now(*, agency: Agency, by: User, on: dt.date) -> list[Planned]:
    """Remind one agency of what it owes today (checklist not submitted, study sessions below the minimum).

    At most once a day per kind: a second request the same day sends nothing.
    """
    with translation.override(settings.LANGUAGE_CODE):
        dues = [due for path in NOW_RULES for due in _rule(path)(on, agency.pk)]
    return send(with_recipients(_not_sent(dues)), on=on, by=by)


def describe(item: Planned, on: dt.date) -> str:
    """One line about a reminder, for ``run_reminders``; a caught-up stage says when it was due."""
    due = item.due
    values = {
        "kind": ReminderLog.kinds[due.kind],
        "target": due.target,
        "subject": due.subject,
        "users": len(item.user_ids),
        "emails": len(item.addresses),
        "day": due.due_on.isoformat(),
    }
    if due.due_on == on:
        return _("%(kind)s · %(target)s · %(subject)s → %(users)s in the inbox, %(emails)s by email") % values
    return _("%(kind)s (due %(day)s) · %(target)s · %(subject)s → %(users)s in the inbox, %(emails)s by email") % values
