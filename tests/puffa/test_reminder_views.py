"""The bureau's page of reminders sent, and "remind this agency now"."""

import datetime as dt
import uuid

import pytest
import time_machine
from django.urls import reverse

from agencies.models import Agency, Notification, ReminderLog
from puffa.reminders import reminders_send

from .reminder_data import SHANGHAI

LIST = reverse("reminders:list")
REMIND = reverse("reminders:remind")


@pytest.fixture
def history(agency_a, agency_b, agency_town, staff_a):
    """Two runs: the 30-day stage of 2027 and the first overdue notice, with the offices' digests."""
    reminders_send(on=dt.date(2027, 1, 29))
    reminders_send(on=dt.date(2027, 3, 1))


def test_the_bureau_sees_every_reminder_sent(login, bureau_admin, history):
    page = login(bureau_admin).get(LIST).text
    for name in ("区市场监管局", "区教育局", "薛家镇", "新北区委政法委（司法局）", "薛家镇司法所"):
        assert name in page


def test_a_town_reviewer_sees_only_their_agencies_and_their_office_digest(login, town_reviewer, history):
    page = login(town_reviewer).get(LIST).text
    assert "薛家镇司法所" in page and "薛家镇" in page
    assert "区市场监管局" not in page and "新北区委政法委（司法局）" not in page
    assert "Remind this agency now" not in page and "立即提醒" not in page


def test_leadership_reads_the_page(login, leader, history):
    assert "区市场监管局" in login(leader).get(LIST).text


def test_agency_staff_are_refused(login, staff_a, history):
    assert login(staff_a).get(LIST).status_code == 403


def test_anonymous_users_go_to_the_login_page(client):
    assert client.get(LIST).url.startswith(reverse("login"))


def test_it_filters_by_kind_year_and_agency(login, bureau_admin, history, agency_b):
    client = login(bureau_admin)
    overdue = client.get(LIST, {"kind": "filing_digest"}).context["page"]
    assert {log.kind for log in overdue} == {"filing_digest"}
    assert list(client.get(LIST, {"year": 2026}).context["page"]) == []
    assert len(client.get(LIST, {"year": 2027}).context["page"]) == ReminderLog.objects.count()
    of_b = client.get(LIST, {"agency": agency_b.pk}).context["page"]
    assert [log.stage for log in of_b] == ["overdue-0", "d30"]


def test_the_page_query_count_does_not_grow_with_reminders(
    login, bureau_admin, bureau_office, history, django_assert_num_queries
):
    client = login(bureau_admin)
    # 1. the session
    # 2. the user
    # 3. the reminders counted for the paginator
    # 4. the unread-notification count in the navigation bar
    # 5. the page of reminders with their agency, office and recipient
    # (the agency fields are typed names with suggestions: no list of the agencies is read)
    with django_assert_num_queries(5):
        assert client.get(LIST).status_code == 200
    Agency.objects.bulk_create(
        Agency(name=f"单位{i}", agency_type=Agency.Type.GOVERNMENT, filing_office=bureau_office) for i in range(60)
    )
    reminders_send(on=dt.date(2027, 3, 8))
    assert ReminderLog.objects.count() > 60
    with django_assert_num_queries(5):  # the same five for 60 more agencies, on page 2
        assert client.get(LIST, {"page": 2}).status_code == 200


def test_a_bureau_administrator_reminds_one_agency_now(login, bureau_admin, agency_a, agency_b, staff_a):
    with time_machine.travel(dt.datetime(2027, 2, 2, 10, 0, tzinfo=SHANGHAI), tick=False):
        response = login(bureau_admin).post(REMIND, {"agency": agency_a.pk}, follow=True)
    assert response.redirect_chain[-1][0] == f"{LIST}?agency={agency_a.pk}"
    log = ReminderLog.objects.get()
    assert (log.agency, log.kind, log.sent_by, log.stage) == (
        agency_a,
        "filing_due",
        bureau_admin,
        "manual-2027-02-02",
    )
    assert Notification.objects.filter(recipient=staff_a).count() == 1
    assert "区市场监管局" in response.text


