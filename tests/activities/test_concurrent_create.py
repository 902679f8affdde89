"""Two posts of one create form at the same instant (a double click on a slow line): the second waits for the
first and is sent to what it created. Needs real row locks, so two real connections on PostgreSQL."""

import threading
import time
import uuid

import pytest
from django.db import connection, transaction

from activities.models import Activity
from agencies import submissions

from .conftest import make_activity

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite serialises writers, so this race cannot be staged",
)


def test_the_second_of_two_simultaneous_posts_creates_nothing_and_finds_the_first(transactional_db, staff_a):
    token = uuid.uuid4()
    first_has_created = threading.Event()
    results = {}

    def post(name, hold):
        try:
            with transaction.atomic():
                submission = submissions.submission_claim(token=token, user=staff_a)
                activity = make_activity(staff_a.agency, staff_a)
                submissions.submission_done(submission=submission, url=activity.get_absolute_url())
                if hold:
                    first_has_created.set()
                    time.sleep(0.5)  # not committed yet when the second post arrives
            results[name] = activity
        except Exception as error:  # noqa: BLE001 - the test inspects what each post got
            results[name] = error
        finally:
            connection.close()

    first = threading.Thread(target=post, args=("first", True))
    first.start()
    assert first_has_created.wait(10)
    second = threading.Thread(target=post, args=("second", False))
    second.start()
    first.join(20)
    second.join(20)

    assert isinstance(results["first"], Activity)
    assert isinstance(results["second"], submissions.AlreadySubmitted), results["second"]
    assert results["second"].url == results["first"].get_absolute_url()
    assert Activity.objects.count() == 1
