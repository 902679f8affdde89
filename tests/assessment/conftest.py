"""Builders for the assessment tests: checklists, items, activities and archives of a year, made by hand."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from activities.models import AnnualArchive
from agencies.models import Agency, User
from assessment import services
from assessment.models import Score
from checklists.models import Checklist, ChecklistItem

from ..activity_rows import logged_activity

SHANGHAI = ZoneInfo("Asia/Shanghai")
YEAR = 2025


def at(*args) -> dt.datetime:
    """An instant in Asia/Shanghai."""
    return dt.datetime(*args, tzinfo=SHANGHAI)


def recorder() -> User:
    user, _ = User.objects.get_or_create(username="recorder", defaults={"role": User.Role.BUREAU_ADMIN})
    return user


def make_checklist(agency, *, year=YEAR, revision=1, status="approved", first_submitted_at=None, based_on=None):
    if first_submitted_at is None and status != "draft" and revision == 1:
        first_submitted_at = at(year, 2, 10, 9)
    return Checklist.objects.create(
        agency=agency,
        year=year,
        revision=revision,
        status=status,
        first_submitted_at=first_submitted_at,
        submitted_at=first_submitted_at,
        based_on=based_on,
    )


def make_item(checklist, *, activities=0, people=0, key=None, position=0):
    fields = {"key": key} if key else {}
    return ChecklistItem.objects.create(
        checklist=checklist,
        position=position,
        content="宣传《中华人民共和国食品安全法》",
        responsible_office="法规科",
        contact_person="张三",
        start_date=dt.date(checklist.year, 3, 1),
        end_date=dt.date(checklist.year, 12, 31),
        goal="提高经营者守法意识",
        target_activities=activities,
        target_people=people,
        **fields,
    )


def make_activity(agency, activity_type, *, on=None, people=0, item=None, deleted=False):
    on = on or dt.date(YEAR, 6, 1)
    return logged_activity(
        agency=agency,
        activity_type=activity_type,
        title="普法活动",
        start_date=on,
        people_reached=people,
        checklist_item=item,
        created_by=recorder(),
        deleted_at=at(on.year, 12, 1) if deleted else None,
    )


def make_archive(agency, *, filed_at, year=YEAR):
    return AnnualArchive.objects.create(
        agency=agency, year=year, status="ready", progress=100, requested_by=recorder(), filed_at=filed_at
    )


def run_scoring(rubric, user=None):
    """Start a run as the page does and let the worker's task body execute it here."""
    run = services.scoring_run_start(rubric=rubric, user=user or recorder())
    return services.scoring_run_execute(run_id=run.pk)


def score_of(agency, code, year=YEAR) -> Decimal:
    return Score.objects.get(agency=agency, indicator__code=code, indicator__rubric__cycle__year=year).final


@pytest.fixture
def rubric(db):
    return services.rubric_for_year(year=YEAR)


@pytest.fixture
def agency_c(bureau_office):
    """An agency not subject to the study minimum (an enterprise)."""
    return Agency.objects.create(
        name="常州市新北区城市建设投资有限公司",
        short_name="区城投公司",
        agency_type=Agency.Type.ENTERPRISE,
        filing_office=bureau_office,
        subject_to_study_minimum=False,
    )


@pytest.fixture
def scored(rubric, agency_a, agency_b, agency_town):
    """2025 scored: A filed on time with one item met, B filed late, the town agency filed nothing."""
    item = make_item(make_checklist(agency_a), activities=1)
    make_activity(agency_a, "open_day", people=120, item=item)
    make_checklist(agency_b, status="submitted", first_submitted_at=at(YEAR, 3, 5, 9))
    run_scoring(rubric)
    return rubric


@pytest.fixture
def published(scored, bureau_admin):
    return services.results_publish(rubric=scored, user=bureau_admin)