def test_a_second_reminder_the_same_day_sends_nothing_and_says_so(login, bureau_admin, agency_a):
    with time_machine.travel(dt.datetime(2027, 2, 2, 10, 0, tzinfo=SHANGHAI), tick=False):
        client = login(bureau_admin)
        client.post(REMIND, {"agency": agency_a.pk})
        response = client.post(REMIND, {"agency": agency_a.pk}, follow=True)
    assert ReminderLog.objects.count() == 1
    assert response.status_code == 200 and "alert-info" in response.text


@pytest.mark.parametrize("who", ["bureau_reviewer", "town_reviewer", "leader", "staff_a"])
def test_only_bureau_administrators_remind(request, login, who, agency_a, agency_town):
    user = request.getfixturevalue(who)
    assert login(user).post(REMIND, {"agency": agency_town.pk}).status_code == 403
    assert not ReminderLog.objects.exists()


def test_reminding_is_a_post(login, bureau_admin):
    assert login(bureau_admin).get(REMIND).status_code == 405


def test_a_missing_agency_is_refused_with_a_message(login, bureau_admin):
    response = login(bureau_admin).post(REMIND, {"agency": 999999}, follow=True)
    assert response.status_code == 200
    assert not ReminderLog.objects.exists()


def test_the_filter_and_the_remind_form_do_not_share_an_element_id(login, bureau_admin, history):
    page = login(bureau_admin).get(LIST).text
    assert page.count('id="id_agency"') == 1 and page.count('id="remind_agency"') == 1


def _log(agency, kind, period, stage, due_on, subject="提醒"):
    return ReminderLog.objects.create(
        agency=agency,
        kind=kind,
        period=period,
        stage=stage,
        due_on=due_on,
        sent_on=due_on,
        subject=subject,
        batch=uuid.uuid4(),
    )


def test_stages_and_years_are_in_words_not_codes(login, bureau_admin, agency_a, law, history):
    law.promulgated_on = dt.date(2009, 2, 28)
    law.save()
    _log(agency_a, "law_anniversary", "2027", f"law-{law.pk}", dt.date(2027, 2, 14))
    _log(agency_a, "rectification", "9876", "overdue_1_day", dt.date(2027, 1, 1))
    _log(agency_a, "rectification", "9877", "before_3_days", dt.date(2027, 5, 7))
    _log(agency_a, "study_minimum", "2027", "07-01", dt.date(2027, 7, 1))
    _log(agency_a, "constitution_day", "2027", "d14", dt.date(2027, 11, 20))
    page = login(bureau_admin).get(LIST).text
    for words in (
        "截止前30天",
        "逾期第1天",
        f"《{law.title}》颁布18周年",
        "截止前3天",
        "7月1日：尚无集中学法",
        "国家宪法日前14天",
    ):
        assert words in page, words
    for code in ("d30", "overdue-0", f"law-{law.pk}", "overdue_1_day", "before_3_days", "9876"):
        assert f">{code}<" not in page and f"{code} " not in page, code
    rows = login(bureau_admin).get(LIST, {"kind": "rectification"}).context["page"]
    assert sorted(log.year for log in rows) == ["2026", "2027"]  # the deadlines' years, not the findings' ids


def test_a_notice_sent_by_an_event_says_so_and_is_not_called_manual(login, bureau_admin, bureau_reviewer, agency_a):
    """A checklist's decision notice is keyed by its transition (``t<pk>``) and sent as the reviewer acts: shown as
    sent on the reviewer's action, never by its key, and not badged as reminded by hand."""
    notice = _log(agency_a, "checklist_approved", "2027", "t259", dt.date(2027, 3, 2), subject="2027年度清单已通过审核")
    notice.sent_by = bureau_reviewer
    notice.save()
    _log(agency_a, "results_published", "2026", "published", dt.date(2027, 1, 20))
    page = login(bureau_admin).get(LIST).text
    assert f"{bureau_reviewer.display_name}操作时" in page and "事项发生时" in page
    assert ">t259<" not in page and "t259 " not in page and ">published<" not in page
    assert "手动发送" not in page
