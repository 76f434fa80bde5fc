"""What the benchmarks share (`manage.py search_benchmark`, `manage.py api_benchmark`).

- A synthetic directory: N published services with venues at real places across Great
  Britain, words drawn from a small vocabulary (so "support" is common, some words are rare,
  and "peer support group" finds some), tags from the real vocabulary, opening times, ways
  to get in touch (numbers from Ofcom's ranges kept for drama, which reach nobody), sources,
  areas served and rules: no self-referral, age limits, a rule about self-harm.
- A database of its own to build it in, never the one DATABASE_URL names: in memory on
  SQLite, `<name>_bench` on PostgreSQL, created fresh and dropped at the end.
- Shapes of request, asked in turn round after round (so a shared machine's changes of
  speed fall on every shape alike), beside a bare view through the same middleware: the
  framework's floor.

This module sits above the rooms, as config/ does, and may import any of them but config.
"""

from __future__ import annotations

import csv
import random
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from datetime import time as clock
from functools import cache
from urllib.parse import urlencode

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DEFAULT_DB_ALIAS, connection, connections, models, transaction
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import include, path
from django.utils import timezone

from services import word_index
from services.choices import ContactMethod, Cost, SelfHarmPolicy, Sharing
from services.models import (
    TAG_MODELS,
    ContactPoint,
    Kind,
    OpeningTime,
    Service,
    ServiceArea,
    Source,
    Venue,
)
from services.places.lookup import DATA

# The synthetic directory ---------------------------------------------------------------

SHARE_AVAILABLE_ANYWHERE = 0.01  # national services are few next to local ones
SHARE_WITH_AN_AREA = 0.15  # "It is for people in ...", with the area's postcode district
# Every THREE_RULES-th service has exactly three rules (referral only, an age limit, a rule
# about self-harm), so a service page with three rules exists at every size.
THREE_RULES = 50
# Services are made, and written, this many at a time: memory stays flat at any size.
CHUNK = 5_000

# What each kind of service is called after its place, and says of itself. Kinds are the
# real vocabulary's (fixtures/vocabulary.json): their names are searched too ("Peer support
# group", "Community support").
KINDS = {
    "helpline": (
        ["helpline", "listening line", "support line"],
        "Talk to someone who will listen, by phone, about self-harm or anything on your mind.",
        ["phone"],
    ),
    "peer-support": (
        ["peer support group", "support group", "peer group", "drop-in"],
        "A group where people who self-harm support each other.",
        ["in-person"],
    ),
    "crisis-cafe": (
        ["crisis cafe", "safe haven", "evening sanctuary"],
        "A calm place to go in the evening when things feel too much.",
        ["in-person"],
    ),
    "text-line": (
        ["text line", "text service"],
        "Text support for people who self-harm, any time.",
        ["text"],
    ),
    "counselling": (
        ["counselling", "counselling service"],
        "Free counselling for adults who self-harm.",
        ["in-person", "video"],
    ),
    "talking-therapy": (
        ["talking therapies", "therapy service"],
        "Talking therapy for anxiety, low mood and self-harm.",
        ["in-person", "phone", "video"],
    ),
    "young-people": (
        ["youth project", "young people's service"],
        "Support for young people who self-harm.",
        ["in-person", "online-chat"],
    ),
    "parents-carers": (
        ["parents' group", "carers' service"],
        "Support for parents and carers of young people who self-harm.",
        ["in-person", "online"],
    ),
    "community-support": (
        ["community hub", "wellbeing centre"],
        "Practical and emotional support in your community.",
        ["in-person"],
    ),
}
# How often each kind is a service's first kind: the searches' kinds lead.
KIND_WEIGHTS = {
    "helpline": 14,
    "peer-support": 22,
    "crisis-cafe": 10,
    "text-line": 6,
    "counselling": 14,
    "talking-therapy": 10,
    "young-people": 10,
    "parents-carers": 6,
    "community-support": 8,
}
# A description is two to four of these, drawn by weight.
SENTENCES = {
    "We offer support to anyone who self-harms, and to the people around them.": 5,
    "You can talk about what is happening without being judged.": 5,
    "Meets as a group on weekday evenings.": 3,
    "Trained volunteers answer the phone.": 3,
    "Our staff know what self-harm is like from their own lives.": 2,
    "You can come on your own or bring someone with you.": 2,
    "We can help you make a plan to keep yourself safe.": 2,
    "There is tea, coffee and a quiet room.": 1,
    "We also run sessions online.": 1,
    "Peer mentors share what helped them.": 1,
}
# Rare words, each in about one description in RARE_SHARE: a search for one finds a few.
RARE_WORDS = {
    "farmers": "We also run a group for farmers and farm workers.",
    "veterans": "We also see veterans of the armed forces.",
    "bereaved": "We also support people who have been bereaved by suicide.",
    "autistic": "Sessions can be adapted for autistic people.",
    "prisoners": "We also work with prisoners and their families.",
    "nightshift": "The team includes nightshift workers who know the small hours.",
}
RARE_SHARE = 0.003
SELF_HARM_POLICIES = {
    SelfHarmPolicy.WELCOMES: 35,
    SelfHarmPolicy.CASE_BY_CASE: 10,
    SelfHarmPolicy.UNKNOWN: 40,
    SelfHarmPolicy.EXCLUDES_RECENT: 6,
    SelfHarmPolicy.EXCLUDES_HIGH_RISK: 6,
    SelfHarmPolicy.REQUIRES_HIGH_RISK: 3,
}
SELF_HARM_RULES = [
    SelfHarmPolicy.EXCLUDES_RECENT,
    SelfHarmPolicy.EXCLUDES_HIGH_RISK,
    SelfHarmPolicy.REQUIRES_HIGH_RISK,
]


