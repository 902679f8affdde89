"""The navigation bar fits a 1366 px desktop screen, the commonest in government offices, in both languages:
no page scrolls sideways because of it."""

import pytest

from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

NO_SIDEWAYS_SCROLL = "() => document.documentElement.scrollWidth <= window.innerWidth"


def switch_to_english(tab) -> None:
    footer = tab.page.locator("footer")
    footer.get_by_label("语言").select_option("en")
    tab.follow(footer.get_by_role("button", name="切换"), chinese=False)
    assert tab.page.get_attribute("html", "lang") == "en"


@pytest.mark.parametrize("username", ["staff_a", "bureau_reviewer", "bureau_admin", "leader"])
def test_every_role_s_home_fits_a_1366_pixel_screen_in_both_languages(new_page, username, request):
    request.getfixturevalue(username)
    tab = new_page(viewport={"width": 1366, "height": 768})
    tab.login(username, PASSWORD)
    assert tab.page.evaluate(NO_SIDEWAYS_SCROLL), "the Chinese page scrolls sideways"
    assert tab.page.locator("nav .nav-user").get_attribute("title")  # the whole name and role, on hover
    switch_to_english(tab)
    tab.page.goto(tab.base_url + "/")
    assert tab.page.evaluate(NO_SIDEWAYS_SCROLL), "the English page scrolls sideways"
    tab.screenshot(f"home-1366-en-{username}")
