"""The scoping function for every role (agencies.access)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from agencies import access


def names(queryset):
    return set(queryset.values_list("short_name", flat=True))


def test_staff_see_their_own_agency_only(staff_a, agency_b, agency_town):
    assert names(access.visible_agencies(staff_a)) == {"区市场监管局"}


def test_staff_of_a_get_404_on_b(staff_a, agency_b):
    with pytest.raises(Http404):
        access.get_visible_agency(staff_a, agency_b.pk)
    with pytest.raises(Http404):
        access.get_changeable_agency(staff_a, agency_b.pk)


def test_staff_change_their_own_agency(staff_a, agency_a):
    assert access.get_changeable_agency(staff_a, agency_a.pk) == agency_a


def test_parent_staff_read_the_child_but_cannot_change_it(staff_parent, agency_a, agency_b):
    assert names(access.visible_agencies(staff_parent)) == {"区政府办", "区市场监管局"}
    assert access.get_visible_agency(staff_parent, agency_a.pk) == agency_a
    with pytest.raises(PermissionDenied):
        access.get_changeable_agency(staff_parent, agency_a.pk)
    with pytest.raises(Http404):
        access.get_visible_agency(staff_parent, agency_b.pk)


def test_subordinates_of_subordinates_are_visible_to_the_top(staff_parent, agency_a, bureau_office):
    from agencies.models import Agency

    grandchild = Agency.objects.create(
        name="三井市场监督管理所", agency_type=Agency.Type.GOVERNMENT, filing_office=bureau_office, parent=agency_a
    )
    assert grandchild in access.visible_agencies(staff_parent)


def test_child_staff_do_not_see_the_parent(staff_a, agency_parent):
    with pytest.raises(Http404):
        access.get_visible_agency(staff_a, agency_parent.pk)


def test_a_town_office_reviewer_sees_only_its_agencies(town_reviewer, agency_a, agency_b, agency_town):
    assert names(access.visible_agencies(town_reviewer)) == {"薛家镇"}
    assert access.can_review(town_reviewer, agency_town)
    assert not access.can_review(town_reviewer, agency_a)
    with pytest.raises(Http404):
        access.get_reviewable_agency(town_reviewer, agency_a.pk)


def test_a_district_bureau_reviewer_sees_and_reviews_every_agency(bureau_reviewer, agency_a, agency_b, agency_town):
    assert names(access.visible_agencies(bureau_reviewer)) == {"区政府办", "区市场监管局", "区教育局", "薛家镇"}
    assert access.can_review(bureau_reviewer, agency_town)


def test_reviewers_do_not_file_for_an_agency(bureau_reviewer, agency_a):
    with pytest.raises(PermissionDenied):
        access.get_changeable_agency(bureau_reviewer, agency_a.pk)


def test_leadership_sees_everything_and_changes_nothing(leader, agency_a, agency_town):
    assert access.visible_agencies(leader).count() == 3
    assert not access.can_review(leader, agency_a)
    assert not access.can_manage(leader)
    assert access.is_read_only(leader)
    with pytest.raises(PermissionDenied):
        access.get_changeable_agency(leader, agency_a.pk)


def test_bureau_administrators_manage_and_review_all(bureau_admin, agency_a, agency_town):
    assert access.can_manage(bureau_admin)
    assert access.can_review(bureau_admin, agency_town)
    assert not access.can_change(bureau_admin, agency_a)


def test_anonymous_users_see_nothing(agency_a):
    from django.contrib.auth.models import AnonymousUser

    assert not access.visible_agencies(AnonymousUser()).exists()


def test_scope_narrows_other_rows_to_visible_agencies(staff_a, staff_b, leader):
    from agencies.models import User

    assert set(access.scope(staff_a, User.objects.filter(role="staff")).values_list("username", flat=True)) == {
        "staff_a"
    }
    assert access.scope(leader, User.objects.filter(role="staff")).count() == 2
