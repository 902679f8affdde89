import pytest

from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_staff_log_in_to_their_chinese_home_page(page, staff_a):
    page.goto("/login/")
    assert page.page.title().startswith("登录")
    page.screenshot("login")
    page.login("staff_a", PASSWORD)
    assert "常州市新北区市场监督管理局" in page.page.content()
    page.screenshot("home-staff")
    page.logout()
    assert "/login/" in page.page.url


def test_the_agency_list_is_chinese_and_filterable(page, bureau_admin, agency_a, agency_b):
    page.login("bureau_admin", PASSWORD)
    page.goto("/agencies/")
    page.page.fill("input[name=q]", "教育")
    page.page.click("form[method=get] button[type=submit]")
    page.page.wait_for_load_state()
    content = page.page.content()
    assert "常州市新北区教育局" in content and "市场监督管理局" not in content
    page.screenshot("agency-list")
