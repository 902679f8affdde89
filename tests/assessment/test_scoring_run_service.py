"""A scoring run: every active agency scored set-based, results ranked, reviewers' scores kept on a re-run."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from agencies.models import Agency
from agencies.vocabulary import ActivityType as T
from assessment import rules, services
from assessment.models import Grade, Light, Result, Score, ScoringRun
from checklists.models import Checklist

from .conftest import YEAR, at, make_activity, make_checklist, make_item, run_scoring, score_of

D = Decimal


def _set(agency, code, value, user, reason="复核调整", rubric=None):
    rubric = rubric or services.rubric_for_year(year=YEAR)
    services.score_set(
        agency=agency, indicator=rubric.indicators.get(code=code), value=D(value), reason=reason, user=user
    )


def test_a_run_scores_every_active_agency_on_every_indicator(rubric, agency_a, agency_b, agency_town):
    Agency.objects.filter(pk=agency_b.pk).update(is_active=False)
    run = run_scoring(rubric)
    assert run.status == ScoringRun.Status.DONE and run.progress == 100
    scored = set(Score.objects.values_list("agency_id", flat=True))
    assert scored == {agency_a.pk, agency_a.parent_id, agency_town.pk}
    assert run.agency_count == 3
    assert Score.objects.count() == 3 * rubric.indicators.count()
    assert Result.objects.count() == 3


def test_a_rerun_keeps_reviewer_adjustments_and_manual_scores(rubric, agency_a, bureau_reviewer):
    run_scoring(rubric)
    _set(agency_a, rules.ENFORCEMENT_TEACHING, "7.5", bureau_reviewer, reason="执法公示材料齐全，台账漏登")
    _set(agency_a, rules.ORGANISATION, "9", bureau_reviewer)
    for _ in range(2):
        make_activity(agency_a, T.CASE_EXPLANATION)
    run_scoring(rubric)
    enforcement = Score.objects.get(agency=agency_a, indicator__code=rules.ENFORCEMENT_TEACHING)
    assert (enforcement.computed, enforcement.adjusted, enforcement.final) == (D("5.0"), D("7.5"), D("7.5"))
    assert enforcement.reason == "执法公示材料齐全，台账漏登"
    assert score_of(agency_a, rules.ORGANISATION) == D("9.0")
    assert Result.objects.get(agency=agency_a).total == D("16.5")


def test_ranks_are_shared_by_equal_totals_in_the_district_and_within_type(
    rubric, agency_a, agency_b, agency_town, agency_parent, bureau_admin, bureau_office
):
    court = Agency.objects.create(
        name="常州市新北区人民法院", agency_type=Agency.Type.JUDICIAL, filing_office=bureau_office
    )
    run_scoring(rubric)
    for agency, value in ((agency_a, "8"), (agency_b, "8"), (agency_town, "9"), (court, "8")):
        _set(agency, rules.ORGANISATION, value, bureau_admin)
    results = {r.agency_id: r for r in Result.objects.all()}
    assert results[agency_town.pk].rank_district == 1
    assert {results[a.pk].rank_district for a in (agency_a, agency_b, court)} == {2}
    assert results[agency_parent.pk].rank_district == 5
    assert results[court.pk].rank_in_type == 1  # the only judicial organ
    assert results[agency_a.pk].rank_in_type == results[agency_b.pk].rank_in_type == 2
    assert results[agency_parent.pk].rank_in_type == 4


def test_lights_and_candidates_follow_grade_and_filing(rubric, agency_a, agency_b, bureau_admin, bureau_office):
    for index in range(8):  # ten agencies in all: the top 10 % is one agency
        Agency.objects.create(name=f"测试单位{index}", agency_type="government", filing_office=bureau_office)
    make_checklist(agency_a, status="approved")
    run_scoring(rubric)
    rubric.indicators.all()
    for code in (rules.ITEMS_CARRIED_OUT, rules.CADRE_STUDY, rules.PUBLIC_TEACHING, rules.ENFORCEMENT_TEACHING):
        weight = rubric.indicators.get(code=code).weight
        _set(agency_a, code, weight, bureau_admin)
        _set(agency_b, code, weight, bureau_admin)
    _set(agency_a, rules.ORGANISATION, "10", bureau_admin)
    _set(agency_b, rules.ORGANISATION, "10", bureau_admin)
    a, b = Result.objects.get(agency=agency_a), Result.objects.get(agency=agency_b)
    assert (a.total, a.grade, a.light) == (D("85.0"), Grade.GOOD, Light.GREEN)
    # B scores 75 + 0 for filing: good by total, but no checklist filed → red, and a case for accountability.
    assert (b.total, b.grade, b.light, b.accountability) == (D("75.0"), Grade.GOOD, Light.RED, True)
    assert not a.accountability and not a.commendation
    _set(agency_a, rules.SURVEY, "10", bureau_admin, reason="第三方测评补录")
    a.refresh_from_db()
    assert (a.total, a.grade, a.rank_district, a.commendation) == (D("95.0"), Grade.EXCELLENT, 1, True)
    others = Result.objects.exclude(agency__in=[agency_a, agency_b])
    assert all(r.light == Light.RED and r.accountability and not r.commendation for r in others)


def test_a_yellow_light_for_a_pass(rubric, agency_a, bureau_admin):
    make_checklist(agency_a, status="approved")
    run_scoring(rubric)
    for code in (rules.ITEMS_CARRIED_OUT, rules.CADRE_STUDY, rules.PUBLIC_TEACHING):
        _set(agency_a, code, rubric.indicators.get(code=code).weight, bureau_admin)
    _set(agency_a, rules.ENFORCEMENT_TEACHING, "5", bureau_admin)
    result = Result.objects.get(agency=agency_a)
    assert (result.total, result.grade, result.light) == (D("70.0"), Grade.PASS, Light.YELLOW)


def statements(captured) -> list[str]:
    """The queries, with the batches SQLite splits one bulk insert into (999 parameters each) counted once."""
    shapes = []
    for query in captured:
        words = query["sql"].split()
        table = next((word for word in words if word.startswith('"') and "_" in word and "." not in word), "")
        shape = query["sql"][:80] if words[0] == "SELECT" else f"{words[0]} {table}"
        if words[0] in {"SAVEPOINT", "RELEASE"}:
            shape = words[0]
        if not (words[0] == "INSERT" and shapes and shapes[-1] == shape):
            shapes.append(shape)
    return shapes


def test_the_run_uses_a_fixed_number_of_queries_whatever_the_agency_count(
    rubric, bureau_office, agency_a, bureau_admin, django_assert_num_queries
):
    def populate(count, prefix):
        agencies = Agency.objects.bulk_create(
            Agency(name=f"{prefix}{i}", agency_type="government", filing_office=bureau_office) for i in range(count)
        )
        for agency in agencies:
            item = make_item(make_checklist(agency), activities=1)
            make_activity(agency, T.OPEN_DAY, item=item, people=30)
            make_activity(agency, T.PARTY_GROUP_STUDY)

    populate(5, "甲")
    run = services.scoring_run_start(rubric=rubric, user=bureau_admin)
    # 1. the run with its rubric and cycle
    # 2. mark it running (progress 5)
    # 3. the rubric's indicators
    # 4. the active agencies with their office
    # 5. their first revisions (filed, and when)
    # 6. activities per checklist item
    # 7. the approved checklists' items with their targets
    # 8. activities and people per agency and duty (the summaries, and this month's held study activities)
    # 9. the other study forms held per agency
    # 10. the filed archives
    # 11. the survey results
    # 12. progress 60
    # 13. progress 80
    # 14. savepoint
    # 15. lock the rubric
    # 16. upsert the scores
    # 17. the scores of agencies no longer active
    # 18. the totals per agency
    # 19. the scored agencies' types
    # 20. the results of agencies no longer scored
    # 21. upsert the results
    # 22. release the savepoint
    # 23. mark it done (progress 100)
    # 24. the dashboard's kept facts all stale (freshness.bump: their epoch moved on)
    # 25. reload the run
    with django_assert_num_queries(25) as small:
        services.scoring_run_execute(run_id=run.pk)
    populate(60, "乙")
    run = services.scoring_run_start(rubric=rubric, user=bureau_admin)
    # The same 25 for 67 agencies; SQLite alone splits the score upsert (16) into batches of 999 parameters,
    # four more statements here, which statements() counts once.
    with django_assert_num_queries(25 if connection.vendor != "sqlite" else 29) as large:
        services.scoring_run_execute(run_id=run.pk)
    assert statements(large.captured_queries) == statements(small.captured_queries)
    assert Result.objects.count() == 2 + 65  # A, its parent, and the new ones
    # each new agency: filed on time 10 + its one item met 25 + public 15 × (1/6 + 30/2000) / 2 = 1.4
    assert Result.objects.filter(total=D("36.4")).count() == 65


def test_only_one_run_at_a_time(rubric, bureau_admin):
    services.scoring_run_start(rubric=rubric, user=bureau_admin)
    with pytest.raises(ValidationError) as excinfo:
        services.scoring_run_start(rubric=rubric, user=bureau_admin)
    assert excinfo.value.code == "running"


def test_a_queued_run_is_handed_to_the_queue_only_after_commit(
    rubric, bureau_admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        run = services.scoring_run_start(rubric=rubric, user=bureau_admin)
    # After the commit: the run handed to a worker, and the data version bumped (a scoring run is watched: the 待办).
    assert len(callbacks) == 2
    assert ScoringRun.objects.get().status == ScoringRun.Status.QUEUED == run.status


def test_a_run_finished_before_a_late_filing_still_counts_it_on_a_rerun(rubric, agency_a):
    run_scoring(rubric)
    assert Result.objects.get(agency=agency_a).has_checklist is False
    Checklist.objects.create(agency=agency_a, year=YEAR, status="submitted", first_submitted_at=at(YEAR, 4, 1))
    run_scoring(rubric)
    result = Result.objects.get(agency=agency_a)
    assert result.has_checklist is True
    assert score_of(agency_a, rules.FILED_ON_TIME) == D("5.0")


def test_a_run_lost_by_its_worker_gives_way_after_an_hour(rubric, bureau_admin):
    import datetime as dt

    lost = services.scoring_run_start(rubric=rubric, user=bureau_admin)
    ScoringRun.objects.filter(pk=lost.pk).update(created_at=lost.created_at - dt.timedelta(hours=2))
    fresh = services.scoring_run_start(rubric=rubric, user=bureau_admin)
    lost.refresh_from_db()
    assert lost.status == ScoringRun.Status.FAILED and "重新计分" in lost.error
    assert fresh.status == ScoringRun.Status.QUEUED
