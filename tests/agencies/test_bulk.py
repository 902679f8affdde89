"""Inserting many rows at once (agencies/bulk.py): what the daily reminders' run writes with."""

import datetime as dt
import uuid

import pytest

from agencies import bulk
from agencies.bulk import insert_rows
from agencies.models import FormSubmission, OutboxJob, ReminderLog

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["copy", "bulk_create"], autouse=True)
def way(request, monkeypatch):
    """Each test both ways: by COPY (on PostgreSQL) however few the rows, and through ``bulk_create``."""
    monkeypatch.setattr(bulk, "COPY_FROM", 0 if request.param == "copy" else 10**9)
    return request.param


def test_the_fields_not_named_get_their_model_defaults():
    insert_rows(OutboxJob, ("handler", "arguments"), [("agencies.outbox.no_such_handler", {"n": 1, "名": "单位"})])
    job = OutboxJob.objects.get()
    assert job.arguments == {"n": 1, "名": "单位"}
    assert (job.status, job.attempts, job.key, job.error, job.started_at) == (OutboxJob.Status.PENDING, 0, "", "", None)
    assert job.created_at is not None and job.run_after is not None


def test_a_time_kept_by_the_model_is_filled_in_as_bulk_create_would(staff_a):
    # FormSubmission.created_at is auto_now_add: its model's pre_save sets it, and COPY calls no pre_save.
    insert_rows(FormSubmission, ("token", "user"), [(uuid.uuid4(), staff_a.pk)])
    assert FormSubmission.objects.get().created_at is not None


def _reminder(agency_id: int, subject: str) -> tuple:
    day = dt.date(2026, 12, 1)
    return (agency_id, "constitution_day", "2026", "d14", day, day, subject, uuid.uuid4())


def test_ignoring_conflicts_keeps_the_row_already_there_and_adds_the_rest(agency_a, agency_b):
    names = ("agency", "kind", "period", "stage", "due_on", "sent_on", "subject", "batch")
    insert_rows(ReminderLog, names, [_reminder(agency_a.pk, "first")])
    insert_rows(
        ReminderLog, names, [_reminder(agency_a.pk, "again"), _reminder(agency_b.pk, "new")], ignore_conflicts=True
    )
    assert sorted(ReminderLog.objects.values_list("agency_id", "subject")) == sorted(
        [(agency_a.pk, "first"), (agency_b.pk, "new")]
    )
    # Twice in one transaction: the scratch table of the first call is gone before the second.
    insert_rows(ReminderLog, names, [_reminder(agency_b.pk, "again")], ignore_conflicts=True)
    assert ReminderLog.objects.count() == 2
