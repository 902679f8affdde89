"""The home-page cards: the agency's rectifications, the reviewer's overdue list, leadership's count."""

import datetime as dt

from django.urls import reverse

SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def _panel(response, name):
    (panel,) = [p for p in response.context["panels"] if p.template.endswith(name)]
    return panel.context


def test_the_agency_sees_its_open_rectifications_and_what_is_overdue(login, staff_a, finding_a, time_machine):
    time_machine.move_to(dt.datetime(2026, 10, 2, 9, 0, tzinfo=SHANGHAI), tick=False)
    response = login(staff_a).get(reverse("home"))
    assert "执法现场释法记录不完整" in response.text and "1 项整改已逾期" in response.text
    context = _panel(response, "_panel_agency.html")
    assert not context["plan_filed"] and "2026年度计划" in response.text


def test_the_agency_sees_this_years_plan_and_last_years_report_filed(login, staff_a, plan_a, time_machine):
    from decimal import Decimal

    from assessment.oversight import services

    from ..library.uploads import pdf_bytes, upload

    services.filing_file(
        agency=staff_a.agency,
        user=staff_a,
        year=2025,
        kind="report",
        head_responsible="张卫国",
        funding=Decimal("0"),
        file=upload("2025年总结.pdf", pdf_bytes()),
    )
    time_machine.move_to(dt.datetime(2026, 11, 26, 9, 0, tzinfo=SHANGHAI), tick=False)
    context = _panel(login(staff_a).get(reverse("home")), "_panel_agency.html")
    assert context["plan_filed"] and context["report_filed"] and context["report_year"] == 2025


def test_another_agency_does_not_see_it(login, staff_b, finding_a):
    assert "执法现场释法记录不完整" not in login(staff_b).get(reverse("home")).text


def test_the_reviewer_sees_the_overdue_count_and_list_for_their_scope(
    login, bureau_reviewer, town_reviewer, finding_a, finding_b, time_machine
):
    time_machine.move_to(dt.datetime(2026, 10, 2, 9, 0, tzinfo=SHANGHAI), tick=False)
    response = login(bureau_reviewer).get(reverse("home"))
    context = _panel(response, "_panel_reviewer.html")
    assert context["overdue_count"] == 1 and context["overdue"] == [finding_a]
    assert "执法现场释法记录不完整" in response.text
    assert _panel(login(town_reviewer).get(reverse("home")), "_panel_reviewer.html")["overdue_count"] == 0


def test_the_reviewer_s_card_links_who_has_not_filed_each_year_s_filing(login, bureau_reviewer, time_machine):
    """The card counts this year's plans and the year before's reports (until December): each link opens the
    overview of its own year and filing, where the agencies it counted as missing are listed."""
    time_machine.move_to(dt.datetime(2026, 11, 26, 9, 0, tzinfo=SHANGHAI), tick=False)
    page = login(bureau_reviewer).get(reverse("home")).text
    filings = reverse("oversight:filings")
    assert f"{filings}?year=2026&amp;status=no_plan" in page and "未报送2026年度计划的单位" in page
    assert f"{filings}?year=2025&amp;status=no_report" in page and "未报送2025年度总结的单位" in page


def test_leadership_sees_the_districts_overdue_count(login, leader, finding_a, finding_b, time_machine):
    time_machine.move_to(dt.datetime(2026, 10, 20, 9, 0, tzinfo=SHANGHAI), tick=False)
    assert _panel(login(leader).get(reverse("home")), "_panel_leadership.html")["overdue_count"] == 2


def test_the_home_page_query_count_does_not_grow_with_rectifications(
    login, bureau_reviewer, finding_a, inspection, bureau_admin, agency_a, django_assert_num_queries
):
    from assessment.oversight import services

    client = login(bureau_reviewer)
    # The bureau reviewer's home page:
    # 1. the session
    # 2. the user
    # 3. the year's cycle (the home page's year)
    # 4. the user's filing office (scope)
    # 5. checklists waiting, by year (the 待办 and the checklists panel; none: so no years' cycles or late counts)
    # 6. the unread notices counted, with the oldest (the 待办 and the navigation bar)
    # 7. the agencies counted, and those subject to the study minimum (activities)
    # 8. the ★ sessions counted per agency (the summaries, and this month's activities)
    # 9. the year's ready archives counted (activities)
    # 10. the library's people counted by kind
    # 11. the library's active materials counted
    # 12. the rubrics with their results counted and last scoring run (assessment)
    # 13. the overdue rectifications counted (oversight)
    # 14. the first overdue rectifications with their inspection and agency (oversight)
    # 15. the agencies counted with a plan and a report filed (oversight)
    # 16. the agencies counted by level (agencies)
    with django_assert_num_queries(16):
        client.get(reverse("home"))
    for i in range(10):
        services.finding_add(
            inspection=inspection,
            user=bureau_admin,
            agency=agency_a,
            description=f"问题{i}",
            requires_rectification=True,
            deadline=dt.date(2026, 9, 20),
        )
    # With ten more rectifications: the same sixteen (a new rectification makes the cached figures stale).
    with django_assert_num_queries(16):
        client.get(reverse("home"))
