"""Long forms in a browser: the error summary takes the focus and leads to each field; laws are picked
with checkboxes and a search box, and without script are plain checkboxes."""

from __future__ import annotations

import pytest
from django.utils import timezone

from agencies.models import Law
from checklists import services
from checklists.models import Checklist
from tests.conftest import PASSWORD

expect = pytest.importorskip("playwright.sync_api", reason="playwright is a dev dependency").expect

pytestmark = pytest.mark.browser


@pytest.fixture
def draft(agency_a, staff_a, law) -> Checklist:
    agency_a.laws.add(law)
    Law.objects.create(title="中华人民共和国档案法", kind=law.kind)
    Law.objects.create(title="中华人民共和国安全生产法", kind=law.kind)
    return services.checklist_start(agency=agency_a, year=timezone.localdate().year, actor=staff_a)


def test_a_failed_save_focuses_the_summary_and_each_line_leads_to_its_field(new_page, draft):
    staff = new_page(viewport={"width": 390, "height": 844})
    staff.login("staff_a", PASSWORD)
    staff.goto(f"/checklists/{draft.pk}/items/")
    staff.page.locator("[name=items-0-content]").fill("开展《食品安全法》进企业宣传")
    staff.follow(staff.page.get_by_role("button", name="保存事项"))

    summary = staff.page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    assert summary.bounding_box()["y"] < 844  # on the first screen, not 5,000 px below
    first = summary.get_by_role("link").first
    expect(first).to_contain_text("第1项")
    target = first.get_attribute("href").lstrip("#")
    first.click()
    expect(staff.page.locator(f"#{target}")).to_be_focused()
    assert draft.items.count() == 0


def test_the_law_picker_searches_and_the_agencys_own_laws_come_first(new_page, draft, law):
    staff = new_page()
    staff.login("staff_a", PASSWORD)
    staff.goto(f"/checklists/{draft.pk}/items/")
    picker = staff.page.locator("[data-law-picker]").first
    boxes = picker.get_by_role("checkbox")
    expect(boxes.first).to_have_accessible_name(law.title)  # the agency's own law heads the list
    search = picker.get_by_role("searchbox", name="按名称查找法律")
    search.fill("档案")
    expect(picker.get_by_role("checkbox", name="中华人民共和国档案法")).to_be_visible()
    expect(picker.get_by_role("checkbox", name="中华人民共和国安全生产法")).to_be_hidden()
    picker.get_by_role("checkbox", name="中华人民共和国档案法").check()
    search.fill("")
    expect(picker.get_by_role("checkbox", name="中华人民共和国安全生产法")).to_be_visible()
    # One click on another law keeps the first: no Ctrl-click list to clear.
    picker.get_by_role("checkbox", name=law.title).check()
    expect(picker.get_by_role("checkbox", name="中华人民共和国档案法")).to_be_checked()


def test_without_script_the_laws_are_plain_checkboxes(new_page, draft, law):
    staff = new_page(java_script_enabled=False)
    staff.login("staff_a", PASSWORD)
    staff.goto(f"/checklists/{draft.pk}/items/")
    picker = staff.page.locator("[data-law-picker]").first
    expect(picker.get_by_role("searchbox")).to_be_hidden()
    expect(picker.get_by_role("checkbox", name=law.title)).to_be_visible()


def test_an_agency_is_typed_with_suggestions_and_the_reminders_filter_by_it(new_page, bureau_admin, agency_a, agency_b):
    bureau = new_page(viewport={"width": 390, "height": 844})
    bureau.login("bureau_admin", PASSWORD)
    bureau.goto("/reminders/")
    field = bureau.page.locator("#id_agency")
    field.press_sequentially("教育")
    suggestions = bureau.page.locator(f"#{field.get_attribute('list')} option")
    expect(suggestions).to_have_count(1)
    assert suggestions.first.get_attribute("value") == agency_b.name
    field.fill(agency_b.name)
    bureau.follow(bureau.page.get_by_role("button", name="筛选"))
    expect(bureau.page.locator("#id_agency")).to_have_value(agency_b.name)  # shown by name after the search
