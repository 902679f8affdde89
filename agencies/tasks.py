"""Celery tasks of the base app: the outbox's worker side (agencies.outbox)."""

from celery import shared_task

from . import outbox


@shared_task(name="agencies.run_outbox_job")
def run_outbox_job(job_id: int) -> bool:
    return outbox.run(job_id)


@shared_task(name="agencies.drain_outbox")
def drain_outbox() -> int:
    """Beat's every-minute call: send the worker what waits (a broker that was down, a worker that died)."""
    return outbox.drain()
