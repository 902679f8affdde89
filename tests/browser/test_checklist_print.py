"""The 备案表: a checklist printed from Chromium on A4 paper, nothing of the screen on it; the ledger, the dashboard and
the results on paper."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from checklists import services
from tests.activity_rows import logged_activity
from tests.checklists.conftest import item
from tests.conftest import PASSWORD

expect = pytest.importorskip("playwright.sync_api", reason="playwright is a dev dependency").expect

pytestmark = pytest.mark.browser

YEAR = 2026
# Six items as agencies write them: a sentence or two of content and goal, a law or two.
ITEMS = [
    (
        "将《民法典》《行政诉讼法》纳入党组（党委）理论学习中心组年度学习计划，开展领导干部集中学法",
        "全年集中学法不少于2次，领导干部学法全覆盖",
    ),
    (
        "开展“法院开放日”和“旁听庭审”活动，邀请人大代表、政协委员和群众代表走进法院",
        "全年举办开放日活动不少于2次，组织旁听庭审不少于4场",
    ),
    (
        "在执法检查和案件办理中落实“谁执法谁普法”，结合典型案例开展以案释法",
        "全年发布典型案例不少于6个，以案释法覆盖全部执法领域",
    ),
    ("围绕“3·15”消费者权益日开展《消费者权益保护法》集中宣传", "发放宣传资料2000份，现场解答咨询200人次"),
    ("深入企业开展《安全生产法》宣讲，推动企业主要负责人学法", "辖区重点企业主要负责人培训全覆盖"),
    ("利用门户网站、微信公众号开展法律知识网上竞答和普法短视频推送", "全年推送普法信息不少于50条，阅读量达到1万人次"),
]


@pytest.fixture
def six_items(staff_a, bureau_reviewer, law):
    checklist = services.checklist_start(agency=staff_a.agency, year=YEAR, actor=staff_a)
    rows = [
        item(YEAR, content=content, goal=goal, law_ids=[law.pk], start_date=dt.date(YEAR, 3, 1))
        for content, goal in ITEMS
    ]
    services.checklist_items_save(checklist=checklist, actor=staff_a, items=rows)
    services.checklist_submit(checklist=checklist, actor=staff_a)
    return services.checklist_approve(checklist=checklist, actor=bureau_reviewer)


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def test_a_six_item_checklist_prints_on_one_a4_page_without_the_screen_around_it(new_page, six_items):
    staff = new_page()
    staff.login("staff_a", PASSWORD)
    staff.goto(f"/checklists/{six_items.pk}/")
    staff.follow(staff.page.locator("main").get_by_role("link", name="打印"))
    sheet = staff.page.locator("main")
    expect(sheet).to_contain_text(six_items.agency.name)
    expect(sheet).to_contain_text(six_items.agency.filing_office.name)
    expect(sheet).to_contain_text(f"审核通过日期{timezone.localtime(six_items.decided_at):%Y-%m-%d}")
    expect(sheet.locator("tbody tr")).to_have_count(3 + len(ITEMS) + 1)  # head, items, signatures
    expect(staff.page.get_by_role("button", name="打印")).to_be_visible()

    staff.page.emulate_media(media="print")
    for chrome in ("button", "nav", "select", "footer"):
        assert staff.page.locator(f"{chrome}:visible").count() == 0, chrome
    pdf = staff.page.pdf(format="A4", print_background=True)
    staff.screenshot("checklist-print")
    assert pdf_pages(pdf) == 1


def test_a_long_checklist_runs_on_to_more_pages(new_page, six_items, staff_a):
    draft = services.checklist_start(agency=staff_a.agency, year=YEAR + 1, actor=staff_a)
    long_items = [item(YEAR + 1, content=content * 3, goal=goal * 2) for content, goal in ITEMS * 3]
    services.checklist_items_save(checklist=draft, actor=staff_a, items=long_items)
    staff = new_page()
    staff.login("staff_a", PASSWORD)
    staff.goto(f"/checklists/{draft.pk}/print/")
    staff.page.emulate_media(media="print")
    assert pdf_pages(staff.page.pdf(format="A4")) > 1


@pytest.mark.parametrize("path", ["/assessment/dashboard/", f"/assessment/{YEAR}/"])
def test_the_dashboard_and_the_results_print_without_the_screen_s_chrome(new_page, leader, agency_a, path):
    tab = new_page()
    tab.login("leader", PASSWORD)
    tab.goto(path)
    tab.page.emulate_media(media="print")
    for chrome in ("nav.navbar", "footer", ".btn", "form"):
        assert tab.page.locator(f"{chrome}:visible").count() == 0, chrome
    expect(tab.page.locator("main h1")).to_be_visible()
    assert pdf_pages(tab.page.pdf(format="A4")) >= 1


# A4 is 794 px wide at 96 dpi; the browser's usual margins of 1 cm leave about 718 px for the page.
A4_WITH_MARGINS = {"width": 718, "height": 1000}


def test_the_ledger_prints_as_a_table_on_a4_with_the_usual_margins(new_page, staff_a):
    for day in range(1, 6):
        logged_activity(
            agency=staff_a.agency,
            created_by=staff_a,
            activity_type="law_lecture",
            title=f"食品安全法专题讲座（第{day}场）",
            start_date=dt.date(YEAR, 3, day),
            people_reached=50,
            place="区市场监管局三楼会议室",
        )
    staff = new_page(viewport=A4_WITH_MARGINS)
    staff.login("staff_a", PASSWORD)
    staff.goto(f"/activities/agency/{staff_a.agency.pk}/{YEAR}/")
    staff.page.emulate_media(media="print")
    table = staff.page.locator("main table")
    expect(table.locator("thead")).to_be_visible()  # the column heads, not a card per row
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(5)
    assert rows.first.evaluate("row => getComputedStyle(row).display") == "table-row"
    for chrome in (".nav-tabs", "form", "a:text-is('2025')"):
        assert staff.page.locator(f"main {chrome}:visible").count() == 0, chrome
    assert staff.page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    assert (
        pdf_pages(staff.page.pdf(format="A4", margin={"top": "1cm", "bottom": "1cm", "left": "1cm", "right": "1cm"}))
        == 1
    )
