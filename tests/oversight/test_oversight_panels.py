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

    from assessment import oversight_services as services

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


def test_leadership_sees_the_districts_overdue_count(login, leader, finding_a, finding_b, time_machine):
    time_machine.move_to(dt.datetime(2026, 10, 20, 9, 0, tzinfo=SHANGHAI), tick=False)
    assert _panel(login(leader).get(reverse("home")), "_panel_leadership.html")["overdue_count"] == 2


def test_the_home_page_query_count_does_not_grow_with_rectifications(
    login, bureau_reviewer, finding_a, inspection, bureau_admin, agency_a, django_assert_max_num_queries
):
    from assessment import oversight_services as services

    client = login(bureau_reviewer)
    with django_assert_max_num_queries(24) as before:  # with the 待办 (tests/puffa/test_home_todos.py)
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
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get(reverse("home"))
