"""The leadership dashboard: every figure equals an independent count of the same rows, drills down to exactly
the agencies behind it, and costs a number of queries that does not grow with agencies or activities."""

import datetime as dt
import io
import pickle
import re
from urllib.parse import unquote

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Q, Sum
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from activities import summaries
from activities.models import Activity
from agencies.models import Agency, AnnualCycle, FilingOffice, Law
from agencies.vocabulary import STUDY_MINIMUM_TYPES, Duty, types_of_duty
from agencies.vocabulary import ActivityType as T
from assessment import rules, services
from assessment.dashboard import members
from assessment.dashboard import selectors as dashboard
from assessment.models import Finding, Grade, Inspection, Light, Result
from checklists.models import Checklist, ChecklistItem

from .conftest import YEAR, at, recorder

URL = reverse("assessment:dashboard")
TYPES = [choice for choice, _label in Agency.Type.choices]


def build_district(count, bureau_office, town_office, prefix="单位"):
    """``count`` agencies with every kind of filing, checklist, amendment and activity, made in bulk."""
    agencies = Agency.objects.bulk_create(
        Agency(
            name=f"{prefix}{i:04d}",
            agency_type=TYPES[i % len(TYPES)],
            level="town" if i % 5 == 0 else "district",
            filing_office=town_office if i % 5 == 0 else bureau_office,
            subject_to_study_minimum=i % 3 != 0,
            is_active=i % 50 != 1,
        )
        for i in range(count)
    )
    statuses = {0: "approved", 1: "submitted", 2: "draft", 4: "returned", 5: "approved"}
    on_time, late = at(YEAR, 2, 28, 23, 59, 59), at(YEAR, 3, 1, 0, 0, 0)
    firsts = Checklist.objects.bulk_create(
        Checklist(
            agency=agency,
            year=YEAR,
            revision=1,
            status=statuses[i % 6],
            first_submitted_at=None if i % 6 == 2 else (on_time if i % 6 in (0, 4) else late),
        )
        for i, agency in enumerate(agencies)
        if i % 6 != 3
    )
    by_agency = {checklist.agency_id: checklist for checklist in firsts}
    items = {}
    new_items = []
    for i, agency in enumerate(agencies):
        checklist = by_agency.get(agency.pk)
        if checklist is None or checklist.status != "approved":
            continue
        pair = [
            ChecklistItem(
                checklist=checklist,
                content="宣传",
                responsible_office="法规科",
                contact_person="张三",
                start_date=dt.date(YEAR, 3, 1),
                end_date=dt.date(YEAR, 12, 31),
                goal="目标",
                target_activities=1,
                target_people=0,
            ),
            ChecklistItem(
                checklist=checklist,
                content="释法",
                responsible_office="执法科",
                contact_person="李四",
                start_date=dt.date(YEAR, 3, 1),
                end_date=dt.date(YEAR, 12, 31),
                goal="目标",
                target_activities=2 if i % 4 else 1,
                target_people=100,
            ),
        ]
        items[agency.pk] = pair
        new_items += pair
    ChecklistItem.objects.bulk_create(new_items)
    amended = []
    for i, agency in enumerate(agencies):
        if i % 12 == 11 and agency.pk in items:  # an approved amendment raising the first item's target
            second = Checklist.objects.create(
                agency=agency, year=YEAR, revision=2, status="approved", based_on=by_agency[agency.pk]
            )
            first, other = items[agency.pk]
            amended += [
                ChecklistItem(
                    checklist=second,
                    key=first.key,
                    content="宣传",
                    responsible_office="法规科",
                    contact_person="张三",
                    start_date=dt.date(YEAR, 3, 1),
                    end_date=dt.date(YEAR, 12, 31),
                    goal="目标",
                    target_activities=3,
                    target_people=0,
                ),
                ChecklistItem(
                    checklist=second,
                    key=other.key,
                    content="释法",
                    responsible_office="执法科",
                    contact_person="李四",
                    start_date=dt.date(YEAR, 3, 1),
                    end_date=dt.date(YEAR, 12, 31),
                    goal="目标",
                    target_activities=1,
                    target_people=100,
                ),
            ]
    ChecklistItem.objects.bulk_create(amended)
    user = recorder()
    activities = []

    def activity(agency, kind, month, people=0, item=None, year=YEAR, deleted=False):
        activities.append(
            Activity(
                agency=agency,
                activity_type=kind,
                title="活动",
                start_date=dt.date(year, month, 10),
                year=year,
                people_reached=people,
                checklist_item=item,
                created_by=user,
                deleted_at=at(YEAR, 12, 1) if deleted else None,
            )
        )

    for i, agency in enumerate(agencies):
        pair = items.get(agency.pk, [None, None])
        for _ in range(i % 4):
            activity(agency, T.PARTY_GROUP_STUDY, i % 12 + 1)
        activity(agency, T.OPEN_DAY, (i + 3) % 12 + 1, people=50 * (i % 7), item=pair[0])
        if i % 2:
            activity(agency, T.CASE_EXPLANATION, (i + 5) % 12 + 1, people=100, item=pair[1])
        if i % 3 == 0:
            activity(agency, T.NEW_MEDIA_POST, 12, people=1000)
            activity(agency, T.LAW_LECTURE, 6)
        if i % 5 == 0:
            activity(agency, T.SIX_PLACES, 4, people=300, deleted=True)
        if i % 7 == 0:
            activity(agency, T.LAW_LECTURE, 11, year=YEAR - 1)
    Activity.objects.bulk_create(activities)
    summaries.rebuild()  # written in bulk, as seed_scale does
    # Power lists (权力清单): two of every three agencies enforce two laws; the first items name the first law, an
    # approved amendment's first item both.
    laws = [Law.objects.create(title=f"{prefix}执法依据{n}") for n in range(2)]
    Agency.laws.through.objects.bulk_create(
        Agency.laws.through(agency=agency, law=law) for i, agency in enumerate(agencies) if i % 3 != 2 for law in laws
    )
    named = [(pair[0], laws[0]) for pair in items.values()] + [(row, law) for row in amended[::2] for law in laws]
    ChecklistItem.laws.through.objects.bulk_create(
        ChecklistItem.laws.through(checklistitem=row, law=law) for row, law in named
    )
    return agencies


