"""The dashboard's figures are cached until the data changes, per set of agencies a user may see."""

import datetime as dt
import re

import time_machine
from django.urls import reverse
from django.utils import timezone

from agencies import freshness
from assessment.dashboard import selectors as dashboards
from assessment.tasks import recount_dashboard
from checklists.models import Checklist

from ..activity_rows import logged_activity

URL = reverse("assessment:dashboard")


def activities_shown(client, year=2026):
    return client.get(URL, {"year": year}).context["board"].activities_total


def log_a_lecture(agency, staff):
    """One 2026 law lecture of ``agency``: a change every dashboard of its scope shows."""
    logged_activity(
        agency=agency,
        created_by=staff,
        activity_type="law_lecture",
        title="讲座",
        start_date=dt.date(2026, 5, 1),
        people_reached=30,
    )


def test_a_new_activity_shows_at_once_although_the_figures_are_cached(login, leader, staff_a, agency_a):
    leadership = login(leader)
    assert activities_shown(leadership) == 0
    version = freshness.version()
    assert activities_shown(leadership) == 0  # read back from the cache
    log_a_lecture(agency_a, staff_a)
    assert freshness.version() != version
    assert activities_shown(leadership) == 1


def test_an_approval_changes_the_filing_figures(login, leader, staff_a, agency_a):
    leadership = login(leader)
    checklist = Checklist.objects.create(
        agency=agency_a,
        year=2026,
        status="submitted",
        created_by=staff_a,
        first_submitted_at=dt.datetime(2026, 2, 1, tzinfo=dt.UTC),
    )
    board = leadership.get(URL, {"year": 2026}).context["board"]
    assert board.figure("status:submitted").value == 1
    checklist.status = "approved"
    checklist.save(update_fields=["status"])
    board = leadership.get(URL, {"year": 2026}).context["board"]
    assert board.figure("status:submitted").value == 0 and board.figure("status:approved").value == 1


def test_each_scope_has_its_own_figures(login, leader, town_reviewer, agency_a, agency_town):
    assert login(leader).get(URL, {"year": 2026}).context["board"].everyone.value == 3  # A, its parent, the town agency
    assert login(town_reviewer).get(URL, {"year": 2026}).context["board"].everyone.value == 1


def log_activity(agency, user, title="讲座"):
    return logged_activity(
        agency=agency,
        created_by=user,
        activity_type="law_lecture",
        title=title,
        start_date=dt.date(2026, 5, 1),
        people_reached=30,
    )


def test_a_province_sized_scope_shows_the_last_figures_while_a_worker_counts_again(
    settings, login, leader, staff_a, agency_a, django_capture_on_commit_callbacks
):
    settings.PUFFA_DASHBOARD_RECOUNT_LATER_FROM = 2  # the leader's two agencies (A and its parent) are a province here
    leadership = login(leader)
    recount_dashboard(2026, leader.pk, "zh-hans")  # the worker's first count
    assert activities_shown(leadership) == 0
    log_activity(agency_a, staff_a)
    with django_capture_on_commit_callbacks() as asked:
        response = leadership.get(URL, {"year": 2026})
    board = response.context["board"]
    assert board.stale and board.activities_total == 0
    assert "以下数据统计于" in response.text and "最新的变动正在统计" in response.text
    assert len(asked) == 1  # a worker is asked to count again, once
    with django_capture_on_commit_callbacks() as asked_again:
        assert leadership.get(reverse("home")).status_code == 200
    assert asked_again == []
    log_activity(agency_a, staff_a, "第二场讲座")  # before the worker starts: its count has it
    recount_dashboard(2026, leader.pk, "zh-hans")  # what the worker runs
    board = leadership.get(URL, {"year": 2026}).context["board"]
    assert not board.stale and board.activities_total == 2
    log_activity(agency_a, staff_a, "第三场讲座")
    with django_capture_on_commit_callbacks() as asked_after:  # the worker is done: the next change asks again
        assert leadership.get(URL, {"year": 2026}).context["board"].stale
    assert len(asked_after) == 1


def test_figures_counted_over_ten_minutes_ago_are_not_shown_for_a_changed_year(
    settings, login, leader, staff_a, agency_a, django_capture_on_commit_callbacks
):
    settings.PUFFA_DASHBOARD_RECOUNT_LATER_FROM = 2
    leadership = login(leader)
    with time_machine.travel(dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)):
        recount_dashboard(2026, leader.pk, "zh-hans")
    log_activity(agency_a, staff_a)
    later = dt.datetime(2026, 11, 2, 9, 11, tzinfo=dt.UTC)
    with time_machine.travel(later), django_capture_on_commit_callbacks() as asked:
        board = leadership.get(URL, {"year": 2026}).context["board"]
    assert board.counting and not board.stale and board.activities_total == 0  # nothing shown rather than old
    assert len(asked) == 1
    recount_dashboard(2026, leader.pk, "zh-hans")
    assert activities_shown(leadership) == 1


