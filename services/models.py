"""The directory: organisations, the services they offer, and the facts about each one.

Every fact that can be unknown is nullable or has an explicit "unknown" choice, because
the site must say "We have not been able to check this" rather than guess.
"""

import uuid
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime
from functools import cache

from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connection, models
from django.db.models import F, Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver
from django.urls import reverse
from simple_history.models import HistoricalRecords

from services import explanations, hours, word_index
from services.choices import (
    ContactMethod,
    Cost,
    HowGathered,
    OperatingStatus,
    Sector,
    SelfHarmPolicy,
    ServiceStatus,
    Sharing,
    Weekday,
)
from services.querysets import ServiceQuerySet

# A record whose newest source is older than this may be out of date: readers are told, and
# curators can list these records in the admin.
SOURCES_GO_OUT_OF_DATE_AFTER_YEARS = 3


class ServiceHistory(HistoricalRecords):
    """History that records a version when tags change, and not when a save sets the same
    tags again (the admin sets every tag list on each save: a version per save, each the
    same as the last, would bury the real changes)."""

    def m2m_changed(self, instance, action, attr, pk_set, reverse, **kwargs):
        if action in ("post_add", "post_remove") and not pk_set:
            return
        super().m2m_changed(instance, action, attr, pk_set, reverse, **kwargs)