def load_places() -> list[tuple[str, float, float]]:
    """Every named place but post towns, as (name, latitude, longitude)."""
    with (DATA / "places.csv").open(encoding="utf-8") as rows:
        return [
            (row["name"], float(row["latitude"]), float(row["longitude"]))
            for row in csv.DictReader(rows)
            if row["kind"] != "post town"
        ]


@cache
def _districts() -> dict[tuple[str, float, float], str]:
    """Each place's postcode district, for the services that serve an area."""
    with (DATA / "places.csv").open(encoding="utf-8") as rows:
        return {
            (row["name"], float(row["latitude"]), float(row["longitude"])): row["outcode"]
            for row in csv.DictReader(rows)
            if row["kind"] != "post town" and " " not in row["outcode"]
        }


def _load_vocabulary() -> None:
    """The real vocabulary (kinds, formats, audiences, access features, referral routes)."""
    if not Kind.objects.filter(slug="helpline").exists():
        call_command("loaddata", settings.BASE_DIR / "fixtures" / "vocabulary.json", verbosity=0)


def _weighted(rng: random.Random, weights: dict) -> object:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _description(rng: random.Random) -> str:
    sentences = rng.choices(list(SENTENCES), weights=list(SENTENCES.values()), k=rng.randint(2, 4))
    sentences = list(dict.fromkeys(sentences))
    for sentence in RARE_WORDS.values():
        if rng.random() < RARE_SHARE:
            sentences.append(sentence)
    return " ".join(sentences)


def _service(number: int, place: tuple[str, float, float], rng: random.Random, today: date):
    """One synthetic service's columns (by attribute name), and its first kind."""
    kind = _weighted(rng, KIND_WEIGHTS)
    endings, summary, _ = KINDS[kind]
    name, *_ = place
    min_age = rng.choice([None, None, 11, 16, 18])
    max_age = rng.choice([None, None, 25]) if min_age != 18 else None
    self_referral = rng.choice([True, True, False, None])
    policy = _weighted(rng, SELF_HARM_POLICIES)
    anywhere = rng.random() < SHARE_AVAILABLE_ANYWHERE
    district = _districts().get(place, "")
    with_area = bool(district) and not anywhere and rng.random() < SHARE_WITH_AN_AREA
    if number % THREE_RULES == 0:
        self_referral, min_age, max_age = False, 18, None
        policy, anywhere, with_area = SelfHarmPolicy.EXCLUDES_HIGH_RISK, False, False
    recent = policy == SelfHarmPolicy.EXCLUDES_RECENT
    return kind, {
        "slug": f"bench-{number}",
        "name": f"{name} {rng.choice(endings)}",
        "summary": summary,
        "description": _description(rng),
        "status": Service.Status.PUBLISHED,
        "min_age": min_age,
        "max_age": max_age,
        "ages_confirmed": min_age is not None or max_age is not None or rng.random() < 0.3,
        "self_referral": self_referral,
        "self_harm_policy": policy,
        "self_harm_policy_weeks": rng.choice([4, 6, 12]) if recent else None,
        "self_harm_policy_qualifier": (
            "an attempt on your life, or self-harm that has been getting worse" if recent else ""
        ),
        "sharing": rng.choice(list(Sharing)),
        "cost": rng.choice([Cost.FREE, Cost.FREE, Cost.FREE, Cost.UNKNOWN, Cost.LOW_COST]),
        "available_anywhere": anywhere,
        "area_name": name if with_area else "",
        "area_postcodes": district if with_area else "",
        "open_24_hours": rng.random() < 0.05,
        # Some unchecked for more than a year, which sink below the others in results.
        "last_checked": today - timedelta(days=rng.randrange(500)),
        "checked_by": "benchmark",
    }


