"""The reminder record keeps each stage once, in the database itself."""

import datetime as dt
import uuid

import pytest
from django.db import IntegrityError, transaction

from agencies.models import ReminderLog


def log(**fields):
    defaults = {
        "kind": "filing_due",
        "period": "2027",
        "stage": "d30",
        "due_on": dt.date(2027, 1, 29),
        "sent_on": dt.date(2027, 1, 29),
        "subject": "请报送",
        "batch": uuid.uuid4(),
    }
    return ReminderLog.objects.create(**{**defaults, **fields})


@pytest.mark.django_db
def test_an_agency_gets_each_stage_once(agency_a, agency_b):
    log(agency=agency_a)
    log(agency=agency_b)  # another agency: fine
    log(agency=agency_a, stage="d14")  # another stage: fine
    log(agency=agency_a, period="2028")  # another year: fine
    with pytest.raises(IntegrityError), transaction.atomic():
        log(agency=agency_a)


@pytest.mark.django_db
def test_an_office_gets_each_digest_once(bureau_office, town_office):
    log(filing_office=bureau_office, kind="filing_digest", stage="overdue-0")
    log(filing_office=town_office, kind="filing_digest", stage="overdue-0")
    with pytest.raises(IntegrityError), transaction.atomic():
        log(filing_office=bureau_office, kind="filing_digest", stage="overdue-0")


@pytest.mark.django_db
def test_a_reminder_is_to_an_agency_or_an_office(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        log()
