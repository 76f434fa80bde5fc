"""Every fixed set of values in curation, named once."""

from django.db import models


class CheckMethod(models.TextChoices):
    """How a service was checked."""

    PHONE = "phone", "Phoned the service"
    EMAIL = "email", "Email reply"
    WEBSITE = "website", "Their website"
    PROVIDER_UPDATE = "provider_update", "Update from the provider"
    IN_PERSON = "in_person", "In person"


class CheckOutcome(models.TextChoices):
    """What a check found."""

    CONFIRMED = "confirmed", "Confirmed: the record was right"
    CHANGED = "changed", "Changed: the record was corrected"
    COULD_NOT_REACH = "could_not_reach", "Could not reach them"
    CLOSED = "closed", "Closed: the service has ended"


class CheckedPart(models.TextChoices):
    """A part of a record a check covered."""

    CONTACT_DETAILS = "contact_details", "Contact details"
    HOURS = "hours", "Opening times"
    WHO_FOR = "who_for", "Who it is for"
    REFERRAL = "referral", "Referral"
    SELF_HARM_POLICY = "self_harm_policy", "Self-harm policy"
    SHARING = "sharing", "What happens if you tell them"
    ADDRESS = "address", "Address"


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
