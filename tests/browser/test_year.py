"""The year across roles (docs/domain.md), clicked and typed through the real pages in Chromium.

Staff file a checklist, the bureau's reviewer returns it, staff fix and resubmit, the reviewer approves and the
public sees it; staff log an activity with a photo; the bureau administrator scores the year and publishes;
staff read their breakdown and leadership drills down from the dashboard. Fixtures only create the cast, the
law catalogue and the year's cycle; every step under test goes through the browser. Each role has a browser
context of its own, so their sessions never mix.
"""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from PIL import Image

from activities.models import Activity
from agencies.models import AnnualCycle
from assessment.models import Result
from assessment.services import year_open
from checklists.models import Checklist
from tests.conftest import PASSWORD

expect = pytest.importorskip("playwright.sync_api", reason="playwright is a dev dependency").expect

pytestmark = pytest.mark.browser

ITEMS = [
    # content, office, person, audience value, forms (activity types), planned activities, planned people
    (
        "宣传《中华人民共和国食品安全法》，开展食品安全进社区专题讲座",
        "食品安全协调科",
        "王磊",
        "public",
        ["law_lecture"],
        1,
        50,
    ),
    ("对新办食品经营户开展“首违不罚”以案释法", "执法稽查大队", "李娜", "targets", ["case_explanation"], 4, 120),
    ("局党组理论学习中心组集中学法", "办公室", "张伟", "cadres", ["party_group_study"], 2, 30),
    ("“3·15”消费者权益日法治宣传活动", "消费者权益保护科", "陈静", "public", ["themed_activity"], 1, 500),
]
RETURN_COMMENT = "第2项的计划活动次数偏少，请结合全年执法计划调整后重新报送。"
ACTIVITY_TITLE = "食品安全法进社区专题讲座"


@pytest.fixture
def celery_eager():
    """The scoring run is a Celery task: run it in the live server's thread, then restore the queue."""
    from puffa.celery import app

    saved = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager, app.conf.task_eager_propagates = True, True
    yield app
    app.conf.task_always_eager, app.conf.task_eager_propagates = saved


