from django.apps import AppConfig


class ApiConfig(AppConfig):
    """Installed for its management commands (api_benchmark); it has no models."""

    name = "services.api"
    label = "oruk_api"
    verbose_name = "Open Referral UK API"