def independent_counts(year):
    """The same figures, counted straight from the rows with plain queries and loops."""
    active = Agency.objects.filter(is_active=True)
    late_from = AnnualCycle.objects.get(year=year).late_from
    rev1 = Checklist.objects.filter(year=year, revision=1, agency__in=active)
    live = Activity.objects.filter(year=year, deleted_at__isnull=True, agency__in=active)
    expected = {
        "all": active.count(),
        "filing:on_time": rev1.filter(first_submitted_at__lt=late_from).count(),
        "filing:late": rev1.filter(first_submitted_at__gte=late_from).count(),
        "filing:none": active.count() - rev1.filter(first_submitted_at__isnull=False).count(),
        "status:none": active.exclude(pk__in=rev1.values("agency")).count(),
    }
    for status in Checklist.Status.values:
        expected[f"status:{status}"] = rev1.filter(status=status).count()
    minimum = AnnualCycle.objects.get(year=year).study_minimum
    sessions = active.filter(subject_to_study_minimum=True).annotate(
        n=Count(
            "activities",
            filter=Q(
                activities__year=year,
                activities__deleted_at__isnull=True,
                activities__activity_type__in=STUDY_MINIMUM_TYPES,
            ),
        )
    )
    expected["study:met"] = sessions.filter(n__gte=minimum).count()
    expected["study:unmet"] = sessions.filter(n__lt=minimum).count()
    for month in range(1, 13):
        expected[f"month:{month}"] = live.filter(start_date__month=month).count()
    for duty in Duty:
        expected[f"duty:{duty}"] = live.filter(activity_type__in=types_of_duty(duty)).count()
        expected[f"people:{duty}"] = (
            live.filter(activity_type__in=types_of_duty(duty)).aggregate(n=Sum("people_reached"))["n"] or 0
        )
    bands = {"items:all": 0, "items:part": 0, "items:none": 0, "items:no_checklist": 0}
    for agency in active:
        latest = agency.checklists.filter(year=year, status="approved").order_by("-revision").first()
        if latest is None:
            bands["items:no_checklist"] += 1
            continue
        met = 0
        for item in latest.items.all():
            linked = live.filter(checklist_item__key=item.key)
            done, people = linked.count(), linked.aggregate(n=Sum("people_reached"))["n"] or 0
            if (
                (item.target_activities or item.target_people)
                and done >= item.target_activities
                and people >= item.target_people
            ):
                met += 1
            elif not (item.target_activities or item.target_people) and done:
                met += 1
        total = latest.items.count()
        bands["items:all" if met == total else "items:none" if met == 0 else "items:part"] += 1
    expected.update(bands)
    results = Result.objects.filter(rubric__cycle__year=year, agency__in=active)
    for grade in Grade.values:
        expected[f"grade:{grade}"] = results.filter(grade=grade).count()
    expected["grade:none"] = active.count() - results.count()
    for light in Light.values:
        expected[f"light:{light}"] = results.filter(light=light).count()
    expected["ranking"] = results.count()
    for office in {a.filing_office for a in active.select_related("filing_office")}:
        mine = rev1.filter(agency__filing_office=office)
        key = f"office:{office.pk}"
        expected[f"{key}:all"] = active.filter(filing_office=office).count()
        expected[f"{key}:on_time"] = mine.filter(first_submitted_at__lt=late_from).count()
        expected[f"{key}:late"] = mine.filter(first_submitted_at__gte=late_from).count()
        expected[f"{key}:none"] = expected[f"{key}:all"] - mine.filter(first_submitted_at__isnull=False).count()
        expected[f"{key}:approved"] = mine.filter(status="approved").count()
    from django.utils import timezone

    from assessment.models import Finding

    expected["coverage:full"] = expected["coverage:gaps"] = 0
    for agency in active.filter(laws__isnull=False).distinct():
        counted = agency.checklists.filter(year=year, status="approved").order_by("-revision").first()
        counted = counted or agency.checklists.filter(year=year, revision=1, status="submitted").first()
        named = set(Law.objects.filter(checklist_items__checklist=counted)) if counted else set()
        expected["coverage:full" if set(agency.laws.all()) <= named else "coverage:gaps"] += 1
    expected["rectification:overdue"] = (
        Finding.objects.filter(requires_rectification=True, deadline__lt=timezone.localdate(), agency__in=active)
        .exclude(status=Finding.Status.ACCEPTED)
        .count()
    )
    from activities.models import CampaignAgency

    asked = set(CampaignAgency.objects.filter(campaign__year=year, agency__in=active).values_list("agency", flat=True))
    took_part = set(
        Activity.objects.filter(campaign__year=year, deleted_at__isnull=True, start_date__lte=timezone.localdate())
        .filter(agency__in=asked)
        .values_list("agency", flat=True)
    )
    expected["campaign:took_part"] = len(took_part)
    expected["campaign:not_yet"] = len(asked - took_part)
    return expected