class Tag(models.Model):
    """A fixed vocabulary entry. The slug is the public query-string value, so it is the key."""

    slug = models.SlugField(primary_key=True, max_length=40)
    name = models.CharField(max_length=80)
    description = models.CharField(max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    # Every curated model keeps its history (who, when, why, the old values): django-simple-
    # history, a table of versions beside each. inherit: each kind of tag gets its own.
    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class Kind(Tag):
    """One kind of support, such as a peer support group or a text line."""


class Format(Tag):
    """One way of using a service, such as in person or by text message."""


class Audience(Tag):
    """A group of people a service is specially for, such as young people or women."""


class AccessFeature(Tag):
    """Something that makes a service easier to use, such as BSL or wheelchair access."""


class ReferralRoute(Tag):
    """Someone who can refer a person to a service, such as a GP or a school."""


@dataclass(frozen=True)
class TagName:
    """One tag as a page names it: its slug (the query-string value) and its name."""

    slug: str
    name: str


@dataclass(frozen=True)
class ServiceTags:
    """One service's tags, each tuple in the curators' order (position, then name), as read
    by tags_of: plain values for a page and the rules, not prefetched relations."""

    kinds: tuple[TagName, ...] = ()
    formats: tuple[TagName, ...] = ()
    audiences: tuple[TagName, ...] = ()
    also_supports: tuple[TagName, ...] = ()
    access_features: tuple[TagName, ...] = ()
    referral_routes: tuple[TagName, ...] = ()


# Each is the name of a many-to-many field on Service as well as of a ServiceTags field.
TAG_RELATIONS = tuple(field.name for field in fields(ServiceTags))


class Organisation(models.Model):
    """A charity, NHS trust, council or group that runs one or more services."""

    # The id other directories know this by (Open Referral: every object has a UUID that
    # stays the same across exports and imports); the primary key is never published.
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=200, unique=True)
    website = models.URLField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Service(models.Model):
    """One offer of support from one organisation (a helpline and a group are two services)."""

    Status = ServiceStatus
    Sector = Sector
    Cost = Cost
    SelfHarmPolicy = SelfHarmPolicy
    Sharing = Sharing
    OperatingStatus = OperatingStatus
    HowGathered = HowGathered

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=200)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="services"
    )
    status = models.CharField(max_length=12, choices=ServiceStatus, default=ServiceStatus.DRAFT)
    sector = models.CharField(max_length=12, choices=Sector, blank=True, default=Sector.UNKNOWN)
    summary = models.CharField(max_length=300, help_text="One or two short sentences.")
    description = models.TextField(blank=True)
    website = models.URLField(blank=True)
    kinds = models.ManyToManyField(Kind, related_name="services")
    formats = models.ManyToManyField(Format, blank=True, related_name="services")
    audiences = models.ManyToManyField(
        Audience,
        blank=True,
        related_name="services",
        help_text="Who it is set up for. Leave empty if it is for everyone.",
    )
    also_supports = models.ManyToManyField(
        Audience,
        blank=True,
        related_name="also_supported_by",
        help_text="Groups it also supports, without being set up for them (for example "
        "parents and carers of the people it is for).",
    )
    access_features = models.ManyToManyField(AccessFeature, blank=True, related_name="services")

    # Will it take me?
    min_age = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(120)], help_text="Blank: no limit."
    )
    max_age = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(120)], help_text="Blank: no limit."
    )
    ages_confirmed = models.BooleanField(
        default=False,
        help_text="Tick when a source confirms the age limits, or that there are none.",
    )
    age_note = models.CharField(max_length=300, blank=True)
    who_for = models.TextField(blank=True, help_text="Who it is for, in the service's terms.")
    available_anywhere = models.BooleanField(
        default=False, help_text="People can use it wherever they are (phone, text, online, app)."
    )
    area_name = models.CharField(
        max_length=200, blank=True, help_text="The area served in plain words, e.g. 'Torbay'."
    )
    area_postcodes = models.CharField(
        max_length=400,
        blank=True,
        help_text="Postcode areas and districts served, separated by spaces, e.g. 'TQ EX PL1'. "
        "Blank: no area limit is recorded.",
    )
    gp_registration_area = models.CharField(
        max_length=120, blank=True, help_text="If people must be registered with a GP in an area."
    )
    other_conditions = models.TextField(blank=True)

    # How do I get in?
    self_referral = models.BooleanField(
        null=True,
        blank=True,
        help_text="Can people contact them without a referral? Blank: unknown.",
    )
    referral_routes = models.ManyToManyField(ReferralRoute, blank=True, related_name="services")
    referral_note = models.TextField(blank=True)
    first_contact = models.TextField(
        blank=True, help_text="What happens when you first get in touch."
    )

    # Does ongoing self-harm matter?
    self_harm_policy = models.CharField(
        max_length=20, choices=SelfHarmPolicy, default=SelfHarmPolicy.UNKNOWN
    )
    self_harm_policy_weeks = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Only for 'may not start if you self-harmed recently'."
    )
    self_harm_policy_qualifier = models.CharField(
        max_length=300,
        blank=True,
        help_text="Only for 'may not start if you self-harmed recently': what kind of recent "
        "self-harm, as the source says it, to finish 'if you have had ... in the last N "
        "weeks'. For example 'an attempt on your life, or self-harm that has been getting "
        "worse or more frequent'. Never leave out a qualifier the source gives.",
    )
    self_harm_policy_wording = models.TextField(blank=True, help_text="The service's own words.")
    self_harm_policy_source = models.CharField(max_length=500, blank=True)

    # What happens if I tell them I self-harm?
    sharing = models.CharField(max_length=20, choices=Sharing, default=Sharing.UNKNOWN)
    sharing_note = models.TextField(blank=True)

    cost = models.CharField(max_length=10, choices=Cost, default=Cost.UNKNOWN)
    cost_note = models.CharField(max_length=300, blank=True)
    usage_limits = models.TextField(blank=True)
    languages = models.CharField(max_length=200, blank=True)
    access_note = models.TextField(blank=True)

    # When is it open? Weekly slots are OpeningTime rows.
    open_24_hours = models.BooleanField(default=False)
    any_time = models.BooleanField(
        default=False, help_text="Use it any time, with no staff (apps, websites, self-help)."
    )
    hours_note = models.TextField(blank=True)
    waiting_time = models.CharField(
        max_length=200,
        blank=True,
        help_text="For readers, e.g. 'Wait for a first appointment: about 13 weeks'. "
        "Blank: no source gives one.",
    )
    waiting_time_reported = models.CharField(
        max_length=40, blank=True, help_text="When the source gave the wait, e.g. '2024'."
    )

    operating_status = models.CharField(
        max_length=10, choices=OperatingStatus, default=OperatingStatus.RUNNING
    )
    route_in = models.TextField(
        blank=True,
        help_text="For a service with no way to contact it directly: who can help the reader "
        "get there, e.g. 'Ask your GP to refer you.'",
    )
    research_notes = models.TextField(
        blank=True, help_text="For curators only, never shown to readers: notes from sources."
    )
    status_note = models.TextField(blank=True, help_text="Things to know, shown on the page.")
    curator_note = models.TextField(blank=True, help_text="A short note shown with the rules.")
    unconfirmed = models.TextField(blank=True, help_text="For curators: what is still unchecked.")
    last_checked = models.DateField(help_text="When the facts were last gathered or checked.")
    checked_how = models.CharField(
        max_length=12, choices=HowGathered, default=HowGathered.PUBLIC_PAGES
    )
    checked_by = models.CharField(max_length=200)
    # How and when each part of the record was last checked, kept by curation's checks
    # (services.provenance reads it): {"contact_details": {"on": "2026-03-12", "method":
    # "phone"}, ...}. Empty: no part has been checked since the facts were gathered.
    part_checks = models.JSONField(default=dict, blank=True, editable=False)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # What search words are matched against, on PostgreSQL (services.word_index writes them
    # from this row, the organisation and the kinds; empty on SQLite): everything, and the
    # name alone (its own column, so the planner knows how often a word is in names). Not
    # kept in history.
    search_document = SearchVectorField(null=True, editable=False)
    name_document = SearchVectorField(null=True, editable=False)
    # Whether it is open at some time outside office hours (hours.is_open_out_of_hours),
    # written from this row and its opening times whenever either is saved (the signals
    # below; bulk writers call ServiceQuerySet.refresh_out_of_hours), so "evenings, nights
    # or weekends" is a test of this column rather than a read of every opening time in
    # the directory. Not kept in history.
    opens_out_of_hours = models.BooleanField(default=False, editable=False)

    objects = ServiceQuerySet.as_manager()
    # Tags are part of what a version was, so their changes are kept with it. Area rows are
    # not: they follow area_postcodes, which is kept.
    history = ServiceHistory(
        m2m_fields=[kinds, formats, audiences, also_supports, access_features, referral_routes],
        excluded_fields=["search_document", "name_document", "opens_out_of_hours"],
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                name="min_age_not_above_max_age",
                condition=Q(min_age__isnull=True)
                | Q(max_age__isnull=True)
                | Q(min_age__lte=F("max_age")),
            ),
            models.CheckConstraint(
                name="weeks_given_exactly_when_policy_excludes_recent",
                condition=(
                    # isnull is spelled out: a CHECK passes when it is NULL, and NULL >= 1 is NULL.
                    Q(
                        self_harm_policy=SelfHarmPolicy.EXCLUDES_RECENT,
                        self_harm_policy_weeks__isnull=False,
                        self_harm_policy_weeks__gte=1,
                    )
                    | (
                        ~Q(self_harm_policy=SelfHarmPolicy.EXCLUDES_RECENT)
                        & Q(self_harm_policy_weeks__isnull=True)
                    )
                ),
            ),
            models.CheckConstraint(
                name="recent_self_harm_rule_keeps_its_qualifier",
                condition=~Q(self_harm_policy=SelfHarmPolicy.EXCLUDES_RECENT)
                | ~Q(self_harm_policy_qualifier=""),
            ),
            models.CheckConstraint(
                name="not_both_24_hours_and_any_time",
                condition=~Q(open_24_hours=True, any_time=True),
            ),
            models.CheckConstraint(
                name="service_status_is_known",
                condition=Q(status__in=ServiceStatus.values),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "name"]),
            models.Index(fields=["available_anywhere", "status"], name="service_anywhere"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("services:detail", kwargs={"slug": self.slug})

    @property
    def area_codes(self) -> list[str]:
        return _codes_in(self.area_postcodes)

    def set_area_codes(self, text: str) -> None:
        """Set the area served from what a curator typed, in one form ("tq1,  ex" becomes
        "TQ1 EX": search matches whole codes), and keep the indexed ServiceArea rows in step.
        Saves the service."""
        self.area_postcodes = " ".join(_codes_in(text))
        if self.pk is None:
            self.save()
        else:
            self.save(update_fields=["area_postcodes", "updated_at"])
        _keep_area_rows_in_step(self)

    def save_with_area_codes(self, **save_options) -> None:
        """Save, with the area served put in one form first and the area rows kept in step:
        one save, so one version in the history (set_area_codes is a second save)."""
        self.area_postcodes = " ".join(_codes_in(self.area_postcodes))
        self.save(**save_options)
        _keep_area_rows_in_step(self)

    def covers_any(self, codes: set[str]) -> bool:
        """Whether its area served names any of these postcode districts or areas."""
        return not codes.isdisjoint(self.area_codes)

    def eligibility_facts(
        self, tags: ServiceTags, *, has_contact_route: bool | None = None
    ) -> explanations.Facts:
        """The facts the plain-language explanations are built from, with its tags as
        tags_of read them (and its prefetched contact points, unless whether it can be
        contacted is given, as for a record not yet saved)."""
        return explanations.Facts(
            self_referral=self.self_referral,
            referral_routes=tuple(route.name for route in tags.referral_routes),
            min_age=self.min_age,
            max_age=self.max_age,
            ages_confirmed=self.ages_confirmed,
            audiences=tuple(audience.name for audience in tags.audiences),
            also_supports=tuple(audience.name for audience in tags.also_supports),
            available_anywhere=self.available_anywhere,
            area_name=self.area_name,
            gp_registration_area=self.gp_registration_area,
            cost=self.cost,
            self_harm_policy=self.self_harm_policy,
            self_harm_policy_weeks=self.self_harm_policy_weeks,
            self_harm_policy_qualifier=self.self_harm_policy_qualifier,
            has_usage_limits=bool(self.usage_limits),
            has_policy_wording=bool(self.self_harm_policy_wording),
            sharing=self.sharing,
            has_contact_route=self.has_contact_route
            if has_contact_route is None
            else has_contact_route,
        )

    @property
    def has_contact_route(self) -> bool:
        """Whether the reader can contact them: a contact point that is not only for
        professionals (uses prefetched contact points)."""
        return reachable_by_readers(self.contact_points.all())

    @property
    def newest_source(self) -> "Source | None":
        """The source with the latest publication date, or None when no source gives one
        (uses prefetched sources)."""
        dated = [source for source in self.sources.all() if source.published_on is not None]
        return max(dated, key=lambda source: source.published_on, default=None)

    @property
    def newest_source_date(self) -> date | None:
        newest = self.newest_source
        return newest.published_on if newest else None

    @property
    def key_facts(self) -> list[str]:
        # Only plain columns: result cards do not read the tags eligibility_facts needs.
        return explanations.key_facts(
            explanations.Facts(
                self_referral=self.self_referral,
                min_age=self.min_age,
                max_age=self.max_age,
                cost=self.cost,
                self_harm_policy=self.self_harm_policy,
            )
        )

    @property
    def schedule(self) -> hours.Schedule:
        """Opening times as plain data (uses prefetched rows when there are any)."""
        return self.schedule_of(
            hours.Slot(row.weekday, row.opens_at, row.closes_at) for row in self.opening_times.all()
        )

    def schedule_of(self, slots: Iterable[hours.Slot]) -> hours.Schedule:
        """Its schedule with weekly slots read elsewhere (a page of result cards reads them
        for every card in one query)."""
        return hours.Schedule(
            slots=tuple(slots), open_24_hours=self.open_24_hours, any_time=self.any_time
        )


# The vocabulary each tag relation of a service draws from (also_supports: audiences).
TAG_MODELS: dict[str, type[Tag]] = {
    "kinds": Kind,
    "formats": Format,
    "audiences": Audience,
    "also_supports": Audience,
    "access_features": AccessFeature,
    "referral_routes": ReferralRoute,
}


def _tag_links_sql(relation: str, ids: str) -> str:
    """One relation's part of tags_of's query: (service id, relation, slug, name, position)
    for the services `ids` names. Written from the models' own table and column names."""
    field = Service._meta.get_field(relation)
    through = field.remote_field.through._meta
    tag = field.related_model._meta
    quote = connection.ops.quote_name
    service_column = quote(through.get_field(field.m2m_field_name()).column)
    tag_column = quote(through.get_field(field.m2m_reverse_field_name()).column)
    return (
        f"SELECT link.{service_column}, %s, link.{tag_column}, tag.{quote('name')},"
        f" tag.{quote('position')}"
        f" FROM {quote(through.db_table)} link"
        f" JOIN {quote(tag.db_table)} tag ON tag.{quote(tag.pk.column)} = link.{tag_column}"
        f" WHERE link.{service_column} {ids}"
    )


@cache
def _tags_sql(relations: tuple[str, ...], vendor: str) -> str:
    """tags_of's query, built once per process: composing the same UNION through the ORM
    on every call cost more than running it. PostgreSQL takes the ids as one array; SQLite,
    which has none, as a list whose placeholders tags_of writes in ({ids})."""
    ids = "= ANY(%s)" if vendor == "postgresql" else "IN ({ids})"
    parts = " UNION ALL ".join(_tag_links_sql(relation, ids) for relation in relations)
    return f"{parts} ORDER BY 5, 4"


def tags_of(
    service_ids: Collection[int], *, relations: Sequence[str] = TAG_RELATIONS
) -> dict[int, ServiceTags]:
    """The tags of each of these services, read in one query (none for no services).

    One UNION ALL over the link tables rather than one prefetch each: a service page needs
    six relations, and an alternative's ranking three. Relations not asked for are left
    empty. Ordered in the database, as each tag model's Meta.ordering would be, so names
    sort by the database's collation just as they do everywhere else."""
    if not service_ids:
        return {}
    ids = list(service_ids)
    relations = tuple(relations)
    sql = _tags_sql(relations, connection.vendor)
    if connection.vendor == "postgresql":
        params = [value for relation in relations for value in (relation, ids)]
    else:
        sql = sql.format(ids=", ".join(["%s"] * len(ids)))
        params = [value for relation in relations for value in (relation, *ids)]
    found: dict[int, dict[str, list[TagName]]] = {pk: defaultdict(list) for pk in ids}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for service_id, relation, slug, name, _ in cursor.fetchall():
            found[service_id][relation].append(TagName(slug, name))
    return {
        pk: ServiceTags(**{relation: tuple(tags) for relation, tags in by_relation.items()})
        for pk, by_relation in found.items()
    }


class ServiceArea(models.Model):
    """One postcode area (TQ) or district (TQ1) a service covers, kept in step with area_postcodes.

    Curators type the codes in one box; these rows let search match them with an index.
    """

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="areas")
    code = models.CharField(max_length=4)

    class Meta:
        # Like the other rows that belong to a service below, read through their service,
        # so ordered within it: ordering by the service would join every read back to
        # services_service only to sort by its name.
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["code", "service"], name="one_row_per_area_code")
        ]

    def __str__(self) -> str:
        return self.code


