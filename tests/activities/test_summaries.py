"""The activity and item summaries stay equal to a count from the raw rows, whichever service wrote the
activities, and the facts read from them count a ★ session and an item's linked activity from its date, as the
raw rows do."""

import datetime as dt

import pytest
import time_machine
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from activities import facts, selectors, services, summaries
from activities.models import Activity, ActivitySummary, ItemSummary
from agencies.models import Agency

from .conftest import YEAR
from .test_import import GOOD, workbook_file

TODAY = dt.datetime(YEAR, 12, 2, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
TYPES = ("party_group_study", "executive_meeting_study", "law_lecture", "open_day", "new_media_post")


def kept() -> set[tuple]:
    """The summaries as kept by the writes (a cell emptied by its last activity's change counts nothing)."""
    return {row for row in ActivitySummary.objects.values_list(*summaries.COLUMNS) if row[4]}


def from_rows() -> set[tuple]:
    return set(summaries.counted_from_rows())


def kept_items() -> set[tuple]:
    return {row for row in ItemSummary.objects.values_list(*summaries.ITEM_COLUMNS) if row[4]}


def items_from_rows() -> set[tuple]:
    return set(summaries.items_counted_from_rows())


def progress_from_rows(today: dt.date) -> dict:
    """{item key: (held linked activities, people)} counted from the raw rows (``facts.linked_activities``)."""
    found = {}
    for activity in facts.linked_activities(YEAR, today).select_related("checklist_item"):
        count, people = found.get(activity.checklist_item.key, (0, 0))
        found[activity.checklist_item.key] = (count + 1, people + activity.people_reached)
    return found


def fields(activity_type="law_lecture", on=dt.date(YEAR, 3, 15), people=50, item=None) -> services.ActivityFields:
    return services.ActivityFields(
        activity_type=activity_type, title="普法活动", start_date=on, people_reached=people, checklist_item=item
    )


@pytest.fixture
def logged(agency_a, staff_a):
    def log(**values):
        return services.activity_create(agency=agency_a, created_by=staff_a, fields=fields(**values))

    return log


def test_creating_changing_and_deleting_keep_the_summaries(logged, staff_a):
    moved, deleted, _kept = (
        logged(),
        logged(activity_type="party_group_study", people=20),
        logged(activity_type="open_day", people=7),
    )
    assert kept() == from_rows() and len(kept()) == 2

    services.activity_update(
        activity=moved, updated_by=staff_a, fields=fields("executive_meeting_study", dt.date(YEAR, 7, 1), people=90)
    )
    services.activity_delete(activity=deleted, deleted_by=staff_a)
    services.activity_delete(activity=deleted, deleted_by=staff_a)  # a second time changes nothing

    assert kept() == from_rows()
    july = ActivitySummary.objects.get(month=7)
    assert (july.duty, july.activities, july.sessions, july.people) == ("study", 1, 1, 90)


@time_machine.travel(TODAY, tick=False)
def test_linking_moving_and_deleting_keep_the_item_summaries(logged, staff_a, agency_a, approved_checklist):
    first, second = approved_checklist.items.order_by("position")
    moved = logged(item=first, people=30)
    unlinked = logged(item=second, on=dt.date(YEAR, 12, 1), people=5)  # this month: held, from the raw rows
    deleted = logged(item=first, on=dt.date(YEAR, 6, 1), people=70)
    logged(item=first, on=dt.date(YEAR, 12, 20))  # logged ahead: not held yet
    assert kept_items() == items_from_rows() and len(kept_items()) == 4

    # Moved to the other item and another month, one unlinked, one deleted.
    services.activity_update(
        activity=moved, updated_by=staff_a, fields=fields(on=dt.date(YEAR, 8, 3), people=40, item=second)
    )
    services.activity_update(activity=unlinked, updated_by=staff_a, fields=fields(on=dt.date(YEAR, 12, 1), people=5))
    services.activity_delete(activity=deleted, deleted_by=staff_a)

    assert kept_items() == items_from_rows()
    assert ItemSummary.objects.get(month=8).item_key == second.key
    assert facts.held_item_progress(YEAR, TODAY.date(), [agency_a.pk]) == progress_from_rows(TODAY.date())
    assert facts.held_item_progress(YEAR, TODAY.date(), [agency_a.pk]) == {second.key: (1, 40)}


def test_an_import_keeps_the_summaries(login, staff_a, agency_a, item, law):
    response = login(staff_a).post(f"/activities/agency/{agency_a.pk}/{YEAR}/import/", {"file": workbook_file(GOOD)})
    assert response.status_code == 302 and Activity.objects.count() == 2
    assert kept() == from_rows()
    assert sum(ActivitySummary.objects.values_list("people", flat=True)) == 320
    assert kept_items() == items_from_rows() and len(kept_items()) == 2  # both rows name an item


def test_the_rebuild_command_counts_what_was_written_in_bulk(logged, agency_a, staff_a, item):
    logged(activity_type="party_group_study")
    day = dt.date(YEAR, 5, 1)
    bulk = Activity(
        agency=agency_a, created_by=staff_a, activity_type="open_day", title="开放日", start_date=day, year=YEAR
    )
    linked = Activity(
        agency=agency_a, created_by=staff_a, activity_type="open_day", title="开放日", start_date=day, year=YEAR
    )
    linked.checklist_item = item
    Activity.objects.bulk_create([bulk, linked])
    assert kept() != from_rows() and kept_items() != items_from_rows()
    call_command("rebuild_activity_summaries", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert kept() == from_rows() and kept_items() == items_from_rows()


@time_machine.travel(TODAY, tick=False)
def test_a_session_of_this_month_counts_from_its_date(logged, agency_a):
    logged(activity_type="party_group_study", on=dt.date(YEAR, 11, 30))
    logged(activity_type="party_group_study", on=dt.date(YEAR, 12, 2))  # today
    logged(activity_type="party_group_study", on=dt.date(YEAR, 12, 28))  # logged ahead: not yet
    agencies = Agency.objects.filter(pk=agency_a.pk)
    assert facts.sessions_by_agency(agencies, YEAR) == {agency_a.pk: 2}
    assert facts.sessions_by_agency(agencies, YEAR, dt.date(YEAR, 12, 28)) == {agency_a.pk: 3}
    assert facts.sessions_by_agency(agencies, YEAR, dt.date(YEAR, 11, 29)) == {}
    assert facts.sessions_by_agency(agencies, YEAR, dt.date(YEAR + 1, 1, 1)) == {agency_a.pk: 3}


# One step: (create | change | delete, which activity, type, day of the year, people, linked item position).
steps = st.lists(
    st.tuples(
        st.sampled_from(["create", "change", "delete"]),
        st.integers(0, 5),
        st.sampled_from(TYPES),
        st.sampled_from([0, 30, 31, 334, 335, 336, 364]),  # around month ends, and today (2 December)
        st.integers(0, 500),
        st.sampled_from([None, 1, 2]),
    ),
    max_size=12,
)


@pytest.mark.django_db
@time_machine.travel(TODAY, tick=False)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=steps)
def test_any_sequence_of_writes_keeps_the_summaries_and_the_sessions(agency_a, staff_a, approved_checklist, steps):
    from django.db import transaction

    items = {item.position: item for item in approved_checklist.items.all()}
    with transaction.atomic():
        logged: list[Activity] = []
        for action, which, kind, day, people, position in steps:
            values = fields(kind, dt.date(YEAR, 1, 1) + dt.timedelta(days=day), people, items.get(position))
            if action == "create" or not logged:
                logged.append(services.activity_create(agency=agency_a, created_by=staff_a, fields=values))
                continue
            activity = Activity.objects.get(pk=logged[which % len(logged)].pk)
            if action == "delete":
                services.activity_delete(activity=activity, deleted_by=staff_a)
            elif activity.deleted_at is None:
                services.activity_update(activity=activity, updated_by=staff_a, fields=values)
        assert kept() == from_rows() and kept_items() == items_from_rows()
        today = TODAY.date()
        assert facts.held_item_progress(YEAR, today, [agency_a.pk]) == progress_from_rows(today)
        progress = facts.with_item_progress(approved_checklist.items.all(), YEAR, today)
        assert {i.key: (i.held_activities, i.held_people) for i in progress if i.held_activities} == progress_from_rows(
            today
        )
        counted = facts.counted_sessions(YEAR).filter(agency=agency_a).count()
        assert facts.sessions_by_agency(Agency.objects.filter(pk=agency_a.pk), YEAR).get(agency_a.pk, 0) == counted
        # 履职情况总览's row, read from the summaries a row at a time, against the raw rows.
        row = selectors.agencies_with_year_figures(Agency.objects.filter(pk=agency_a.pk), YEAR).get()
        live = list(
            Activity.objects.live().of_year(YEAR).filter(agency=agency_a).values_list("people_reached", flat=True)
        )
        assert (row.study_sessions, row.activity_count, row.people_reached) == (counted, len(live), sum(live))
        transaction.set_rollback(True)


def test_an_admin_edit_moves_the_item_summaries(logged, staff_a, approved_checklist, rf):
    from django.contrib.admin.sites import site

    from activities.admin import ActivityAdmin

    first, second = approved_checklist.items.order_by("position")
    activity = logged(item=first)
    edited = Activity.objects.get(pk=activity.pk)
    edited.checklist_item, edited.start_date = second, dt.date(YEAR, 9, 9)
    ActivityAdmin(Activity, site).save_model(rf.post("/"), edited, form=None, change=True)
    assert kept_items() == items_from_rows() and {row[3] for row in kept_items()} == {second.key}
    ActivityAdmin(Activity, site).delete_model(rf.post("/"), Activity.objects.get(pk=activity.pk))
    assert kept_items() == items_from_rows() == set()
