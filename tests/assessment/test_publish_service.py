"""Publishing freezes the year: every service refuses a change afterwards."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from assessment import rules, services
from assessment.models import Result, Score, ScoringRun, SelfAssessment
from assessment.services import IndicatorData

from .conftest import run_scoring

D = Decimal


def test_publishing_needs_results_computed_with_the_current_rubric(rubric, bureau_admin, agency_a):
    with pytest.raises(ValidationError) as excinfo:
        services.results_publish(rubric=rubric, user=bureau_admin)
    assert excinfo.value.code == "no_results"
    run_scoring(rubric)
    rubric.changed_at = rubric.runs.get().finished_at + dt.timedelta(microseconds=1)  # changed since
    rubric.save()
    with pytest.raises(ValidationError):
        services.results_publish(rubric=rubric, user=bureau_admin)
    run_scoring(rubric)
    rubric = services.results_publish(rubric=rubric, user=bureau_admin)
    assert rubric.is_published and rubric.published_by == bureau_admin


def test_publishing_waits_for_a_run_in_progress(rubric, bureau_admin, agency_a):
    run_scoring(rubric)
    services.scoring_run_start(rubric=rubric, user=bureau_admin)
    with pytest.raises(ValidationError) as excinfo:
        services.results_publish(rubric=rubric, user=bureau_admin)
    assert excinfo.value.code == "running"


@pytest.fixture
def published(rubric, bureau_admin, agency_a):
    run_scoring(rubric)
    services.score_set(
        agency=agency_a,
        indicator=rubric.indicators.get(code=rules.ORGANISATION),
        value=D(9),
        reason="",
        user=bureau_admin,
    )
    return services.results_publish(rubric=rubric, user=bureau_admin)


def _refused(call):
    with pytest.raises(ValidationError) as excinfo:
        call()
    assert excinfo.value.code == "published"


def test_after_publishing_no_score_can_change(published, agency_a, bureau_admin):
    organisation = published.indicators.get(code=rules.ORGANISATION)
    _refused(
        lambda: services.score_set(agency=agency_a, indicator=organisation, value=D(3), reason="改", user=bureau_admin)
    )
    filing = published.indicators.get(code=rules.FILED_ON_TIME)
    _refused(lambda: services.score_set(agency=agency_a, indicator=filing, value=D(10), reason="改", user=bureau_admin))
    assert Score.objects.get(agency=agency_a, indicator=organisation).final == D(9)
    assert Result.objects.get(agency=agency_a).total == D(9)


def test_after_publishing_no_run_no_import_no_self_assessment_no_rubric_change(
    published, agency_a, staff_a, bureau_admin
):
    _refused(lambda: services.scoring_run_start(rubric=published, user=bureau_admin))
    upload = SimpleUploadedFile("结果.csv", "单位,知晓率,满意度\n常州市新北区市场监督管理局,90,90\n".encode())
    _refused(lambda: services.survey_import(rubric=published, upload=upload, user=bureau_admin))
    _refused(
        lambda: services.self_assessment_save(
            agency=agency_a, indicator=published.indicators.first(), score=D(5), account="自评", user=staff_a
        )
    )
    items = [IndicatorData(i.pk, i.code, i.name, i.weight, i.method) for i in published.indicators.all()]
    _refused(
        lambda: services.rubric_update(
            rubric=published,
            indicators=items,
            excellent_from=D(90),
            good_from=D(75),
            pass_from=D(60),
            user=bureau_admin,
        )
    )
    _refused(lambda: services.results_publish(rubric=published, user=bureau_admin))
    assert not SelfAssessment.objects.exists()


def test_a_run_queued_before_publishing_fails_without_touching_the_scores(rubric, bureau_admin, agency_a):
    run_scoring(rubric)
    late_run = ScoringRun.objects.create(rubric=rubric, started_by=bureau_admin)  # queued, the worker is slow
    ScoringRun.objects.filter(pk=late_run.pk).update(created_at=late_run.created_at - dt.timedelta(hours=2))
    services.results_publish(rubric=rubric, user=bureau_admin)
    before = list(Score.objects.values_list("pk", "computed"))
    run = services.scoring_run_execute(run_id=late_run.pk)
    assert run.status == ScoringRun.Status.FAILED and "已公布" in run.error
    assert list(Score.objects.values_list("pk", "computed")) == before
