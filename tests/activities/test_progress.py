"""Item progress: linked live activities and people reached against each item's targets, counted by item key."""

import datetime as dt

import time_machine
from django.urls import reverse
from django.utils import timezone

from activities import selectors, services
from activities.models import Activity
from agencies.models import Agency
from checklists.models import Checklist

from .conftest import YEAR, make_activity


def url(agency, year=YEAR):
    return reverse("activities:progress", args=[agency.pk, year])


def test_an_item_meets_its_targets_exactly(agency_a, staff_a, item):
    make_activity(agency_a, staff_a, checklist_item=item, people_reached=60)
    progress = selectors.item_progress(agency_a.pk, YEAR).items[0]
    assert (progress.activity_count, progress.people, progress.met) == (1, 60, False)
    make_activity(agency_a, staff_a, checklist_item=item, people_reached=40)  # 2 activities, 100 people: exactly
    progress = selectors.item_progress(agency_a.pk, YEAR).items[0]
    assert (progress.activity_count, progress.people) == (2, 100)
    assert progress.activities_met and progress.people_met and progress.met


def test_deleted_activities_do_not_count(agency_a, staff_a, item):
    make_activity(agency_a, staff_a, checklist_item=item, people_reached=60)
    gone = make_activity(agency_a, staff_a, checklist_item=item, people_reached=40)
    services.activity_delete(activity=gone, deleted_by=staff_a)
    progress = selectors.item_progress(agency_a.pk, YEAR).items[0]
    assert (progress.activity_count, progress.people, progress.met) == (1, 60, False)


def test_activities_of_an_earlier_revision_count_for_the_amended_item(agency_a, staff_a, item, approved_checklist):
    make_activity(agency_a, staff_a, checklist_item=item, people_reached=70)
    amended = Checklist.objects.create(
        agency=agency_a, year=YEAR, revision=2, status=Checklist.Status.APPROVED, based_on=approved_checklist
    )
    same = amended.items.create(
        key=item.key,
        position=1,
        content="面向食品经营者和消费者开展食品安全法宣传",
        responsible_office="食品安全协调科",
        contact_person="华伟",
        start_date=dt.date(YEAR, 1, 1),
        end_date=dt.date(YEAR, 12, 31),
        goal="-",
        target_activities=2,
        target_people=100,
    )
    make_activity(agency_a, staff_a, checklist_item=same, people_reached=30)
    report = selectors.item_progress(agency_a.pk, YEAR)
    assert report.checklist == amended and len(report.items) == 1
    assert report.items[0].item == same and report.items[0].people == 100 and report.items[0].met


def test_the_page_shows_each_item_with_its_activities(login, staff_parent, agency_a, staff_a, item):
    make_activity(agency_a, staff_a, title="食品安全进社区宣讲", checklist_item=item, people_reached=100)
    response = login(staff_parent).get(url(agency_a))
    assert response.status_code == 200
    assert "面向食品经营者开展食品安全法宣传" in response.text and "食品安全进社区宣讲" in response.text
    assert "党组中心组集中学习法律" in response.text


def test_without_an_approved_checklist_the_page_says_so(login, staff_a, agency_a):
    response = login(staff_a).get(url(agency_a))
    assert response.status_code == 200 and "尚无审核通过" in response.text


def test_outsiders_get_404(login, staff_b, town_reviewer, agency_a):
    assert login(staff_b).get(url(agency_a)).status_code == 404
    assert login(town_reviewer).get(url(agency_a)).status_code == 404


def test_the_query_count_does_not_grow_with_activities(login, staff_a, agency_a, item, django_assert_num_queries):
    client = login(staff_a)

    def add(count):
        Activity.objects.bulk_create(
            Activity(
                agency=agency_a,
                created_by=staff_a,
                year=YEAR,
                activity_type="law_lecture",
                title=f"讲座{i}",
                start_date=dt.date(YEAR, 4, 1),
                checklist_item=item,
            )
            for i in range(count)
        )

    add(2)
    # 1. the session
    # 2. the user
    # 3. the user's subordinate units (access)
    # 4. the agency with its parent and filing office
    # 5. the year's approved checklist
    # 6. its items
    # 7. the activities linked to them
    # 8. the ★ study sessions counted
    # 9. the year's cycle
    # 10. the unread-notification count in the navigation bar
    with django_assert_num_queries(10):
        assert client.get(url(agency_a)).status_code == 200
    add(40)
    with django_assert_num_queries(10):  # the same ten for 42 activities
        assert client.get(url(agency_a)).status_code == 200


def test_the_checklist_page_shows_each_items_progress(login, staff_a, agency_a, approved_checklist, item):
    make_activity(agency_a, staff_a, checklist_item=item, people_reached=60)
    make_activity(agency_a, staff_a, checklist_item=item, people_reached=30, deleted_at=timezone.now())
    page = login(staff_a).get(reverse("checklists:detail", args=[approved_checklist.pk])).text
    assert "1/2 次活动" in page and "60/100 人" in page
    assert reverse("activities:progress", args=[agency_a.pk, approved_checklist.year]) in page


def _zero_target_item(checklist):
    return checklist.items.create(
        position=3,
        content="在单位网站开设普法专栏",
        responsible_office="办公室",
        contact_person="华伟",
        start_date=dt.date(YEAR, 1, 1),
        end_date=dt.date(YEAR, 12, 31),
        goal="-",
    )


@time_machine.travel(dt.datetime(YEAR, 12, 2, 10, 0, tzinfo=dt.UTC))
def test_an_item_with_no_number_target_is_met_by_one_held_activity_everywhere(
    login, staff_a, agency_a, approved_checklist
):
    """Targets 0 / 0 and no activity: not met on the progress page, the checklist page and in scoring."""
    from assessment.facts import year_facts

    zero = _zero_target_item(approved_checklist)

    def met_everywhere() -> tuple[bool, str, int]:
        progress = {p.item.pk: p for p in selectors.item_progress(agency_a.pk, YEAR).items}[zero.pk]
        (facts,) = year_facts(YEAR, Agency.objects.filter(pk=agency_a.pk))
        page = login(staff_a).get(url(agency_a)).text
        return progress.met, page, facts.items_met

    met, page, scored = met_everywhere()
    assert not met and scored == 0
    assert "已达目标" not in page
    make_activity(agency_a, staff_a, checklist_item=zero, start_date=dt.date(YEAR, 12, 20))  # ahead of its date
    met, page, scored = met_everywhere()
    assert not met and scored == 0
    make_activity(agency_a, staff_a, checklist_item=zero, start_date=dt.date(YEAR, 11, 20), people_reached=0)
    met, page, scored = met_everywhere()
    assert met and scored == 1