@pytest.fixture(autouse=True)
def _media_in_a_temporary_folder(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def year(db) -> int:
    """This year, with a filing deadline that has passed: the first submission is late whatever today is."""
    today = timezone.localdate()
    cycle = year_open(actor=None, year=today.year).cycle  # opened, as the bureau does at 年度设置
    AnnualCycle.objects.filter(pk=cycle.pk).update(filing_deadline=today - dt.timedelta(days=1), study_minimum=2)
    return today.year


@pytest.fixture
def cast(staff_a, agency_a, agency_b, law, bureau_reviewer, bureau_admin, leader):
    agency_a.laws.add(law)
    return agency_a


@pytest.fixture
def photo(tmp_path):
    path = tmp_path / "讲座现场.png"
    image = Image.new("RGB", (640, 480), "#1f6feb")
    for x in range(0, 640, 40):
        for y in range(0, 480, 40):
            if (x + y) // 40 % 2:
                image.paste((255, 200, 0), (x, y, x + 40, y + 40))
    image.save(path, "PNG")
    return path


def test_the_year_across_roles(new_page, cast, year, photo, celery_eager, law):
    agency = cast
    staff, reviewer, admin, leader = new_page(), new_page(), new_page(), new_page()
    staff.login("staff_a", PASSWORD)
    reviewer.login("bureau_reviewer", PASSWORD)

    checklist = staff_files_a_checklist(staff, agency, year, law)
    reviewer_returns_it(reviewer, agency)
    staff_fix_and_resubmit(staff, checklist)
    reviewer_approves(reviewer, agency)
    public_sees_it(new_page(), agency, year)
    staff_log_an_activity(staff, agency, photo)

    admin.login("bureau_admin", PASSWORD)
    admin_scores_and_publishes(admin, agency, year)
    staff_read_their_breakdown(staff, agency)

    leader.login("leader", PASSWORD)
    leadership_drills_down(leader, agency, year)
    leadership_changes_nothing(leader, agency, year)
    leadership_switches_language(leader)


# --- 1. staff file the checklist ------------------------------------------------------------------------


def fill_item(page, index: int, item, year: int, law) -> None:
    content, office, person, audience, forms, activities, people = item
    row = page.page.locator("#item-rows .item-row").nth(index)
    prefix = f"items-{index}-"
    row.locator(f"[name={prefix}content]").fill(content)
    if audience == "public":
        row.get_by_role("checkbox", name=law.title, exact=True).check()
    row.locator(f"[name={prefix}forms]").select_option(forms)
    row.locator(f"[name={prefix}responsible_office]").fill(office)
    row.locator(f"[name={prefix}contact_person]").fill(person)
    row.locator(f"[name={prefix}contact_phone]").fill("0519-8512345" + str(index))
    row.locator(f"[name={prefix}audiences][value={audience}]").check()
    row.locator(f"[name={prefix}start_date]").fill(f"{year}-01-01")
    row.locator(f"[name={prefix}end_date]").fill(f"{year}-12-31")
    row.locator(f"[name={prefix}target_activities]").fill(str(activities))
    row.locator(f"[name={prefix}target_people]").fill(str(people))
    row.locator(f"[name={prefix}goal]").fill(f"全年完成{activities}次，覆盖{people}人")


def staff_files_a_checklist(staff, agency, year: int, law) -> Checklist:
    card = staff.page.locator(".card", has_text=f"本单位 {year} 年度普法责任清单")
    expect(card).to_contain_text("未填报")
    staff.follow(card.get_by_role("link", name="开始填报清单"))
    staff.follow(staff.page.get_by_role("button", name="开始填报清单"))

    # An empty checklist opens with three rows; "add a row" adds the fourth in the page, without a round trip.
    rows = staff.page.locator("#item-rows .item-row")
    expect(rows).to_have_count(3)
    for index, item in enumerate(ITEMS[:3]):
        fill_item(staff, index, item, year, law)
    staff.page.get_by_role("button", name="增加一行").click()
    expect(rows).to_have_count(4)
    fill_item(staff, 3, ITEMS[3], year, law)
    staff.screenshot("checklist-items")
    staff.follow(staff.page.get_by_role("button", name="保存事项"))

    expect(staff.page.locator(".alert-success")).to_contain_text("清单事项已保存")
    for item in ITEMS:
        expect(staff.page.locator("main table")).to_contain_text(item[0])
    staff.follow(staff.page.get_by_role("link", name="报送审核"))

    # The confirmation says what goes where, and that it will be recorded as late.
    confirm = staff.main_text()
    assert "共 4 项事项" in confirm and f"报送{agency.filing_office.name}审核" in confirm, confirm
    assert "本次报送将记为逾期报送" in confirm, confirm
    staff.screenshot("checklist-submit-confirm")
    staff.follow(staff.page.get_by_role("button", name="确认报送"))
    expect(staff.page.locator(".alert-success")).to_contain_text(agency.filing_office.name)
    expect(staff.page.locator("main")).to_contain_text("已报送")
    checklist = Checklist.objects.get(agency=agency, year=year)
    assert checklist.status == Checklist.Status.SUBMITTED and checklist.items.count() == 4
    return checklist


# --- 2. the reviewer returns it ---------------------------------------------------------------------------


def open_review(reviewer, agency) -> None:
    reviewer.goto("/")
    reviewer.follow(reviewer.page.locator(".card", has_text="待审核的清单").get_by_role("link", name="清单审核"))
    row = reviewer.page.locator("main tr", has_text=agency.name)
    expect(row).to_have_count(1)
    reviewer.follow(row.get_by_role("link", name="审核"))


def reviewer_returns_it(reviewer, agency) -> None:
    reviewer.goto("/")
    reviewer.follow(reviewer.page.locator(".card", has_text="待审核的清单").get_by_role("link", name="清单审核"))
    expect(reviewer.page.locator("main tr", has_text=agency.name)).to_contain_text("逾期")
    reviewer.screenshot("review-queue")
    reviewer.follow(reviewer.page.locator("main tr", has_text=agency.name).get_by_role("link", name="审核"))
    for item in ITEMS:
        expect(reviewer.page.locator("main table")).to_contain_text(item[0])
    reviewer.screenshot("review")

    # Returning needs a comment: without one the page says so and nothing is decided.
    reviewer.follow(reviewer.page.get_by_role("button", name="退回修改"))
    expect(reviewer.page.locator("main")).to_contain_text("退回须填写审核意见")
    reviewer.page.get_by_label("审核意见").fill(RETURN_COMMENT)
    reviewer.follow(reviewer.page.get_by_role("button", name="退回修改"))
    expect(reviewer.page.locator(".alert-success")).to_contain_text("已退回修改")
    expect(reviewer.page.locator("main table")).not_to_contain_text(agency.name)


# --- 3. staff see the comment, fix and resubmit -----------------------------------------------------------


def staff_fix_and_resubmit(staff, checklist: Checklist) -> None:
    staff.goto("/")
    card = staff.page.locator(".card", has_text="普法责任清单")
    expect(card).to_contain_text(RETURN_COMMENT)
    expect(staff.page.locator("[data-testid=todos]")).to_contain_text(RETURN_COMMENT)  # first, in the 待办
    staff.screenshot("staff-home-returned")
    staff.follow(card.get_by_role("link", name="继续填写并报送"))  # straight to the items

    second = staff.page.locator("#item-rows .item-row").nth(1)
    expect(second.locator("[name=items-1-content]")).to_have_value(ITEMS[1][0])
    second.locator("[name=items-1-target_activities]").fill("12")
    second.locator("[name=items-1-goal]").fill("全年对新办食品经营户以案释法不少于12次")
    staff.follow(staff.page.get_by_role("button", name="保存事项"))
    expect(staff.page.locator("main table")).to_contain_text("不少于12次")

    staff.follow(staff.page.get_by_role("link", name="报送审核"))
    staff.follow(staff.page.get_by_role("button", name="确认报送"))
    expect(staff.page.locator("main")).to_contain_text("已报送")
    checklist.refresh_from_db()
    assert checklist.status == Checklist.Status.SUBMITTED
    assert checklist.items.get(position=2).target_activities == 12


# --- 4. the reviewer approves; the public sees it ---------------------------------------------------------


def reviewer_approves(reviewer, agency) -> None:
    open_review(reviewer, agency)
    expect(reviewer.page.locator("main table")).to_contain_text("不少于12次")
    reviewer.page.get_by_label("审核意见").fill("同意备案。")
    reviewer.follow(reviewer.page.get_by_role("button", name="审核通过", exact=True))
    # the confirmation says what is still open before the checklist goes public, with the comment typed
    expect(reviewer.page.locator("[data-testid=still-open]")).to_be_visible()
    expect(reviewer.page.get_by_label("审核意见")).to_have_value("同意备案。")
    reviewer.follow(reviewer.page.get_by_role("button", name="审核通过并公布"))
    expect(reviewer.page.locator(".alert-success")).to_contain_text("审核通过")
    expect(reviewer.page.locator("main")).to_contain_text("暂无待审核的清单")


def public_sees_it(public, agency, year: int) -> None:
    public.goto("/public/")
    row = public.page.locator("main tr", has_text=agency.name)
    expect(row).to_have_count(1)
    expect(row.locator("td").nth(3)).to_have_text("4")  # items
    public.screenshot("public-list")

    with public.page.expect_download() as download_info:
        public.page.get_by_role("link", name="下载全区清单（.xlsx）").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    assert re.search(r"[\u4e00-\u9fff]", download.suggested_filename), download.suggested_filename
    assert str(year) in download.suggested_filename
    sheet = load_workbook(io.BytesIO(open(download.path(), "rb").read()), read_only=True).active
    cells = [str(value) for row in sheet.iter_rows(values_only=True) for value in row if value is not None]
    assert agency.name in cells and ITEMS[0][0] in cells

    public.follow(row.get_by_role("link", name=agency.name))
    for item in ITEMS:
        expect(public.page.locator("main")).to_contain_text(item[0])
    # Phone numbers and the reviewer's comment stay off the public pages.
    expect(public.page.locator("main")).not_to_contain_text("0519-8512345")
    expect(public.page.locator("main")).not_to_contain_text(RETURN_COMMENT)
    public.screenshot("public-detail")


# --- 5. staff log an activity with a photo ----------------------------------------------------------------


def staff_log_an_activity(staff, agency, photo) -> None:
    staff.goto("/")
    staff.follow(staff.page.locator("nav").get_by_role("link", name="履职台账"))
    staff.follow(staff.page.get_by_role("link", name="登记活动"))
    form = staff.page.locator("main form[enctype='multipart/form-data']")
    form.locator("[name=activity_type]").select_option("law_lecture")
    form.locator("[name=title]").fill(ACTIVITY_TITLE)
    form.locator("[name=start_date]").fill(timezone.localdate().isoformat())
    form.locator("[name=place]").fill("薛家镇百馨西苑社区党群服务中心")
    form.locator("[name=audiences][value=public]").check()
    form.locator("[name=audience_note]").fill("社区居民、食品经营户")
    form.locator("[name=people_reached]").fill("86")
    form.locator("[name=checklist_item]").select_option(label=f"1. {ITEMS[0][0][:60]}")
    form.locator("[name=description]").fill("邀请执法骨干结合典型案例讲解食品安全法，现场发放宣传资料200余份。")
    form.locator("[name=evidence_files]").set_input_files(photo)
    staff.screenshot("activity-form")
    staff.follow(form.get_by_role("button", name="保存"))

    expect(staff.page.locator(".alert-success")).to_contain_text(ACTIVITY_TITLE)
    main = staff.page.locator("main")
    expect(main.locator("h1")).to_contain_text(ACTIVITY_TITLE)
    expect(main).to_contain_text(ITEMS[0][0])
    thumbnail = main.get_by_role("img", name=photo.name)
    expect(thumbnail).to_be_visible()
    thumbnail.scroll_into_view_if_needed()
    staff.page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=thumbnail.element_handle())
    staff.screenshot("activity-detail")

    staff.follow(main.get_by_role("link", name=re.compile("台账")).first)
    row = staff.page.locator("main tbody tr", has_text=ACTIVITY_TITLE)
    expect(row).to_have_count(1)
    expect(row).to_contain_text("86")
    expect(row).to_contain_text("专题法治讲座")
    # The date filter reads as a date range, not as another page's word for "To".
    expect(staff.page.locator("main form[method=get]")).to_contain_text("截止日期")
    staff.screenshot("ledger")
    activity = Activity.objects.get(agency=agency, title=ACTIVITY_TITLE)
    assert activity.checklist_item.position == 1 and activity.evidence.count() == 1


