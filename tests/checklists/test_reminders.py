"""The filing-deadline and law-anniversary rules (checklists/reminders.py), run through the daily run."""

import datetime as dt

import pytest

from agencies.models import AnnualCycle, Law, Notification, ReminderLog
from checklists import reminders as rules
from checklists.models import Checklist
from puffa.reminders import reminders_send
from tests.puffa.reminder_data import checklist, sent

S = Checklist.Status
D = dt.date


def run(first: dt.date, last: dt.date) -> dict[dt.date, list[tuple]]:
    """Run the daily reminders every day from first to last: day → what went out that day."""
    out, day = {}, first
    while day <= last:
        before = ReminderLog.objects.count()
        reminders_send(on=day)
        new = sent()[before:]
        if new:
            out[day] = new
        day += dt.timedelta(days=1)
    return out


def filing_days(by_day: dict, agency: str) -> dict[dt.date, str]:
    return {
        day: stage
        for day, logs in by_day.items()
        for kind, stage, target in logs
        if target == agency and kind in {"filing_due", "filing_overdue"}
    }


@pytest.mark.django_db
def test_each_filing_stage_goes_out_on_its_day_and_not_the_day_before(staff_a):
    by_day = run(D(2027, 1, 1), D(2027, 3, 20))
    assert filing_days(by_day, "区市场监管局") == {
        D(2027, 1, 29): "d30",
        D(2027, 2, 14): "d14",
        D(2027, 2, 21): "d7",
        D(2027, 2, 25): "d3",
        D(2027, 2, 27): "d1",
        D(2027, 3, 1): "overdue-0",
        D(2027, 3, 8): "overdue-1",
        D(2027, 3, 15): "overdue-2",
    }
    notification = Notification.objects.filter(recipient=staff_a).order_by("created_at", "pk").first()
    assert "2027" in notification.title and "2027年2月28日" in notification.title


@pytest.mark.django_db
def test_overdue_notices_go_out_weekly_until_the_checklist_is_filed(staff_a, agency_a):
    by_day = run(D(2027, 3, 1), D(2027, 3, 22))
    assert sorted(day for day, stage in filing_days(by_day, "区市场监管局").items()) == [
        D(2027, 3, 1),
        D(2027, 3, 8),
        D(2027, 3, 15),
        D(2027, 3, 22),
    ]
    checklist(agency_a, 2027, S.SUBMITTED, submitted_on=D(2027, 3, 23))
    assert filing_days(run(D(2027, 3, 23), D(2027, 4, 30)), "区市场监管局") == {}


@pytest.mark.django_db
@pytest.mark.parametrize("status", [S.SUBMITTED, S.APPROVED])
def test_agencies_that_submitted_get_nothing(staff_a, agency_a, agency_b, status):
    checklist(agency_a, 2027, status, submitted_on=D(2027, 1, 10))
    by_day = run(D(2027, 1, 28), D(2027, 3, 2))
    assert filing_days(by_day, "区市场监管局") == {}
    assert filing_days(by_day, "区教育局")  # the agency that did not file is reminded
    assert not Notification.objects.filter(recipient=staff_a).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("status", [S.DRAFT, S.RETURNED])
def test_a_draft_or_returned_checklist_counts_as_not_submitted(staff_a, agency_a, status):
    checklist(agency_a, 2027, status, submitted_on=D(2027, 1, 5))
    reminders_send(on=D(2027, 1, 29))
    assert sent(agency=agency_a) == [("filing_due", "d30", "区市场监管局")]
    assert Notification.objects.filter(recipient=staff_a).count() == 1


@pytest.mark.django_db
def test_a_checklist_filed_on_time_and_returned_is_not_called_overdue(staff_a, agency_a, agency_b, bureau_reviewer):
    """Filed on 10 February, returned on the 27th: the deadline reminder asks for it again before the deadline, but
    after it the agency filed on time (as the overview and the dashboard say) and is neither told nor reported as
    overdue; the agency that never filed is."""
    checklist(agency_a, 2027, S.RETURNED, submitted_on=D(2027, 2, 10))
    by_day = run(D(2027, 2, 27), D(2027, 3, 8))
    assert filing_days(by_day, "区市场监管局") == {D(2027, 2, 27): "d1"}
    assert set(filing_days(by_day, "区教育局").values()) == {"d1", "overdue-0", "overdue-1"}
    digests = [n.body for n in Notification.objects.filter(recipient=bureau_reviewer, reminder__kind="filing_digest")]
    assert len(digests) == 2 and all("教育局" in body and "市场监督" not in body for body in digests)


@pytest.mark.django_db
def test_an_approved_first_revision_with_a_draft_amendment_has_filed(agency_a):
    approved = checklist(agency_a, 2027, S.APPROVED, submitted_on=D(2027, 1, 5))
    Checklist.objects.create(agency=agency_a, year=2027, revision=2, based_on=approved, status=S.DRAFT)
    reminders_send(on=D(2027, 2, 27))
    assert sent(agency=agency_a) == []


@pytest.mark.django_db
def test_29_february_is_the_deadline_in_a_leap_year(staff_a):
    by_day = run(D(2028, 2, 22), D(2028, 3, 2))
    assert filing_days(by_day, "区市场监管局") == {
        D(2028, 2, 22): "d7",
        D(2028, 2, 26): "d3",
        D(2028, 2, 28): "d1",
        D(2028, 3, 1): "overdue-0",
    }
    assert "2028年2月29日" in ReminderLog.objects.filter(stage="d1").first().subject


@pytest.mark.django_db
def test_the_deadline_comes_from_the_annual_cycle(staff_a):
    AnnualCycle.objects.filter(year=2027).update(filing_deadline=D(2027, 2, 15))
    assert filing_days(run(D(2027, 2, 12), D(2027, 2, 17)), "区市场监管局") == {
        D(2027, 2, 12): "d3",
        D(2027, 2, 14): "d1",
        D(2027, 2, 16): "overdue-0",
    }