@pytest.fixture
def district(bureau_office, town_office, db):
    def make(count, prefix="单位"):
        agencies = build_district(count, bureau_office, town_office, prefix)
        services.scoring_run_now(rubric=services.rubric_for_year(year=YEAR), user=recorder())
        return agencies

    return make


def test_every_figure_equals_an_independent_count(login, leader, district):
    district(60)
    board = login(leader).get(URL, {"year": YEAR}).context["board"]
    expected = independent_counts(YEAR)
    shown = {figure.key: figure.value for figure in board.figures()}
    assert shown == expected
    active = Agency.objects.filter(is_active=True)
    for figure in board.figures():  # each figure's drill-down (in SQL) finds exactly the agencies behind it
        found = dict(members.of_figure(YEAR, active, figure.key, rubric_id=board.rubric_id).lines())
        assert (sum(found.values()) if figure.measure else len(found)) == figure.value, figure.key
        if figure.measure:
            assert all(part > 0 for part in found.values()), figure.key
    assert board.activities_total == sum(expected[f"duty:{d}"] for d in Duty)
    assert board.people_total == sum(expected[f"people:{d}"] for d in Duty)
    assert expected["filing:late"] > 0 and expected["items:part"] + expected["items:all"] > 0  # the cases exist


def test_the_items_met_headline_equals_the_scoring(login, leader, district):
    district(24)
    board = login(leader).get(URL, {"year": YEAR}).context["board"]
    weight = services.rubric_for_year(year=YEAR).indicators.get(code=rules.ITEMS_CARRIED_OUT).weight
    active = Agency.objects.filter(is_active=True)
    for row in dashboard.rows_of(board, active, active.values_list("pk", flat=True)):
        if row.facts.items_total:
            expected = rules.one_decimal(weight * row.facts.items_met / row.facts.items_total)
            assert row.agency.assessment_scores.get(indicator__code=rules.ITEMS_CARRIED_OUT).computed == expected


