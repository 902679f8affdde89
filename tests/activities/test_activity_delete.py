"""Deleting an activity is a soft delete: the record stays for the audit trail, every count forgets it."""

import pytest
from django.urls import reverse

from activities import selectors
from activities.models import Activity

from .conftest import YEAR, make_activity


@pytest.fixture
def session(agency_a, staff_a, item):
    return make_activity(
        agency_a,
        staff_a,
        title="党组中心组学法",
        activity_type="party_group_study",
        checklist_item=item,
        people_reached=100,
    )


def test_deleting_keeps_the_record_and_who_deleted_it(login, staff_a, session):
    response = login(staff_a).post(reverse("activities:delete", args=[session.pk]))
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.deleted_at is not None and session.deleted_by == staff_a
    assert Activity.objects.filter(pk=session.pk).exists()


def test_after_deleting_the_counts_are_right(login, staff_a, agency_a, session, django_assert_num_queries):
    other = make_activity(agency_a, staff_a, activity_type="party_group_study", people_reached=5)
    login(staff_a).post(reverse("activities:delete", args=[session.pk]))
    assert selectors.study_sessions(agency_a.pk, YEAR) == 1
    assert list(selectors.ledger(agency_a.pk, YEAR)) == [other]
    progress = selectors.item_progress(agency_a.pk, YEAR).items[0]
    assert progress.activity_count == 0 and progress.people == 0
    from agencies.models import Agency

    row = selectors.agencies_with_year_figures(Agency.objects.filter(pk=agency_a.pk), YEAR).get()
    assert (row.study_sessions, row.activity_count, row.people_reached) == (1, 1, 5)


def test_a_deleted_activity_is_gone_from_its_page(login, staff_a, session):
    client = login(staff_a)
    client.post(reverse("activities:delete", args=[session.pk]))
    assert client.get(session.get_absolute_url()).status_code == 404


def test_the_admin_shows_who_deleted_it(login, staff_a, session, bureau_admin):
    login(staff_a).post(reverse("activities:delete", args=[session.pk]))
    bureau_admin.is_staff = bureau_admin.is_superuser = True
    bureau_admin.save()
    page = login(bureau_admin).get(reverse("admin:activities_activity_changelist"), {"deleted": "yes"}).text
    assert "党组中心组学法" in page and "staff_a" in page


@pytest.mark.parametrize("who", ["staff_parent", "bureau_reviewer"])
def test_those_who_only_read_get_403(request, login, session, who):
    assert login(request.getfixturevalue(who)).post(reverse("activities:delete", args=[session.pk])).status_code == 403
    session.refresh_from_db()
    assert session.deleted_at is None


def test_leadership_posts_answer_403(login, leader, session):
    assert login(leader).post(reverse("activities:delete", args=[session.pk])).status_code == 403


def test_outsiders_get_404(login, staff_b, session):
    assert login(staff_b).post(reverse("activities:delete", args=[session.pk])).status_code == 404


def test_the_confirmation_says_what_the_activity_takes_with_it_and_writes_nothing(login, staff_a, session):
    response = login(staff_a).get(reverse("activities:delete", args=[session.pk]))
    assert response.status_code == 200
    text = response.text
    assert "删除后的影响" in text
    assert "不再计为集中学法" in text
    assert "覆盖的 100 人不再计入" in text
    assert "不再计入清单事项" in text
    session.refresh_from_db()
    assert session.deleted_at is None
