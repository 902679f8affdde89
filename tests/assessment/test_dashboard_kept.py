"""The dashboard's kept year facts (assessment.dashboard.kept): the board counts the same figures from them as from
the raw rows, whichever agencies' rows are fresh; every write that changes an agency's facts makes its row stale
at once, in the write's transaction; a page's request never writes them, the worker's recount and the night's
run do."""

import datetime as dt

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from activities import services as activity_services
from activities.campaigns.models import Campaign, CampaignAgency
from activities.models import Activity
from agencies import freshness
from agencies.models import Agency, AnnualCycle, Law
from agencies.vocabulary import STUDY_MINIMUM_TYPES
from agencies.vocabulary import ActivityType as T
from assessment import services
from assessment.dashboard import kept
from assessment.dashboard import selectors as dashboard
from assessment.models import KeptFacts, KeptFactsEpoch
from assessment.tasks import keep_dashboard_facts
from checklists.models import Checklist, ChecklistItem

from .conftest import YEAR, recorder
from .test_dashboard_view import URL, build_district, independent_counts

TODAY = timezone.localdate


@pytest.fixture
def district(bureau_office, town_office, db):
    def make(count):
        agencies = build_district(count, bureau_office, town_office)
        services.scoring_run_now(rubric=services.rubric_for_year(year=YEAR), user=recorder())
        return agencies

    return make


def active():
    return Agency.objects.filter(is_active=True)


def figures() -> dict:
    return {figure.key: figure.value for figure in dashboard._count(YEAR, active()).figures()}


def stale_ids() -> set[int]:
    return set(active().values_list("pk", flat=True)) - set(
        kept.fresh(YEAR, active(), TODAY()).values_list("agency_id", flat=True)
    )


def log(agency, kind=T.PARTY_GROUP_STUDY, month=6):
    fields = activity_services.ActivityFields(
        activity_type=kind, title="学法", start_date=dt.date(YEAR, month, 5), people_reached=30
    )
    return activity_services.activity_create(agency=agency, created_by=recorder(), fields=fields)


@pytest.mark.parametrize("state", ["none kept", "all kept", "some changed since", "kept the day before"])
def test_every_figure_is_the_same_whether_kept_or_counted_from_the_raw_rows(district, state):
    agencies = district(40)
    if state != "none kept":
        kept.keep(YEAR, active(), TODAY() - dt.timedelta(days=1) if state == "kept the day before" else None)
    if state == "some changed since":
        # Sessions enough for an agency below the minimum, another's approved checklist returned to draft.
        minimum = AnnualCycle.objects.get(year=YEAR).study_minimum
        sessions = Activity.objects.filter(year=YEAR, deleted_at__isnull=True, activity_type__in=STUDY_MINIMUM_TYPES)
        below = next(
            a
            for a in agencies
            if a.is_active and a.subject_to_study_minimum and sessions.filter(agency=a).count() < minimum
        )
        for _ in range(minimum):
            log(below)
        first = Checklist.objects.filter(year=YEAR, status="approved", agency__is_active=True).first()
        first.status = "draft"
        first.save()
        assert stale_ids() == {below.pk, first.agency_id}
    expected = {"none kept": len(agencies) - 1, "all kept": 0, "kept the day before": len(agencies) - 1}
    assert len(stale_ids()) == expected.get(state, 2)  # (one agency in fifty inactive)
    assert figures() == independent_counts(YEAR)