def _drama_number(rng: random.Random, method: str) -> str:
    # Ofcom keeps these ranges for drama: they reach nobody.
    if method == ContactMethod.TEXT:
        return f"07700 900{rng.randrange(1000):03d}"
    return f"0808 157 0{rng.randrange(1000):03d}"


# Values every database driver takes as they are; others (dates, times, ids) go through
# their field's get_db_prep_save, as bulk_create would.
PLAIN = (str, int, float, type(None))


def _insert(model: type[models.Model], rows: list[dict]) -> None:
    """Insert rows given as {attribute name: value}, every other column at its field's
    default, as bulk_create would, without making a model instance for each row: about a
    third of the time on SQLite, which counts at 200,000 services and a dozen rows each."""
    if not rows:
        return
    db = connections[DEFAULT_DB_ALIAS]  # not the proxy, looked up for every value
    now = timezone.now()
    given = rows[0].keys()
    fields = [f for f in model._meta.concrete_fields if f.attname in given or not f.primary_key]
    # For each column: its value prepared once (a default not made afresh for each row),
    # or the field that prepares each row's value.
    columns: list[tuple[str | None, object]] = []
    for f in fields:
        if f.attname in given:
            columns.append((f.attname, f))
        elif getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            columns.append((None, f.get_db_prep_save(now, db)))
        elif callable(f.default):
            columns.append(("", f))
        else:
            columns.append((None, f.get_db_prep_save(f.get_default(), db)))

    def prepared(row):
        for attname, f in columns:
            if attname is None:
                yield f
                continue
            value = row[attname] if attname else f.get_default()
            yield value if isinstance(value, PLAIN) else f.get_db_prep_save(value, db)

    quote = db.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(f.column) for f in fields)
    with db.cursor() as cursor:
        if db.vendor == "postgresql":
            # COPY: five times as fast here as executemany's INSERT statements.
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(tuple(prepared(row)))
        else:
            placeholders = ", ".join(["%s"] * len(fields))
            cursor.executemany(
                f"INSERT INTO {table} ({names}) VALUES ({placeholders})",
                [tuple(prepared(row)) for row in rows],
            )


def _write_chunk(
    start: int, stop: int, places, rng: random.Random, today: date, vocabulary: dict
) -> None:
    made = []
    for number in range(start, stop):
        place = rng.choice(places)
        kind, service = _service(number, place, rng, today)
        made.append((kind, place, service))
    _insert(Service, [service for *_, service in made])
    ids = dict(
        Service.objects.filter(slug__in=[service["slug"] for *_, service in made]).values_list(
            "slug", "pk"
        )
    )
    links: dict[str, list] = {relation: [] for relation in TAG_MODELS}
    venues, slots, contacts, sources, areas = [], [], [], [], []
    for kind, (_, lat, lng), service in made:
        pk = ids[service["slug"]]
        kinds = [kind]
        # Every tag of the vocabulary is used, the commoner ones most: a tag no service has
        # costs a search differently (the form offers only tags in use).
        if rng.random() < 0.4:
            others = list(KINDS) if rng.random() < 0.8 else vocabulary["kinds"]
            kinds += [rng.choice([k for k in others if k != kind])]
        formats = set(KINDS[kind][2])
        if rng.random() < 0.3:
            formats.add(rng.choice(vocabulary["formats"]))
        links["kinds"] += [(pk, slug) for slug in kinds]
        links["formats"] += [(pk, slug) for slug in sorted(formats)]
        if kind in ("young-people", "parents-carers"):
            links["audiences"].append((pk, kind))
        elif rng.random() < 0.2:
            links["audiences"].append((pk, rng.choice(vocabulary["audiences"])))
        if rng.random() < 0.1:
            links["also_supports"].append((pk, rng.choice(vocabulary["audiences"])))
        if "in-person" in formats and rng.random() < 0.4:
            links["access_features"].append((pk, "wheelchair"))
        if kind in ("helpline", "text-line") and rng.random() < 0.5:
            links["access_features"].append((pk, "anonymous"))
        elif rng.random() < 0.05:
            links["access_features"].append((pk, rng.choice(vocabulary["access_features"])))
        if service["self_referral"] is False:
            links["referral_routes"].append((pk, rng.choice(vocabulary["referral_routes"])))
        venues.append(
            {"service_id": pk, "address": "Synthetic venue", "latitude": lat, "longitude": lng}
        )
        if rng.random() < 0.6:
            slots.append(
                {
                    "service_id": pk,
                    "weekday": rng.randrange(7),
                    "opens_at": clock(18),
                    "closes_at": clock(22),
                }
            )
        if rng.random() < 0.3:
            slots += [
                {"service_id": pk, "weekday": day, "opens_at": clock(9), "closes_at": clock(17)}
                for day in range(5)
            ]
        method = ContactMethod.TEXT if kind == "text-line" else ContactMethod.PHONE
        contacts.append({"service_id": pk, "method": method, "value": _drama_number(rng, method)})
        website = f"https://example.org/{service['slug']}"
        if rng.random() < 0.5:
            contacts.append(
                {
                    "service_id": pk,
                    "method": ContactMethod.WEBSITE,
                    "value": website,
                    "position": 1,
                }
            )
        sources.append(
            {
                "service_id": pk,
                "url": website,
                "title": "Synthetic source",
                "published_on": today - timedelta(days=rng.randrange(1500)),
            }
        )
        if service["area_postcodes"]:
            areas.append({"service_id": pk, "code": service["area_postcodes"]})
    for relation, pairs in links.items():
        field = Service._meta.get_field(relation)
        service_id = f"{field.m2m_field_name()}_id"
        tag_id = f"{field.m2m_reverse_field_name()}_id"
        unique = dict.fromkeys(pairs)  # a tag once a service, however it was drawn
        _insert(field.remote_field.through, [{service_id: s, tag_id: t} for s, t in unique])
    for model, rows in (
        (Venue, venues),
        (OpeningTime, slots),
        (ContactPoint, contacts),
        (Source, sources),
        (ServiceArea, areas),
    ):
        _insert(model, rows)


