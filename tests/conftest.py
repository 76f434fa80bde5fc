import pytest


@pytest.fixture(autouse=True)
def _plain_http(settings):
    # Tests talk plain HTTP to the test client; production redirects to HTTPS.
    settings.SECURE_SSL_REDIRECT = False