@pytest.mark.django_db
def test_the_stages_come_from_settings(settings, staff_a):
    settings.PUFFA_FILING_REMINDER_DAYS = [10]
    settings.PUFFA_OVERDUE_REMINDER_INTERVAL_DAYS = 3
    assert filing_days(run(D(2027, 2, 1), D(2027, 3, 7)), "区市场监管局") == {
        D(2027, 2, 18): "d10",
        D(2027, 3, 1): "overdue-0",
        D(2027, 3, 4): "overdue-1",
        D(2027, 3, 7): "overdue-2",
    }


@pytest.mark.django_db
def test_late_agencies_are_listed_to_their_own_filing_offices_reviewers(
    agency_a, agency_b, agency_town, bureau_reviewer, town_reviewer, bureau_admin
):
    checklist(agency_b, 2027, S.APPROVED)
    reminders_send(on=D(2027, 3, 1))
    district = Notification.objects.get(recipient=bureau_reviewer, reminder__kind="filing_digest")
    assert "常州市新北区市场监督管理局" in district.body
    assert "教育局" not in district.body and "薛家镇" not in district.body
    town = Notification.objects.get(recipient=town_reviewer, reminder__kind="filing_digest")
    assert "常州市新北区薛家镇人民政府" in town.body and "市场监督" not in town.body
    assert not Notification.objects.filter(recipient=bureau_admin).exists()


@pytest.mark.django_db
def test_no_digest_goes_out_before_the_deadline(agency_a, bureau_reviewer):
    reminders_send(on=D(2027, 2, 27))
    assert not Notification.objects.filter(recipient=bureau_reviewer).exists()


@pytest.mark.django_db
def test_inactive_agencies_are_not_reminded(agency_a, agency_b):
    agency_b.is_active = False
    agency_b.save()
    reminders_send(on=D(2027, 1, 29))
    assert {target for _kind, _stage, target in sent()} == {"区市场监管局", "区政府办"}  # A and its parent


@pytest.fixture
def food_safety(law):
    law.promulgated_on, law.effective_on = D(2015, 4, 24), D(2015, 10, 1)
    law.save()
    return law


@pytest.mark.django_db
def test_a_laws_anniversary_campaign_goes_to_agencies_with_it_on_their_approved_checklist(
    staff_a, agency_a, agency_b, food_safety
):
    checklist(agency_a, 2026, S.APPROVED, laws=[food_safety])
    checklist(agency_b, 2027, S.SUBMITTED, laws=[food_safety])  # not approved: no campaign reminder
    by_day = run(D(2027, 4, 8), D(2027, 4, 25))
    campaigns = {
        day: logs
        for day, all_logs in by_day.items()
        if (logs := [log for log in all_logs if log[0] == "law_anniversary"])
    }
    assert campaigns == {D(2027, 4, 10): [("law_anniversary", f"law-{food_safety.pk}", "区市场监管局")]}
    notification = Notification.objects.get(recipient=staff_a, reminder__kind="law_anniversary")
    assert "中华人民共和国食品安全法" in notification.title and "2027年4月24日" in notification.title
    assert "12" in notification.body  # its twelfth anniversary


@pytest.mark.django_db
def test_only_the_latest_approved_checklist_counts_for_anniversaries(agency_a, food_safety):
    other = Law.objects.create(title="中华人民共和国产品质量法", promulgated_on=D(1993, 2, 22))
    checklist(agency_a, 2026, S.APPROVED, laws=[food_safety])
    checklist(agency_a, 2027, S.APPROVED, laws=[other])
    reminders_send(on=D(2027, 4, 10))
    assert sent(kind="law_anniversary") == []
    reminders_send(on=D(2027, 2, 8))
    assert sent(kind="law_anniversary") == [("law_anniversary", f"law-{other.pk}", "区市场监管局")]


@pytest.mark.django_db
def test_a_law_promulgated_on_29_february_has_its_anniversary_on_the_28th_in_a_common_year(agency_a):
    leap_law = Law.objects.create(title="某条例", promulgated_on=D(2016, 2, 29))
    checklist(agency_a, 2026, S.APPROVED, laws=[leap_law])
    assert [due.due_on for due in rules.law_anniversaries(D(2027, 2, 14))] == [D(2027, 2, 14)]
    assert rules.law_anniversaries(D(2027, 2, 13)) == []


@pytest.mark.django_db
def test_choosing_who_to_remind_takes_the_same_queries_for_more_agencies(
    bureau_office, food_safety, django_assert_num_queries
):
    from agencies.models import Agency

    def add(count, start):
        made = Agency.objects.bulk_create(
            Agency(name=f"单位{i}", agency_type=Agency.Type.GOVERNMENT, filing_office=bureau_office)
            for i in range(start, start + count)
        )
        for agency in made:
            checklist(agency, 2026, S.APPROVED, laws=[food_safety])

    add(3, 0)
    # 1. the year's cycle (the deadline)
    # 2. the active agencies that have not filed in time, with their office
    # 3. the laws with a promulgation date (anniversaries)
    # 4. the (agency, law) pairs on the agencies' latest approved checklists
    with django_assert_num_queries(4):
        assert len(rules.filing_deadline(D(2027, 3, 1))) == 4  # three agencies and their office's digest
        assert len(rules.law_anniversaries(D(2027, 4, 10))) == 3
    add(30, 3)
    with django_assert_num_queries(4):  # the same four for 33 agencies
        assert len(rules.filing_deadline(D(2027, 3, 1))) == 34
        assert len(rules.law_anniversaries(D(2027, 4, 10))) == 33
