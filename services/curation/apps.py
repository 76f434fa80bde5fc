from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CurationConfig(AppConfig):
    name = "services.curation"
    label = "curation"
    verbose_name = "Curation"

    def ready(self) -> None:
        # After every migrate, once Django has made the permissions of any new model (its
        # own post_migrate handler was connected first, by django.contrib.auth).
        post_migrate.connect(keep_administrators_complete, dispatch_uid="administrators")


def keep_administrators_complete(using: str = "default", apps=None, **kwargs) -> None:
    """The administrator role holds every permission there is, including those of models
    added after the roles were made (history, the admin door's records): a new table must
    never be one that nobody may manage."""
    from django.contrib.auth.models import Group, Permission

    group = Group.objects.using(using).filter(name="administrator").first()
    if group is not None:
        group.permissions.set(Permission.objects.using(using).all())
