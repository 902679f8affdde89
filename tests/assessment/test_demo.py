"""The demo year-end assessment: 2025 published with a survey, 2026 scored with one reasoned adjustment."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.db.models import Count

from activities.facts import counted_sessions
from agencies.models import Agency
from assessment import rules
from assessment.models import Result, Rubric, Score, ScoreChange, SurveyResult

# seed_demo opens the years it fills, as the bureau would: no year is open before it runs.
pytestmark = pytest.mark.opened_years()


@pytest.mark.django_db
def test_the_demo_publishes_2025_and_scores_2026_with_one_adjustment(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    active = Agency.objects.filter(is_active=True).count()
    published = Rubric.objects.get(cycle__year=2025)
    assert published.is_published
    assert SurveyResult.objects.filter(rubric=published).count() == active
    assert Result.objects.filter(rubric=published).count() == active
    current = Rubric.objects.get(cycle__year=2026)
    assert not current.is_published and Result.objects.filter(rubric=current).count() == active
    adjustment = ScoreChange.objects.get(score__indicator__rubric=current)
    assert adjustment.score.indicator.code == rules.ENFORCEMENT_TEACHING and "台账" in adjustment.reason
    assert sum(w for w in current.indicators.values_list("weight", flat=True)) == 100


@pytest.mark.django_db
def test_the_demo_scores_count_the_sessions_the_ledgers_show(settings):
    """The scoring run the demo replays reads the activities the demo logged before it: a 2025 result's study
    sessions are the agency's ★ sessions of 2025, counted here from the raw rows."""
    settings.DEBUG = True
    call_command("seed_demo")
    scores = Score.objects.filter(indicator__rubric__cycle__year=2025, indicator__code=rules.CADRE_STUDY)
    held = dict(
        counted_sessions(2025, dt.date(2026, 1, 1)).values("agency").annotate(n=Count("pk")).values_list("agency", "n")
    )
    assert sum(held.values()) > 0
    for score in scores.filter(detail__subject=True):
        assert score.detail["sessions"] == held.get(score.agency_id, 0), score.agency
