from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class AdminSiteConfig(AdminConfig):
    """Django's admin, with the admin door's site as `admin.site`: every ModelAdmin registered
    the usual way sits behind the second factor."""

    default_site = "config.door.site.DoorAdminSite"


class DoorConfig(AppConfig):
    """The door's templates (the login and set-up pages in the admin's look) and its log."""

    name = "config.door"
    label = "door"

    def ready(self) -> None:
        from config.door import log, sessions

        log.connect()
        sessions.connect()
