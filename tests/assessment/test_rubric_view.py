"""Editing the rubric: bureau administrators only, weights adding up to 100, until the year is published."""

from decimal import Decimal

from django.urls import reverse

from assessment.models import Indicator

from .conftest import YEAR

URL = reverse("assessment:rubric_edit", args=[YEAR])


def post_data(rubric, **weights):
    data = {"excellent_from": "90", "good_from": "75", "pass_from": "60"}
    indicators = list(rubric.indicators.all())
    data.update({"indicators-TOTAL_FORMS": str(len(indicators) + 1), "indicators-INITIAL_FORMS": str(len(indicators))})
    for index, indicator in enumerate(indicators):
        prefix = f"indicators-{index}"
        data.update(
            {
                f"{prefix}-pk": indicator.pk,
                f"{prefix}-code": indicator.code,
                f"{prefix}-name": indicator.name,
                f"{prefix}-weight": str(weights.get(indicator.code, indicator.weight)),
                f"{prefix}-rule": "" if indicator.method == "manual" else indicator.code,
            }
        )
    data[f"indicators-{len(indicators)}-rule"] = ""  # the empty line's select, as a browser sends it
    return data


def test_a_bureau_administrator_moves_weights_and_thresholds(login, bureau_admin, rubric):
    client = login(bureau_admin)
    assert client.get(URL).status_code == 200
    data = post_data(rubric, organisation="5", survey="15")
    data["excellent_from"] = "92"
    response = client.post(URL, data)
    assert response.status_code == 302
    assert rubric.indicators.get(code="survey").weight == Decimal(15)
    rubric.refresh_from_db()
    assert rubric.excellent_from == Decimal(92)


def test_weights_not_adding_up_to_100_are_shown_in_chinese_and_not_saved(login, bureau_admin, rubric):
    response = login(bureau_admin).post(URL, post_data(rubric, organisation="15"))
    assert response.status_code == 200
    assert "分值合计为 105，必须正好等于 100" in response.text
    assert rubric.indicators.get(code="organisation").weight == Decimal(10)


def test_a_new_manual_indicator_is_added_on_the_empty_line(login, bureau_admin, rubric):
    data = post_data(rubric, organisation="6")
    last = rubric.indicators.count()
    data.update(
        {
            f"indicators-{last}-code": "innovation",
            f"indicators-{last}-name": "普法工作创新",
            f"indicators-{last}-weight": "4",
            f"indicators-{last}-rule": "",
        }
    )
    assert login(bureau_admin).post(URL, data).status_code == 302
    assert rubric.indicators.get(code="innovation").method == Indicator.Method.MANUAL


def test_reviewers_and_staff_cannot_edit_and_leadership_posts_are_refused(
    login, bureau_reviewer, staff_a, leader, rubric
):
    assert login(bureau_reviewer).get(URL).status_code == 403
    assert login(staff_a).get(URL).status_code == 403
    assert login(leader).post(URL, post_data(rubric)).status_code == 403


def test_a_published_year_cannot_be_edited(login, bureau_admin, published):
    response = login(bureau_admin).post(URL, post_data(published, organisation="5", survey="15"))
    assert response.status_code == 302
    assert published.indicators.get(code="survey").weight == Decimal(10)


def test_the_page_query_count_is_fixed(login, bureau_admin, rubric, django_assert_num_queries):
    client = login(bureau_admin)
    # 1. the session
    # 2. the user
    # 3. the year's cycle
    # 4. its rubric
    # 5. the rubric's indicators
    # 6. the unread-notification count in the navigation bar
    with django_assert_num_queries(6):
        assert client.get(URL).status_code == 200


def test_scoring_rules_are_chosen_from_a_list_in_chinese(login, bureau_admin, rubric):
    page = login(bureau_admin).get(URL).text
    assert "系统计算：清单按时报送" in page or "系统计算：" in page
    assert "第三方测评导入：" in page and ">由复核人员评分</option>" in page
    assert "filed_on_time, items_carried_out" not in page  # no list of codes to copy by hand


def test_a_computed_indicator_takes_its_rules_code(login, bureau_admin, rubric):
    survey = rubric.indicators.get(code="survey")
    survey.delete()
    data = post_data(rubric)
    last = rubric.indicators.count()
    data.update(
        {
            f"indicators-{last}-code": "",
            f"indicators-{last}-name": "群众知晓率和满意度",
            f"indicators-{last}-weight": "10",
            f"indicators-{last}-rule": "survey",
        }
    )
    assert login(bureau_admin).post(URL, data).status_code == 302
    assert rubric.indicators.get(code="survey").method == Indicator.Method.IMPORTED


def test_an_indicator_scored_by_reviewers_needs_a_code(login, bureau_admin, rubric):
    data = post_data(rubric, organisation="6")
    last = rubric.indicators.count()
    data.update(
        {f"indicators-{last}-name": "普法创新", f"indicators-{last}-weight": "4", f"indicators-{last}-rule": ""}
    )
    response = login(bureau_admin).post(URL, data)
    assert response.status_code == 200 and "请为由复核人员评分的指标填写代码" in response.text