def test_the_kept_board_reads_the_kept_rows_and_no_raw_facts(login, leader, district, django_assert_num_queries):
    district(30)
    kept.keep(YEAR, active())
    client = login(leader)
    # 1. the session
    # 2. the user
    # 3. the opened years' cycles (the year guard and the year selector)
    # 4. the active agencies counted (a few: counted now, not by a worker)
    # 5. its rubric
    # 6. the agencies counted per filing office, by their first revision's status and filing timing, their
    #    results and overdue rectifications
    # 7. the fresh kept facts' figures (study, items, coverage, campaigns, months, duties, people): every agency's,
    #    so no agency is counted from the raw rows
    # 8. the ranking's first ten with their agency, each with how many agencies hold its rank (a window)
    # 9. the year's accountability measures counted (results use)
    # 10. the year's commendations counted
    # 11. the unread-notification count in the navigation bar
    with django_assert_num_queries(11):
        board = client.get(URL, {"year": YEAR}).context["board"]
    assert {figure.key: figure.value for figure in board.figures()} == independent_counts(YEAR)


def test_a_page_never_writes_the_kept_facts_and_the_workers_recount_does(login, leader, district):
    district(12)
    login(leader).get(URL, {"year": YEAR})
    assert not KeptFacts.objects.exists()
    dashboard.recount(YEAR, leader)
    assert stale_ids() == set() and KeptFacts.objects.count() == active().count()


def test_the_nights_run_keeps_every_open_year_for_the_new_day(district, settings):
    district(10)
    kept.keep(YEAR, active(), TODAY() - dt.timedelta(days=1))
    assert len(stale_ids()) == active().count()
    keep_dashboard_facts()
    assert stale_ids() == set()
    assert set(KeptFacts.objects.values_list("year", flat=True)) == {2024, 2025, 2026, 2027}  # the tests' open years
    [entry] = [e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == keep_dashboard_facts.name]
    assert (entry["schedule"].hour, entry["schedule"].minute) == ({0}, {5})


def test_rows_kept_before_any_bulk_write_are_fresh(district):
    district(6)
    KeptFactsEpoch.objects.all().delete()  # a database no bulk write has touched since its migration
    kept.keep(YEAR, active())
    assert stale_ids() == set()
    freshness.bump()
    assert len(stale_ids()) == active().count()


def test_a_write_while_the_facts_are_counted_leaves_its_row_stale(district, monkeypatch):
    agencies = district(10)
    target = next(a for a in agencies if a.is_active)
    counting = kept.items_by_agency

    def write_meanwhile(*args, **kwargs):
        log(target)  # committed between reading the rows' changes and storing the facts
        return counting(*args, **kwargs)

    monkeypatch.setattr(kept, "items_by_agency", write_meanwhile)
    kept.keep(YEAR, active())
    assert stale_ids() == {target.pk}
    monkeypatch.undo()
    assert kept.keep(YEAR, active()) == 1 and stale_ids() == set()
    assert figures() == independent_counts(YEAR)


def _first(agencies):
    return next(a for a in agencies if a.is_active)


def _item_of(agencies):
    return ChecklistItem.objects.filter(checklist__agency__is_active=True).select_related("checklist").first()


def _campaign(office):
    return Campaign.objects.create(
        title="宪法宣传周",
        start_date=dt.date(YEAR, 12, 1),
        end_date=dt.date(YEAR, 12, 7),
        asks="开展宪法宣传",
        office=office,
        announced_by=recorder(),
    )


def activity_logged(agencies):
    log(_first(agencies))
    return _first(agencies).pk


def activity_deleted(agencies):
    found = Activity.objects.filter(agency=_first(agencies), deleted_at__isnull=True).first()
    activity_services.activity_delete(activity=found, deleted_by=recorder())
    return _first(agencies).pk


def checklist_status(agencies):
    checklist = Checklist.objects.filter(agency=_first(agencies)).first()
    checklist.status = "draft"
    checklist.save()
    return _first(agencies).pk


def item_changed(agencies):
    item = ChecklistItem.objects.get(pk=_item_of(agencies).pk)  # without its checklist loaded
    item.goal = "新目标"
    item.save()
    return _item_of(agencies).checklist.agency_id


def item_deleted(agencies):
    ChecklistItem.objects.get(pk=_item_of(agencies).pk).delete()
    return _item_of(agencies).checklist.agency_id


