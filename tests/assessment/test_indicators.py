"""Each automatic and imported indicator on small hand-built years, boundaries included (default weights)."""

import datetime as dt
from decimal import Decimal

from agencies.models import AnnualCycle
from agencies.vocabulary import ActivityType as T
from assessment import rules
from assessment.models import SurveyResult

from .conftest import (
    YEAR,
    at,
    make_activity,
    make_archive,
    make_checklist,
    make_item,
    recorder,
    run_scoring,
    score_of,
)

D = Decimal


# --- Filed on time (weight 10): revision 1's first submission against the cycle's late_from ---------------


def test_a_filing_just_before_the_deadline_instant_is_on_time(rubric, agency_a):
    make_checklist(agency_a, status="submitted", first_submitted_at=at(YEAR, 2, 28, 23, 59, 59, 999999))
    run_scoring(rubric)
    assert score_of(agency_a, rules.FILED_ON_TIME) == D("10.0")


def test_a_filing_at_the_deadline_instant_is_late_and_scores_half(rubric, agency_a):
    assert AnnualCycle.objects.get(year=YEAR).late_from == at(YEAR, 3, 1)
    make_checklist(agency_a, status="approved", first_submitted_at=at(YEAR, 3, 1, 0, 0, 0))
    run_scoring(rubric)
    assert score_of(agency_a, rules.FILED_ON_TIME) == D("5.0")


def test_a_checklist_never_submitted_scores_nothing(rubric, agency_a, agency_b):
    make_checklist(agency_a, status="draft")
    run_scoring(rubric)
    assert score_of(agency_a, rules.FILED_ON_TIME) == D("0.0")
    assert score_of(agency_b, rules.FILED_ON_TIME) == D("0.0")


def test_the_first_submission_decides_even_after_a_return_and_a_late_resubmission(rubric, agency_a):
    checklist = make_checklist(agency_a, status="approved", first_submitted_at=at(YEAR, 2, 20, 10))
    checklist.submitted_at = at(YEAR, 3, 15, 10)  # returned, then resubmitted late
    checklist.save()
    make_checklist(agency_a, revision=2, status="approved", based_on=checklist, first_submitted_at=at(YEAR, 9, 1))
    run_scoring(rubric)
    assert score_of(agency_a, rules.FILED_ON_TIME) == D("10.0")


def test_a_moved_deadline_moves_the_boundary(rubric, agency_a):
    cycle = AnnualCycle.objects.get(year=YEAR)
    cycle.filing_deadline = dt.date(YEAR, 3, 15)
    cycle.save()
    rubric.cycle.refresh_from_db()
    make_checklist(agency_a, status="submitted", first_submitted_at=at(YEAR, 3, 10, 9))
    run_scoring(rubric)
    assert score_of(agency_a, rules.FILED_ON_TIME) == D("10.0")


# --- Items carried out (weight 25): the latest approved revision's items, counted by key ----------------


def test_an_item_whose_targets_are_met_exactly_counts_as_met(rubric, agency_a):
    checklist = make_checklist(agency_a)
    exact = make_item(checklist, activities=2, people=100)
    short = make_item(checklist, activities=2, people=100)
    make_activity(agency_a, T.LAW_LECTURE, people=60, item=exact)
    make_activity(agency_a, T.OPEN_DAY, people=40, item=exact)
    make_activity(agency_a, T.OPEN_DAY, people=99, item=short)
    make_activity(agency_a, T.OPEN_DAY, people=1, item=short, deleted=True)  # deleted: does not count
    make_activity(agency_a, T.OPEN_DAY, people=1)  # not linked to an item
    run_scoring(rubric)
    assert score_of(agency_a, rules.ITEMS_CARRIED_OUT) == D("12.5")  # 1 of 2 items


def test_people_short_by_one_leaves_the_item_unmet(rubric, agency_a):
    item = make_item(make_checklist(agency_a), activities=1, people=100)
    make_activity(agency_a, T.OPEN_DAY, people=99, item=item)
    run_scoring(rubric)
    assert score_of(agency_a, rules.ITEMS_CARRIED_OUT) == D("0.0")


def test_an_item_without_targets_is_met_by_one_linked_activity(rubric, agency_a):
    checklist = make_checklist(agency_a)
    done = make_item(checklist)
    make_item(checklist)
    make_item(checklist)
    make_activity(agency_a, T.NEW_MEDIA_POST, item=done)
    run_scoring(rubric)
    assert score_of(agency_a, rules.ITEMS_CARRIED_OUT) == D("8.3")  # 25 × 1/3, one decimal


