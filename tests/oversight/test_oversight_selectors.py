"""What other parts of Puffa read from here: the organisation facts and the overdue rectifications."""

import datetime as dt
from decimal import Decimal

from assessment.oversight import selectors, services

from ..library.uploads import pdf_bytes, upload


def test_organisation_facts_say_what_each_agency_filed(staff_a, agency_b, plan_a, staff_b):
    services.filing_file(
        agency=agency_b,
        user=staff_b,
        year=2026,
        kind="report",
        head_responsible="",
        funding=Decimal("0"),
        file=upload("总结.pdf", pdf_bytes()),
    )
    facts = selectors.organisation_facts(2026)
    a, b = facts[staff_a.agency_id], facts[agency_b.pk]
    assert (a.plan_filed, a.report_filed, a.head_named, a.funding_budgeted) == (True, False, True, True)
    assert (b.plan_filed, b.report_filed, b.head_named, b.funding_budgeted) == (False, True, False, False)
    assert a.funding == Decimal("80000.00") and a.head_responsible == "张卫国"


def test_organisation_facts_list_every_agency_in_two_queries(
    agency_a, agency_b, agency_town, plan_a, django_assert_num_queries
):
    # 1. the year's filings with their agency
    # 2. every agency's id
    with django_assert_num_queries(2):
        facts = selectors.organisation_facts(2026)
    assert set(facts) >= {agency_a.pk, agency_b.pk, agency_town.pk}
    assert not facts[agency_town.pk].plan_filed
    assert not selectors.organisation_facts(2025)[agency_a.pk].plan_filed


def test_overdue_rectifications_are_past_the_deadline_and_the_agencys_turn(
    finding_a, finding_b, staff_a, bureau_admin, time_machine
):
    time_machine.move_to(dt.datetime(2026, 10, 1, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))), tick=False)
    assert list(selectors.overdue_rectifications()) == [finding_a]
    assert list(selectors.overdue_rectifications(2026)) == [finding_a]
    assert list(selectors.overdue_rectifications(2025)) == []
    # Answered, waiting for the bureau's review (待审核): not overdue for the agency.
    services.rectification_answer(
        finding=finding_a, user=staff_a, description="已整改", evidence=[upload("a.pdf", pdf_bytes())]
    )
    assert selectors.overdue_rectifications().count() == 0
    # Sent back after the deadline: overdue again.
    services.rectification_return(finding=finding_a, user=bureau_admin, reason="证据不足")
    assert list(selectors.overdue_rectifications()) == [finding_a]
    services.rectification_answer(
        finding=finding_a, user=staff_a, description="已补充", evidence=[upload("b.pdf", pdf_bytes())]
    )
    services.rectification_accept(finding=finding_a, user=bureau_admin)
    assert selectors.overdue_rectifications().count() == 0


def test_overdue_rectifications_narrow_to_what_a_user_sees(finding_a, finding_b, staff_b, time_machine):
    time_machine.move_to(dt.datetime(2026, 10, 20, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))), tick=False)
    assert selectors.overdue_rectifications().count() == 2
    assert list(selectors.overdue_rectifications(user=staff_b)) == [finding_b]
