"""The items page: one formset to add, edit, remove and reorder items, without JavaScript."""

import pytest
from django.urls import reverse

from checklists import services
from checklists.models import Checklist

from .conftest import YEAR, draft


def row(**overrides):
    data = {
        "id": "",
        "position": "",
        "content": "开展《食品安全法》进企业宣传",
        "responsible_office": "食品安全协调科",
        "contact_person": "华伟",
        "contact_phone": "0519-85001234",
        "audiences": ["managed"],
        "audience_group": "餐饮企业",
        "start_date": f"{YEAR}-03-01",
        "end_date": f"{YEAR}-06-30",
        "goal": "餐饮企业负责人培训全覆盖",
        "target_activities": "3",
        "target_people": "200",
        "forms": ["six_places"],
    }
    data.update(overrides)
    return data


def formset_post(rows, *, initial=0, **extra):
    data = {"items-TOTAL_FORMS": str(len(rows)), "items-INITIAL_FORMS": str(initial), "items-MIN_NUM_FORMS": "0"}
    for index, values in enumerate(rows):
        for name, value in values.items():
            data[f"items-{index}-{name}"] = value
    data.update(extra)
    return data


def items_url(checklist):
    return reverse("checklists:items", args=[checklist.pk])


def existing_rows(checklist):
    return [
        row(id=str(item.pk), position=str(item.position), content=item.content)
        for item in checklist.items.order_by("position")
    ]


def test_an_empty_checklist_opens_with_blank_rows(login, staff_a, agency_a):
    checklist = draft(agency_a, staff_a, items=0)
    response = login(staff_a).get(items_url(checklist))
    assert response.status_code == 200
    assert response.context["formset"].total_form_count() == 3
    assert 'name="add_rows"' in response.text
    assert "checklists/item_rows.js" in response.text and "<script>" not in response.text


def test_staff_add_items_and_blank_rows_are_ignored(login, staff_a, agency_a, law):
    checklist = draft(agency_a, staff_a, items=0)
    blank = {"target_activities": "0", "target_people": "0"}
    response = login(staff_a).post(
        items_url(checklist),
        formset_post([row(laws=[str(law.pk)]), row(content="开展“3·15”消费者权益日宣传", position="1"), blank]),
    )
    assert response.status_code == 302
    items = list(checklist.items.order_by("position"))
    assert [i.content for i in items] == ["开展“3·15”消费者权益日宣传", "开展《食品安全法》进企业宣传"]
    assert list(items[1].laws.all()) == [law]
    assert items[1].audiences == ["managed"] and items[1].forms == ["six_places"]


def test_staff_edit_remove_and_reorder_in_one_post(login, staff_a, agency_a):
    checklist = draft(agency_a, staff_a, items=3)
    first, second, third = checklist.items.order_by("position")
    rows = existing_rows(checklist)
    rows[0]["DELETE"] = "on"
    rows[1]["position"] = "9"
    rows[2]["content"] = "改写后的事项三"
    response = login(staff_a).post(items_url(checklist), formset_post(rows, initial=3))
    assert response.status_code == 302
    items = list(checklist.items.order_by("position"))
    assert [(i.pk, i.content) for i in items] == [(third.pk, "改写后的事项三"), (second.pk, "普法事项2")]
    assert items[0].key == third.key


def test_errors_are_shown_in_chinese_beside_their_fields_and_nothing_typed_is_lost(login, staff_a, agency_a):
    checklist = draft(agency_a, staff_a, items=0)
    bad = row(content="", end_date=f"{YEAR}-02-01", contact_person="周敏", goal="我刚写的目标")
    response = login(staff_a).post(items_url(checklist), formset_post([bad]))
    assert response.status_code == 200
    form = response.context["formset"].forms[0]
    assert "content" in form.errors and "end_date" in form.errors
    assert "这个字段是必填项" in response.text
    assert "结束日期不能早于开始日期" in response.text
    assert "周敏" in response.text and "我刚写的目标" in response.text
    assert checklist.items.count() == 0


def test_a_date_outside_the_year_is_refused(login, staff_a, agency_a):
    checklist = draft(agency_a, staff_a, items=0)
    response = login(staff_a).post(items_url(checklist), formset_post([row(start_date=f"{YEAR - 1}-12-01")]))
    assert response.status_code == 200 and f"请选择 {YEAR} 年内的日期" in response.text
    assert checklist.items.count() == 0


def test_add_rows_without_javascript_keeps_what_was_typed_and_saves_nothing(login, staff_a, agency_a):
    checklist = draft(agency_a, staff_a, items=0)
    data = formset_post([row(content="尚未保存的事项")], add_rows="1")
    response = login(staff_a).post(items_url(checklist), data)
    assert response.status_code == 200
    formset = response.context["formset"]
    assert formset.total_form_count() == 2
    assert "尚未保存的事项" in response.text
    assert "这个字段是必填项" not in response.text
    assert checklist.items.count() == 0
    # the page then saves both rows once the new one is filled in
    rows = [row(content="尚未保存的事项"), row(content="新加的一行")]
    login(staff_a).post(items_url(checklist), formset_post(rows, initial=1))
    assert list(checklist.items.order_by("position").values_list("content", flat=True)) == [
        "尚未保存的事项",
        "新加的一行",
    ]


