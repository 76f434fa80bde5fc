from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("services.pages.urls")),
    path("", include("services.curation.urls")),
]

# Every error page carries the crisis contacts and the way out (templates/4xx.html, 500.html).
handler404 = "services.pages.errors.page_not_found"
