"""The demo year-end assessment: 2025 published with a survey and one reasoned adjustment, grades spread as a
district's are; 2026, a year still running, not scored until it ends."""

import datetime as dt
import re
from collections import Counter

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from activities.facts import counted_sessions
from activities.models import AnnualArchive
from agencies.models import Agency, Notification, User
from assessment import rules
from assessment.models import Grade, Result, Rubric, Score, ScoreChange, SelfAssessment, SurveyResult

# seed_demo opens the years it fills, as the bureau would: no year is open before it runs.
pytestmark = pytest.mark.opened_years()


@pytest.mark.django_db
def test_the_demo_publishes_2025_with_one_adjustment_and_grades_spread_as_a_district_s_are(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    active = Agency.objects.filter(is_active=True).count()
    published = Rubric.objects.get(cycle__year=2025)
    assert published.is_published
    assert SurveyResult.objects.filter(rubric=published).count() == active
    assert Result.objects.filter(rubric=published).count() == active
    adjustment = ScoreChange.objects.get(
        score__indicator__rubric=published, score__indicator__code=rules.ENFORCEMENT_TEACHING
    )
    assert adjustment.before < adjustment.after and "台账" in adjustment.reason
    grades = Counter(Result.objects.filter(rubric=published).values_list("grade", flat=True))
    # Mostly good or pass, a few excellent and a few failing: no grade is most of the district.
    assert grades[Grade.GOOD] + grades[Grade.PASS] > active / 2
    assert 0 < grades[Grade.EXCELLENT] < active / 4 and 0 < grades[Grade.FAIL] < active / 4
    assert sum(w for w in published.indicators.values_list("weight", flat=True)) == 100


@pytest.mark.django_db
def test_the_demo_s_2025_was_scored_and_published_in_january_2026_not_on_the_day_it_was_seeded(settings, login):
    """Seeded today, 2025 reads as the bureau did it: scored the morning after the archives' limit (15 January),
    published late in January, and each agency told then."""
    settings.DEBUG = True
    call_command("seed_demo")
    results = login(User.objects.get(username="bureau")).get(reverse("assessment:overview", args=[2025])).text
    assert "已公布 2026-01-27" in results
    assert re.search(r"最近一次计分</dt>\s*<dd[^>]*>.*?· 2026-01-16 09:00", results, re.S)
    staff = User.objects.get(username="market")
    notice = Notification.objects.get(recipient=staff, title__contains="2025年度考核结果已公布")
    assert timezone.localdate(notice.created_at) == dt.date(2026, 1, 27)


@pytest.mark.django_db
def test_the_demo_s_2025_archives_were_mostly_filed_on_time_and_a_few_late(settings):
    """Late as the scoring counts it (``rules.archive_due_before``): nearly every agency filed before the limit,
    a few after it, all early in 2026, each asked for just before it was filed."""
    settings.DEBUG = True
    call_command("seed_demo")
    archives = AnnualArchive.objects.filter(year=2025, filed_at__isnull=False)
    late = [archive for archive in archives if archive.filed_at >= rules.archive_due_before(2025)]
    assert archives.count() > 0.8 * Agency.objects.filter(is_active=True).count()
    assert 0 < len(late) <= 5
    assert all(
        dt.date(2026, 1, 1) <= timezone.localdate(archive.filed_at) < dt.date(2026, 3, 1) for archive in archives
    )
    assert all(archive.requested_at <= archive.filed_at for archive in archives)
    basis = Counter(
        Score.objects.filter(indicator__rubric__cycle__year=2025, indicator__code=rules.ARCHIVE_FILED).values_list(
            "detail__archive", flat=True
        )
    )
    assert basis["on_time"] == archives.count() - len(late) and basis["late"] == len(late)


@pytest.mark.django_db
def test_the_demo_leaves_2026_unscored_until_the_year_ends(settings, login):
    """In early December the year's survey, organisation scores and archives (due 15 January) are still to come: a
    run would fail most agencies on a quarter of the rubric. The pages say the year is not scored instead."""
    settings.DEBUG = True
    call_command("seed_demo")
    current = Rubric.objects.get(cycle__year=2026)
    assert not current.is_published and not current.runs.exists()
    assert not Result.objects.filter(rubric=current).exists()
    assert SelfAssessment.objects.filter(indicator__rubric=current).exists()  # the agencies are writing theirs
    assert sum(w for w in current.indicators.values_list("weight", flat=True)) == 100

    results = login(User.objects.get(username="bureau")).get(reverse("assessment:overview", args=[2026])).text
    assert "尚未计分" in results and "暂无考核结果" in results
    assert results.count("不合格") == 1  # the rubric's grade bands only ("其余为不合格"): no agency graded so
    dashboard = login(User.objects.get(username="leader")).get(reverse("assessment:dashboard"), {"year": 2026}).text
    assert "2026 年度考核尚未计分" in dashboard


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
