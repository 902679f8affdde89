"""An agency's own data version (agencies.freshness.agency_version): what keeps its ledger, moved on by its own
changes and by changes whose agency is not known, never by another agency's."""

from activities import services
from activities.evidence import inspect_evidence
from activities.models import Evidence
from agencies import freshness

from .conftest import make_activity, upload


def versions(*agencies):
    return [freshness.agency_version(agency.pk) for agency in agencies]


def test_an_agency_s_activity_moves_its_number_and_no_other(agency_a, agency_b, staff_a):
    before_a, before_b = versions(agency_a, agency_b)
    make_activity(agency_a, staff_a)
    after_a, after_b = versions(agency_a, agency_b)
    assert after_a != before_a
    assert after_b == before_b


def test_evidence_moves_its_activity_s_agency_s_number(agency_a, agency_b, staff_a, activity):
    before_a, before_b = versions(agency_a, agency_b)
    services.evidence_add(activity=activity, uploaded_by=staff_a, checked=inspect_evidence(upload("签到表.pdf")))
    after_a, after_b = versions(agency_a, agency_b)
    assert after_a != before_a
    assert after_b == before_b


def test_a_change_whose_agency_is_not_at_hand_moves_every_agency_s_number(agency_a, agency_b, staff_a, activity):
    evidence = services.evidence_add(
        activity=activity, uploaded_by=staff_a, checked=inspect_evidence(upload("签到表.pdf"))
    )
    before = versions(agency_a, agency_b)
    unloaded = Evidence.objects.get(pk=evidence.pk)  # its activity not read: naming the agency would take a query
    unloaded.may_publish = True
    unloaded.save()
    assert all(after != then for after, then in zip(versions(agency_a, agency_b), before, strict=True))


def test_a_bulk_write_moves_every_agency_s_number(agency_a, agency_b):
    before = versions(agency_a, agency_b)
    freshness.bump()
    assert all(after != then for after, then in zip(versions(agency_a, agency_b), before, strict=True))


def test_the_agency_itself_moves_its_number(agency_a, agency_b):
    before_a, before_b = versions(agency_a, agency_b)
    agency_a.name = "区市场监督管理局（更名）"
    agency_a.save()
    assert versions(agency_a, agency_b) != [before_a, before_b]
    assert versions(agency_b) == [before_b]
