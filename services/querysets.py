"""Chainable, intent-named queries over services. Filters and views call these."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, time
from functools import reduce
from operator import and_

from django.apps import apps
from django.contrib.postgres.search import SearchQuery
from django.db import models
from django.db.models import (
    Case,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    Value,
    When,
)

from services import hours, word_index
from services.choices import Cost, SelfHarmPolicy, ServiceStatus

# The name of the ordering that puts services whose name has every search word first.
WORDS_NOT_IN_NAME = "words_not_in_name"


def _one_when(condition: Q) -> Case:
    return Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())


def name_has_words(text: str) -> Q:
    """The service's name has every word (as search() matches words: as the start of a
    word on PostgreSQL, anywhere on SQLite)."""
    if word_index.enabled():
        parts = word_index.word_parts(text) or ["no-word-at-all"]  # search() finds none
        return Q(name_document=reduce(and_, (_part_query(part) for part in parts)))
    return reduce(and_, (Q(name__icontains=word) for word in text.split()), Q())


def _part_query(part: str) -> SearchQuery:
    """One part of a word as a prefix, as typed or by its English stem (word_index)."""
    raw = word_index.prefix_query(part)
    return SearchQuery(raw, search_type="raw", config="simple") | SearchQuery(
        raw, search_type="raw", config="english"
    )


def out_of_hours_from_rows() -> Q:
    """Whether a service is open at some time outside office hours, worked out from its row
    and its opening times (hours.is_open_out_of_hours says the same in Python)."""
    OpeningTime = apps.get_model("services", "OpeningTime")
    outside_office_hours = (
        Q(weekday__gte=5)
        | Q(opens_at__lt=time(hours.OFFICE_OPENS // 60))
        | Q(closes_at__gt=time(hours.OFFICE_CLOSES // 60))
        | Q(closes_at__lte=F("opens_at"))
    )
    slots = OpeningTime.objects.filter(Q(service=OuterRef("pk")), outside_office_hours)
    return Q(open_24_hours=True) | Q(any_time=True) | Exists(slots)


class ServiceQuerySet(models.QuerySet):
    def published(self) -> ServiceQuerySet:
        return self.filter(status=ServiceStatus.PUBLISHED)

    def search(self, text: str) -> ServiceQuerySet:
        """Every word must appear in the name, organisation, summary, description or a
        kind's name: on PostgreSQL as the start of a word there, through the full-text
        index (services.word_index says how); on SQLite anywhere, as before. The services
        keep WORDS_NOT_IN_NAME (0 when the name has every word, else 1) to order by."""
        if word_index.enabled():
            return self._search_document(text)
        if not text.split():
            return self.alias(**{WORDS_NOT_IN_NAME: Value(0)})
        Kind = apps.get_model("services", "Kind")
        queryset = self
        for word in text.split():
            kind_matches = Kind.objects.filter(services=OuterRef("pk"), name__icontains=word)
            queryset = queryset.filter(
                Q(name__icontains=word)
                | Q(organisation__name__icontains=word)
                | Q(summary__icontains=word)
                | Q(description__icontains=word)
                | Exists(kind_matches)
            )
        return queryset.alias(**{WORDS_NOT_IN_NAME: _one_when(~name_has_words(text))})

    def _search_document(self, text: str) -> ServiceQuerySet:
        parts = word_index.word_parts(text)
        if not parts:  # only punctuation: no word to look for, as LIKE found none
            return self.none().alias(**{WORDS_NOT_IN_NAME: Value(1)})
        anywhere = reduce(and_, (_part_query(part) for part in parts))
        return self.filter(search_document=anywhere).alias(
            **{WORDS_NOT_IN_NAME: _one_when(~name_has_words(text))}
        )

    def for_age(self, age: int) -> ServiceQuerySet:
        """Services whose age limits include this age; a blank limit means no limit."""
        return self.filter(
            Q(min_age__isnull=True) | Q(min_age__lte=age),
            Q(max_age__isnull=True) | Q(max_age__gte=age),
        )

    def self_referral(self) -> ServiceQuerySet:
        return self.filter(self_referral=True)

    def welcoming_ongoing_self_harm(self) -> ServiceQuerySet:
        return self.filter(self_harm_policy=SelfHarmPolicy.WELCOMES)

    def free(self) -> ServiceQuerySet:
        return self.filter(cost=Cost.FREE)

    def _with_any_tag(self, field: str, slugs: Iterable[str]) -> ServiceQuerySet:
        # An EXISTS subquery rather than a join, so a service with two matching tags
        # appears once and counts stay right without DISTINCT.
        relation = self.model._meta.get_field(field)
        tag_field = relation.m2m_reverse_field_name()
        links = relation.remote_field.through.objects.filter(
            **{relation.m2m_field_name(): OuterRef("pk"), f"{tag_field}__in": list(slugs)}
        )
        return self.filter(Exists(links))

    def of_kinds(self, slugs: Iterable[str]) -> ServiceQuerySet:
        """Services of any of these kinds."""
        return self._with_any_tag("kinds", slugs)

    def in_formats(self, slugs: Iterable[str]) -> ServiceQuerySet:
        """Services you can use in any of these ways."""
        return self._with_any_tag("formats", slugs)

    def for_audiences(self, slugs: Iterable[str]) -> ServiceQuerySet:
        """Services specially for any of these groups."""
        return self._with_any_tag("audiences", slugs)

    def with_access_features(self, slugs: Iterable[str]) -> ServiceQuerySet:
        """Services with every one of these access features: a person may need them all."""
        queryset = self
        for slug in slugs:
            queryset = queryset._with_any_tag("access_features", [slug])
        return queryset

    def open_at(self, moment: datetime) -> ServiceQuerySet:
        """Services open at this moment (UK wall-clock time); the rule mirrors hours.is_open."""
        local = hours.uk_wall_clock(moment)
        day, now = local.weekday(), time(local.hour, local.minute)
        OpeningTime = apps.get_model("services", "OpeningTime")
        runs_past_midnight = Q(closes_at__lte=F("opens_at"))
        started_today = Q(weekday=day, opens_at__lte=now) & (
            Q(closes_at__gt=now) | runs_past_midnight
        )
        started_yesterday = Q(weekday=(day - 1) % 7, closes_at__gt=now) & runs_past_midnight
        slots = OpeningTime.objects.filter(
            Q(service=OuterRef("pk")), started_today | started_yesterday
        )
        return self.filter(Q(open_24_hours=True) | Q(any_time=True) | Exists(slots))

    def open_out_of_hours(self) -> ServiceQuerySet:
        """Open at some time outside office hours, as the kept column says (see
        refresh_out_of_hours)."""
        return self.filter(opens_out_of_hours=True)

    def refresh_out_of_hours(self) -> int:
        """Write opens_out_of_hours for these services from their own rows; the rule
        mirrors hours.is_open_out_of_hours. Signals call it on every save of a service or an
        opening time; code that writes either in bulk calls it itself."""
        return self.update(
            opens_out_of_hours=ExpressionWrapper(
                out_of_hours_from_rows(), output_field=models.BooleanField()
            )
        )

    def _covering_any(self, codes: Iterable[str]) -> Q:
        # Starts from the indexed area rows, so it does not scan every service.
        ServiceArea = apps.get_model("services", "ServiceArea")
        wanted = [code.upper() for code in codes]
        return Q(pk__in=ServiceArea.objects.filter(code__in=wanted).values("service_id"))

    def serving_area(self, codes: Iterable[str]) -> ServiceQuerySet:
        """Services whose area served names any of these postcode districts or areas."""
        return self.filter(self._covering_any(codes))

    def usable_in(self, codes: Iterable[str]) -> ServiceQuerySet:
        """Leaves out services limited to other areas; services with no area limit stay."""
        return self.filter(Q(area_postcodes="") | self._covering_any(codes))

    def available_anywhere(self) -> ServiceQuerySet:
        return self.filter(available_anywhere=True)

    def for_cards(self) -> ServiceQuerySet:
        """Services for result cards; pages.cards then reads their kinds, opening times and
        contacts for the whole page."""
        return self.select_related("organisation")

    def with_related(self) -> ServiceQuerySet:
        """The rows a service page or a take-away list shows of each service (its
        organisation, opening times, venues and contact points), in a fixed number of queries.

        Tags are left out: a service page reads all of them in one query (models.tags_of),
        and a take-away list shows none. Sources too: only a service page shows them, for
        one service, so reading them there costs the same one query, and a take-away list
        does not pay for them."""
        return self.select_related("organisation").prefetch_related(
            "opening_times", "venues", "contact_points"
        )
