from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("services.urls")),
]

# Every error page carries the crisis contacts and the way out (templates/4xx.html, 500.html).
handler404 = "services.errors.page_not_found"