def _codes_in(text: str) -> list[str]:
    """Postcode areas and districts as typed, in one form: "tq1,  ex" gives ["TQ1", "EX"]."""
    return text.upper().replace(",", " ").split()


def _keep_area_rows_in_step(service: Service) -> None:
    codes = set(service.area_codes)
    existing = set(service.areas.values_list("code", flat=True))
    if codes != existing:
        service.areas.exclude(code__in=codes).delete()
        ServiceArea.objects.bulk_create(
            ServiceArea(service=service, code=code) for code in codes - existing
        )


@receiver(post_save, sender=Service)
def keep_area_rows_in_step_on_loaddata(sender, instance: Service, raw: bool, **kwargs) -> None:
    # Only for `manage.py loaddata` (raw saves), which cannot call set_area_codes. Everything
    # else that changes the area served calls Service.set_area_codes.
    if raw:
        _keep_area_rows_in_step(instance)


# Keeping each service's search document in step (services.word_index): whenever its row,
# its organisation's name or its kinds change, however they are saved (the admin, imports,
# fixtures). A rename of a kind or an organisation rewrites the documents of their services.


@receiver(post_save, sender=Service)
def rewrite_search_document(sender, instance: Service, **kwargs) -> None:
    word_index.refresh([instance.pk])


@receiver(m2m_changed, sender=Service.kinds.through)
def rewrite_search_documents_for_kinds(sender, instance, action, reverse, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    if not reverse:
        word_index.refresh([instance.pk])
    elif action == "post_clear":  # a kind's services unlinked: their ids are gone by now
        word_index.refresh()
    else:
        word_index.refresh(pk_set or [])


@receiver(post_save, sender=Organisation)
def rewrite_search_documents_of_organisation(sender, instance: Organisation, **kwargs) -> None:
    word_index.refresh(instance.services.values_list("pk", flat=True))


@receiver(post_save, sender=Kind)
def rewrite_search_documents_of_kind(sender, instance: Kind, **kwargs) -> None:
    word_index.refresh(instance.services.values_list("pk", flat=True))


@receiver(pre_delete, sender=Kind)
def note_services_of_deleted_kind(sender, instance: Kind, **kwargs) -> None:
    instance._services_to_rewrite = list(instance.services.values_list("pk", flat=True))


@receiver(post_delete, sender=Kind)
def rewrite_search_documents_of_deleted_kind(sender, instance: Kind, **kwargs) -> None:
    word_index.refresh(getattr(instance, "_services_to_rewrite", []))


# Keeping each service's opens_out_of_hours in step: whenever its row or one of its
# opening times is saved or deleted, however (the admin, imports, fixtures, restores).


@receiver(post_save, sender=Service)
def rewrite_out_of_hours(sender, instance: Service, **kwargs) -> None:
    Service.objects.filter(pk=instance.pk).refresh_out_of_hours()


class Venue(models.Model):
    """A place where a service meets people in person."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="venues")
    name = models.CharField(max_length=200, blank=True)
    address = models.TextField(help_text="As much as is confirmed; leave the rest out.")
    postcode = models.CharField(max_length=10, blank=True)
    latitude = models.FloatField(
        null=True, blank=True, validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    longitude = models.FloatField(
        null=True, blank=True, validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    wheelchair_note = models.CharField(max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "pk"]
        # The service column too, so a place search reads the box from the index alone.
        indexes = [
            models.Index(fields=["latitude", "longitude", "service"], name="venue_lat_lng_service")
        ]
        constraints = [
            models.CheckConstraint(
                name="venue_coordinates_both_or_neither",
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
            )
        ]

    def __str__(self) -> str:
        return self.name or self.address.split("\n", 1)[0]


class ContactPoint(models.Model):
    """One way to reach a service: a phone number, a text number, an email address and so on."""

    Method = ContactMethod

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="contact_points")
    method = models.CharField(max_length=10, choices=ContactMethod)
    value = models.CharField(
        max_length=300, help_text="The number, address or link, exactly as published."
    )
    keyword = models.CharField(
        max_length=40, blank=True, help_text="For text lines: the word to send."
    )
    label = models.CharField(max_length=200, blank=True)
    for_professionals = models.BooleanField(
        default=False, help_text="Only for professionals (GPs, nurses, social workers)."
    )
    hours_note = models.CharField(max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return f"{self.get_method_display()}: {self.value}"

    @property
    def href(self) -> str:
        """A link a phone can act on, or an empty string where none fits."""
        digits = "".join(ch for ch in self.value if ch.isdigit() or ch == "+")
        if self.method == self.Method.PHONE and digits:
            return f"tel:{digits}"
        if self.method == self.Method.TEXT and digits:
            # No ?body=: phones differ on how they read it (iOS wants &body=), and a message
            # typed in for the reader is not theirs. The page says which word to send.
            return f"sms:{digits}"
        if self.method == self.Method.EMAIL and "@" in self.value:
            return f"mailto:{self.value}"
        if self.value.startswith(("https://", "http://")):
            return self.value
        return ""


class OpeningTime(models.Model):
    """A weekly opening slot; one that ends at or before its start runs past midnight."""

    Weekday = Weekday

    # No index of its own: slot_times (below) starts with the service and serves both.
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="opening_times", db_index=False
    )
    weekday = models.PositiveSmallIntegerField(choices=Weekday)
    opens_at = models.TimeField()
    closes_at = models.TimeField(help_text="00:00 means midnight at the end of the day.")
    note = models.CharField(max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["weekday", "opens_at"]
        # "Open now" and "evenings, nights or weekends" ask this of each service a search
        # looks at; with every column in the index the table itself is not read.
        indexes = [
            models.Index(fields=["service", "weekday", "opens_at", "closes_at"], name="slot_times")
        ]
        constraints = [
            models.CheckConstraint(name="slot_has_a_length", condition=~Q(opens_at=F("closes_at"))),
            models.CheckConstraint(
                name="weekday_is_monday_to_sunday", condition=Q(weekday__gte=0, weekday__lte=6)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens_at:%H:%M}-{self.closes_at:%H:%M}"


@receiver(post_save, sender=OpeningTime)
@receiver(post_delete, sender=OpeningTime)
def rewrite_out_of_hours_of_slot(sender, instance: OpeningTime, **kwargs) -> None:
    Service.objects.filter(pk=instance.service_id).refresh_out_of_hours()


class Source(models.Model):
    """A public page a fact about a service was taken from."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="sources")
    url = models.URLField(max_length=500, blank=True)
    title = models.CharField(max_length=300, blank=True)
    published = models.CharField(
        max_length=120,
        blank=True,
        help_text="Publication or 'last updated' date shown on the page, as written there.",
    )
    published_on = models.DateField(
        null=True,
        blank=True,
        help_text="The same date, to compare: the first day of a month or year given alone.",
    )
    notes = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title or self.url

    @property
    def published_when(self) -> str:
        """When it was published, no more exactly than the page said: "June 2023", or
        "2023" when the page gave only a year (published_on is then 1 January)."""
        on = self.published_on
        if on is None:
            return ""
        if (on.month, on.day) == (1, 1) and "jan" not in self.published.casefold():
            return str(on.year)
        return f"{on:%B %Y}"


@dataclass(frozen=True)
class ServiceRows:
    """One service's contact points, opening times and venues, each in its model's order,
    as rows_of reads them: plain tuples for the Open Referral objects, read once."""

    contact_points: tuple[ContactPoint, ...] = ()
    opening_times: tuple[OpeningTime, ...] = ()
    venues: tuple[Venue, ...] = ()

    @property
    def has_contact_route(self) -> bool:
        # As Service.has_contact_route, from the rows already read.
        return reachable_by_readers(self.contact_points)


def reachable_by_readers(contact_points: Iterable["ContactPoint"]) -> bool:
    """Whether a reader can use one of these contact points: one not only for
    professionals."""
    return any(not point.for_professionals for point in contact_points)


def rows_of(service_ids: Collection[int]) -> dict[int, ServiceRows]:
    """The rows of each of these services, one query per kind of row, grouped here.

    Django's prefetch_related builds a queryset for every service and relation before it
    can hand back rows: for a page of 50 services that was most of the API's time."""
    found: dict[int, dict[str, list]] = {pk: defaultdict(list) for pk in service_ids}
    if not found:
        return {}
    for model, relation in (
        (ContactPoint, "contact_points"),
        (OpeningTime, "opening_times"),
        (Venue, "venues"),
    ):
        for row in model.objects.filter(service_id__in=found):
            found[row.service_id][relation].append(row)
    return {
        pk: ServiceRows(**{relation: tuple(rows) for relation, rows in by_relation.items()})
        for pk, by_relation in found.items()
    }


def sources_out_of_date(newest: date | None, now: datetime) -> bool:
    """Whether a record whose newest source is from this date may be out of date: more than
    SOURCES_GO_OUT_OF_DATE_AFTER_YEARS old. A record with no dated source is not marked: we
    cannot tell, and the page says when the facts were gathered."""
    return newest is not None and newest < out_of_date_before(now)


def out_of_date_before(now: datetime) -> date:
    """The day a source must be from, or after, for its record not to count as out of date."""
    today = hours.uk_wall_clock(now).date()
    years_ago = today.year - SOURCES_GO_OUT_OF_DATE_AFTER_YEARS
    try:
        return today.replace(year=years_ago)
    except ValueError:  # 29 February, in a year with no 29 February
        return today.replace(year=years_ago, day=28)