def test_late_drills_down_to_exactly_the_late_agencies(login, leader, district):
    district(30)
    late_from = AnnualCycle.objects.get(year=YEAR).late_from
    late = set(
        Checklist.objects.filter(
            year=YEAR, revision=1, first_submitted_at__gte=late_from, agency__is_active=True
        ).values_list("agency__name", flat=True)
    )
    client = login(leader)
    page = client.get(URL, {"year": YEAR})
    drill = f"{reverse('assessment:dashboard_agencies')}?year={YEAR}&amp;figure=filing%3Alate"
    assert drill in page.text
    response = client.get(reverse("assessment:dashboard_agencies"), {"year": YEAR, "figure": "filing:late"})
    assert response.status_code == 200
    assert {row.agency.name for row, _part in response.context["lines"]} == late
    for name in late:
        assert name in response.text
    export = client.get(
        reverse("assessment:dashboard_export", args=["agencies"]), {"year": YEAR, "figure": "filing:late"}
    )
    rows = list(load_workbook(io.BytesIO(b"".join(export.streaming_content))).active.values)
    assert {row[0] for row in rows[1:]} == late


def test_a_month_drills_down_to_each_agencys_part(login, leader, district):
    district(20)
    response = login(leader).get(reverse("assessment:dashboard_agencies"), {"year": YEAR, "figure": "month:4"})
    figure = response.context["figure"]
    live = Activity.objects.filter(year=YEAR, deleted_at__isnull=True, start_date__month=4, agency__is_active=True)
    per_agency = dict(live.values("agency__name").annotate(n=Count("pk")).values_list("agency__name", "n"))
    assert figure.value == sum(per_agency.values())
    assert {row.agency.name: part for row, part in response.context["lines"]} == per_agency