# --- 6. the bureau scores and publishes -------------------------------------------------------------------


def admin_scores_and_publishes(admin, agency, year: int) -> None:
    admin.goto("/")
    open_menu(admin, "考核评价", "年度考核评价")
    expect(admin.page.locator("main h1")).to_contain_text(f"{year}")
    admin.follow(admin.page.get_by_role("button", name="开始计分"))
    expect(admin.page.locator("main")).to_contain_text("已完成")
    admin.screenshot("assessment-run")
    admin.follow(admin.page.get_by_role("link", name="返回考核评价"))
    expect(admin.page.locator("main tr", has_text=agency.name)).to_have_count(1)
    admin.follow(admin.page.get_by_role("link", name="公布考核结果"))
    # the confirmation lists what is still open (no survey imported) before the year is frozen
    expect(admin.page.locator("[data-testid=still-open]")).to_contain_text("尚未导入第三方测评结果")
    admin.follow(admin.page.get_by_role("button", name=f"公布{year}年度考核结果"))
    expect(admin.page.locator(".alert-success")).to_contain_text("已公布")
    expect(admin.page.get_by_role("button", name="开始计分")).to_have_count(0)
    admin.screenshot("assessment-overview")
    assert Result.objects.filter(agency=agency, rubric__cycle__year=year).exists()


