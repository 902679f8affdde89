"""checklist_start, checklist_items_save and checklist_submit: what staff do to file."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from agencies.models import AnnualCycle, Law
from agencies.years import YearNotOpen
from checklists import services
from checklists.models import Checklist, ChecklistTransition

from .conftest import YEAR, approved, draft, item

Status = Checklist.Status


def test_starting_records_who_started_it(staff_a, agency_a):
    checklist = services.checklist_start(agency=agency_a, year=YEAR, actor=staff_a)
    assert checklist.status == Status.DRAFT and checklist.revision == 1
    step = checklist.transitions.get()
    assert (step.from_status, step.to_status, step.actor) == ("", Status.DRAFT, staff_a)
    assert AnnualCycle.objects.get(year=YEAR).filing_deadline == dt.date(YEAR, 2, 28)


def test_it_cannot_be_started_twice(staff_a, agency_a):
    services.checklist_start(agency=agency_a, year=YEAR, actor=staff_a)
    with pytest.raises(services.TransitionError, match="已"):
        services.checklist_start(agency=agency_a, year=YEAR, actor=staff_a)
    assert Checklist.objects.count() == 1


@pytest.mark.parametrize("who", ["staff_b", "staff_parent", "bureau_reviewer", "bureau_admin", "leader"])
def test_only_the_agencys_own_staff_start_it(request, agency_a, who):
    with pytest.raises(PermissionDenied):
        services.checklist_start(agency=agency_a, year=YEAR, actor=request.getfixturevalue(who))
    assert not Checklist.objects.exists()


def test_copying_last_year_takes_the_approved_items_with_new_keys_and_this_years_dates(
    staff_a, agency_a, bureau_reviewer, law
):
    last = approved(agency_a, staff_a, bureau_reviewer, year=YEAR - 1, items=3, laws=[law])
    checklist = services.checklist_start(agency=agency_a, year=YEAR, actor=staff_a, copy_previous=True)
    old, new = list(last.items.order_by("position")), list(checklist.items.order_by("position"))
    assert [i.content for i in new] == [i.content for i in old]
    assert {i.key for i in new}.isdisjoint({i.key for i in old})
    assert all(i.start_date.year == YEAR and i.end_date.year == YEAR for i in new)
    assert [list(i.laws.all()) for i in new] == [[law]] * 3
    assert "2025" in checklist.transitions.get().comment


def test_29_february_moves_to_the_28th_when_copied_into_a_common_year(staff_a, agency_a, bureau_reviewer):
    last = draft(agency_a, staff_a, year=2024, items=0)
    services.checklist_items_save(
        checklist=last,
        actor=staff_a,
        items=[item(2024, start_date=dt.date(2024, 2, 29), end_date=dt.date(2024, 2, 29))],
    )
    services.checklist_submit(checklist=last, actor=staff_a)
    services.checklist_approve(checklist=last, actor=bureau_reviewer)
    copied = services.checklist_start(agency=agency_a, year=2025, actor=staff_a, copy_previous=True)
    assert copied.items.get().start_date == dt.date(2025, 2, 28)


@pytest.mark.opened_years(2026)
def test_a_year_the_bureau_has_not_opened_takes_no_checklist(staff_a, agency_a):
    with pytest.raises(YearNotOpen):
        services.checklist_start(agency=agency_a, year=2027, actor=staff_a)
    assert not Checklist.objects.exists() and not AnnualCycle.objects.filter(year=2027).exists()


def test_copying_needs_an_approved_checklist_last_year(staff_a, agency_a):
    draft(agency_a, staff_a, year=YEAR - 1)  # a draft is not copied
    with pytest.raises(services.TransitionError):
        services.checklist_start(agency=agency_a, year=YEAR, actor=staff_a, copy_previous=True)
    assert not Checklist.objects.filter(year=YEAR).exists()


def test_saving_items_keeps_keys_adds_removes_and_reorders(draft_a, staff_a, law):
    first, second = draft_a.items.order_by("position")
    services.checklist_items_save(
        checklist=draft_a,
        actor=staff_a,
        items=[
            item(content="新增的事项"),
            item(pk=second.pk, content="改过的事项二", law_ids=[law.pk]),
        ],
    )
    items = list(draft_a.items.order_by("position"))
    assert [(i.position, i.content) for i in items] == [(1, "新增的事项"), (2, "改过的事项二")]
    assert items[1].key == second.key and items[1].pk == second.pk
    assert list(items[1].laws.all()) == [law]
    assert not draft_a.items.filter(pk=first.pk).exists()


def test_items_of_another_checklist_cannot_be_smuggled_in(draft_a, staff_a, staff_b, agency_b):
    other = draft(agency_b, staff_b)
    stranger = other.items.first()
    with pytest.raises(services.TransitionError):
        services.checklist_items_save(checklist=draft_a, actor=staff_a, items=[item(pk=stranger.pk)])
    stranger.refresh_from_db()
    assert stranger.checklist == other


def test_an_items_dates_must_fall_within_the_year(draft_a, staff_a):
    with pytest.raises(services.TransitionError):
        services.checklist_items_save(checklist=draft_a, actor=staff_a, items=[item(end_date=dt.date(YEAR + 1, 1, 15))])
    assert draft_a.items.count() == 2


def test_a_submitted_checklist_cannot_be_edited(submitted_a, staff_a):
    with pytest.raises(services.TransitionError, match="已报送"):
        services.checklist_items_save(checklist=submitted_a, actor=staff_a, items=[item(content="偷改")])
    assert not submitted_a.items.filter(content="偷改").exists()


def test_a_parent_agency_cannot_edit_its_units_checklist(draft_a, staff_parent):
    with pytest.raises(PermissionDenied):
        services.checklist_items_save(checklist=draft_a, actor=staff_parent, items=[item()])


def test_submitting_records_the_first_submission_once(draft_a, staff_a, bureau_reviewer):
    first_time = dt.datetime(YEAR, 2, 10, 9, 0, tzinfo=dt.UTC)
    services.checklist_submit(checklist=draft_a, actor=staff_a, at=first_time)
    services.checklist_return(checklist=draft_a, actor=bureau_reviewer, comment="补充普法对象")
    again = services.checklist_submit(checklist=draft_a, actor=staff_a, at=first_time + dt.timedelta(days=30))
    assert again.status == Status.SUBMITTED
    assert again.first_submitted_at == first_time
    assert again.submitted_at == first_time + dt.timedelta(days=30)
    assert again.decided_by is None
    assert list(again.transitions.order_by("pk").values_list("from_status", "to_status")) == [
        ("", "draft"),
        ("draft", "submitted"),
        ("submitted", "returned"),
        ("returned", "submitted"),
    ]


def test_an_empty_checklist_cannot_be_submitted(staff_a, agency_a):
    checklist = draft(agency_a, staff_a, items=0)
    with pytest.raises(services.TransitionError):
        services.checklist_submit(checklist=checklist, actor=staff_a)
    checklist.refresh_from_db()
    assert checklist.status == Status.DRAFT


def test_a_submitted_checklist_cannot_be_submitted_again(submitted_a, staff_a):
    with pytest.raises(services.TransitionError):
        services.checklist_submit(checklist=submitted_a, actor=staff_a)
    assert ChecklistTransition.objects.filter(to_status=Status.SUBMITTED).count() == 1


def test_a_reviewer_cannot_submit_for_an_agency(draft_a, bureau_reviewer):
    with pytest.raises(PermissionDenied):
        services.checklist_submit(checklist=draft_a, actor=bureau_reviewer)


def test_only_a_bureau_administrator_sets_the_annual_cycle(bureau_admin, bureau_reviewer):
    with pytest.raises(PermissionDenied):
        services.annual_cycle_save(
            actor=bureau_reviewer, year=YEAR, filing_deadline=dt.date(YEAR, 3, 15), study_minimum=3
        )
    cycle = services.annual_cycle_save(
        actor=bureau_admin, year=YEAR, filing_deadline=dt.date(YEAR, 3, 15), study_minimum=3
    )
    assert (cycle.filing_deadline, cycle.study_minimum) == (dt.date(YEAR, 3, 15), 3)
    with pytest.raises(services.TransitionError):
        services.annual_cycle_save(
            actor=bureau_admin, year=YEAR, filing_deadline=dt.date(YEAR + 1, 1, 1), study_minimum=3
        )


def test_the_laws_of_an_item_are_kept_per_item(draft_a, staff_a, law):
    other = Law.objects.create(title="中华人民共和国产品质量法")
    services.checklist_items_save(
        checklist=draft_a, actor=staff_a, items=[item(law_ids=[law.pk]), item(law_ids=[law.pk, other.pk])]
    )
    assert [i.laws.count() for i in draft_a.items.order_by("position")] == [1, 2]