@pytest.mark.parametrize("count", [10, 300])
def test_the_dashboard_query_count_does_not_grow(login, leader, district, count, django_assert_num_queries):
    district(count)
    client = login(leader)
    # 1. the session
    # 2. the user
    # 3. the opened years' cycles (the year guard and the year selector)
    # 4. the active agencies counted (a few: counted now, not by a worker)
    # 5. its rubric
    # 6. the agencies counted per filing office, by their first revision's status and filing timing, their
    #    results and overdue rectifications
    # 7. the fresh kept facts' figures (assessment.dashboard.kept: none kept yet)
    # 8. the agencies with no fresh kept facts (all of them, counted from the raw rows)
    # 9. their figures counted over each agency's facts (study, coverage, campaigns: assessment.dashboard.members)
    # 10. activities per checklist item
    # 11. the approved checklists' items with their targets
    # 12. the months', duties' and people's figures (the summaries)
    # 13. the ranking's first ten with their agency, each with how many agencies hold its rank (a window)
    # 14. the year's accountability measures counted (results use)
    # 15. the year's commendations counted
    # 16. the unread-notification count in the navigation bar
    with django_assert_num_queries(16):
        response = client.get(URL, {"year": YEAR})
    assert response.context["board"].everyone.value == Agency.objects.filter(is_active=True).count()
    # A drill-down: the board comes from the cache the dashboard filled (its figure's number is the page count);
    # then for its page of agencies only:
    # 1. the session
    # 2. the user
    # 3. the opened years' cycles (the year guard)
    # 4. the figure's agencies on the page (assessment.dashboard.members)
    # 5. the page's results
    # 6. the page's agencies with their office
    # 7. their first revisions
    # 8. activities per checklist item
    # 9. the approved checklists' items with their targets
    # 10. activities and people per agency and duty (the summaries, and this month's held study activities)
    # 11. activities per agency and month (the summaries)
    # 12. the filed archives
    # 13. the unread-notification count in the navigation bar
    with django_assert_num_queries(13):
        assert (
            client.get(reverse("assessment:dashboard_agencies"), {"year": YEAR, "figure": "ranking"}).status_code == 200
        )
    with django_assert_num_queries(13):  # the same thirteen for another figure's second page
        drill = client.get(reverse("assessment:dashboard_agencies"), {"year": YEAR, "figure": "all", "page": 2})
    assert drill.status_code == 200
    # A figure adding up activities counts its agencies as well (its number is not theirs): the same and
    # 14. the agencies with activities in the month
    with django_assert_num_queries(14):
        drill = client.get(reverse("assessment:dashboard_agencies"), {"year": YEAR, "figure": "month:4"})
    assert drill.status_code == 200


def test_a_figure_of_many_agencies_drills_down_a_page_at_a_time(login, leader, district):
    district(300)
    client = login(leader)
    drill = reverse("assessment:dashboard_agencies")
    first = client.get(drill, {"year": YEAR, "figure": "ranking"})
    second = client.get(drill, {"year": YEAR, "figure": "ranking", "page": 2})
    ranked = list(
        Result.objects.filter(rubric__cycle__year=YEAR, agency__is_active=True)
        .order_by("rank_district", "agency__name")
        .values_list("agency__name", flat=True)
    )
    shown = [row.agency.name for row, _part in first.context["lines"] + second.context["lines"]]
    assert len(first.context["lines"]) == 50 and shown == ranked[:100]
    assert f"{len(ranked)} 个单位" in first.text and "第 2 页，共 6 页" in second.text


def test_a_warm_dashboard_counts_nothing_again_and_a_drill_down_counts_only_its_page(login, leader, district):
    district(300)
    client = login(leader)
    client.get(URL, {"year": YEAR})  # counts the year and keeps the figures
    with CaptureQueriesContext(connection) as warm:
        assert client.get(URL, {"year": YEAR}).status_code == 200
    assert not [q for q in warm.captured_queries if "activities_activity" in q["sql"]]
    with CaptureQueriesContext(connection) as drill:
        page = client.get(reverse("assessment:dashboard_agencies"), {"year": YEAR, "figure": "status:approved"})
    counted = [q["sql"] for q in drill.captured_queries if "activities_activity" in q["sql"]]
    assert counted and all(" IN (" in sql for sql in counted)  # the page's agencies, not the district
    assert len(page.context["lines"]) == min(50, page.context["board"].figure("status:approved").value)


def test_the_cache_keeps_plain_figures_and_no_agency_lists(login, leader, district):
    district(30)
    client = login(leader)
    board = client.get(URL, {"year": YEAR}).context["board"]
    assert pickle.loads(pickle.dumps(board)) == board  # read back, the same figures and office lines
    # The locmem store keeps each value pickled: no model instance, no list of a figure's agencies.
    stored = {key: value for key, value in cache._cache.items() if ":dashboard:" in key}  # noqa: SLF001
    assert stored and not any(key.endswith(":members") for key in stored)
    for value in stored.values():
        assert not any(module in value for module in (b"django.db.models", b"agencies.models", b"assessment.models"))
    late_from = AnnualCycle.objects.get(year=YEAR).late_from
    late = set(
        Checklist.objects.filter(
            year=YEAR, revision=1, first_submitted_at__gte=late_from, agency__is_active=True
        ).values_list("agency__name", flat=True)
    )
    response = client.get(reverse("assessment:dashboard_agencies"), {"year": YEAR, "figure": "filing:late"})
    assert {row.agency.name for row, _part in response.context["lines"]} == late