def test_a_submitted_checklist_refuses_a_post(login, staff_a, submitted_a):
    rows = existing_rows(submitted_a)
    rows[0]["content"] = "报送后偷偷修改"
    client = login(staff_a)
    response = client.post(items_url(submitted_a), formset_post(rows, initial=2))
    assert response.status_code == 302 and response.url == submitted_a.get_absolute_url()
    assert not submitted_a.items.filter(content="报送后偷偷修改").exists()
    page = client.get(response.url)
    assert "只有草稿或被退回的清单才能修改" in page.text


def test_removing_every_item_is_refused(login, staff_a, draft_a):
    rows = existing_rows(draft_a)
    for values in rows:
        values["DELETE"] = "on"
    response = login(staff_a).post(items_url(draft_a), formset_post(rows, initial=2))
    assert response.status_code == 200
    assert draft_a.items.count() == 2


@pytest.mark.parametrize("who,status", [("staff_parent", 403), ("bureau_reviewer", 403), ("staff_b", 404)])
def test_only_the_agencys_staff_reach_the_items_page(request, login, draft_a, who, status):
    client = login(request.getfixturevalue(who))
    assert client.get(items_url(draft_a)).status_code == status
    rows = existing_rows(draft_a)
    assert client.post(items_url(draft_a), formset_post(rows, initial=2)).status_code == status


def test_leadership_posts_answer_403(login, leader, draft_a):
    assert login(leader).post(items_url(draft_a), formset_post(existing_rows(draft_a), initial=2)).status_code == 403


def test_the_page_query_count_does_not_grow_with_items(login, staff_a, agency_a, django_assert_num_queries):
    from .conftest import item

    checklist = draft(agency_a, staff_a, items=2)
    client = login(staff_a)
    # 1. the session
    # 2. the user
    # 3. the user's subordinate units (access)
    # 4. the checklist with its agency
    # 5. its items
    # 6. the items' laws
    # 7. the agency's laws (the rows' default choice)
    # 8. the law catalogue (once for every row)
    # 9. the agency's enforced laws, each covered or not by the revision's items (checklists.coverage)
    # 10. the unread-notification count in the navigation bar
    with django_assert_num_queries(10):
        assert client.get(items_url(checklist)).status_code == 200
    services.checklist_items_save(checklist=checklist, actor=staff_a, items=[item() for _ in range(25)])
    with django_assert_num_queries(10):  # the same ten for 25 items
        assert client.get(items_url(checklist)).status_code == 200


def test_the_checklist_stays_a_draft(login, staff_a, draft_a):
    login(staff_a).post(items_url(draft_a), formset_post(existing_rows(draft_a), initial=2))
    assert Checklist.objects.get(pk=draft_a.pk).status == "draft"


def test_a_failed_save_opens_with_a_summary_of_every_error_linking_to_its_field(login, staff_a, agency_a):
    checklist = draft(agency_a, staff_a, items=0)
    bad = row(content="", end_date=f"{YEAR}-02-01")
    response = login(staff_a).post(items_url(checklist), formset_post([row(), bad]))
    assert response.status_code == 200
    page = response.text
    summary = page.index("data-error-summary")
    assert summary < page.index('id="item-rows"')  # at the top, before the first item
    assert 'href="#id_items-1-content"' in page and 'href="#id_items-1-end_date"' in page
    assert "第2项 · 普法内容：这个字段是必填项" in page
    assert "有 2 处需要修改：" in page


def test_a_page_without_errors_has_no_summary(login, staff_a, draft_a):
    assert "data-error-summary" not in login(staff_a).get(items_url(draft_a)).text


def test_laws_are_checkboxes_the_agencys_own_first_and_the_chosen_ones_at_the_top(login, staff_a, agency_a, law):
    from agencies.models import Law

    other = Law.objects.create(title="中华人民共和国档案法", kind=law.kind)
    agency_a.laws.add(law)
    checklist = draft(agency_a, staff_a, items=1, laws=[other])
    page = login(staff_a).get(items_url(checklist)).text
    page = page[page.index('id="item-rows"') :]  # the rows (the coverage card above names uncovered laws too)
    assert 'type="checkbox"' in page and 'name="items-0-laws"' in page and '<select name="items-0-laws"' not in page
    assert "勾选本事项宣传的法律" in page
    chosen, own, rest = page.index("已选"), page.index("本单位执行的法律法规"), page.index("法律法规库中的其他")
    assert chosen < page.index(other.title) < own < page.index(law.title) < rest
    assert "data-law-search" in page  # shown by script; plain checkboxes without it