def test_counting_again_shows_how_far_it_has_come_by_the_last_count(
    settings, login, leader, staff_a, agency_a, django_capture_on_commit_callbacks
):
    settings.PUFFA_DASHBOARD_RECOUNT_LATER_FROM = 2
    leadership = login(leader)
    first = leadership.get(URL, {"year": 2026})  # a first count ever: nothing to judge progress by
    assert first.context["board"].counting and first.context["progress"] is None
    assert "<progress" not in first.text and "上次统计用时" not in first.text
    with time_machine.travel(dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)):
        recount_dashboard(2026, leader.pk, "zh-hans")
    log_activity(agency_a, staff_a)
    with time_machine.travel(dt.datetime(2026, 11, 2, 9, 11, tzinfo=dt.UTC)):  # last figures too old to show
        again = leadership.get(URL, {"year": 2026})
    assert again.context["board"].counting
    # The test's count took well under a second: counted as one, none of it gone yet.
    assert '<progress class="d-block w-100 mt-2" max="100" value="0"' in again.text
    assert "上次统计用时约 1 秒，预计还需约 1 秒。" in again.text


def test_progress_is_the_share_of_the_last_counts_time_and_never_done_before_the_figures():
    since = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)
    board = dashboards.Dashboard(year=2026, study_minimum=2, counting_since=since, counting_took=40.4)
    assert board.progress(since + dt.timedelta(seconds=10)) == dashboards.Progress(took=40, percent=25, left=30)
    assert board.progress(since + dt.timedelta(seconds=39)) == dashboards.Progress(took=40, percent=95, left=1)
    assert board.progress(since + dt.timedelta(minutes=5)) == dashboards.Progress(took=40, percent=95, left=0)
    assert dashboards.Dashboard(year=2026, study_minimum=2, counting_since=since).progress(since) is None


def test_a_province_with_no_figures_yet_is_counted_by_a_worker_while_every_page_says_so(
    settings, login, leader, staff_a, agency_a, django_capture_on_commit_callbacks
):
    settings.PUFFA_DASHBOARD_RECOUNT_LATER_FROM = 2  # the leader's two agencies stand for a province
    log_activity(agency_a, staff_a)
    leadership = login(leader)
    with django_capture_on_commit_callbacks() as asked:
        response = leadership.get(URL, {"year": 2026})  # the first visit after a deployment: no figures
    board = response.context["board"]
    assert response.status_code == 200 and board.counting
    since = timezone.localtime(board.counting_since).strftime("%H:%M:%S")
    assert "正在统计…" in response.text and f"2026年的数据正在统计中，自 {since} 开始" in response.text
    assert '<meta http-equiv="refresh" content="5">' in response.text
    assert len(asked) == 1  # a worker is asked to count, once
    drill = reverse("assessment:dashboard_agencies")
    with django_capture_on_commit_callbacks() as asked_again:
        pages = [
            leadership.get(URL, {"year": 2026}),
            leadership.get(drill, {"year": 2026, "figure": "all"}),
            # An export answers the same page rather than a file of empty figures; it downloads once counted.
            leadership.get(reverse("assessment:dashboard_export", args=["months"]), {"year": 2026}),
            leadership.get(reverse("assessment:dashboard_export", args=["ranking"]), {"year": 2026}),
        ]
        home = leadership.get(reverse("home"))
    assert asked_again == []
    assert all(page.status_code == 200 and "正在统计…" in page.text for page in [*pages, home])
    assert all(page["Content-Type"].startswith("text/html") for page in pages)

    recount_dashboard(2026, leader.pk, "zh-hans")  # what the worker runs

    board = leadership.get(URL, {"year": 2026}).context["board"]
    assert not board.counting and board.activities_total == 1
    assert leadership.get(drill, {"year": 2026, "figure": "all"}).context["count"] == 2
    export = leadership.get(reverse("assessment:dashboard_export", args=["months"]), {"year": 2026})
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_a_district_sized_scope_is_counted_again_at_once(
    login, leader, staff_a, agency_a, django_capture_on_commit_callbacks
):
    leadership = login(leader)
    assert activities_shown(leadership) == 0
    log_activity(agency_a, staff_a)
    with django_capture_on_commit_callbacks() as asked:
        assert activities_shown(leadership) == 1
    assert asked == []


def without_tokens(page: str) -> str:
    """The page but for its forms' tokens, which differ each time."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page)


def sections_drawn(response) -> bool:
    return "assessment/_dashboard_sections.html" in [t.name for t in response.templates]


def test_the_charts_and_tables_are_drawn_once_per_board_and_language(login, leader, town_reviewer, staff_a, agency_a):
    leadership = login(leader)
    first = leadership.get(URL, {"year": 2026})
    assert sections_drawn(first)
    again = leadership.get(URL, {"year": 2026})
    assert not sections_drawn(again) and without_tokens(again.text) == without_tokens(first.text)
    assert sections_drawn(login(town_reviewer).get(URL, {"year": 2026}))  # another scope: its own
    leadership.post(reverse("set_language"), {"language": "en", "next": URL})
    english = leadership.get(URL, {"year": 2026})
    assert "各月履职活动" in first.text
    assert sections_drawn(english) and "Activities by month" in english.text and "各月履职活动" not in english.text
    log_a_lecture(agency_a, staff_a)
    changed = leadership.get(URL, {"year": 2026})
    assert sections_drawn(changed) and changed.context["board"].activities_total == 1