def create_services(start: int, stop: int, places, rng: random.Random) -> None:
    """Add synthetic services numbered start..stop-1 (slugs bench-<number>)."""
    _load_vocabulary()
    vocabulary = {
        relation: sorted(model.objects.values_list("slug", flat=True))
        for relation, model in TAG_MODELS.items()
    }
    today = date.today()
    for first in range(start, stop, CHUNK):
        with transaction.atomic():
            _write_chunk(first, min(stop, first + CHUNK), places, rng, today, vocabulary)
    # Rows written in bulk send no signals: their search documents, and whether they open
    # out of hours, are written here, as any bulk writer must (services.word_index,
    # ServiceQuerySet.refresh_out_of_hours).
    word_index.refresh(only_missing=True)
    Service.objects.filter(slug__startswith="bench-").refresh_out_of_hours()


def load_and_analyse(start: int, stop: int, places, rng: random.Random) -> None:
    """Add services start..stop-1, then gather table statistics."""
    postgresql = connection.vendor == "postgresql"
    if postgresql:
        # config/settings.py gives every PostgreSQL connection a statement timeout (5 s by
        # default) so a stuck query cannot hold a worker. Loading tens of thousands of rows
        # and vacuuming them is no request: lift the limit on this connection while the data
        # is built, then put back the connection's own value, so searches run under the
        # limit the site runs under.
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = 0")
    try:
        create_services(start, stop, places, rng)
        # As autovacuum would after a bulk load: the planner needs table statistics, and
        # PostgreSQL reads an index alone only for pages vacuum has marked all-visible.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if postgresql else "ANALYZE")
    finally:
        if postgresql:
            with connection.cursor() as cursor:
                cursor.execute("RESET statement_timeout")


# A database of its own, as a server runs -----------------------------------------------


def use_database_of_its_own() -> None:
    """Point the test database's name at one the benchmark owns, never the configured one."""
    test = connection.settings_dict.setdefault("TEST", {})
    if connection.vendor == "sqlite":
        test["NAME"] = ":memory:"
    elif connection.vendor == "postgresql":
        # create_test_db(autoclobber=True) drops a database of this name without asking, so
        # it is always one whose name says it is the benchmark's, never the configured one.
        test["NAME"] = f"{connection.settings_dict['NAME']}_bench"
    else:
        raise CommandError(f"The benchmark runs on SQLite or PostgreSQL, not {connection.vendor}.")


@contextmanager
def database_of_its_own() -> Iterator[None]:
    """A fresh, empty, migrated database for the benchmark (see use_database_of_its_own),
    dropped at the end."""
    configured_name = connection.settings_dict["NAME"]
    use_database_of_its_own()
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        yield
    finally:
        connection.creation.destroy_test_db(configured_name, verbosity=0)


FLOOR = "/benchmark-floor"


