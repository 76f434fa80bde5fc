from django.urls import path

from services import views

app_name = "services"

urlpatterns = [
    path("", views.home, name="home"),
    path("services/", views.service_list, name="list"),
    path("services/<slug:slug>/", views.service_detail, name="detail"),
    path("about/", views.about, name="about"),
    path("glossary/", views.glossary_page, name="glossary"),
]
