"""Celery tasks of the assessment: thin shells that take an id and call a service."""

from celery import shared_task
from django.utils import translation

from agencies.models import User

from . import services
from .dashboard import kept
from .dashboard import selectors as dashboard


@shared_task(name="assessment.score_year")
def score_year(run_id: int) -> None:
    services.scoring_run_execute(run_id=run_id)


@shared_task(name="assessment.recount_dashboard")
def recount_dashboard(year: int, user_id: int, language: str) -> None:
    """Count a province-sized dashboard again after a change, in the language its reader uses."""
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        return
    with translation.override(language):
        dashboard.recount(year, user)


@shared_task(name="assessment.keep_dashboard_facts")
def keep_dashboard_facts() -> None:
    """Each night, once "held" has moved on a day: every agency's kept dashboard facts of the open years."""
    kept.keep_all()
