"""Browser tests: Debian's Chromium, headless, driven by Playwright against pytest-django's live server.

They run in the SQLite run only (``make test``). Any Content-Security-Policy violation a page
reports fails the test that loaded it.
"""

import os
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API inside pytest-django

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",  # Chromium refuses to sandbox as root
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "browser"

# Records CSP violations in the page, where the test can read them.
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + (event.blockedURI || "inline"));
});
"""


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.sqlite_only)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, transactional_db, catalogue):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    page.base = live_server.url
    yield page
    context.close()


@pytest.fixture
def spanish_page(browser, live_server, transactional_db, catalogue):
    """A browser set to Mexican Spanish: dates are typed dd/mm/aaaa."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="es-MX", accept_downloads=True)
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    page.base = live_server.url
    yield page
    context.close()


def csp_violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations || []")


def shot(page, name: str, width: int | None = None) -> None:
    """A full-page screenshot under artifacts/browser/ (at the given width, then back)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    if width:
        size = page.viewport_size
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
        page.set_viewport_size(size)
    else:
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
