"""Two reviewers adjusting one score at the same instant from the same page: the second waits for the first and
is refused with the value now there, instead of silently replacing it. Needs PostgreSQL's row locks."""

import threading
import time
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from assessment import rules, services
from assessment.models import Score, ScoreChange

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite serialises writers, so this race cannot be staged",
)


def test_the_later_of_two_simultaneous_adjustments_is_refused(
    transactional_db, scored, agency_a, bureau_reviewer, bureau_admin
):
    indicator = scored.indicators.get(code=rules.ENFORCEMENT_TEACHING)
    seen = Score.objects.get(agency=agency_a, indicator=indicator).adjusted  # what both pages showed
    first_has_saved = threading.Event()
    results = {}

    def adjust(name, user, value, hold):
        try:
            with transaction.atomic():
                results[name] = services.score_set(
                    agency=agency_a, indicator=indicator, value=value, reason="核对台账", user=user, seen=seen
                )
                if hold:
                    first_has_saved.set()
                    time.sleep(0.5)
        except Exception as error:  # noqa: BLE001 - the test inspects what each reviewer got
            results[name] = error
        finally:
            connection.close()

    first = threading.Thread(target=adjust, args=("first", bureau_reviewer, Decimal("7.5"), True))
    first.start()
    assert first_has_saved.wait(10)
    second = threading.Thread(target=adjust, args=("second", bureau_admin, Decimal("6"), False))
    second.start()
    first.join(20)
    second.join(20)

    assert isinstance(results["first"], ScoreChange)
    assert isinstance(results["second"], ValidationError) and results["second"].code == "stale_score"
    assert Score.objects.get(agency=agency_a, indicator=indicator).adjusted == Decimal("7.5")
    assert ScoreChange.objects.count() == 1
