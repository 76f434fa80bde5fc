"""Every fixed set of values in curation, named once."""

from django.db import models

# How and what a check covers belong to the directory too: its pages tell readers how each
# part of a record was checked. Named here as well, for curation's own code.
from services.choices import CheckedPart, CheckMethod

__all__ = [
    "OUTCOMES_NEEDING_PARTS",
    "OUTCOMES_THAT_CHECK",
    "CheckMethod",
    "CheckOutcome",
    "CheckedPart",
    "ProposalStatus",
    "TaskKind",
]


class CheckOutcome(models.TextChoices):
    """What a check found."""

    CONFIRMED = "confirmed", "Confirmed: the record was right"
    CHANGED = "changed", "Changed: the record was corrected"
    COULD_NOT_REACH = "could_not_reach", "Could not reach them"
    CLOSED = "closed", "Closed: the service has ended"


class ProposalStatus(models.TextChoices):
    """Where a change that needs a second curator stands."""

    PENDING = "pending", "Waiting for approval"
    APPROVED = "approved", "Approved and published"
    REJECTED = "rejected", "Not approved"


class TaskKind(models.TextChoices):
    """Something curators must follow up."""

    UNREACHABLE = "unreachable", "Could not reach them twice in a row"


# Outcomes that say something about the record: they move its "last checked" date.
# "Could not reach" checked nothing, so the record stays as old (and as due) as it was.
OUTCOMES_THAT_CHECK = (CheckOutcome.CONFIRMED, CheckOutcome.CHANGED, CheckOutcome.CLOSED)
# Outcomes that must say which parts were checked.
OUTCOMES_NEEDING_PARTS = (CheckOutcome.CONFIRMED, CheckOutcome.CHANGED)


class SuggestionTopic(models.TextChoices):
    """What a reader says is wrong with a listing (the public form's fixed topics)."""

    PHONE = "phone", "The phone number is wrong"
    HOURS = "hours", "The opening times are wrong"
    CLOSED = "closed", "The service has closed"
    WHO_AND_HOW = "who_and_how", "Who it is for, or how to get in, is wrong"
    OTHER = "other", "Something else"


class SuggestionResolution(models.TextChoices):
    """What a reviewer decided about a suggestion."""

    CORRECTED = "corrected", "Done: record corrected"
    NO_CHANGE = "no_change", "No change needed"
    NOT_ABOUT_LISTING = "not_about_listing", "Not about the listing (spam or unrelated)"
