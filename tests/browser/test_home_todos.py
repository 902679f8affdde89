"""待办 on each role's home, first on the page, each item a working link: on a 1366×768 desktop and a 390×844 phone."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.checklists.conftest import draft, submitted
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

SCREENS = {"desktop": {"width": 1366, "height": 768}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(autouse=True)
def _after_the_deadline():
    """10 March 2026, whatever today is: the year's filing deadline has passed."""
    with time_machine.travel(dt.datetime(2026, 3, 10, 9, tzinfo=ZoneInfo("Asia/Shanghai")), tick=True):
        yield


@pytest.fixture
def work(staff_a, staff_b, bureau_reviewer, bureau_admin, leader):
    """A's draft (the clerk's to-do), B's submission (the reviewers'), the parent not filed (leadership's)."""
    draft(staff_a.agency, staff_a)
    return submitted(staff_b.agency, staff_b)


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize(
    ("username", "expected"),
    [
        ("staff_a", "继续填写"),
        ("bureau_reviewer", "审核区教育局的"),
        ("bureau_admin", "审核区教育局的"),
        ("leader", "逾期未报送"),
    ],
)
def test_each_role_s_home_starts_with_its_to_dos_linked(new_page, work, username, expected, screen):
    tab = new_page(viewport=SCREENS[screen])
    tab.login(username, PASSWORD)
    todos = tab.page.locator("[data-testid=todos]")
    assert todos.is_visible()
    # first thing on the page: nothing of the main content comes before it but the heading
    first_card = tab.page.locator("main .card").first
    assert first_card.get_attribute("data-testid") == "todos"
    links = todos.locator("li a")
    assert links.count() >= 1
    assert expected in todos.inner_text()
    for index in range(links.count()):
        assert links.nth(index).get_attribute("href").startswith("/")
    assert tab.page.evaluate(
        "() => { const box = document.querySelector('[data-testid=todos]'); "
        "return box.scrollWidth <= box.clientWidth && box.getBoundingClientRect().right <= window.innerWidth; }"
    ), "the to-dos do not fit the screen"
    tab.screenshot(f"home-todos-{screen}-{username}")
    target = links.filter(has_text=expected).first
    tab.follow(target)
    assert tab.page.url != tab.base_url + "/"  # the link led to its page
    assert "服务器错误" not in tab.main_text()