# --- 7. staff read their breakdown; leadership's dashboard ---------------------------------------------------


def open_menu(page, menu: str, entry: str) -> None:
    """Open a menu of the navigation bar and follow one of its entries."""
    nav = page.page.locator("nav")
    nav.get_by_role("button", name=menu).click()
    page.follow(nav.locator(".dropdown-menu.show").get_by_role("link", name=entry))


def staff_read_their_breakdown(staff, agency) -> None:
    staff.goto("/")
    open_menu(staff, "考核评价", "年度考核评价")
    staff.follow(staff.page.get_by_role("link", name="本单位得分明细"))
    main = staff.page.locator("main")
    expect(main.locator("h1")).to_have_text(agency.name)
    result = Result.objects.get(agency=agency)
    expect(main.locator(".stat-card").first).to_contain_text(str(result.total))
    expect(main).to_contain_text("总分")
    expect(main.locator("table").first.locator("tbody tr")).to_have_count(8)
    staff.screenshot("breakdown")


# The texts of the charts that are drawn (partly) outside their chart's box, where nobody can read them.
SPILLED_LABELS = """charts => charts.flatMap(chart => {
    const box = chart.viewBox.baseVal;
    return [...chart.querySelectorAll("text")]
        .filter(text => { const b = text.getBBox(); return b.x < -1 || b.x + b.width > box.width + 1; })
        .map(text => text.textContent);
})"""


