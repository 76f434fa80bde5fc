"""Changes readers suggest: taking one in, the hourly limit, a reviewer's decision, and
forgetting what is kept only for a while.

A suggestion never changes the directory: it waits in the curators' queue (queue.py) until a
reviewer resolves it, having corrected the record (or not) themselves.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.crypto import salted_hmac

from services.curation.models import RecentSender, Suggestion
from services.models import Service

# A person may send this many suggestions an hour from one address; more is a flood.
SENT_PER_HOUR_LIMIT = 5
LIMIT_LOOKS_BACK = timedelta(hours=1)
# The reply email is for a reply: after this long nobody will write, so it is blanked.
EMAIL_KEPT_FOR = timedelta(days=30)


def sender_code(address: str, day: date) -> str:
    """Where a suggestion came from, as a code that cannot be turned back into the address.

    A plain hash would not do: there are few enough internet addresses to hash them all and
    look the code up. This one is keyed with the site's SECRET_KEY, and with the day, so the
    same address gives an unrelated code tomorrow and no code links one day to the next."""
    return salted_hmac(f"services.curation.sender:{day.isoformat()}", address).hexdigest()


def _codes_for(address: str, now: datetime) -> list[str]:
    # Today's code and yesterday's: the hour before 00:30 reaches back into yesterday.
    today = now.astimezone(UTC).date()
    return [sender_code(address, today), sender_code(address, today - timedelta(days=1))]


def too_many_from(address: str, *, now: datetime) -> bool:
    """Whether this address has sent the most suggestions allowed in the last hour."""
    recent = RecentSender.objects.filter(
        code__in=_codes_for(address, now), sent_at__gt=now - LIMIT_LOOKS_BACK
    )
    return recent.count() >= SENT_PER_HOUR_LIMIT


@transaction.atomic
def take_suggestion(
    service: Service, *, topic: str, details: str, email: str, address: str, now: datetime
) -> Suggestion:
    """Keep one suggestion about a service, and count it against its sender's hourly limit.

    Two posts from one address at the same instant may both pass too_many_from: the limit is
    against floods, and one over it does no harm, so nothing is locked for it."""
    suggestion = Suggestion(
        service=service, topic=topic, details=details, email=email, created_at=now
    )
    suggestion.full_clean()
    suggestion.save()
    RecentSender.objects.create(code=_codes_for(address, now)[0], sent_at=now)
    forget_old_senders(now=now)
    return suggestion


def resolve_suggestion(
    suggestion: Suggestion,
    *,
    resolution: str,
    note: str,
    resolved_by: AbstractBaseUser,
    now: datetime,
) -> None:
    """A reviewer's decision. The suggestion itself, and the reader's words, stay as sent."""
    if not suggestion.is_open:
        return
    suggestion.resolution = resolution
    suggestion.note = note.strip()
    suggestion.resolved_at = now
    suggestion.resolved_by = resolved_by
    suggestion.full_clean()
    suggestion.save(update_fields=["resolution", "note", "resolved_at", "resolved_by"])


def forget_old_emails(*, now: datetime) -> int:
    """Blank every reply email given more than 30 days ago; how many were blanked."""
    old = Suggestion.objects.filter(created_at__lt=now - EMAIL_KEPT_FOR).exclude(email="")
    return old.update(email="")


def forget_old_senders(*, now: datetime) -> int:
    """Delete the codes the hourly limit no longer looks at; how many were deleted."""
    deleted, _ = RecentSender.objects.filter(sent_at__lte=now - LIMIT_LOOKS_BACK).delete()
    return deleted


def forget_what_is_kept_for_a_while(*, now: datetime) -> tuple[int, int]:
    """The daily job's share of forgetting: old reply emails, and any codes left behind on a
    quiet hour (each new suggestion deletes the old ones too). (emails, codes) deleted."""
    return forget_old_emails(now=now), forget_old_senders(now=now)
