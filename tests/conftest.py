import os
import shutil

import pytest
from django.conf import settings as django_settings
from playwright.sync_api import sync_playwright

from tests.browser import CHROMIUM_ARGS


@pytest.fixture(autouse=True, scope="session")
def _plain_http():
    # Tests talk plain HTTP; production redirects to HTTPS. Session-wide and set before any
    # other fixture, because the browser tests' live server builds its middleware (which
    # reads this setting) once, when it starts.
    django_settings.SECURE_SSL_REDIRECT = False


# Browser tests: Debian's chromium through Playwright (no downloaded browsers).


@pytest.fixture(scope="session")
def browser():
    executable = shutil.which("chromium")
    if executable is None:
        message = "Debian's chromium is not installed (apt-get install chromium)"
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    # Playwright's sync API runs an event loop in this thread, which Django would take for
    # async code; the ORM calls in browser tests (fixtures, test data) are plain sync ones.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def context(browser):
    context = browser.new_context()
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()
