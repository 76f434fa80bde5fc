"""Every fixed set of values in the directory, named once.

Models, queries, rules, the search and the pages import these rather than typing the
values again. A query-string value that differs from the stored one (ongoing_self_harm=
welcome keeps services whose policy is "welcomes") is named here too.
"""

from django.db import models


class ServiceStatus(models.TextChoices):
    """Whether the public sees a service."""

    PUBLISHED = "published", "Published"
    DRAFT = "draft", "Draft (not shown to the public)"
    WITHDRAWN = "withdrawn", "Withdrawn (closed or paused)"


class Sector(models.TextChoices):
    """Who runs a service."""

    UNKNOWN = "", "Not checked"
    STATUTORY = "statutory", "NHS or council"
    THIRD_SECTOR = "third_sector", "Charity or community group"
    PEER_LED = "peer_led", "Run by people with lived experience"
    PRIVATE = "private", "Private company"


class Cost(models.TextChoices):
    """What a service costs."""

    UNKNOWN = "unknown", "Not checked"
    FREE = "free", "Free"
    LOW_COST = "low_cost", "Low cost"
    PAID = "paid", "You pay"


class SelfHarmPolicy(models.TextChoices):
    """Whether ongoing self-harm matters to a service, as its sources say."""

    WELCOMES = "welcomes", "You do not have to stop self-harming"
    CASE_BY_CASE = "case_by_case", "They talk it through with you"
    EXCLUDES_RECENT = "excludes_recent", "May not start if you self-harmed recently"
    EXCLUDES_HIGH_RISK = "excludes_high_risk", "May not take you if they judge your risk high"
    REQUIRES_HIGH_RISK = "requires_high_risk", "Only for people they judge at high risk"
    UNKNOWN = "unknown", "Not checked"


class OperatingStatus(models.TextChoices):
    """Whether a service is running, as far as its sources say."""

    RUNNING = "running", "Running, as far as we know"
    UNCERTAIN = "uncertain", "May have ended or changed (a pilot, or a warning about funding)"
    PAUSED = "paused", "Paused"
    CLOSING = "closing", "Closing"


class HowGathered(models.TextChoices):
    """How the facts on a record were gathered."""

    PUBLIC_PAGES = "public_pages", "Gathered from public web pages"
    WITH_SERVICE = "with_service", "Checked with the service"


class CheckMethod(models.TextChoices):
    """How a curator checked a service (curation logs each check)."""

    PHONE = "phone", "Phoned the service"
    EMAIL = "email", "Email reply"
    WEBSITE = "website", "Their website"
    PROVIDER_UPDATE = "provider_update", "Update from the provider"
    IN_PERSON = "in_person", "In person"


class CheckedPart(models.TextChoices):
    """A part of a record a check covered. Readers are told how and when each was checked."""

    CONTACT_DETAILS = "contact_details", "Contact details"
    HOURS = "hours", "Opening times"
    WHO_FOR = "who_for", "Who it is for"
    REFERRAL = "referral", "Referral"
    SELF_HARM_POLICY = "self_harm_policy", "Self-harm policy"
    SHARING = "sharing", "What happens if you tell them"
    ADDRESS = "address", "Address"


class Sharing(models.TextChoices):
    """What a service does with what you tell them about self-harm."""

    UNKNOWN = "unknown", "Not checked"
    PRIVATE = "private", "They keep it private"
    ONLY_IF_IN_DANGER = "only_if_in_danger", "Private unless your life is in danger"
    MAY_SHARE = "may_share", "They may tell others, such as your GP"


class ContactMethod(models.TextChoices):
    """A way to reach a service."""

    PHONE = "phone", "Phone"
    TEXT = "text", "Text"
    EMAIL = "email", "Email"
    WEB_CHAT = "web_chat", "Web chat"
    WEBSITE = "website", "Website"
    APP = "app", "App"
    POST = "post", "Post"
    OTHER = "other", "Other"


class Weekday(models.IntegerChoices):
    """A day of the week, Monday first (Python's weekday())."""

    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"


# The query-string value of a ticked "Only show" box (self_referral=yes, free=yes).
TICKED = "yes"
# The query-string name of a take-away list (/list/?s=slug,slug), carried along as people search.
LIST_PARAM = "s"
# The search's query-string value for services that do not ask you to stop self-harming.
ONGOING_SELF_HARM_WELCOME = "welcome"
# Policies that take people as they are: what alternatives to a risk rule must have.
TAKES_PEOPLE_AS_THEY_ARE = (SelfHarmPolicy.WELCOMES, SelfHarmPolicy.CASE_BY_CASE)

# How far a place search looks, in miles; a link without a radius gets the default.
RADIUS_MILES = (5, 10, 25, 50)
DEFAULT_RADIUS_MILES = 25
