"""Checklists in each state, made through the services (the one home of the workflow)."""

import datetime as dt

import pytest

from checklists import services
from checklists.services import ItemData

YEAR = 2026


def item(year: int = YEAR, **overrides) -> ItemData:
    fields = {
        "content": "开展《中华人民共和国食品安全法》进企业宣传",
        "responsible_office": "政策法规科",
        "contact_person": "华伟",
        "contact_phone": "0519-85001234",
        "audiences": ["managed", "public"],
        "audience_group": "食品生产经营企业",
        "start_date": dt.date(year, 3, 1),
        "end_date": dt.date(year, 11, 30),
        "goal": "辖区食品企业负责人培训全覆盖",
        "target_activities": 4,
        "target_people": 300,
        "forms": ["six_places", "law_lecture"],
    }
    fields.update(overrides)
    return ItemData(**fields)


def draft(agency, staff, *, year: int = YEAR, items: int = 2, laws=()):
    checklist = services.checklist_start(agency=agency, year=year, actor=staff)
    rows = [item(year, content=f"普法事项{n + 1}", law_ids=[law.pk for law in laws]) for n in range(items)]
    if rows:
        services.checklist_items_save(checklist=checklist, actor=staff, items=rows)
    return checklist


def submitted(agency, staff, **kwargs):
    at = kwargs.pop("at", None)
    checklist = draft(agency, staff, **kwargs)
    return services.checklist_submit(checklist=checklist, actor=staff, at=at)


def approved(agency, staff, reviewer, **kwargs):
    checklist = submitted(agency, staff, **kwargs)
    return services.checklist_approve(checklist=checklist, actor=reviewer)


@pytest.fixture
def draft_a(staff_a):
    return draft(staff_a.agency, staff_a)


@pytest.fixture
def submitted_a(staff_a):
    return submitted(staff_a.agency, staff_a)


@pytest.fixture
def approved_a(staff_a, bureau_reviewer):
    return approved(staff_a.agency, staff_a, bureau_reviewer)


def many_agencies(office, count, *, start=0, statuses=("submitted",), items=3):
    """``count`` agencies filing with ``office`` (bulk_create), each with a revision-1 checklist for YEAR in
    one of ``statuses`` in turn (``None`` for not started), each with ``items`` items."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    from agencies import freshness
    from agencies.models import Agency
    from checklists.models import Checklist, ChecklistItem

    level = Agency.Level.DISTRICT if office.is_district_bureau else Agency.Level.TOWN
    agencies = Agency.objects.bulk_create(
        Agency(name=f"批量单位{i:04d}", agency_type=Agency.Type.GOVERNMENT, filing_office=office, level=level)
        for i in range(start, start + count)
    )
    at = dt.datetime(YEAR, 2, 1, tzinfo=ZoneInfo("Asia/Shanghai"))
    checklists = Checklist.objects.bulk_create(
        Checklist(
            agency=agency,
            year=YEAR,
            status=status,
            submitted_at=None if status == "draft" else at + dt.timedelta(minutes=i),
            first_submitted_at=None if status == "draft" else at + dt.timedelta(days=i % 60),
            decided_at=at + dt.timedelta(days=70) if status in {"approved", "returned"} else None,
        )
        for i, agency in enumerate(agencies)
        for status in [statuses[i % len(statuses)]]
        if status is not None
    )
    ChecklistItem.objects.bulk_create(
        ChecklistItem(
            checklist=checklist,
            content=f"批量事项{n}",
            responsible_office="办公室",
            contact_person="张三",
            contact_phone="0519-80000000",
            audiences=["public"],
            forms=["six_places"],
            start_date=dt.date(YEAR, 3, 1),
            end_date=dt.date(YEAR, 6, 1),
            goal="目标",
        )
        for checklist in checklists
        for n in range(items)
    )
    freshness.bump()  # bulk_create sends no signals: as the project's bulk loads do, mark the data changed
    return agencies


def client_for_username(username: str):
    from django.test import Client

    from agencies.models import User

    client = Client()
    client.force_login(User.objects.get(username=username))
    return client
