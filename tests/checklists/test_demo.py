"""The demo's checklists: every state for 2026, believable items, and the right reviewers."""

import datetime as dt
from collections import Counter

import pytest
from django.core.management import call_command
from django.urls import reverse

from agencies.models import Agency, User
from checklists import selectors
from checklists.models import Checklist

from .conftest import client_for_username


@pytest.fixture
def demo(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def filing(slug):
    agency = User.objects.get(username=slug).agency
    return selectors.filing_rows(Agency.objects.filter(pk=agency.pk), 2026, today=dt.date(2026, 11, 26)).get()


def test_2026_has_every_state(demo):
    counts = Counter(
        (row.filing_status, row.timing)
        for row in selectors.filing_rows(Agency.objects.all(), 2026, today=dt.date(2026, 11, 26))
    )
    assert counts[("approved", "on_time")] >= 25
    assert counts[("approved", "late")] >= 1
    assert counts[("submitted", "on_time")] + counts[("submitted", "late")] >= 3
    assert counts[("returned", "on_time")] >= 1
    assert counts[("draft", "overdue")] >= 1
    assert counts[("not_started", "overdue")] >= 2
    for slug in ("market", "court", "police", "education", "health", "xuejia"):
        assert (filing(slug).filing_status, filing(slug).timing) == ("approved", "on_time"), slug


def test_the_town_office_and_the_bureau_have_work_waiting(demo):
    town_queue = selectors.review_queue(User.objects.get(username="xuejia-office"))
    assert [c.agency.level for c in town_queue] == ["town"]
    bureau_queue = selectors.review_queue(User.objects.get(username="reviewer"))
    assert any(c.revision == 2 for c in bureau_queue)  # the amendment waiting
    assert any(c.agency.level == "district" and c.revision == 1 for c in bureau_queue)


def test_decisions_are_made_by_the_demo_reviewers_at_believable_times(demo):
    for checklist in Checklist.objects.exclude(decided_by=None).select_related("decided_by", "agency"):
        expected = "reviewer" if checklist.agency.level == "district" else "-office"
        assert checklist.decided_by.username.endswith(expected)
        assert checklist.first_submitted_at < checklist.decided_at
        assert checklist.decided_at.year == checklist.year
    returned = Checklist.objects.filter(status="returned")
    assert all(c.transitions.order_by("pk").last().comment for c in returned)


def test_items_are_tied_to_the_agencys_laws(demo):
    for checklist in Checklist.objects.filter(year=2026, revision=1).prefetch_related("items__laws", "agency__laws"):
        assert 4 <= len(checklist.items.all()) <= 6, checklist
        agency_laws = set(checklist.agency.laws.all())
        for item in checklist.items.all():
            assert set(item.laws.all()) <= agency_laws and item.laws.all()
            assert item.start_date.year == item.end_date.year == 2026


def test_last_years_checklists_can_be_copied(demo):
    staff = User.objects.get(username="power")
    assert Checklist.objects.filter(agency=staff.agency, year=2025, status="approved").exists()
    client = client_for_username("power")
    page = client.get(reverse("checklists:year", args=[staff.agency_id, 2026]))
    assert "复制上年度已通过的清单事项" in page.text
    client.post(reverse("checklists:start", args=[staff.agency_id, 2026]), {"how": "copy"})
    assert Checklist.objects.get(agency=staff.agency, year=2026).items.count() >= 4


def test_the_public_sees_the_approved_revision_of_the_amended_checklist(demo, client):
    amendment = Checklist.objects.get(revision=2)
    shown = selectors.published_checklist(2026, amendment.agency_id)
    assert shown.revision == 1 and shown.status == "approved"
    assert client.get(reverse("public:list"), {"year": 2026}).status_code == 200


def test_the_demo_has_agencies_with_enforced_laws_left_uncovered(demo):
    from checklists.coverage import coverage

    market, ecology = (User.objects.get(username=slug).agency for slug in ("market", "ecology"))
    found = coverage(market, 2026)
    assert (found.covered_count, found.enforced_count) == (4, 8)  # approved, half its power list covered
    assert not coverage(ecology, 2026).complete and coverage(ecology, 2026).covered  # under review
    assert coverage(User.objects.get(username="drc").agency, 2026).complete
