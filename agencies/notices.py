"""Telling people: who gets a reminder or a notice, its log row, the inbox, the email (the only home of these writes).

Reminders (``puffa.reminders``, the daily run) and workflow notices (a checklist submitted, returned or
approved, a rectification answered, a proposal decided, a needs analysis replied to, results published)
leave the same way: one ``ReminderLog`` row per (agency or office, kind, period, stage), the in-app
notifications of its recipients, and after the commit one email per address. The log's unique
constraints make each of them go out once: a repeated run, a redelivered task or a second call for the
same step inserts nothing, and only the call that inserted a row notifies.

A workflow notice is sent by the service that changes the status, inside its transaction, through
``notice_send``; the notice's stage names the step (a transition, an event, a reply), so the same step
never notifies twice.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
import socket
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import models, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from . import outbox
from .bulk import insert_rows
from .models import AgencyContact, FilingOffice, Notification, ReminderEmail, ReminderLog, User
from .reminders import TO_AGENCY, TO_BUREAU, TO_OFFICE, TO_USER, Due


# Each app lists its own kinds of reminder (ReminderLog.kinds), so a later app adds one without a migration here; only
# the list's syntax is shared.
@ReminderLog.register_kinds
class NoticeKind(models.TextChoices):
    """Workflow notices: sent by the step itself, once."""

    CHECKLIST_SUBMITTED = "checklist_submitted", gettext_lazy("Checklist submitted (to reviewers)")
    CHECKLIST_RETURNED = "checklist_returned", gettext_lazy("Checklist returned")
    CHECKLIST_APPROVED = "checklist_approved", gettext_lazy("Checklist approved")
    RECTIFICATION_ANSWERED = "rectification_answered", gettext_lazy("Rectification answered (to the bureau)")
    PROPOSAL_DECIDED = "proposal_decided", gettext_lazy("Library proposal decided")
    NEEDS_REPLIED = "needs_replied", gettext_lazy("Needs analysis replied to")
    RESULTS_PUBLISHED = "results_published", gettext_lazy("Assessment results published")


# Above this many agencies, reading every recipient is cheaper than a long ``IN (…)`` list.
IN_LIST_LIMIT = 500
# The mail server certainly did not take the email: marked to send again, and the job retried.
NOT_SENT_ERRORS = (
    ConnectionRefusedError,
    socket.gaierror,
    smtplib.SMTPConnectError,
    smtplib.SMTPHeloError,
    smtplib.SMTPAuthenticationError,
    smtplib.SMTPSenderRefused,
    smtplib.SMTPRecipientsRefused,
    smtplib.SMTPDataError,
    smtplib.SMTPNotSupportedError,
)
EMAIL_JOB = "agencies.notices.reminder_email_send"
# A reminder's row, as ``send`` writes it.
REMINDER_FIELDS = (
    "agency",
    "filing_office",
    "kind",
    "period",
    "stage",
    "due_on",
    "sent_on",
    "subject",
    "body",
    "url",
    "notified",
    "emailed",
    "sent_by",
    "batch",
    "created_at",
)

log = logging.getLogger(__name__)


@dataclass
class Planned:
    """A reminder or notice that is due, with who gets it: users in the inbox, addresses by email."""

    due: Due
    user_ids: list[int] = field(default_factory=list)
    addresses: dict[str, str] = field(default_factory=dict)  # address → the person's name


@contextmanager
def in_site_language() -> Iterator[None]:
    """Notices are written in the site's language (Chinese), whatever language the acting user reads."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


