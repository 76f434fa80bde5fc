from django.conf import settings
from django.urls import path
from django.views.generic import RedirectView, TemplateView

from services.lists import views as list_views
from services.pages import views

app_name = "services"


def page(template_name: str):
    """A page of fixed text: read-only, like every public page."""
    return TemplateView.as_view(template_name=template_name, http_method_names=["get", "head"])


urlpatterns = [
    path("", views.home, name="home"),
    path("services/", views.service_list, name="list"),
    path("services/<slug:slug>/", views.service_detail, name="detail"),
    path("list/", list_views.shortlist, name="shortlist"),
    path("about/", page("pages/about.html"), name="about"),
    path("privacy/", page("pages/privacy.html"), name="privacy"),
    path("exit-this-page/", page("pages/exit_this_page.html"), name="exit_explained"),
    path("glossary/", views.glossary_page, name="glossary"),
    # Browsers, bookmarks and feed readers ask for /favicon.ico whatever a page links to. It
    # lives with the static files, under a name that stays the same from one release to the
    # next (the pages link the versioned one), so the redirect can be permanent.
    path(
        "favicon.ico",
        RedirectView.as_view(
            url=f"{settings.STATIC_URL}favicon.ico",
            permanent=True,
            http_method_names=["get", "head"],
        ),
        name="favicon",
    ),
]
