"""Fixtures for the activities tests: files of every kind, an approved checklist, activities, eager Celery."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from activities.models import Activity
from checklists.models import Checklist, ChecklistItem

from ..activity_rows import logged_activity
from ..files import DOCX_TYPE, PPTX_TYPE, XLSX_TYPE, docx_bytes, image_bytes, pdf_bytes, pptx_bytes, xlsx_bytes

__all__ = ["FILES", "image_bytes", "pdf_bytes", "upload"]

YEAR = 2026


@pytest.fixture(autouse=True)
def _media_in_a_temporary_folder(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def celery_eager():
    """Run Celery tasks in the calling process (queued tasks still wait for the transaction to commit)."""
    from puffa.celery import app

    previous = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager, app.conf.task_eager_propagates = True, True
    yield app
    app.conf.task_always_eager, app.conf.task_eager_propagates = previous


FILES = {
    "现场照片.jpg": (lambda: image_bytes("JPEG"), "image/jpeg"),
    "合影.png": (lambda: image_bytes("PNG"), "image/png"),
    "海报.webp": (lambda: image_bytes("WEBP"), "image/webp"),
    "签到表.pdf": (pdf_bytes, "application/pdf"),
    "讲稿.docx": (docx_bytes, DOCX_TYPE),
    "统计表.xlsx": (xlsx_bytes, XLSX_TYPE),
    "课件.pptx": (pptx_bytes, PPTX_TYPE),
}


def upload(name: str, data: bytes | None = None) -> SimpleUploadedFile:
    if data is None:
        data = FILES[name][0]()
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


@pytest.fixture
def approved_checklist(agency_a, staff_a):
    checklist = Checklist.objects.create(
        agency=agency_a, year=YEAR, status=Checklist.Status.APPROVED, created_by=staff_a
    )
    ChecklistItem.objects.create(
        checklist=checklist,
        position=1,
        content="面向食品经营者开展食品安全法宣传",
        responsible_office="食品安全协调科",
        contact_person="华伟",
        start_date=dt.date(YEAR, 1, 1),
        end_date=dt.date(YEAR, 12, 31),
        goal="全区食品经营者知晓主要义务",
        target_activities=2,
        target_people=100,
        audiences=["managed"],
        forms=["six_places", "law_lecture"],
    )
    ChecklistItem.objects.create(
        checklist=checklist,
        position=2,
        content="党组中心组集中学习法律",
        responsible_office="办公室",
        contact_person="华伟",
        start_date=dt.date(YEAR, 1, 1),
        end_date=dt.date(YEAR, 12, 31),
        goal="全年不少于2次",
        target_activities=2,
        target_people=0,
        audiences=["cadres"],
        forms=["party_group_study"],
    )
    return checklist


@pytest.fixture
def item(approved_checklist):
    return approved_checklist.items.get(position=1)


def make_activity(agency, user, **fields) -> Activity:
    values = {
        "activity_type": "law_lecture",
        "title": "食品安全法专题讲座",
        "start_date": dt.date(YEAR, 3, 15),
        "people_reached": 50,
        "place": "区市场监管局三楼会议室",
    }
    values.update(fields)
    return logged_activity(agency=agency, created_by=user, **values)


@pytest.fixture
def activity(agency_a, staff_a):
    return make_activity(agency_a, staff_a)
