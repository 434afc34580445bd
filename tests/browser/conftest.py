"""Playwright driving Debian's Chromium against the live test server.

Chromium is never downloaded: it comes from the system (`apt-get install chromium`). Where it
is missing the tests skip, unless REQUIRE_BROWSER=1 (as in CI), where they fail.
"""

import os
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlparse

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "var" / "test-artifacts"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


@pytest.fixture(scope="module")
def browser() -> Iterator:
    if not Path(CHROMIUM).exists():
        message = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread, and Django then
    # refuses database access from it; the browser tests need both.
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            # A generous launch timeout: on a busy two-core machine Chromium can be slow to
            # start, and a slow start is not what these tests are about.
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True, timeout=120_000
            )
            yield browser
            browser.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


class PageGuard:
    """Records every request the page makes to a host other than the test server's."""

    def __init__(self) -> None:
        self.external: list[str] = []

    def route(self, route) -> None:
        url = route.request.url
        if url.startswith(("data:", "blob:")) or urlparse(url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            self.external.append(url)
            route.abort()


@pytest.fixture
def page_guard() -> PageGuard:
    return PageGuard()


def _open_page(browser, request, page_guard, **context_args):
    context = browser.new_context(locale="zh-CN", accept_downloads=True, **context_args)
    context.route("**/*", page_guard.route)
    page = context.new_page()
    page.set_default_timeout(20_000)
    return context, page


def _screenshot_on_failure(request, page) -> None:
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"FAILED-{request.node.name}.png"), full_page=True)


@pytest.fixture
def page(browser, request, page_guard):
    context, page = _open_page(
        browser, request, page_guard, viewport={"width": 1280, "height": 900}
    )
    yield page
    _screenshot_on_failure(request, page)
    context.close()


@pytest.fixture
def phone_page(browser, request, page_guard):
    context, page = _open_page(
        browser,
        request,
        page_guard,
        viewport={"width": 375, "height": 740},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    yield page
    _screenshot_on_failure(request, page)
    context.close()


@pytest.fixture
def live_reference_data(transactional_db):
    from certificates.reference import load_reference_data

    load_reference_data()


def save_screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def seed_demo_period(settings, tmp_path, *, rows: int = 330) -> None:
    """Reference data, units, demo accounts and the demo's filings (`make demo` at a size
    fit for a test), with the scans' files under the test's own folder."""
    from django.utils import timezone

    from certificates.models import Batch
    from certificates.reference import load_reference_data
    from filings.accounts import demo_accounts_ensure
    from filings.demo import seed_demo
    from filings.reference import load_units

    from .test_filing_browser import PASSWORD

    settings.MEDIA_ROOT = tmp_path / "media"
    load_units(load_reference_data())
    demo_accounts_ensure(password=PASSWORD)
    Batch.objects.update(filing_deadline=timezone.now() + timedelta(days=5))
    seed_demo(rows=rows, seed=11, replace=True)


class Screen:
    """A test's page on one size of screen, and the checks every page it visits passes."""

    def __init__(self, page, size: str) -> None:
        self.page, self.size = page, size

    def usable(self, name: str) -> None:
        from .checks import assert_usable

        assert_usable(self.page, f"{name} ({self.size})")


@pytest.fixture(params=["desktop", "phone"])
def screen(request) -> Screen:
    """Runs the test twice: on a laptop's page and on a phone's."""
    size = request.param
    return Screen(request.getfixturevalue("page" if size == "desktop" else "phone_page"), size)
