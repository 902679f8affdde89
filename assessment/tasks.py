"""Celery tasks of the assessment: thin shells that take an id and call a service."""

from celery import shared_task

from . import services


@shared_task(name="assessment.score_year")
def score_year(run_id: int) -> None:
    services.scoring_run_execute(run_id=run_id)