def test_the_charts_are_inline_svg_with_no_script(login, leader, district):
    district(12)
    text = login(leader).get(URL, {"year": YEAR}).text
    assert text.count("<svg") == 8
    assert "<script>" not in text and "http://" not in text.replace('xmlns="http://www.w3.org/2000/svg"', "")


@pytest.mark.parametrize(
    "table",
    ["filing_status", "filing_timing", "offices", "study", "months", "duties", "people", "items", "grades", "ranking"],
)
def test_every_table_exports_to_a_workbook(login, leader, district, table):
    district(12)
    response = login(leader).get(reverse("assessment:dashboard_export", args=[table]), {"year": YEAR})
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)
    assert len(rows) > 1


def test_a_reviewer_sees_the_agencies_of_the_office_only(login, town_reviewer, district):
    district(20)
    client = login(town_reviewer)
    assert client.get(URL, {"year": YEAR}).status_code == 200
    drill = client.get(reverse("assessment:dashboard_agencies"), {"year": YEAR, "figure": "all"})
    town = Agency.objects.filter(is_active=True, filing_office=town_reviewer.filing_office)
    assert {row.agency.pk for row, _part in drill.context["lines"]} == set(town.values_list("pk", flat=True))


def test_staff_are_refused_and_anonymous_users_sent_to_log_in(login, staff_a, client, db):
    assert login(staff_a).get(URL).status_code == 403
    assert login(staff_a).get(reverse("assessment:dashboard_agencies"), {"figure": "all"}).status_code == 403
    assert login(staff_a).get(reverse("assessment:dashboard_export", args=["ranking"])).status_code == 403
    assert client.get(URL).status_code == 302


def test_an_unknown_figure_or_table_answers_404(login, leader, db):
    assert login(leader).get(reverse("assessment:dashboard_agencies"), {"figure": "nothing"}).status_code == 404
    assert login(leader).get(reverse("assessment:dashboard_export", args=["nothing"])).status_code == 404
    assert login(leader).get(URL, {"year": "abc"}).status_code == 404


def test_of_many_filing_offices_the_dashboard_shows_those_furthest_behind(login, leader, db):
    offices = FilingOffice.objects.bulk_create(
        FilingOffice(name=f"司法所{i:02d}", kind=FilingOffice.Kind.TOWN_OFFICE, sort_order=i) for i in range(25)
    )
    # office i has i agencies, none of which has filed: office 24 is furthest behind, office 0 has none
    Agency.objects.bulk_create(
        Agency(name=f"所{i:02d}单位{j:02d}", agency_type="town", level="town", filing_office=office)
        for i, office in enumerate(offices)
        for j in range(i)
    )
    response = login(leader).get(URL, {"year": YEAR})
    shown = [line.office.name for line in response.context["office_lines"]]
    assert shown == [f"司法所{i:02d}" for i in range(24, 4, -1)]
    assert "共 24 个备案机关，此处列出未报送单位最多的 20 个" in response.text
    export = login(leader).get(reverse("assessment:dashboard_export", args=["offices"]), {"year": YEAR})
    rows = list(load_workbook(io.BytesIO(b"".join(export.streaming_content))).active.values)
    assert len(rows) == 1 + 24  # every office with an agency


def test_postgresql_runs_without_jit_compilation(db):
    # The dashboard's count spent longer compiling its queries than running them (BENCHMARKS.md): settings turn
    # PostgreSQL's JIT off for every connection.
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL setting")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


def download_name(response) -> str:
    """The file name a browser saves an export as (``filename*=UTF-8''…``)."""
    return unquote(re.search(r"filename\*=UTF-8''(\S+)", response["Content-Disposition"]).group(1))


