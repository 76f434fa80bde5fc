"""Curators' accounts for tests: staff users in the roles the migration made."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

PASSWORD = "a long and unusual passphrase 7"


def member_of(role: str, username: str | None = None):
    """A staff account (never a superuser) in one of the roles the migration made."""
    user = get_user_model().objects.create_user(
        username or role, f"{username or role}@example.org", PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name=role))
    return user
