from django.apps import AppConfig


class CurationConfig(AppConfig):
    name = "services.curation"
    label = "curation"
    verbose_name = "Curation"
