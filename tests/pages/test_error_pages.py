"""Every answer, error or not, shows the crisis contacts and the way out; errors are logged
with the method and path only, never what was searched for."""

import logging

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import make_service

pytestmark = pytest.mark.django_db
CRISIS_HEADING = "If you need to talk to someone now"
EXIT_BUTTON = 'class="exit-button" data-exit-this-page>Exit this page</a>'


def assert_is_a_kind_error_page(response, status: int) -> None:
    html = response.content.decode()
    assert response.status_code == status
    assert CRISIS_HEADING in html
    assert "tel:116123" in html
    assert EXIT_BUTTON in html
    assert "/static/js/exit-this-page.js" in html


@pytest.fixture
def failing_site(settings):
    settings.ROOT_URLCONF = "tests.pages.error_urls"
    return Client(raise_request_exception=False)


def test_a_link_with_too_many_parameters_gets_a_400_page_with_crisis_contacts(client):
    too_many = "&".join(f"p{number}=1" for number in range(1_100))
    response = client.get(f"{reverse('services:list')}?{too_many}")
    assert_is_a_kind_error_page(response, 400)
    assert "We could not read that link" in response.content.decode()


def test_a_refused_form_post_gets_a_403_page_with_crisis_contacts():
    response = Client(enforce_csrf_checks=True).post(
        reverse("admin:login"), {"username": "someone", "password": "not checked"}
    )
    assert_is_a_kind_error_page(response, 403)


def test_a_forbidden_page_gets_a_403_page_with_crisis_contacts(failing_site):
    assert_is_a_kind_error_page(failing_site.get("/test-forbidden/"), 403)


def test_a_method_a_page_does_not_take_gets_a_405_page_that_says_what_it_allows(client):
    for response in (
        client.post(reverse("services:list")),
        client.options(reverse("services:home")),
        client.delete(reverse("services:privacy")),
    ):
        assert_is_a_kind_error_page(response, 405)
        assert "GET" in response["Allow"]
        assert "HEAD" in response["Allow"]


def test_a_crash_gets_a_500_page_with_crisis_contacts(failing_site):
    assert_is_a_kind_error_page(failing_site.get("/test-fails/"), 500)


def test_head_works_wherever_get_does(client):
    service = make_service("Evening group")
    for url in [
        reverse("services:home"),
        reverse("services:list") + "?near=Torquay",
        service.get_absolute_url(),
        reverse("services:shortlist") + f"?s={service.slug}",
        reverse("services:glossary"),
        reverse("services:about"),
        reverse("services:privacy"),
        reverse("services:exit_explained"),
    ]:
        response = client.head(url)
        assert response.status_code == 200, url
        assert response.content == b"", url


def test_a_missing_service_page_is_never_kept_in_a_cache(client):
    for url in ["/services/no-such-service/", "/services/no-such-service/?q=words"]:
        response = client.get(url)
        assert response.status_code == 404
        assert "no-store" in response["Cache-Control"]


def test_an_unexpected_exception_is_logged_with_method_and_path_only(failing_site, caplog):
    caplog.set_level(logging.DEBUG)
    failing_site.get("/test-fails/", {"q": "canary-words", "near": "TQ2 5PU"})
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "Unhandled ValueError on GET /test-fails/" in logged
    assert "tests/pages/error_urls.py" in logged  # where it happened, for the operator
    assert "canary-words" not in logged
    assert "TQ2" not in logged
    assert "127.0.0.1" not in logged
