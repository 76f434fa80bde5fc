"""Compressed pages for slow phone connections: gzip on the public pages, none on the admin
(config/settings.py, MIDDLEWARE, says why)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.urls import reverse


class PublicPagesGZipMiddleware(GZipMiddleware):
    """Django's GZipMiddleware, random padding included, everywhere but the curators' admin."""

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if request.path.startswith(reverse("admin:index")):
            return response
        return super().process_response(request, response)
