"""The site's URLs plus pages that fail on purpose, for the error-page tests only."""

from django.core.exceptions import PermissionDenied
from django.urls import path

from config.urls import handler404, urlpatterns

__all__ = ["handler404", "urlpatterns"]


def fails(request):
    # The message quotes what was typed, as real bugs' messages often do: it must not be logged.
    raise ValueError(f"invalid literal for int(): {request.GET.get('q')!r}")


def forbidden(request):
    raise PermissionDenied


urlpatterns = [
    path("test-fails/", fails),
    path("test-forbidden/", forbidden),
    *urlpatterns,
]
