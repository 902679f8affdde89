"""The checklist items page in a browser without script: "add a row" goes to the server and back."""

import pytest
from django.utils import timezone

from checklists import services
from checklists.models import Checklist
from tests.conftest import PASSWORD

from .test_year import ITEMS, fill_item

expect = pytest.importorskip("playwright.sync_api", reason="playwright is a dev dependency").expect

pytestmark = pytest.mark.browser


@pytest.fixture
def draft(agency_a, staff_a, law) -> Checklist:
    agency_a.laws.add(law)
    return services.checklist_start(agency=agency_a, year=timezone.localdate().year, actor=staff_a)


def test_add_a_row_without_javascript_keeps_what_was_typed(new_page, draft, law):
    staff = new_page(java_script_enabled=False)
    staff.login("staff_a", PASSWORD)
    staff.goto(f"/checklists/{draft.pk}/items/")
    rows = staff.page.locator("#item-rows .item-row")
    expect(rows).to_have_count(3)
    fill_item(staff, 0, ITEMS[0], draft.year, law)

    staff.follow(staff.page.get_by_role("button", name="增加一行"))
    expect(rows).to_have_count(4)
    expect(rows.nth(0).locator("[name=items-0-content]")).to_have_value(ITEMS[0][0])
    expect(staff.page.locator("main .invalid-feedback")).to_have_count(0)
    assert draft.items.count() == 0

    # The two rows left empty are not items; the one filled after adding is.
    fill_item(staff, 3, ITEMS[1], draft.year, law)
    staff.follow(staff.page.get_by_role("button", name="保存事项"))
    staff.screenshot("checklist-items-nojs-saved")
    expect(staff.page.locator(".alert-success")).to_contain_text("清单事项已保存")
    assert list(draft.items.order_by("position").values_list("content", flat=True)) == [ITEMS[0][0], ITEMS[1][0]]
