"""Sources of good practice owned by agency A: an activity with two photos (one allowed to be published), a
year-end report and a joint meeting."""

import datetime as dt
from decimal import Decimal

import pytest

from activities import services as activity_services
from activities.evidence import inspect_evidence
from activities.models import Activity
from assessment.oversight import services as oversight

from ..library.uploads import pdf_bytes, png_bytes, upload


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def activity(staff_a):
    return Activity.objects.create(
        agency=staff_a.agency,
        created_by=staff_a,
        activity_type="law_lecture",
        title="食品安全法进餐饮企业专题讲座",
        place="区市场监管局三楼会议室",
        description="联系人王芳 13800000000",
        start_date=dt.date(2026, 3, 15),
        people_reached=120,
    )


def _photo(activity, user, name):
    return activity_services.evidence_add(
        activity=activity, uploaded_by=user, checked=inspect_evidence(upload(name, png_bytes()))
    )


@pytest.fixture
def public_photo(activity, staff_a):
    photo = _photo(activity, staff_a, "讲座现场.png")
    return activity_services.evidence_publish_set(evidence=photo, may_publish=True)


@pytest.fixture
def private_photo(activity, staff_a):
    return _photo(activity, staff_a, "签到表.png")


@pytest.fixture
def report(staff_a):
    return oversight.filing_file(
        agency=staff_a.agency,
        user=staff_a,
        year=2025,
        kind="report",
        head_responsible="张卫国",
        funding=Decimal("80000.00"),
        file=upload("2025年普法工作总结.pdf", pdf_bytes()),
    )


@pytest.fixture
def meeting(bureau_admin, agency_a):
    return oversight.meeting_record(
        user=bureau_admin,
        held_on=dt.date(2026, 4, 8),
        title="2026年领导小组第一次联席会议",
        attendees="各成员单位分管领导",
        minutes="交流普法经验",
        agencies=[agency_a],
    )


@pytest.fixture
def plan(staff_a):
    return oversight.filing_file(
        agency=staff_a.agency,
        user=staff_a,
        year=2026,
        kind="plan",
        head_responsible="张卫国",
        funding=Decimal("80000.00"),
        file=upload("2026年普法工作计划.pdf", pdf_bytes()),
    )
