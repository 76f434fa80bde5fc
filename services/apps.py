from django.apps import AppConfig
from django.core.signals import got_request_exception


class ServicesConfig(AppConfig):
    name = "services"
    verbose_name = "Support directory"

    def ready(self) -> None:
        from services.pages.errors import log_unhandled_exception

        got_request_exception.connect(log_unhandled_exception, dispatch_uid="log_unhandled")
