"""A commendation and measures for the decisions tests; uploads go to a temporary media folder."""

import datetime as dt

import pytest

from assessment.decisions import services
from assessment.models import Measure

from ..library.uploads import pdf_bytes, upload

YEAR = 2026


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def commendation_a(bureau_admin, agency_a):
    return services.commendation_record(
        user=bureau_admin,
        year=YEAR,
        agency=agency_a,
        decided_on=dt.date(2026, 3, 1),
        reason="普法责任制落实成绩突出",
        file=upload("表彰决定.pdf", pdf_bytes()),
    )


def record_measure(bureau_admin, agency, *, kind=Measure.Kind.INTERVIEW, deadline=dt.date(2026, 4, 1)):
    return services.measure_record(
        user=bureau_admin,
        year=YEAR,
        agency=agency,
        kind=kind,
        decided_on=dt.date(2026, 3, 1),
        deadline=deadline,
        reason="年度考核不合格，普法台账缺失",
        file=upload("约谈通知书.pdf", pdf_bytes()),
    )


@pytest.fixture
def measure_a(bureau_admin, agency_a):
    """An 约谈 of agency A, to answer by 1 April 2026."""
    return record_measure(bureau_admin, agency_a)


@pytest.fixture
def measure_b(bureau_admin, agency_b):
    return record_measure(bureau_admin, agency_b, kind=Measure.Kind.RECTIFY)
