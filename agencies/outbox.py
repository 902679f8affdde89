"""The outbox: everything that must happen after a change commits, kept in the database with the change.

A service calls ``enqueue`` inside its transaction: the job is a row (``OutboxJob``) that commits or rolls
back with the change. Once committed, a Celery message asks a worker to run it; if the broker is down, the
row waits. ``drain`` sends the worker every job still waiting, and every job whose worker died (running past
``stale_after``): beat calls it every minute, and ``run_reminders`` runs the waiting jobs in its own process.
A job that raises is tried again later (1, 2, 4 … minutes, up to an hour), ``MAX_ATTEMPTS`` times.

Jobs run at least once: a handler must be safe to run twice (archive builds and scoring runs check their
row's status; reminder emails record each send, puffa.reminders). The handler is a service's dotted path
called with keyword arguments, so this module imports no app above it.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.module_loading import import_string

from .bulk import insert_rows
from .models import OutboxJob

log = logging.getLogger(__name__)

Status = OutboxJob.Status
MAX_ATTEMPTS = 10
# A waiting job already sent to the worker is sent again after this long (its message may have been lost).
REDISPATCH_AFTER = dt.timedelta(minutes=5)
# After the broker failed, this process does not try it again for a moment: a run queueing fifty emails
# waits on one refused connection, not fifty.
BROKER_RETRY_AFTER_SECONDS = 10.0
_broker_down_until = 0.0


def stale_after() -> dt.timedelta:
    """A job running this long lost its worker: it may be taken again."""
    return dt.timedelta(seconds=settings.PUFFA_OUTBOX_STALE_SECONDS)


def enqueue(handler: str, *, key: str = "", **arguments) -> OutboxJob:
    """Add a job to the current transaction; the worker is asked to run it once the transaction commits.

    With a ``key``, a job of that key still waiting or running is reused rather than doubled."""
    job = None
    if key:
        job = OutboxJob.objects.filter(key=key, status__in=[Status.PENDING, Status.RUNNING]).first()
    if job is None:
        job = OutboxJob.objects.create(handler=handler, arguments=arguments, key=key)
    transaction.on_commit(lambda: dispatch(job.pk))
    return job


def enqueue_many(handler: str, arguments: Iterable[dict]) -> int:
    """Add many jobs of one handler to the current transaction (the daily run's thousands of emails) in a few
    inserts; once it commits, one message asks a worker to drain them. How many were added."""
    jobs = [(handler, kwargs) for kwargs in arguments]
    insert_rows(OutboxJob, ("handler", "arguments"), jobs)
    if jobs:
        transaction.on_commit(kick)
    return len(jobs)


def kick() -> bool:
    """Ask a worker to drain the outbox now; False (logged) when the broker cannot be reached: beat's
    every-minute drain finds the jobs."""
    from .tasks import drain_outbox  # the task module imports this one

    return _send(drain_outbox, [], "the outbox drain")


def _send(task, args: list, what: str) -> bool:
    global _broker_down_until
    if time.monotonic() < _broker_down_until:
        return False
    try:
        task.apply_async(args=args, retry=False)
    except Exception:  # noqa: BLE001 - whatever the broker's failure, the rows are kept and drained later
        log.warning("could not send %s to the worker; it waits for the next drain", what, exc_info=True)
        _broker_down_until = time.monotonic() + BROKER_RETRY_AFTER_SECONDS
        return False
    return True


def dispatch(job_id: int) -> bool:
    """Ask a worker to run the job; False (logged) when the broker cannot be reached: the job waits for
    ``drain``."""
    return _dispatch_many([job_id]) == 1


def _dispatch_many(job_ids: list[int]) -> int:
    """Send each job to a worker; how many were sent before the broker failed (the rest wait, unmarked)."""
    from .tasks import run_outbox_job  # the task module imports this one

    if time.monotonic() < _broker_down_until:
        return 0
    # Marked before sending: a worker may run (and reschedule) a job before apply_async returns.
    now = timezone.now()
    OutboxJob.objects.filter(pk__in=job_ids, status=Status.PENDING).update(dispatched_at=now)
    for sent, job_id in enumerate(job_ids):
        if not _send(run_outbox_job, [job_id], f"outbox job {job_id}"):
            OutboxJob.objects.filter(pk__in=job_ids[sent:], dispatched_at=now).update(dispatched_at=None)
            return sent
    return len(job_ids)


def due_jobs(now: dt.datetime | None = None):
    """Jobs to send (again): waiting and due, not sent in the last few minutes; or running past the limit."""
    now = now or timezone.now()
    waiting = Q(status=Status.PENDING, run_after__lte=now) & (
        Q(dispatched_at__isnull=True) | Q(dispatched_at__lt=now - REDISPATCH_AFTER)
    )
    lost = Q(status=Status.RUNNING, started_at__lt=now - stale_after())
    return OutboxJob.objects.filter(waiting | lost).order_by("pk")


def drain(*, here: bool = False, batch: int = 1000, batches: int = 100) -> int:
    """Send every due job to the worker (or, ``here``, run them in this process); how many were handled.

    Works through at most ``batches`` batches (a day's reminder emails at province scale), marking each
    batch sent in one update; stops sending at the first broker failure: the rest wait for the next drain."""
    handled = 0
    for _batch in range(batches):
        job_ids = list(due_jobs().values_list("pk", flat=True)[:batch])
        if not job_ids:
            break
        if here:
            for job_id in job_ids:
                run(job_id)
            handled += len(job_ids)
            continue
        sent = _dispatch_many(job_ids)
        handled += sent
        if sent < len(job_ids):
            break
    return handled


def run(job_id: int) -> bool:
    """Run the job if nobody else is: claim it, call its handler, record the outcome. False if not claimed."""
    now = timezone.now()
    claimable = Q(status=Status.PENDING) | Q(status=Status.RUNNING, started_at__lt=now - stale_after())
    claimed = OutboxJob.objects.filter(claimable, pk=job_id).update(
        status=Status.RUNNING, started_at=now, attempts=F("attempts") + 1
    )
    if not claimed:
        return False  # done, failed, or being run by another worker
    job = OutboxJob.objects.get(pk=job_id)
    try:
        import_string(job.handler)(**job.arguments)
    except Exception as exc:  # noqa: BLE001 - a failing job is retried, then given up with its error
        log.exception("outbox job %s (%s) failed, attempt %s", job.pk, job.handler, job.attempts)
        gave_up = job.attempts >= MAX_ATTEMPTS
        OutboxJob.objects.filter(pk=job.pk).update(
            status=Status.FAILED if gave_up else Status.PENDING,
            run_after=timezone.now() + dt.timedelta(seconds=min(60 * 2 ** (job.attempts - 1), 3600)),
            dispatched_at=None,
            finished_at=timezone.now() if gave_up else None,
            error=f"{exc.__class__.__name__}: {exc}"[:2000],
        )
        return True
    OutboxJob.objects.filter(pk=job.pk).update(status=Status.DONE, finished_at=timezone.now(), error="")
    return True
