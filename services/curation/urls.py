"""The public pages of curation: suggesting a change to a service's listing."""

from django.urls import path

from services.curation import views

app_name = "curation"

urlpatterns = [
    path("services/<slug:slug>/suggest-a-change/", views.suggest, name="suggest"),
    path(
        "services/<slug:slug>/suggest-a-change/thank-you/",
        views.suggest_thanks,
        name="suggest_thanks",
    ),
]