def with_recipients(dues: list[Due]) -> list[Planned]:
    """Who gets each due reminder or notice, in a fixed number of queries whatever the number of agencies."""
    agency_ids = {due.agency_id for due in dues if due.audience == TO_AGENCY}
    office_ids = {due.office_id for due in dues if due.audience == TO_OFFICE}
    staff: dict[int, list[tuple]] = {}
    contacts: dict[int, list[tuple]] = {}
    if agency_ids:
        users = User.objects.filter(role=User.Role.STAFF, is_active=True, agency__isnull=False)
        agency_contacts = AgencyContact.objects.exclude(email="")
        if len(agency_ids) <= IN_LIST_LIMIT:
            users = users.filter(agency_id__in=agency_ids)
            agency_contacts = agency_contacts.filter(agency_id__in=agency_ids)
        for pk, agency_id, email, name, username in users.order_by("pk").values_list(
            "pk", "agency_id", "email", "name", "username"
        ):
            staff.setdefault(agency_id, []).append((pk, email, name or username))
        for agency_id, email, name in agency_contacts.order_by("-is_primary", "pk").values_list(
            "agency_id", "email", "name"
        ):
            contacts.setdefault(agency_id, []).append((None, email, name))
    reviewers: dict[int, list[tuple]] = {}
    if office_ids:
        for pk, office_id, email, name, username in (
            User.objects.filter(role=User.Role.REVIEWER, is_active=True, filing_office_id__in=office_ids)
            .order_by("pk")
            .values_list("pk", "filing_office_id", "email", "name", "username")
        ):
            reviewers.setdefault(office_id, []).append((pk, email, name or username))
    bureau: list[tuple] = []
    if any(due.audience == TO_BUREAU for due in dues):
        bureau = [
            (pk, email, name or username)
            for pk, email, name, username in User.objects.filter(is_active=True)
            .filter(
                Q(role=User.Role.BUREAU_ADMIN)
                | Q(role=User.Role.REVIEWER, filing_office__kind=FilingOffice.Kind.DISTRICT_BUREAU)
            )
            .order_by("pk")
            .values_list("pk", "email", "name", "username")
        ]
    people_of: dict[int, tuple] = {}
    user_ids = {due.user_id for due in dues if due.audience == TO_USER}
    if user_ids:
        people_of = {
            pk: (pk, email, name or username)
            for pk, email, name, username in User.objects.filter(pk__in=user_ids, is_active=True).values_list(
                "pk", "email", "name", "username"
            )
        }

    planned = []
    for due in dues:
        if due.audience == TO_AGENCY:
            people = staff.get(due.agency_id, []) + contacts.get(due.agency_id, [])
        elif due.audience == TO_OFFICE:
            people = reviewers.get(due.office_id, [])
        elif due.audience == TO_USER:
            people = [people_of[due.user_id]] if due.user_id in people_of else []
        else:
            people = bureau
        item = Planned(due)
        for user_id, email, name in people:
            if user_id is not None:
                item.user_ids.append(user_id)
            if email:
                item.addresses.setdefault(email.strip().lower(), name)
        planned.append(item)
    return planned


def send(
    planned: list[Planned],
    *,
    on: dt.date,
    email: bool = True,
    at: dt.datetime | None = None,
    by: User | None = None,
) -> list[Planned]:
    """Record, notify and (after the commit) email what was planned; what another call already recorded is
    skipped. Returns what this call sent."""
    if not planned:
        return []
    at = at or timezone.now()
    batch = uuid.uuid4()
    with transaction.atomic():
        insert_rows(
            ReminderLog,
            REMINDER_FIELDS,
            (
                (
                    item.due.agency_id,
                    None if item.due.agency_id else item.due.office_id,
                    item.due.kind,
                    item.due.period,
                    item.due.stage,
                    item.due.due_on,
                    on,
                    item.due.subject[:200],
                    item.due.body,
                    item.due.url,
                    len(item.user_ids),
                    len(item.addresses),
                    by.pk if by else None,
                    batch,
                    at,
                )
                for item in planned
            ),
            ignore_conflicts=True,  # another run got there first: that run notifies, this one does not
        )
        ours = {
            (agency_id, None if agency_id else office_id, kind, period, stage): pk
            for pk, agency_id, office_id, kind, period, stage in ReminderLog.objects.filter(batch=batch).values_list(
                "pk", "agency_id", "filing_office_id", "kind", "period", "stage"
            )
        }
        sent = [item for item in planned if item.due.key in ours]
        insert_rows(
            Notification,
            ("recipient", "agency", "reminder", "title", "body", "url", "created_at"),
            (
                (
                    user_id,
                    item.due.agency_id,
                    ours[item.due.key],
                    item.due.subject[:200],
                    item.due.body,
                    item.due.url,
                    at,
                )
                for item in sent
                for user_id in item.user_ids
            ),
        )
        if email:
            # The emails are outbox jobs written with the reminders: a broker that is down when this commits
            # delays them, never loses them; each (reminder, address) is recorded so it is sent at most once.
            # The reminders are this call's own, inserted above and not yet committed: no other email row can
            # name them, so nothing here conflicts.
            digests = _email_digests(sent, ours)
            insert_rows(
                ReminderEmail,
                ("reminder", "address", "changed_at"),
                (
                    (reminder_id, address, at)
                    for address, (_name, reminder_ids) in digests.items()
                    for reminder_id in reminder_ids
                ),
            )
            outbox.enqueue_many(
                EMAIL_JOB,
                (
                    {"address": address, "name": name, "reminder_ids": reminder_ids}
                    for address, (name, reminder_ids) in digests.items()
                ),
            )
    return sent


# Off while the demo is seeded: its notices go to the inboxes, not to anyone's mailbox.
_emails_on: ContextVar[bool] = ContextVar("notice_emails_on", default=True)


@contextmanager
def without_emails() -> Iterator[None]:
    """Notices sent inside this block reach the inboxes only (the demo's seeding)."""
    token = _emails_on.set(False)
    try:
        yield
    finally:
        _emails_on.reset(token)


