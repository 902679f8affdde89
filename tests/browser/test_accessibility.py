"""Accessibility basics in Chromium: a skip link, menu text readable on the red bar, the current section
marked, and the dashboard's chart links reached with the keyboard and named for screen readers."""

from __future__ import annotations

import pytest

from tests.conftest import PASSWORD

expect = pytest.importorskip("playwright.sync_api", reason="playwright is a dev dependency").expect

pytestmark = pytest.mark.browser

CONTRAST = """(link) => {
  const rgb = (text) => text.match(/[\\d.]+/g).map(Number);
  const luminance = ([r, g, b]) => {
    const channel = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const bar = rgb(getComputedStyle(link.closest("nav")).backgroundColor);
  const [r, g, b, a = 1] = rgb(getComputedStyle(link).color);
  const text = [r, g, b].map((c, i) => c * a + bar[i] * (1 - a));  // the text's colour blended on the bar
  const [light, dark] = [luminance(text), luminance(bar)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}"""


def test_the_skip_link_the_menu_s_contrast_and_the_current_section(new_page, staff_a, agency_a):
    staff = new_page()
    staff.login("staff_a", PASSWORD)
    staff.goto("/activities/")
    staff.page.keyboard.press("Tab")
    skip = staff.page.get_by_role("link", name="跳到正文")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    skip.press("Enter")
    expect(staff.page.locator("main#main")).to_be_focused()

    menu = staff.page.get_by_role("navigation", name="主菜单")
    for link in menu.locator(".navbar-nav > .nav-item > .nav-link").all():
        assert link.evaluate(CONTRAST) >= 4.5, link.inner_text()
    current = menu.locator("[aria-current]")
    expect(current).to_have_count(1)
    expect(current).to_have_text("履职台账")


def test_the_dashboard_s_chart_links_are_reached_by_keyboard_and_named(new_page, leader, agency_a, agency_b):
    tab = new_page()
    tab.login("leader", PASSWORD)
    tab.goto("/assessment/dashboard/")
    chart = tab.page.locator("svg.chart[role=group]").first
    link = chart.get_by_role("link").first
    name = link.get_attribute("aria-label")
    assert name and ":" in name  # "未填报: 2", the bar and its number
    link.focus()
    assert tab.page.evaluate("() => document.activeElement.closest('svg.chart') !== null")
    expect(tab.page.get_by_role("link", name=name)).to_have_count(1)
    tab.follow(link)  # the drill-down
    assert "/assessment/dashboard/agencies/" in tab.page.url
