from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from config.door.urls import door_urls

urlpatterns = [
    # The admin door first: its login page takes the place of the admin's own (config/door/).
    path(settings.ADMIN_URL, include(door_urls)),
    path(settings.ADMIN_URL, admin.site.urls),
    # Open data: the directory as Open Referral UK (HSDS 3.0), for councils and apps.
    path("api/oruk/", include("services.api.urls")),
    path("", include("services.pages.urls")),
    path("", include("services.curation.urls")),
]

# Every error page carries the crisis contacts and the way out (templates/4xx.html, 500.html).
handler404 = "services.pages.errors.page_not_found"
