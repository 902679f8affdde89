"""Inspections, findings and filings for the oversight tests; uploads go to a temporary media folder."""

import datetime as dt

import pytest

from assessment.models import Inspection
from assessment.oversight import services

from ..library.uploads import pdf_bytes, upload


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def inspection(bureau_admin, agency_a, agency_b):
    return services.inspection_record(
        user=bureau_admin,
        held_on=dt.date(2026, 9, 10),
        kind=Inspection.Kind.DEPUTIES,
        title="区人大代表视察普法责任制落实情况",
        inspectors="区人大代表王某等5人",
        agencies=[agency_a, agency_b],
    )


@pytest.fixture
def finding_a(inspection, bureau_admin, agency_a):
    """A's finding to rectify by 30 September 2026."""
    return services.finding_add(
        inspection=inspection,
        user=bureau_admin,
        agency=agency_a,
        description="执法现场释法记录不完整，未留存影像资料",
        requires_rectification=True,
        deadline=dt.date(2026, 9, 30),
    )


@pytest.fixture
def finding_b(inspection, bureau_admin, agency_b):
    return services.finding_add(
        inspection=inspection,
        user=bureau_admin,
        agency=agency_b,
        description="校园普法台账未按月更新",
        requires_rectification=True,
        deadline=dt.date(2026, 10, 15),
    )


def file_plan(staff):
    """The staff's agency files its 2026 plan."""
    from decimal import Decimal

    return services.filing_file(
        agency=staff.agency,
        user=staff,
        year=2026,
        kind="plan",
        head_responsible="张卫国",
        funding=Decimal("80000.00"),
        file=upload("2026年普法工作计划.pdf", pdf_bytes()),
    )


@pytest.fixture
def plan_a(staff_a):
    return file_plan(staff_a)
