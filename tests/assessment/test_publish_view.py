"""Publishing from the page: bureau administrators only; afterwards agencies see their results."""

from django.urls import reverse

from .conftest import YEAR

URL = reverse("assessment:publish", args=[YEAR])


def test_the_bureau_publishes_and_the_agency_then_sees_its_breakdown(login, bureau_admin, staff_a, scored, agency_a):
    breakdown = reverse("assessment:breakdown", args=[YEAR, agency_a.pk])
    assert "清单按时备案" not in login(staff_a).get(breakdown).text
    response = login(bureau_admin).post(URL, follow=True)
    assert "已公布并锁定" in response.text
    scored.refresh_from_db()
    assert scored.is_published
    assert "清单按时备案" in login(staff_a).get(breakdown).text


def test_publishing_before_scoring_is_refused_with_a_message(login, bureau_admin, rubric):
    response = login(bureau_admin).post(URL, follow=True)
    assert "请先计分" in response.text
    rubric.refresh_from_db()
    assert not rubric.is_published


def test_only_bureau_administrators_publish(login, bureau_reviewer, staff_a, leader, scored):
    for user in (bureau_reviewer, staff_a, leader):
        assert login(user).post(URL).status_code == 403
    assert login(bureau_reviewer).get(URL).status_code == 403  # not even the confirmation
    scored.refresh_from_db()
    assert not scored.is_published


def test_the_button_first_shows_what_is_still_open_and_writes_nothing(login, bureau_admin, scored, agency_a):
    overview = login(bureau_admin).get(reverse("assessment:overview", args=[YEAR])).text
    assert f'href="{URL}"' in overview  # a link to the confirmation, not a one-click form
    response = login(bureau_admin).get(URL)
    assert response.status_code == 200
    text = response.text
    assert "确认公布2025年度考核结果？" in text and "此操作不可撤销" in text
    assert "尚未导入第三方测评结果" in text
    assert "4 家单位未提交自查自评" in text  # the three of the cast and A's parent
    assert "项审核评分未评定" in text
    scored.refresh_from_db()
    assert not scored.is_published


def test_the_confirmation_cannot_publish_results_not_computed(login, bureau_admin, rubric):
    text = login(bureau_admin).get(URL).text
    assert "请先计分" in text or "计分" in text
    assert "disabled" in text