def notice_send(dues: list[Due], *, by: User | None = None, at: dt.datetime | None = None) -> list[Planned]:
    """Workflow notices, at the step's time: each (agency or office, kind, period, stage) at most once, ever.

    Call it inside the transaction that changes the status: the notice is kept or rolled back with the
    step, and its emails are queued only once the step is committed.
    """
    at = at or timezone.now()
    return send(with_recipients(dues), on=timezone.localdate(at), at=at, by=by, email=_emails_on.get())


def _email_digests(sent: list[Planned], ids: dict) -> dict[str, tuple[str, list[int]]]:
    """One email per address: address → (name, the reminders' ids)."""
    digests: dict[str, tuple[str, list[int]]] = {}
    for item in sent:
        for address, name in item.addresses.items():
            digests.setdefault(address, (name, []))[1].append(ids[item.due.key])
    return digests


def reminder_email_send(*, address: str, name: str, reminder_ids: list[int]) -> bool:
    """Send one address, as one email (Chinese, text and HTML), those of its reminders not emailed to it yet.

    At most once per (reminder, address): the reminders are marked "sending" (committed) before the mail
    server is spoken to, and "sent" once it accepts. Raises when the server certainly refused the email (they
    are marked to send again, and the job is retried); any other failure leaves the email "uncertain".
    """
    address = address.strip().lower()
    with transaction.atomic():
        known = set(
            ReminderLog.objects.filter(pk__in=reminder_ids).values_list("pk", flat=True)
        )  # a reminder deleted meanwhile is not sent
        ReminderEmail.objects.bulk_create(  # a job queued before the emails were recorded
            (ReminderEmail(reminder_id=pk, address=address) for pk in known), ignore_conflicts=True
        )
        waiting = list(
            ReminderEmail.objects.select_for_update()
            .filter(reminder_id__in=known, address=address, status=ReminderEmail.Status.PENDING)
            .values_list("pk", "reminder_id")
        )
        if not waiting:
            return False  # sent already, or being sent: a job run twice
        ReminderEmail.objects.filter(pk__in=[pk for pk, _reminder in waiting]).update(
            status=ReminderEmail.Status.SENDING, changed_at=timezone.now()
        )
    marks = ReminderEmail.objects.filter(pk__in=[pk for pk, _reminder in waiting])
    try:
        _send_email(address, name, [reminder for _pk, reminder in waiting])
    except NOT_SENT_ERRORS:
        marks.update(status=ReminderEmail.Status.PENDING, changed_at=timezone.now())
        raise
    except Exception:
        marks.update(status=ReminderEmail.Status.UNCERTAIN, changed_at=timezone.now())
        log.exception(
            "reminder email to %s interrupted: it may or may not have arrived, and is not sent again", address
        )
        return False
    marks.update(status=ReminderEmail.Status.SENT, changed_at=timezone.now())
    return True


def reminder_emails_interrupted() -> list[ReminderEmail]:
    """Emails still "sending" long after they started (their worker died mid-send): marked "uncertain", never
    sent again, and returned so that ``run_reminders`` reports them."""
    since = timezone.now() - outbox.stale_after()
    stuck = list(
        ReminderEmail.objects.filter(status=ReminderEmail.Status.SENDING, changed_at__lt=since).select_related(
            "reminder"
        )
    )
    ReminderEmail.objects.filter(pk__in=[email.pk for email in stuck]).update(
        status=ReminderEmail.Status.UNCERTAIN, changed_at=timezone.now()
    )
    return stuck


def _send_email(address: str, name: str, reminder_ids: list[int]) -> None:
    reminders = list(ReminderLog.objects.filter(pk__in=reminder_ids).order_by("pk"))
    site = settings.PUFFA_SITE_URL.rstrip("/")
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "name": name,
            "reminders": [
                {"subject": reminder.subject, "body": reminder.body, "link": f"{site}{reminder.url or '/'}"}
                for reminder in reminders
            ],
            "count": len(reminders),
            "site": site,
            "district": settings.PUFFA_DISTRICT_NAME,
        }
        subject = " ".join(render_to_string("emails/reminders-subject.txt", context).split())
        text = render_to_string("emails/reminders-body.txt", context)
        html = render_to_string("emails/reminders-body.html", context)
    connection = get_connection()
    # Opening first tells apart a server that never took the email (refused or dropped at connection: raised
    # as NOT_SENT_ERRORS, tried again) from one that failed while taking it (uncertain).
    try:
        connection.open()
    except OSError as error:
        raise smtplib.SMTPConnectError(0, str(error)) from error
    try:
        message = EmailMultiAlternatives(subject, text, to=[address], connection=connection)
        message.attach_alternative(html, "text/html")
        message.send()
    finally:
        connection.close()