def leadership_drills_down(leader, agency, year: int) -> None:
    leader.goto("/")
    open_menu(leader, "考核评价", "数据看板")
    charts = leader.page.locator("main svg.chart")
    expect(charts).to_have_count(8)
    for index in range(8):
        expect(charts.nth(index)).to_be_visible()
    spilled = leader.page.eval_on_selector_all("main svg.chart", SPILLED_LABELS)
    assert spilled == [], f"chart labels drawn outside their chart: {spilled}"
    late = leader.page.locator("main svg[aria-label='是否按时'] a", has_text="逾期报送")
    expect(late).to_contain_text("1")
    leader.screenshot("dashboard")

    leader.follow(late)
    main = leader.page.locator("main")
    expect(main.locator("h1")).to_contain_text("逾期报送")
    expect(main.locator("tbody tr")).to_have_count(1)
    expect(main.locator("tbody tr")).to_contain_text(agency.name)
    leader.screenshot("dashboard-drilldown-late")

    # Back on the dashboard, a filing-status figure leads to the agencies that have not started.
    leader.follow(leader.page.get_by_role("link", name=re.compile("数据看板")))
    leader.follow(leader.page.locator("main svg[aria-label='清单备案进度（按状态）'] a", has_text="未填报"))
    expect(main.locator("tbody tr")).to_have_count(2)
    expect(main).not_to_contain_text(agency.name)


def leadership_changes_nothing(leader, agency, year: int) -> None:
    leader.goto(f"/checklists/agency/{agency.pk}/{year}/")
    main = leader.page.locator("main")
    expect(main).to_contain_text("已通过")
    for label in ("编辑事项", "报送审核", "申请变更", "审核", "从电子表格导入"):
        expect(main.get_by_role("link", name=label, exact=True)).to_have_count(0)
    leader.screenshot("leadership-checklist")
    leader.goto(f"/activities/agency/{agency.pk}/{year}/")
    expect(main).to_contain_text(ACTIVITY_TITLE)
    expect(main.get_by_role("link", name="登记活动")).to_have_count(0)
    expect(main).to_contain_text("只读")

    # A change posted anyway, with a valid CSRF token, is refused and changes nothing.
    checklist = Checklist.objects.get(agency=agency, year=year)
    token = next(c["value"] for c in leader.page.context.cookies() if c["name"] == "csrftoken")
    response = leader.page.request.post(
        f"{leader.base_url}/checklists/{checklist.pk}/amend/",
        form={"csrfmiddlewaretoken": token, "reason": "领导试图修改"},
        headers={"Referer": leader.page.url},
    )
    assert response.status == 403 and re.search(r"[\u4e00-\u9fff]", response.text())
    assert Checklist.objects.filter(agency=agency, year=year).count() == 1


def leadership_switches_language(leader) -> None:
    leader.goto("/assessment/dashboard/")
    footer = leader.page.locator("footer")
    footer.get_by_label("语言").select_option("en")
    leader.follow(footer.get_by_role("button", name="切换"), chinese=False)
    assert leader.page.get_attribute("html", "lang") == "en"
    expect(leader.page.locator("main h1")).to_contain_text("Legal-education responsibility in")
    assert leader.page.eval_on_selector_all("main svg.chart", SPILLED_LABELS) == []
    leader.screenshot("dashboard-english")
    footer.get_by_label("Language").select_option("zh-hans")
    leader.follow(footer.get_by_role("button", name="Switch"))
    expect(leader.page.locator("main h1")).to_contain_text("普法")
