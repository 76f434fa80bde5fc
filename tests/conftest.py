import os
import shutil

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import transaction
from playwright.sync_api import sync_playwright

from tests.browser import CHROMIUM_ARGS


@pytest.fixture(autouse=True, scope="session")
def _plain_http():
    # Tests talk plain HTTP; production redirects to HTTPS. Session-wide and set before any
    # other fixture, because the browser tests' live server builds its middleware (which
    # reads this setting) once, when it starts.
    django_settings.SECURE_SSL_REDIRECT = False


CURATED_FIXTURES = ("fixtures/vocabulary.json", "fixtures/services.json")


@pytest.fixture(scope="module")
def curated_directory(django_db_setup, django_db_blocker):
    """The curated fixtures, loaded once for a whole test module and rolled back after it.

    Each test still runs in its own transaction (a savepoint inside this one), so what a
    test changes is undone before the next. Not for browser tests, whose live server needs
    committed data.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("loaddata", *CURATED_FIXTURES, verbosity=0)
        yield
        transaction.set_rollback(True)


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


@pytest.fixture
def admin_client(client, admin_user):
    """pytest-django's admin_client, past the admin door's second factor as well."""
    from tests.curation.accounts import verified_login

    verified_login(client, admin_user)
    return client
