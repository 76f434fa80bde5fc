from django.urls import path
from django.views.generic import TemplateView

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
]
