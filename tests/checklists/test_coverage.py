"""Enforcement-basis coverage (checklists/coverage.py): counted on the latest approved revision, or while none is
approved on the one under review; and the set-wide form says what the per-agency function says."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agencies.models import Agency, Law
from checklists import coverage, services
from checklists.models import Checklist
from tests.conftest import _user

from .conftest import YEAR, approved, draft, item, submitted


@pytest.fixture
def laws(db):
    return [Law.objects.create(title=f"法规{n}", kind=Law.Kind.LAW) for n in range(3)]


@pytest.fixture
def enforcing_a(agency_a, laws):
    agency_a.laws.set(laws)
    return agency_a


def _titles(found):
    return [law.title for law in found]


def test_with_no_checklist_every_enforced_law_is_uncovered(enforcing_a, laws):
    found = coverage.coverage(enforcing_a, YEAR)
    assert found.covered == []
    assert _titles(found.uncovered) == ["法规0", "法规1", "法规2"]
    assert not found.complete


def test_a_draft_counts_for_nothing(enforcing_a, staff_a, laws):
    draft(enforcing_a, staff_a, laws=laws)
    assert coverage.coverage(enforcing_a, YEAR).covered == []


def test_the_submitted_checklist_counts_while_none_is_approved(enforcing_a, staff_a, laws):
    submitted(enforcing_a, staff_a, laws=laws[:2])
    found = coverage.coverage(enforcing_a, YEAR)
    assert _titles(found.covered) == ["法规0", "法规1"]
    assert _titles(found.uncovered) == ["法规2"]


def test_the_latest_approved_revision_counts_not_the_amendment_under_review(
    enforcing_a, staff_a, bureau_reviewer, laws
):
    first = approved(enforcing_a, staff_a, bureau_reviewer, laws=laws[:1])
    amendment = services.checklist_amend(checklist=first, actor=staff_a, reason="新增执法依据")
    services.checklist_items_save(
        checklist=amendment, actor=staff_a, items=[item(content="全覆盖", law_ids=[law.pk for law in laws])]
    )
    services.checklist_submit(checklist=amendment, actor=staff_a)
    assert _titles(coverage.coverage(enforcing_a, YEAR).covered) == ["法规0"]
    # The reviewer sees what the amendment itself covers.
    assert coverage.coverage(enforcing_a, revision=amendment).complete

    services.checklist_approve(checklist=Checklist.objects.get(pk=amendment.pk), actor=bureau_reviewer)
    assert coverage.coverage(enforcing_a, YEAR).complete


def test_another_years_checklist_does_not_count(enforcing_a, staff_a, bureau_reviewer, laws):
    approved(enforcing_a, staff_a, bureau_reviewer, year=YEAR - 1, laws=laws)
    assert coverage.coverage(enforcing_a, YEAR).covered == []


def test_an_agency_with_no_enforced_laws_is_not_fully_covered(agency_a, staff_a, bureau_reviewer):
    approved(agency_a, staff_a, bureau_reviewer)
    assert not coverage.coverage(agency_a, YEAR).complete
    row = coverage.with_coverage(Agency.objects.filter(pk=agency_a.pk), YEAR).get()
    assert (row.laws_covered, row.laws_enforced) == (0, 0)


def test_the_set_wide_form_counts_each_agency(enforcing_a, agency_b, staff_a, staff_b, bureau_reviewer, laws):
    approved(enforcing_a, staff_a, bureau_reviewer, laws=laws)
    agency_b.laws.set(laws[:2])
    submitted(agency_b, staff_b, laws=laws[1:])
    rows = {row.pk: row for row in coverage.with_coverage(Agency.objects.all(), YEAR)}
    assert (rows[enforcing_a.pk].laws_covered, rows[enforcing_a.pk].laws_enforced) == (3, 3)
    assert (rows[agency_b.pk].laws_covered, rows[agency_b.pk].laws_enforced) == (1, 2)
    complete = coverage.with_coverage(Agency.objects.all(), YEAR).filter(coverage.fully_covered_q())
    assert list(complete.values_list("pk", flat=True)) == [enforcing_a.pk]


STATES = ("none", "draft", "submitted", "approved", "amending")


@pytest.mark.django_db
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    plans=st.lists(
        st.tuples(
            st.sets(st.integers(0, 3)),  # enforced laws
            st.sampled_from(STATES),
            st.sets(st.integers(0, 3)),  # laws the first revision's items name
            st.sets(st.integers(0, 3)),  # laws the amendment's items name
        ),
        min_size=1,
        max_size=4,
    )
)
def test_the_set_wide_form_agrees_with_the_per_agency_function(plans, bureau_office, bureau_admin):
    catalogue = [Law.objects.get_or_create(title=f"性质法规{n}", kind=Law.Kind.LAW)[0] for n in range(4)]
    agencies = []
    for index, (enforced, state, first_laws, amended_laws) in enumerate(plans):
        agency = Agency.objects.create(
            name=f"性质单位{index}-{Agency.objects.count()}",
            agency_type=Agency.Type.GOVERNMENT,
            filing_office=bureau_office,
        )
        agency.laws.set([catalogue[n] for n in enforced])
        staff = _user(f"性质{agency.pk}", role="staff", agency=agency)
        if state == "draft":
            draft(agency, staff, items=1, laws=[catalogue[n] for n in first_laws])
        elif state == "submitted":
            submitted(agency, staff, items=1, laws=[catalogue[n] for n in first_laws])
        elif state in ("approved", "amending"):
            first = approved(agency, staff, bureau_admin, items=1, laws=[catalogue[n] for n in first_laws])
            if state == "amending":
                amendment = services.checklist_amend(checklist=first, actor=staff, reason="调整")
                services.checklist_items_save(
                    checklist=amendment,
                    actor=staff,
                    items=[item(content="调整", law_ids=[catalogue[n].pk for n in amended_laws])],
                )
        agencies.append(agency)
    rows = coverage.with_coverage(Agency.objects.filter(pk__in=[a.pk for a in agencies]), YEAR)
    for row in rows:
        one = coverage.coverage(row.pk, YEAR)
        assert (row.laws_covered, row.laws_enforced) == (one.covered_count, one.enforced_count)
    complete = set(rows.filter(coverage.fully_covered_q()).values_list("pk", flat=True))
    assert complete == {a.pk for a in agencies if coverage.coverage(a, YEAR).complete}
