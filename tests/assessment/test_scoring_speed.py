"""10,000 agencies scored in at most 30 seconds on PostgreSQL (issue 6). Slow to set up, so it runs on demand:
PUFFA_BENCH=1 DATABASE_URL=postgres://… pytest tests/assessment/test_scoring_speed.py"""

import datetime as dt
import os
import time

import pytest
from django.db import connection

from activities import summaries
from activities.models import Activity
from agencies.models import Agency
from agencies.vocabulary import ActivityType
from assessment import services
from assessment.models import Result, ScoringRun
from checklists.models import Checklist, ChecklistItem

from .conftest import YEAR, at, recorder

AGENCIES, ITEMS, ACTIVITIES = 10_000, 5, 20


@pytest.mark.skipif(not os.environ.get("PUFFA_BENCH"), reason="set PUFFA_BENCH=1 to run the 10,000-agency benchmark")
def test_ten_thousand_agencies_are_scored_within_thirty_seconds(bureau_office):
    assert connection.vendor == "postgresql", "the benchmark is for PostgreSQL"
    user = recorder()
    agencies = Agency.objects.bulk_create(
        Agency(name=f"基准单位{i:05d}", agency_type="government", filing_office=bureau_office) for i in range(AGENCIES)
    )
    checklists = Checklist.objects.bulk_create(
        Checklist(agency=a, year=YEAR, status="approved", first_submitted_at=at(YEAR, 2 + i % 2, 10))
        for i, a in enumerate(agencies)
    )
    items = ChecklistItem.objects.bulk_create(
        ChecklistItem(
            checklist=c,
            content="宣传",
            responsible_office="法规科",
            contact_person="张三",
            start_date=dt.date(YEAR, 3, 1),
            end_date=dt.date(YEAR, 12, 31),
            goal="目标",
            target_activities=1 + n % 3,
            target_people=100 * (n % 2),
        )
        for c in checklists
        for n in range(ITEMS)
    )
    types = list(ActivityType.values)
    Activity.objects.bulk_create(
        (
            Activity(
                agency_id=c.agency_id,
                year=YEAR,
                activity_type=types[(i + n) % len(types)],
                title="活动",
                start_date=dt.date(YEAR, 1 + n % 12, 10),
                people_reached=37 * n % 300,
                checklist_item=items[i * ITEMS + n % ITEMS] if n % 3 else None,
                created_by=user,
            )
            for i, c in enumerate(checklists)
            for n in range(ACTIVITIES)
        ),
        batch_size=10_000,
    )
    summaries.rebuild()  # written in bulk, as seed_scale does
    rubric = services.rubric_for_year(year=YEAR)
    started = time.monotonic()
    run = services.scoring_run_now(rubric=rubric, user=user)
    elapsed = time.monotonic() - started
    assert run.status == ScoringRun.Status.DONE and run.agency_count == AGENCIES
    assert Result.objects.filter(rubric=rubric).count() == AGENCIES
    print(f"10,000 agencies scored in {elapsed:.1f} s")
    assert elapsed <= 30, f"scoring took {elapsed:.1f} s"