def workbook_of(response):
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def test_an_office_figure_names_its_office_on_the_page_and_in_the_export(login, leader, district, town_office):
    district(20)
    client = login(leader)
    key = f"office:{town_office.pk}:approved"
    assert f"figure=office%3A{town_office.pk}%3Aapproved" in client.get(URL, {"year": YEAR}).text
    page = client.get(reverse("assessment:dashboard_agencies"), {"year": YEAR, "figure": key})
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", page.text, re.S).group(1)
    assert heading.startswith(f"薛家镇司法所 · 已通过 · {YEAR}：")
    assert f"<title>薛家镇司法所 · 已通过 · {YEAR}" in page.text
    export = client.get(reverse("assessment:dashboard_export", args=["agencies"]), {"year": YEAR, "figure": key})
    assert download_name(export) == f"薛家镇司法所 · 已通过 {YEAR}.xlsx"
    assert workbook_of(export).active.title == "薛家镇司法所 · 已通过"
    # Not filed, of the district bureau's agencies: named too.
    bureau = FilingOffice.objects.get(kind=FilingOffice.Kind.DISTRICT_BUREAU)
    page = client.get(reverse("assessment:dashboard_agencies"), {"year": YEAR, "figure": f"office:{bureau.pk}:none"})
    assert f"新北区委政法委（司法局） · 未报送 · {YEAR}：" in page.text


def card_labels(page: str) -> list[str]:
    """The labels a row's cells carry as a card at 390 px (``data-label``), of the table's first row."""
    row = re.search(r"<tbody>\s*<tr>(.*?)</tr>", page, re.S).group(1)
    return re.findall(r'data-label="([^"]*)"', row)


def test_a_figure_adding_up_a_measure_names_its_column_for_the_figure(login, leader, district):
    district(20)
    client = login(leader)
    drill, export = reverse("assessment:dashboard_agencies"), reverse("assessment:dashboard_export", args=["agencies"])
    duty = next(
        d
        for d in Duty
        if Activity.objects.filter(year=YEAR, activity_type__in=types_of_duty(d), people_reached__gt=0).exists()
    )
    for key, column, amount in (
        (f"people:{duty}", f"覆盖人数（{duty.label}）", r"覆盖 [\d,]+ 人"),
        (f"duty:{duty}", f"活动数（{duty.label}）", r"[\d,]+ 次活动"),
        ("month:4", "活动数（4月）", r"[\d,]+ 次活动"),
    ):
        page = client.get(drill, {"year": YEAR, "figure": key})
        figure = page.context["figure"]
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", page.text, re.S).group(1)
        assert re.fullmatch(rf"{re.escape(figure.label)} · {YEAR}：{amount}", heading), heading
        assert f"{figure.value:,}" in heading
        labels = card_labels(page.text)
        assert labels.count("覆盖人数") == 1 and labels.count("活动数") == 1  # the standard columns, once each
        assert column in labels and f'<th class="text-end">{column}</th>' in page.text
        header = next(workbook_of(client.get(export, {"year": YEAR, "figure": key})).active.values)
        assert header[-1] == column and list(header).count(column) == 1


def test_a_dutys_activities_and_its_people_reached_are_saved_under_names_of_their_own(login, leader, district):
    """A leader downloading both drill-downs of a duty keeps both files, each named as its page names it."""
    district(20)
    client = login(leader)
    drill, export = reverse("assessment:dashboard_agencies"), reverse("assessment:dashboard_export", args=["agencies"])
    duty = Duty.PUBLIC
    names = {}
    for key, lists, amount in ((f"duty:{duty}", "活动数", "次活动"), (f"people:{duty}", "覆盖人数", "覆盖 ")):
        page = client.get(drill, {"year": YEAR, "figure": key}).text
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S).group(1)
        title = re.search(r"<title>(.*?) · 普法责任制管理平台</title>", page).group(1)
        name = download_name(client.get(export, {"year": YEAR, "figure": key}))
        assert name == f"{lists}（{duty.label}） {YEAR}.xlsx"
        assert amount in heading and title == f"{lists}（{duty.label}） · {YEAR}"
        names[key] = name
    assert len(set(names.values())) == 2


