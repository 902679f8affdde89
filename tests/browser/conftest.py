"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Chromium comes from the `chromium` Debian package (/usr/bin/chromium, or PUFFA_CHROMIUM); Playwright never
downloads a browser. Without Chromium the tests skip with the reason, except where PUFFA_REQUIRE_BROWSER
or CI is set: there a missing browser fails the run. Every page fails the test on a JavaScript error in
the console, and screenshots of the main pages are kept under var/screenshots/ as CI artifacts.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = os.environ.get("PUFFA_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def _browser_required() -> bool:
    return bool(os.environ.get("PUFFA_REQUIRE_BROWSER") or os.environ.get("CI"))


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        message = f"Chromium not found at {CHROMIUM}: install Debian's chromium package"
        if _browser_required():
            pytest.fail(message)
        pytest.skip(message)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # pragma: no cover - dev dependency missing
        if _browser_required():
            pytest.fail(f"playwright is not installed: {exc}")
        pytest.skip(f"playwright is not installed: {exc}")
    # Playwright's sync API runs an event loop in this thread; the ORM calls made by the tests
    # themselves (fixtures, assertions) are still synchronous.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Page:
    """A browser tab on the live server that fails the test on any console error."""

    def __init__(self, page, base_url: str):
        self.page = page
        self.base_url = base_url
        self.errors: list[str] = []
        page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))

    def goto(self, path: str):
        response = self.page.goto(self.base_url + path)
        self.assert_chinese()
        return response

    def assert_chinese(self):
        assert self.page.get_attribute("html", "lang") == "zh-CN", self.page.url

    def login(self, username: str, password: str):
        self.goto("/login/")
        self.page.fill("input[name=username]", username)
        self.page.fill("input[name=password]", password)
        self.follow("main button[type=submit]")

    def logout(self):
        self.follow("nav form[action$='/logout/'] button")

    def follow(self, target, *, chinese: bool = True):
        """Click a link or button (a selector or a locator) and wait until the page it leads to has loaded."""
        locator = self.page.locator(target) if isinstance(target, str) else target
        with self.page.expect_navigation():
            locator.click()
        if chinese:
            self.assert_chinese()

    def main_text(self) -> str:
        """What the page's main part says (navigation and footer left out)."""
        return self.page.inner_text("main")

    def screenshot(self, name: str):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


@pytest.fixture
def new_page(browser, live_server):
    """``new_page()`` opens a tab in a browser context of its own: one per user, or the anonymous public.

    Keyword arguments go to Playwright's ``new_context`` (``java_script_enabled=False`` for a browser without script).

    Every tab opened fails the test on a JavaScript error, as ``page`` does.
    """
    opened = []

    def open_page(**options) -> Page:
        # An English browser, on purpose: Puffa must still answer in Chinese.
        defaults = {"locale": "en-US", "viewport": {"width": 1366, "height": 900}, "accept_downloads": True}
        context = browser.new_context(**{**defaults, **options})
        tab = Page(context.new_page(), live_server.url)
        opened.append((context, tab))
        return tab

    yield open_page
    for context, _tab in opened:
        context.close()
    errors = [error for _context, tab in opened for error in tab.errors]
    assert errors == [], f"JavaScript errors: {errors}"


@pytest.fixture
def page(new_page):
    return new_page()
