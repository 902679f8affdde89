"""Home-page cards: staff see their ★ sessions against the minimum; reviewers how many agencies are below it."""

from django.urls import reverse
from django.utils import timezone

from .conftest import make_activity


def test_staff_see_their_study_sessions_on_the_home_page(login, staff_a, agency_a):
    year = timezone.localdate().year
    make_activity(agency_a, staff_a, activity_type="party_group_study", start_date=timezone.localdate().replace(day=1))
    response = login(staff_a).get(reverse("home"))
    assert response.status_code == 200
    assert "集中学法：<strong>1</strong> 次，全年不少于 2 次" in response.text
    assert "今年还需集中学法 1 次" in response.text
    assert reverse("activities:create", args=[agency_a.pk, year]) in response.text


def test_reviewers_see_how_many_agencies_are_below_the_minimum(login, bureau_reviewer, agency_a, agency_b, staff_a):
    for day in (1, 2):
        make_activity(
            agency_a, staff_a, activity_type="party_group_study", start_date=timezone.localdate().replace(day=day)
        )
    response = login(bureau_reviewer).get(reverse("home"))
    assert "有 <strong>2</strong> 个单位集中学法（★）不足 2 次" in response.text  # B and the parent


def test_leadership_sees_the_card_too(login, leader, agency_a):
    assert "集中学法未达标单位" in login(leader).get(reverse("home")).text


def test_the_staff_home_page_query_count_does_not_grow_with_activities(
    login, staff_a, agency_a, django_assert_num_queries
):
    client = login(staff_a)
    client.get(reverse("home"))  # fills the caches the second request reads
    make_activity(agency_a, staff_a, activity_type="party_group_study", start_date=timezone.localdate())
    # 1. the session
    # 2. the user
    # 3. the opened years' cycles (the home page's year)
    # 4. the agency's latest checklist of the year with its last comment (the 待办 and checklists)
    # 5. the agency with its parent and office and its laws counted, read once for the page (the 待办's study
    #    minimum, activities, the agency card)
    # 6. its contacts
    # 7. its subordinate units (the agency card's list of them too)
    # 8. the ★ study sessions counted (the 待办 and activities)
    # 9. the campaigns running that the agency has not yet taken part in (the 待办)
    # 10. the agency's answerable rectifications with their inspection (the 待办)
    # 11. the plans and reports filed (the 待办)
    # 12. the accountability measures waiting for the agency's answer (the 待办)
    # 13. the unread notices counted, with the oldest (the 待办 and the navigation bar)
    # 14. the agency's archive of the year (activities)
    # 15. the library's people counted by kind
    # 16. the library's active materials counted
    # 17. the user's subordinate units (access, for the library's people and materials)
    # 18. the people the user may see proposed, counted with the oldest
    # 19. the materials the user may see proposed, counted with the oldest
    # 20. the agency's latest published result (assessment)
    # 21. the agency's open rectifications with their inspection (oversight)
    # 22. the plans and reports filed, counted (oversight)
    # 23. the agency's overdue rectifications counted (oversight)
    # (an activity was added: the kept 待办 and library card are read again)
    with django_assert_num_queries(23):
        client.get(reverse("home"))
    for _i in range(10):
        make_activity(agency_a, staff_a, activity_type="party_group_study", start_date=timezone.localdate())
    with django_assert_num_queries(23):  # the same 23 for 11 sessions
        client.get(reverse("home"))
