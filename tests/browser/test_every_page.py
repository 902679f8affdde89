"""Each role's main pages on the demo district, in Chromium on a 1366×768 desktop and a 390×844 phone.

No page scrolls sideways on the phone, and no table hides its columns in a scrolling box either: on a
phone table rows become cards. No page, the admin's included, logs a console error (the ``new_page``
fixture fails the test on one), and no select starts with Django's "---------".
"""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command

from activities.models import Campaign
from agencies import access
from agencies.models import User
from checklists.models import Checklist

pytestmark = pytest.mark.browser

DEMO_PASSWORD = "puffa-demo-2026"
YEAR = 2026
DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}

# What scrolls sideways: the page itself, or a box inside it (a .table-responsive table too wide for it).
SIDEWAYS = """() => {
  const too_wide = [];
  if (document.documentElement.scrollWidth > window.innerWidth) {
    too_wide.push(`the page: ${document.documentElement.scrollWidth}px`);
  }
  for (const box of document.querySelectorAll("main .table-responsive, main pre")) {
    if (box.scrollWidth > box.clientWidth + 1) {
      too_wide.push(`${box.className || box.tagName}: ${box.scrollWidth}px in ${box.clientWidth}px`);
    }
  }
  return too_wide;
}"""
DASHES = (
    "() => [...document.querySelectorAll('select option')].filter(o => o.textContent.trim() === '---------').length"
)


@pytest.fixture
def demo(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def _pages(username: str) -> list[str]:
    user = User.objects.get(username=username)
    agency = user.agency
    pages = ["/"]
    if agency is not None:
        checklist = Checklist.objects.filter(agency=agency, year=YEAR).order_by("-revision").first()
        pages += [
            "/checklists/",
            f"/checklists/{checklist.pk}/",
            f"/checklists/{checklist.pk}/print/",
            f"/activities/agency/{agency.pk}/{YEAR}/",
            f"/activities/agency/{agency.pk}/{YEAR}/new/",
            f"/activities/agency/{agency.pk}/{YEAR}/progress/",
            f"/assessment/{YEAR}/",
            f"/assessment/{YEAR}/agencies/{agency.pk}/self/",
            "/agencies/inbox/",
            "/library/",
            "/oversight/filings/",
            f"/newmedia/agency/{agency.pk}/",
            "/campaigns/",
            f"/decisions/agency/{agency.pk}/",
            "/practice/",
            "/oversight/plans/",
            f"/oversight/plans/agency/{agency.pk}/",
            f"/oversight/plans/agency/{agency.pk}/{YEAR}/key-work/",
        ]
    if user.role in (User.Role.REVIEWER, User.Role.BUREAU_ADMIN):
        submitted = access.scope(user, Checklist.objects.filter(status=Checklist.Status.SUBMITTED)).order_by("pk")
        waiting = next(c for c in submitted if access.can_review(user, c.agency_id))
        pages += ["/checklists/review/", f"/checklists/{waiting.pk}/review/", "/checklists/overview/"]
    if user.role in (User.Role.REVIEWER, User.Role.BUREAU_ADMIN, User.Role.LEADERSHIP):
        some = access.visible_agencies(user).filter(is_active=True).order_by("pk").first()
        campaign = access.visible_campaigns(user, Campaign.objects.filter(year=YEAR)).order_by("pk").first()
        pages += [
            f"/assessment/dashboard/?year={YEAR}",
            f"/assessment/dashboard/agencies/?year={YEAR}&figure=all",
            f"/assessment/{YEAR}/",
            f"/assessment/{YEAR}/agencies/{some.pk}/",
            f"/activities/overview/{YEAR}/",
            f"/newmedia/{YEAR}/",
            "/reminders/",
            "/agencies/",
            f"/assessment/dashboard/agencies/?year={YEAR}&figure=coverage:gaps",
            f"/assessment/dashboard/agencies/?year={YEAR}&figure=campaign:not_yet",
            "/campaigns/",
            f"/campaigns/{campaign.pk}/",
            f"/decisions/{YEAR}/",
            "/practice/",
            f"/oversight/plans/?year={YEAR}",
        ]
    if user.role == User.Role.BUREAU_ADMIN:
        pages += ["/checklists/cycles/", f"/assessment/{YEAR}/rubric/", "/agencies/laws/", "/oversight/rectifications/"]
        pages += ["/campaigns/new/", "/agencies/laws/power-list/", f"/decisions/{YEAR}/measures/new/"]
    return pages


def _walk(tab, pages: list[str], label: str, *, shots: bool = False) -> list[str]:
    problems = []
    for path in pages:
        response = tab.page.goto(tab.base_url + path)
        if response.status >= 400:
            problems.append(f"{label} {path}: {response.status}")
            continue
        tab.assert_chinese()
        for wide in tab.page.evaluate(SIDEWAYS):
            problems.append(f"{label} {path}: {wide}")
        if tab.page.evaluate(DASHES):
            problems.append(f"{label} {path}: a select starts with ---------")
        if shots:
            tab.screenshot(f"phone-{label}-{re.sub(r'[^a-z0-9]+', '-', path).strip('-') or 'home'}")
    return problems


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1366", "390"])
def test_each_role_s_main_pages_fit_the_screen_without_console_errors(new_page, demo, viewport):
    problems = []
    public = new_page(viewport=viewport)
    approved = Checklist.objects.filter(status=Checklist.Status.APPROVED, year=YEAR).order_by("pk").first()
    problems += _walk(
        public,
        ["/login/", f"/public/?year={YEAR}", f"/public/{YEAR}/{approved.agency_id}/", "/public/practice/"],
        "anonymous",
        shots=viewport == PHONE,
    )
    for username in ("market", "police", "reviewer", "xuejia-office", "bureau", "leader"):
        tab = new_page(viewport=viewport)
        tab.login(username, DEMO_PASSWORD)
        problems += _walk(tab, _pages(username), username, shots=viewport == PHONE)
    admin = new_page(viewport=viewport)
    admin.login("sysadmin", DEMO_PASSWORD)
    for path in ("/admin/", "/admin/axes/accessattempt/", "/admin/agencies/agency/"):
        response = admin.page.goto(admin.base_url + path)
        assert response.status == 200, path
        assert "AXES" not in admin.page.inner_text("body").upper().replace("AXES_", "")
    assert problems == [], "\n".join(problems)