def bare(request: HttpRequest) -> HttpResponse:
    """The least a view can do: what every request costs before the site does anything."""
    return HttpResponse(b'{"ok":true}', content_type="application/json")


# The site's own addresses, with the bare view beside them (used as ROOT_URLCONF while a
# benchmark runs; included by name, so nothing here imports config).
urlpatterns = [path(FLOOR.lstrip("/"), bare), path("", include(settings.ROOT_URLCONF))]


def as_a_server_runs():
    """Settings as a production server runs: DEBUG off (no query log, templates not re-read),
    no redirect to HTTPS (which the test client does not speak), and the bare view added.
    Enter it before the client builds its middleware and the template engines are built."""
    return override_settings(DEBUG=False, SECURE_SSL_REDIRECT=False, ROOT_URLCONF=__name__)


# Shapes of request, asked in turn ------------------------------------------------------

# Query counts are read from these many requests of each shape (DEBUG off keeps no log),
# or from as many as the rounds, if fewer.
COUNTED = 5


@dataclass
class Shape:
    label: str
    request: Callable[[random.Random], tuple[str, dict]]  # (rng) -> (path, params)
    # What a request found, where that means something (results, rules): read while counting.
    found: Callable[[str, dict], int] | None = None
    timings: list[float] = field(default_factory=list)
    query_counts: set[int] = field(default_factory=set)
    found_counts: list[int] = field(default_factory=list)
    asked: int = 0
    # Requests answered other than 200, in words. The run goes on: a shape that breaks, or
    # runs past the database's statement timeout, at one size is itself a finding.
    failures: list[str] = field(default_factory=list)

    @property
    def p50(self) -> float:
        return statistics.median(self.timings)

    @property
    def p95(self) -> float:
        return percentile(self.timings, 0.95)

    @property
    def queries(self) -> str:
        return "/".join(str(n) for n in sorted(self.query_counts))


def benchmark_client() -> Client:
    """A test client that hands back a server error as the 500 page a reader would get,
    rather than raising it, so the failure is counted (Shape.failures)."""
    return Client(raise_request_exception=False)


def ask(client: Client, shape: Shape, rng: random.Random) -> float:
    """One request of this shape: its milliseconds (an answer other than 200 is kept in
    shape.failures, and timed like any other: a reader waits for it too)."""
    address, params = shape.request(rng)
    started = time.perf_counter()
    response = client.get(address, params)
    elapsed = (time.perf_counter() - started) * 1000
    _check(shape, address, params, response)
    return elapsed


def _check(shape: Shape, address: str, params: dict, response) -> bool:
    shape.asked += 1
    if response.status_code == 200:
        return True
    failure = f"{address}?{urlencode(params)} answered {response.status_code}"
    if exc_info := getattr(response, "exc_info", None):
        failure += f": {exc_info[1]!r}"
    shape.failures.append(failure)
    return False


def failures(shapes: list[Shape]) -> list[str]:
    """Lines saying which shapes had answers other than 200: how many, and the first."""
    if not any(shape.failures for shape in shapes):
        return ["every request answered 200"]
    return [
        f"{shape.label}: {len(shape.failures)} of {shape.asked} answered other than 200; "
        f"the first: {shape.failures[0]}"
        for shape in shapes
        if shape.failures
    ]


def measure(client: Client, shapes: list[Shape], rounds: int, rng: random.Random) -> str:
    """Ask every shape once to warm what it needs, then `rounds` times each, one of each per
    round in a shuffled order; then count each shape's SQL queries over a few more
    requests. Returns the fixed loop's milliseconds before and after the timed rounds."""
    for shape in shapes:
        ask(client, shape, rng)
    loop_before = loop_ms()
    order = list(shapes)
    for _ in range(rounds):
        rng.shuffle(order)
        for shape in order:
            shape.timings.append(ask(client, shape, rng))
    loops = f"{loop_before:.0f}/{loop_ms():.0f}"
    for shape in shapes:
        for _ in range(min(COUNTED, rounds)):
            address, params = shape.request(rng)
            with CaptureQueriesContext(connection) as captured:
                response = client.get(address, params)
            if not _check(shape, address, params, response):
                continue
            shape.query_counts.add(len(captured))
            if shape.found:
                shape.found_counts.append(shape.found(address, params))
    return loops


def loop_ms() -> float:
    """How long a fixed Python loop takes. Shared machines change speed from minute to
    minute, so a size's figures are printed beside this, measured before and after."""
    started = time.perf_counter()
    total = 0
    for number in range(3_000_000):
        total += number
    return (time.perf_counter() - started) * 1000


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]
