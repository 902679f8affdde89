"""Two reviewers deciding the same checklist at once: exactly one decision is recorded, and the other
reviewer is told who decided. Needs real row locks, so two real connections on PostgreSQL."""

import threading
import time

import pytest
from django.db import connection, transaction

from checklists import services
from checklists.models import Checklist, ChecklistTransition

from .conftest import submitted

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite has no row-level locks (SELECT ... FOR UPDATE), so this race cannot be staged",
)


def _in_thread(target, results, name):
    def run():
        try:
            results[name] = target()
        except Exception as error:  # noqa: BLE001 - the test inspects what each reviewer got
            results[name] = error
        finally:
            connection.close()

    return threading.Thread(target=run, name=name)


def test_the_second_reviewer_waits_for_the_first_and_is_told_it_was_decided(
    transactional_db, staff_a, bureau_reviewer, bureau_admin
):
    checklist = submitted(staff_a.agency, staff_a)
    first_has_decided = threading.Event()
    results = {}

    def first():
        with transaction.atomic():
            decided = services.checklist_approve(checklist=checklist, actor=bureau_reviewer, comment="同意")
            first_has_decided.set()
            time.sleep(0.5)  # still holding the row lock when the second reviewer clicks
        return decided

    def second():
        assert first_has_decided.wait(10)
        return services.checklist_return(checklist=checklist, actor=bureau_admin, comment="请修改")

    threads = [_in_thread(first, results, "first"), _in_thread(second, results, "second")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)

    assert isinstance(results["first"], Checklist)
    assert isinstance(results["second"], services.AlreadyDecided), results["second"]
    assert results["second"].decided_by == bureau_reviewer
    assert "bureau_reviewer" in str(results["second"])
    checklist.refresh_from_db()
    assert checklist.status == Checklist.Status.APPROVED and checklist.decided_by == bureau_reviewer
    decisions = ChecklistTransition.objects.filter(checklist=checklist, from_status=Checklist.Status.SUBMITTED)
    assert list(decisions.values_list("to_status", "actor__username")) == [("approved", "bureau_reviewer")]


def test_two_reviewers_clicking_together_give_one_winner(transactional_db, staff_a, bureau_reviewer, bureau_admin):
    checklist = submitted(staff_a.agency, staff_a)
    start = threading.Barrier(2)
    results = {}

    def approve():
        start.wait(10)
        return services.checklist_approve(checklist=checklist, actor=bureau_reviewer)

    def send_back():
        start.wait(10)
        return services.checklist_return(checklist=checklist, actor=bureau_admin, comment="请修改")

    threads = [_in_thread(approve, results, "approve"), _in_thread(send_back, results, "return")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)

    winners = [name for name, result in results.items() if isinstance(result, Checklist)]
    losers = [result for result in results.values() if isinstance(result, services.AlreadyDecided)]
    assert len(winners) == 1 and len(losers) == 1, results
    decisions = ChecklistTransition.objects.filter(checklist=checklist, from_status=Checklist.Status.SUBMITTED)
    assert decisions.count() == 1
    checklist.refresh_from_db()
    assert checklist.status == ("approved" if winners == ["approve"] else "returned")