def test_activities_linked_to_an_earlier_revision_count_for_the_amended_item(rubric, agency_a):
    first = make_checklist(agency_a)
    old_item = make_item(first, activities=2)
    second = make_checklist(agency_a, revision=2, status="approved", based_on=first)
    make_item(second, activities=3, key=old_item.key)  # the amendment raised the target
    new_item = make_item(second, activities=1)
    make_checklist(agency_a, revision=3, status="submitted", based_on=second)  # pending: not counted
    make_activity(agency_a, T.OPEN_DAY, item=old_item)
    make_activity(agency_a, T.OPEN_DAY, item=old_item)
    make_activity(agency_a, T.OPEN_DAY, item=old_item)
    run_scoring(rubric)
    # Revision 2 counts: the amended item is met (3 ≥ 3), the new one is not.
    assert score_of(agency_a, rules.ITEMS_CARRIED_OUT) == D("12.5")
    assert new_item.activities.count() == 0


def test_no_approved_checklist_scores_no_items(rubric, agency_a):
    item = make_item(make_checklist(agency_a, status="submitted"), activities=1)
    make_activity(agency_a, T.OPEN_DAY, item=item)
    run_scoring(rubric)
    assert score_of(agency_a, rules.ITEMS_CARRIED_OUT) == D("0.0")


# --- Cadre study (weight 15): minimum = 70 %, the rest by variety of other §2.1 forms --------------------


def test_exactly_the_study_minimum_earns_seventy_percent(rubric, agency_a):
    make_activity(agency_a, T.PARTY_GROUP_STUDY)
    make_activity(agency_a, T.EXECUTIVE_MEETING_STUDY)
    run_scoring(rubric)
    assert score_of(agency_a, rules.CADRE_STUDY) == D("10.5")


def test_one_session_short_of_the_minimum_earns_only_the_variety_part(rubric, agency_a):
    make_activity(agency_a, T.PARTY_GROUP_STUDY)
    make_activity(agency_a, T.PARTY_GROUP_STUDY, deleted=True)
    make_activity(agency_a, T.PARTY_GROUP_STUDY, on=dt.date(YEAR - 1, 12, 31))  # last year
    make_activity(agency_a, T.LAW_LECTURE)
    make_activity(agency_a, T.LAW_LECTURE)  # the same form twice is one form
    make_activity(agency_a, T.ONLINE_STUDY)
    run_scoring(rubric)
    # 15 × 0.3 × 2/4 = 2.25 → 2.3
    assert score_of(agency_a, rules.CADRE_STUDY) == D("2.3")


def test_the_minimum_and_four_other_forms_earn_the_full_weight(rubric, agency_a):
    for study in (T.PARTY_GROUP_STUDY, T.PARTY_GROUP_STUDY, T.LAW_LECTURE, T.ONLINE_STUDY):
        make_activity(agency_a, study)
    for study in (T.PRE_APPOINTMENT_EXAM, T.TRAINING_LAW_COURSE, T.ANNUAL_LAW_REPORT):
        make_activity(agency_a, study)
    run_scoring(rubric)
    assert score_of(agency_a, rules.CADRE_STUDY) == D("15.0")


def test_an_agency_not_subject_meets_the_base_with_study_of_any_form(rubric, agency_c):
    make_activity(agency_c, T.LAW_LECTURE)
    make_activity(agency_c, T.ONLINE_STUDY)
    run_scoring(rubric)
    # base met (2 study activities ≥ minimum 2) + 0.3 × 2/4
    assert score_of(agency_c, rules.CADRE_STUDY) == D("12.8")


def test_a_raised_study_minimum_is_used(rubric, agency_a):
    cycle = AnnualCycle.objects.get(year=YEAR)
    cycle.study_minimum = 3
    cycle.save()
    make_activity(agency_a, T.PARTY_GROUP_STUDY)
    make_activity(agency_a, T.EXECUTIVE_MEETING_STUDY)
    run_scoring(rubric)
    assert score_of(agency_a, rules.CADRE_STUDY) == D("0.0")


# --- Teaching the public (weight 15) and during enforcement (weight 10): capped counts ------------------