def item_laws(agencies):
    item = _item_of(agencies)
    item.laws.add(Law.objects.create(title="新法"))
    return item.checklist.agency_id


def law_items(agencies):
    item = _item_of(agencies)
    Law.objects.create(title="新法").checklist_items.add(item)
    return item.checklist.agency_id


def power_list(agencies):
    _first(agencies).laws.clear()
    return _first(agencies).pk


def law_agencies(agencies):
    Law.objects.create(title="新法").agencies.add(_first(agencies))
    return _first(agencies).pk


def agency_saved(agencies):
    Agency.objects.get(pk=_first(agencies).pk).save()
    return _first(agencies).pk


def asked_in_a_campaign(agencies):
    CampaignAgency.objects.create(campaign=_campaign(_first(agencies).filing_office), agency=_first(agencies))
    return None  # the campaign's own save first: every agency's rows


def study_minimum(agencies):
    cycle = AnnualCycle.objects.get(year=YEAR)
    cycle.study_minimum += 1
    cycle.save()
    return None


def law_removed(agencies):
    Law.objects.filter(agencies=_first(agencies)).first().delete()
    return None


def bulk_write(agencies):
    freshness.bump()
    return None


WRITES = [
    activity_logged,
    activity_deleted,
    checklist_status,
    item_changed,
    item_deleted,
    item_laws,
    law_items,
    power_list,
    law_agencies,
    agency_saved,
    asked_in_a_campaign,
    study_minimum,
    law_removed,
    bulk_write,
]


@pytest.mark.parametrize("write", WRITES, ids=lambda write: write.__name__)
def test_each_write_to_an_agencys_facts_makes_its_rows_stale_and_no_others(district, write):
    agencies = district(10)
    kept.keep(YEAR, active())
    assert stale_ids() == set()
    whose = write(agencies)
    assert stale_ids() == (set(active().values_list("pk", flat=True)) if whose is None else {whose})


def test_an_agency_asked_in_a_campaign_is_counted_again(district):
    agencies = district(10)
    campaign = _campaign(_first(agencies).filing_office)
    kept.keep(YEAR, active())
    CampaignAgency.objects.create(campaign=campaign, agency=_first(agencies))
    assert stale_ids() == {_first(agencies).pk}
    assert figures() == independent_counts(YEAR)


ACTIONS = st.tuples(
    st.sampled_from(["log", "delete", "keep", "approve", "draft"]),
    st.integers(min_value=0, max_value=11),  # which agency
    st.sampled_from([T.PARTY_GROUP_STUDY, T.LAW_LECTURE, T.OPEN_DAY]),
    st.integers(min_value=1, max_value=12),  # month
)


@pytest.mark.django_db
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(ACTIONS, max_size=10))
def test_any_writes_between_keeping_leave_the_board_equal_to_the_raw_count(bureau_office, town_office, steps):
    with transaction.atomic():
        agencies = [a for a in build_district(12, bureau_office, town_office) if a.is_active]
        kept.keep(YEAR, active())
        for action, which, kind, month in steps:
            agency = agencies[which % len(agencies)]
            if action == "log":
                log(agency, kind, month)
            elif action == "delete":
                found = Activity.objects.filter(agency=agency, deleted_at__isnull=True).first()
                if found is not None:
                    activity_services.activity_delete(activity=found, deleted_by=recorder())
            elif action == "keep":
                kept.keep(YEAR, active())
            else:
                # (a checklist with items: an empty one is never submitted, let alone approved)
                checklist = Checklist.objects.filter(agency=agency, year=YEAR, items__isnull=False).first()
                if checklist is not None:
                    checklist.status = "approved" if action == "approve" else "draft"
                    checklist.save()
        assert figures() == independent_counts(YEAR)
        transaction.set_rollback(True)


def test_the_management_command_keeps_after_a_bulk_load(district):
    from django.core.management import call_command

    district(8)
    call_command("keep_dashboard_facts", "--year", str(YEAR))
    assert stale_ids() == set()