def test_the_overdue_rectifications_drill_down_reads_as_rectifications(login, leader, district):
    agency = district(10)[0]
    inspection = Inspection.objects.create(
        held_on=dt.date(YEAR, 6, 1), kind=Inspection.Kind.ON_SITE, title="检查", recorded_by=recorder()
    )
    inspection.agencies.add(agency)
    Finding.objects.create(
        inspection=inspection,
        agency=agency,
        description="问题",
        requires_rectification=True,
        deadline=dt.date(YEAR, 7, 1),
        status=Finding.Status.PENDING,
        created_by=recorder(),
    )
    client = login(leader)
    page = client.get(reverse("assessment:dashboard_agencies"), {"year": YEAR, "figure": "rectification:overdue"})
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", page.text, re.S).group(1)
    assert heading == f"逾期未整改 · {YEAR}：1 件"
    assert "件数（逾期未整改）" in card_labels(page.text)
    export = client.get(
        reverse("assessment:dashboard_export", args=["agencies"]), {"year": YEAR, "figure": "rectification:overdue"}
    )
    rows = list(workbook_of(export).active.values)
    assert rows[0][-1] == "件数（逾期未整改）" and rows[1][0] == agency.name and rows[1][-1] == 1


def test_results_are_provisional_on_the_dashboard_until_published(login, leader, bureau_admin, district):
    district(12)
    client = login(leader)
    export = reverse("assessment:dashboard_export", args=["ranking"])
    assert download_name(client.get(export, {"year": YEAR})) == f"排名 {YEAR}（暂定）.xlsx"
    grades = reverse("assessment:dashboard_export", args=["grades"])
    assert download_name(client.get(grades, {"year": YEAR})) == f"考核等次分布 {YEAR}（暂定）.xlsx"
    agencies = reverse("assessment:dashboard_export", args=["agencies"])
    got = client.get(agencies, {"year": YEAR, "figure": "light:green"})
    assert download_name(got) == f"{Light.GREEN.label} {YEAR}（暂定）.xlsx"
    drill = reverse("assessment:dashboard_agencies")
    for key in ("ranking", "grade:excellent", "light:red"):
        page = client.get(drill, {"year": YEAR, "figure": key})
        assert "（暂定，未公布）</small></h1>" in page.text, key
        assert f"{YEAR}（暂定） · " in re.search(r"<title>(.*?)</title>", page.text).group(1), key
    # Figures not read from the results are not provisional.
    assert "暂定" not in client.get(drill, {"year": YEAR, "figure": "filing:late"}).text
    assert download_name(client.get(reverse("assessment:dashboard_export", args=["months"]), {"year": YEAR})) == (
        f"各月履职活动 {YEAR}.xlsx"
    )

    services.results_publish(rubric=services.rubric_for_year(year=YEAR), user=bureau_admin)
    assert download_name(client.get(export, {"year": YEAR})) == f"排名 {YEAR}.xlsx"
    assert "暂定" not in client.get(drill, {"year": YEAR, "figure": "ranking"}).text


def test_the_first_ten_tell_of_agencies_tied_with_the_tenth(login, leader, bureau_office, db):
    # Twelve agencies that did nothing: all tied at rank 1, of which the first ten are shown.
    Agency.objects.bulk_create(
        Agency(name=f"单位{i:02d}", agency_type=TYPES[0], filing_office=bureau_office) for i in range(12)
    )
    services.scoring_run_now(rubric=services.rubric_for_year(year=YEAR), user=recorder())
    page = login(leader).get(URL, {"year": YEAR})
    assert [line.rank for line in page.context["top"]] == [1] * 10
    assert "另有 2 家单位并列第 1 名，见完整排名。" in page.text


def test_the_first_ten_count_the_agencies_tied_with_the_tenth_as_the_results_hold_them(login, leader, district):
    district(30)
    board = login(leader).get(URL, {"year": YEAR}).context["board"]
    tenth = board.top[-1].rank
    holding = Result.objects.filter(rubric_id=board.rubric_id, agency__is_active=True, rank_district=tenth).count()
    assert board.top_tied == holding - [line.rank for line in board.top].count(tenth)