def test_public_teaching_is_half_activities_half_people_each_capped(rubric, agency_a, agency_b):
    for _ in range(3):
        make_activity(agency_a, T.SIX_PLACES, people=500)  # 3/6 activities, 1500/2000 people
    for _ in range(8):
        make_activity(agency_b, T.CONSTITUTION_DAY, people=1000)  # both capped
    make_activity(agency_b, T.LAW_LECTURE, people=5000)  # §2.1, not §2.2
    run_scoring(rubric)
    assert score_of(agency_a, rules.PUBLIC_TEACHING) == D("9.4")  # 15 × (0.5 + 0.75) / 2 = 9.375
    assert score_of(agency_b, rules.PUBLIC_TEACHING) == D("15.0")


def test_public_teaching_at_exactly_the_caps_is_full(rubric, agency_a):
    assert (rules.PUBLIC_ACTIVITIES_FOR_FULL, rules.PUBLIC_PEOPLE_FOR_FULL) == (6, 2000)
    for people in (400, 400, 400, 400, 400, 0):  # 6 activities, 2000 people
        make_activity(agency_a, T.OPEN_DAY, people=people)
    make_activity(agency_a, T.NEW_MEDIA_POST, people=2)  # §3.3 media: another duty
    run_scoring(rubric)
    assert score_of(agency_a, rules.PUBLIC_TEACHING) == D("15.0")


def test_enforcement_teaching_counts_section_2_3_activities_up_to_the_cap(rubric, agency_a, agency_b):
    make_activity(agency_a, T.CASE_EXPLANATION)
    make_activity(agency_a, T.DOCUMENT_REASONING)
    make_activity(agency_a, T.ENFORCEMENT_PUBLICITY, deleted=True)
    for _ in range(rules.ENFORCEMENT_ACTIVITIES_FOR_FULL):
        make_activity(agency_b, T.ON_SITE_EXPLANATION)
    run_scoring(rubric)
    assert score_of(agency_a, rules.ENFORCEMENT_TEACHING) == D("5.0")
    assert score_of(agency_b, rules.ENFORCEMENT_TEACHING) == D("10.0")


# --- Archive filed (weight 5): by 15 January of the next year, Asia/Shanghai -------------------------------


def test_an_archive_filed_on_the_last_minute_of_15_january_is_in_time(rubric, agency_a, agency_b, agency_town):
    make_archive(agency_a, filed_at=at(YEAR + 1, 1, 15, 23, 59, 59))
    make_archive(agency_b, filed_at=at(YEAR + 1, 1, 16, 0, 0, 0))
    run_scoring(rubric)
    assert score_of(agency_a, rules.ARCHIVE_FILED) == D("5.0")
    assert score_of(agency_b, rules.ARCHIVE_FILED) == D("2.5")
    assert score_of(agency_town, rules.ARCHIVE_FILED) == D("0.0")


def test_the_archive_deadline_is_read_in_shanghai_time(rubric, agency_a):
    # 15 January 16:30 UTC is 16 January 00:30 in Shanghai: late.
    make_archive(agency_a, filed_at=dt.datetime(YEAR + 1, 1, 15, 16, 30, tzinfo=dt.UTC))
    run_scoring(rubric)
    assert score_of(agency_a, rules.ARCHIVE_FILED) == D("2.5")


# --- Survey (imported, weight 10) and organisation (manual) --------------------------------------------


def test_the_survey_scores_the_mean_of_the_two_rates(rubric, agency_a, agency_b):
    SurveyResult.objects.create(
        rubric=rubric,
        agency=agency_a,
        awareness=D("85.0"),
        satisfaction=D("92.5"),
        imported_by=recorder(),
        imported_at=at(YEAR, 12, 1),
    )
    run_scoring(rubric)
    assert score_of(agency_a, rules.SURVEY) == D("8.9")  # 10 × 88.75 / 100 = 8.875
    assert score_of(agency_b, rules.SURVEY) == D("0.0")


def test_a_manual_indicator_is_not_computed(rubric, agency_a):
    run_scoring(rubric)
    assert score_of(agency_a, rules.ORGANISATION) == D("0.0")
    from assessment.models import Score

    assert Score.objects.get(agency=agency_a, indicator__code=rules.ORGANISATION).computed is None


def test_the_total_is_the_sum_of_the_rounded_scores(rubric, agency_a):
    from assessment.models import Result

    make_checklist(agency_a, status="submitted", first_submitted_at=at(YEAR, 3, 2))  # late: 5.0
    make_activity(agency_a, T.PARTY_GROUP_STUDY)
    make_activity(agency_a, T.PARTY_GROUP_STUDY)  # 10.5
    for _ in range(3):
        make_activity(agency_a, T.SIX_PLACES, people=500)  # 9.4
    run_scoring(rubric)
    assert Result.objects.get(agency=agency_a).total == D("24.9")
