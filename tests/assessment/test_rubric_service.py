"""The rubric: docs/domain.md's default on first use, weights adding up to 100, thresholds, frozen once published."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from agencies.years import YearNotOpen
from assessment import rules, services
from assessment.models import Grade, Indicator, Rubric
from assessment.services import IndicatorData

from .conftest import YEAR, run_scoring

D = Decimal


def _data(rubric, **changes):
    items = [IndicatorData(i.pk, i.code, i.name, i.weight, i.method) for i in rubric.indicators.all()]
    return [IndicatorData(**{**item.__dict__, **changes.get(item.code, {})}) for item in items]


def _update(rubric, user, indicators, **thresholds):
    values = {"excellent_from": D(90), "good_from": D(75), "pass_from": D(60), **thresholds}
    return services.rubric_update(rubric=rubric, indicators=indicators, user=user, **values)


def test_an_opened_year_has_the_default_rubric_with_the_domain_weights(db):
    rubric = services.rubric_for_year(year=YEAR)
    assert services.rubric_for_year(year=YEAR) == rubric
    assert Rubric.objects.filter(cycle__year=YEAR).count() == 1
    weights = {i.code: i.weight for i in rubric.indicators.all()}
    assert weights == {
        "filed_on_time": 10,
        "items_carried_out": 25,
        "cadre_study": 15,
        "public_teaching": 15,
        "enforcement_teaching": 10,
        "archive_filed": 5,
        "survey": 10,
        "organisation": 10,
    }
    assert sum(weights.values()) == 100
    assert rubric.indicators.get(code="filed_on_time").name == "清单按时备案"
    assert rubric.indicators.get(code="organisation").method == Indicator.Method.MANUAL
    assert (rubric.excellent_from, rubric.good_from, rubric.pass_from) == (90, 75, 60)


def test_weights_that_do_not_add_up_to_100_are_refused_with_a_chinese_reason(rubric, bureau_admin):
    indicators = _data(rubric, organisation={"weight": D(9)})
    with pytest.raises(ValidationError) as excinfo:
        _update(rubric, bureau_admin, indicators)
    assert "分值合计为 99，必须正好等于 100" in " ".join(excinfo.value.messages)
    assert rubric.indicators.get(code="organisation").weight == 10


def test_weights_may_move_between_indicators_and_a_manual_one_may_be_added(rubric, bureau_admin):
    indicators = _data(rubric, organisation={"weight": D(5)})
    indicators.append(IndicatorData(None, "innovation", "普法工作创新", D(5), Indicator.Method.MANUAL))
    _update(rubric, bureau_admin, indicators, excellent_from=D(92))
    rubric.refresh_from_db()
    assert rubric.excellent_from == 92
    assert rubric.indicators.get(code="innovation").weight == 5
    assert [i.code for i in rubric.indicators.all()][-1] == "innovation"


def test_an_indicator_left_out_is_removed(rubric, bureau_admin):
    indicators = [i for i in _data(rubric, organisation={"weight": D(20)}) if i.code != "survey"]
    _update(rubric, bureau_admin, indicators)
    assert not rubric.indicators.filter(code="survey").exists()


def test_an_automatic_indicator_needs_a_known_rule_and_thresholds_must_go_up(rubric, bureau_admin):
    indicators = _data(rubric, organisation={"method": Indicator.Method.AUTOMATIC})
    with pytest.raises(ValidationError) as excinfo:
        _update(rubric, bureau_admin, indicators, good_from=D(95))
    codes = {error.code for error in excinfo.value.error_list}
    assert codes == {"no_rule", "thresholds"}


def test_an_automatic_indicator_may_be_turned_into_a_reviewers_score(rubric, bureau_admin, agency_a):
    _update(rubric, bureau_admin, _data(rubric, enforcement_teaching={"method": Indicator.Method.MANUAL}))
    run_scoring(rubric)
    from assessment.models import Score

    assert Score.objects.get(agency=agency_a, indicator__code="enforcement_teaching").computed is None


@pytest.mark.parametrize(
    "total,grade",
    [
        ("59.9", Grade.FAIL),
        ("60.0", Grade.PASS),
        ("74.9", Grade.PASS),
        ("75.0", Grade.GOOD),
        ("89.9", Grade.GOOD),
        ("90.0", Grade.EXCELLENT),
        ("100.0", Grade.EXCELLENT),
        ("0.0", Grade.FAIL),
    ],
)
def test_the_grade_thresholds(total, grade):
    assert rules.grade_for(D(total), excellent_from=D(90), good_from=D(75), pass_from=D(60)) == grade


def test_the_rubric_cannot_change_once_published(rubric, bureau_admin, agency_a):
    run_scoring(rubric)
    services.results_publish(rubric=rubric, user=bureau_admin)
    with pytest.raises(ValidationError) as excinfo:
        _update(rubric, bureau_admin, _data(rubric), excellent_from=D(95))
    assert excinfo.value.code == "published"
    rubric.refresh_from_db()
    assert rubric.excellent_from == 90


@pytest.mark.opened_years(2026)
def test_a_year_not_opened_has_no_rubric_and_asking_creates_none(db):
    with pytest.raises(YearNotOpen):
        services.rubric_for_year(year=2025)
    assert not Rubric.objects.filter(cycle__year=2025).exists()
    assert services.year_open(actor=None, year=2025).indicators.count() == len(rules.DEFAULT_INDICATORS)
