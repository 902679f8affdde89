"""Reviewer scoring: manual scores, adjustments with a written reason, every change recorded."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from agencies.vocabulary import ActivityType as T
from assessment import rules, services
from assessment.models import Result, Score, ScoreChange

from .conftest import make_activity, run_scoring

D = Decimal


def indicator(rubric, code):
    return rubric.indicators.get(code=code)


def test_an_adjustment_needs_a_written_reason(rubric, agency_a, bureau_reviewer):
    run_scoring(rubric)
    with pytest.raises(ValidationError) as excinfo:
        services.score_set(
            agency=agency_a,
            indicator=indicator(rubric, rules.ENFORCEMENT_TEACHING),
            value=D(8),
            reason="  ",
            user=bureau_reviewer,
        )
    assert excinfo.value.code == "reason_required"
    assert not ScoreChange.objects.exists()


def test_an_adjustment_is_recorded_with_who_when_before_after_and_why(rubric, agency_a, bureau_reviewer):
    make_activity(agency_a, T.CASE_EXPLANATION)
    run_scoring(rubric)
    change = services.score_set(
        agency=agency_a,
        indicator=indicator(rubric, rules.ENFORCEMENT_TEACHING),
        value=D("6.25"),
        reason="庭审释法记录另有纸质台账",
        user=bureau_reviewer,
    )
    assert (change.before, change.after, change.changed_by, change.reason) == (
        D("2.5"),
        D("6.3"),
        bureau_reviewer,
        "庭审释法记录另有纸质台账",
    )
    assert change.changed_at is not None
    assert Result.objects.get(agency=agency_a).total == D("6.3")


def test_withdrawing_an_adjustment_goes_back_to_the_computed_score(rubric, agency_a, bureau_reviewer):
    run_scoring(rubric)
    enforcement = indicator(rubric, rules.ENFORCEMENT_TEACHING)
    services.score_set(agency=agency_a, indicator=enforcement, value=D(4), reason="补录", user=bureau_reviewer)
    change = services.score_set(
        agency=agency_a, indicator=enforcement, value=None, reason="误调，撤回", user=bureau_reviewer
    )
    assert (change.before, change.after) == (D(4), D(0))
    score = Score.objects.get(agency=agency_a, indicator=enforcement)
    assert score.adjusted is None and score.adjusted_by is None
    assert ScoreChange.objects.filter(score=score).count() == 2


def test_a_manual_score_needs_no_reason_and_may_come_before_any_run(rubric, agency_a, bureau_reviewer):
    change = services.score_set(
        agency=agency_a,
        indicator=indicator(rubric, rules.ORGANISATION),
        value=D("8.5"),
        reason="",
        user=bureau_reviewer,
    )
    assert (change.before, change.after) == (None, D("8.5"))
    run_scoring(rubric)
    assert Result.objects.get(agency=agency_a).total == D("8.5")


def test_a_score_above_the_weight_is_refused(rubric, agency_a, bureau_reviewer):
    with pytest.raises(ValidationError) as excinfo:
        services.score_set(
            agency=agency_a,
            indicator=indicator(rubric, rules.ORGANISATION),
            value=D("10.1"),
            reason="",
            user=bureau_reviewer,
        )
    assert excinfo.value.code == "score_range"
