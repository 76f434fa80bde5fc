"""Our service records under Open Referral names: one table of columns, for every exchange.

Spreadsheets (services/curation/spreadsheets.py) and the Open Referral API both name a
service's facts from here, so the two cannot drift. Where HSDS 3.0 (the Human Services Data
Specification, which Open Referral UK profiles) has a field of the service that means the
same thing, the column takes its name; where it has none, or one whose values mean
something else, the column has our own plain snake_case name. tests/directory/test_hsds.py
checks every HSDS name here against the HSDS 3.0 service schema, and that every field of
a service is either here or in NOT_EXCHANGED with a reason.

Pure data: nothing here reads the database.
"""

from __future__ import annotations

import functools
import uuid
from dataclasses import dataclass

from services import explanations, provenance


@dataclass(frozen=True)
class Column:
    """One column of a service: its name, the Service field it holds (None when it is put
    together from rows that belong to the service, such as its phone numbers), whether the
    name is HSDS's, and what it means in one line, for curators."""

    name: str
    field: str | None
    hsds: bool
    meaning: str


def _ours(name: str, meaning: str, field: str | None = None) -> Column:
    return Column(name, field if field is not None else name, False, meaning)


def _hsds(name: str, field: str, meaning: str) -> Column:
    return Column(name, field, True, meaning)


def _from_rows(name: str, *, hsds: bool, meaning: str) -> Column:
    return Column(name, None, hsds, meaning)


SERVICE_COLUMNS: tuple[Column, ...] = (
    # What is it?
    _ours(
        "slug",
        "Our key for the service, the end of its page's address. Rows are matched on it; "
        "HSDS's id (a UUID) comes with the Open Referral API.",
    ),
    _hsds("name", "name", "The service's name."),
    _hsds("organization", "organisation", "The organisation that runs it, by its exact name."),
    # HSDS status says whether a service is active, inactive, defunct or temporarily closed:
    # it mixes what our two statuses keep apart, so neither takes its name.
    _ours(
        "publication_status",
        "Whether the public sees it: published, draft or withdrawn.",
        field="status",
    ),
    _ours("operating_status", "Whether it is running: running, uncertain, paused or closing."),
    _ours("sector", "Who runs it: statutory, third_sector, peer_led, private, or blank."),
    _ours("summary", "One or two short sentences for result lists."),
    _hsds("description", "description", "A longer description."),
    _hsds("url", "website", "The service's website."),
    # HSDS carries kinds of support, formats and audiences as attributes (taxonomy terms).
    _ours("kinds", "Kinds of support, as slugs separated by semicolons (at least one)."),
    _ours("formats", "Ways of using it, as slugs separated by semicolons."),
    _ours("audiences", "Who it is set up for, as slugs separated by semicolons."),
    _ours("also_supports", "Groups it also supports, as slugs separated by semicolons."),
    _ours("access_features", "What makes it easier to use, as slugs separated by semicolons."),
    # Will it take me?
    _hsds("minimum_age", "min_age", "The youngest age it takes. Blank: no limit."),
    _hsds("maximum_age", "max_age", "The oldest age it takes. Blank: no limit."),
    _ours("ages_confirmed", "yes when a source confirms the age limits (or that there are none)."),
    _ours("age_note", "A note about ages."),
    _hsds("eligibility_description", "who_for", "Who it is for, in the service's terms."),
    _ours("available_anywhere", "yes when people can use it wherever they are."),
    # HSDS service_areas are rows with extents; ours are a name and postcode districts.
    _ours("area_name", "The area served in plain words, such as Torbay."),
    _ours("area_postcodes", "Postcode areas and districts served, separated by spaces."),
    _ours("gp_registration_area", "Where people must be registered with a GP, if anywhere."),
    _ours("other_conditions", "Other conditions for using it."),
    # How do I get in?
    _ours("self_referral", "yes, no, or blank when not known: can people contact them directly?"),
    _ours("referral_routes", "Who can refer people, as slugs separated by semicolons."),
    _hsds("application_process", "referral_note", "How to get in: referral in plain words."),
    _ours("first_contact", "What happens when you first get in touch."),
    _ours("route_in", "For a service with no direct contact: who can help the reader get there."),
    # HSDS wait_time is deprecated, and ours is words for readers with the date they date from.
    _ours("waiting_time", "The wait, for readers, such as 'Wait for a first appointment: ...'."),
    _ours("waiting_time_reported", "When the source gave the wait, such as 2024."),
    # Does ongoing self-harm matter? HSDS has no field for any of this.
    _ours("self_harm_policy", "Whether ongoing self-harm matters to them (one of our codes)."),
    _ours("self_harm_policy_weeks", "For excludes_recent only: how many weeks."),
    _ours("self_harm_policy_qualifier", "For excludes_recent only: what kind of recent self-harm."),
    _ours("self_harm_policy_wording", "The service's own words about the rule."),
    _ours("self_harm_policy_source", "Where the rule's words come from."),
    # What happens if I tell them?
    _ours("sharing", "What they do with what you tell them (one of our codes)."),
    _ours("sharing_note", "More about what they share, and with whom."),
    # Can I get there and use it?
    _ours("cost", "free, low_cost, paid or unknown."),
    _hsds("fees_description", "cost_note", "More about the cost."),
    _ours("usage_limits", "Limits on use, such as a number of sessions."),
    _hsds("languages", "languages", "Languages other than English, in words."),
    _ours("access_note", "More about access: BSL, interpreters, getting in."),
    # When is it open?
    _ours("open_24_hours", "yes when it is open all day, every day."),
    _ours("any_time", "yes when it can be used any time with no staff (apps, self-help)."),
    _ours("hours_note", "A note about opening times, such as bank holidays."),
    # Things to know, and how sure we are.
    _hsds("alert", "status_note", "Things to know, shown on the page."),
    _ours("curator_note", "A short note shown with the rules."),
    _ours("research_notes", "For curators only, never shown to readers."),
    _ours("unconfirmed", "For curators: what is still unchecked."),
    _hsds("assured_date", "last_checked", "When the facts were last checked (YYYY-MM-DD)."),
    _ours("checked_how", "How they were last checked: public_pages or with_service."),
    _ours("checked_by", "Who last checked them."),
    _hsds("last_modified", "updated_at", "When the record last changed."),
    # Put together from the rows that belong to a service.
    _from_rows("phones", hsds=True, meaning="Phone numbers, each with its label."),
    _from_rows("email", hsds=True, meaning="Email addresses, each with its label."),
    _from_rows(
        "other_contacts", hsds=False, meaning="Text lines, web chat, apps and other ways in."
    ),
    _from_rows("schedules", hsds=True, meaning="Weekly opening times."),
    _from_rows("service_at_locations", hsds=True, meaning="Venues: name, address and postcode."),
)

# Fields of a service that no column holds, and why.
NOT_EXCHANGED: dict[str, str] = {
    "id": "Our database's own number: rows are matched on slug, and the API will give HSDS ids.",
    "created_at": "Bookkeeping of this database, not a fact about the service.",
    "uuid": "The API's HSDS id; spreadsheet rows are matched on slug, which curators can read.",
    "search_document": "Written by the database from the other columns, for search words.",
    "name_document": "Written by the database from the name, for search words.",
    "opens_out_of_hours": "Worked out from open_24_hours, any_time and the opening times.",
    "part_checks": "Kept by logged checks alone (as assured_date is); the API will carry it.",
}


def column_named(name: str) -> Column:
    """The column with this name (KeyError for none)."""
    return _BY_NAME[name]


_BY_NAME = {column.name: column for column in SERVICE_COLUMNS}


# ----------------------------------------------------------------------------------------
# HSDS objects for the Open Referral UK API (services/api/). Pure: each function takes
# records already read (a service with its organisation, its rows as models.rows_of reads
# them, and its tags as models.tags_of reads them) and returns plain
# JSON-ready dicts. Empty values are left out rather than sent as "" (an empty "url" is not
# a URI), and unknown stays unknown: no language is claimed where none is recorded, no
# cost where the cost is not checked.

HSDS_VERSION = "HSDS-UK-3.0"
UK_PROFILE = "https://github.com/OpenReferralUK/uk-profile"
UK_TIME = "UK time (Europe/London)"
# Ids of objects we do not store as rows (a service at a location, a cost option...) are
# derived from their owner's id, so they are as stable as it is.
NAMESPACE = uuid.UUID("5f0c6a52-7a1e-4c64-9a0e-2b7d3c1f9e11")
HSDS_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# Languages named in records, with their codes (ISO 639-1, or 639-3 where 639-1 has none).
LANGUAGE_CODES = {
    "english": "en",
    "welsh": "cy",
    "british sign language": "bfi",
    "bsl": "bfi",
    "polish": "pl",
    "urdu": "ur",
    "punjabi": "pa",
    "arabic": "ar",
    "bengali": "bn",
    "gujarati": "gu",
    "romanian": "ro",
    "portuguese": "pt",
    "spanish": "es",
    "french": "fr",
    "somali": "so",
}


def derived_id(owner: uuid.UUID | str, what: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{owner}/{what}"))


@functools.lru_cache(maxsize=2048)
def _fixed_id(owner: str, what: str) -> str:
    # Taxonomies and terms are few and named on every service of a page: their ids are
    # worked out once each, not several times a service.
    return derived_id(owner, what)


@dataclass(frozen=True)
class Taxonomy:
    slug: str
    name: str
    description: str

    @property
    def id(self) -> str:
        return _fixed_id("taxonomy", self.slug)


@dataclass(frozen=True)
class Term:
    taxonomy: Taxonomy
    slug: str
    name: str
    description: str

    @property
    def id(self) -> str:
        return _fixed_id(f"taxonomy/{self.taxonomy.slug}", self.slug)


# Our own terms: what no other UK directory publishes. Each is derived from the record, so
# a client can filter by it (taxonomy_term_id) and trust it means what its description says.
ACCESS_AND_SAFETY = Taxonomy(
    "support-finder-access-and-safety",
    "Support Finder access and safety terms",
    "Whether you can contact a service yourself, what its rules say about self-harm, and what "
    "it may share. Only terms a source confirms are given: no term means not known.",
)
SAFETY_TERMS = {
    "self-referral": "You can contact them yourself, without a referral.",
    "referral-needed": "You need a referral from someone else, such as a GP.",
    "ongoing-self-harm-welcome": "You do not have to stop self-harming to use it.",
    "self-harm-case-by-case": "They talk through self-harm with you rather than follow a rule.",
    "recent-self-harm-rule": "May not start if you self-harmed recently (see support_finder).",
    "high-risk-rule": "May not take you if they judge your risk of harm to be high.",
    "only-high-risk": "Only for people they judge to be at high risk.",
    "keeps-it-private": "They keep what you tell them private.",
    "private-unless-in-danger": "Private unless your life is in danger.",
    "may-share": "They may tell others, such as your GP, what you tell them.",
    "usage-limits": "There are limits on how much you can use it (see support_finder).",
}
SAFETY_TERM_LIST = tuple(
    Term(ACCESS_AND_SAFETY, slug, slug.replace("-", " ").capitalize(), description)
    for slug, description in SAFETY_TERMS.items()
)
# Our vocabulary: each list of tags is a taxonomy, each tag a term (by its public slug).
TAG_TAXONOMIES = {
    "kinds": Taxonomy("support-finder-kinds", "Kinds of support", "What kind of support it is."),
    "formats": Taxonomy("support-finder-formats", "Ways to use it", "How people use it."),
    "audiences": Taxonomy("support-finder-audiences", "Specially for", "Who it is set up for."),
    "also_supports": Taxonomy(
        "support-finder-also-supports",
        "Also supports",
        "Groups it also supports without being set up for them, such as parents and carers.",
    ),
    "access_features": Taxonomy("support-finder-access", "Access", "What makes it easier to use."),
    "referral_routes": Taxonomy(
        "support-finder-referral-routes", "Who can refer you", "Who can refer someone to it."
    ),
}
TAXONOMIES = (ACCESS_AND_SAFETY, *TAG_TAXONOMIES.values())


def safety_term_slugs(service) -> list[str]:
    """Our access and safety terms that apply to this service, from its record."""
    slugs = []
    if service.self_referral is True:
        slugs.append("self-referral")
    elif service.self_referral is False:
        slugs.append("referral-needed")
    slugs += {
        "welcomes": ["ongoing-self-harm-welcome"],
        "case_by_case": ["self-harm-case-by-case"],
        "excludes_recent": ["recent-self-harm-rule"],
        "excludes_high_risk": ["high-risk-rule"],
        "requires_high_risk": ["only-high-risk"],
    }.get(service.self_harm_policy, [])
    slugs += {
        "private": ["keeps-it-private"],
        "only_if_in_danger": ["private-unless-in-danger"],
        "may_share": ["may-share"],
    }.get(service.sharing, [])
    if service.usage_limits:
        slugs.append("usage-limits")
    return slugs


def taxonomy_object(taxonomy: Taxonomy) -> dict:
    return {"id": taxonomy.id, "name": taxonomy.name, "description": taxonomy.description}


def term_object(term: Term, *, with_taxonomy: bool = True) -> dict:
    found = {
        "id": term.id,
        "name": term.name,
        "description": term.description or term.name,
        "taxonomy_id": term.taxonomy.id,
        "code": term.slug,
    }
    if with_taxonomy:
        found["taxonomy_detail"] = taxonomy_object(term.taxonomy)
    return found


def tag_term(relation: str, slug: str, name: str, description: str = "") -> Term:
    return Term(TAG_TAXONOMIES[relation], slug, name, description)


def service_terms(service, tags) -> list[Term]:
    """Every term that applies to a service: ours, then its tags."""
    by_slug = {term.slug: term for term in SAFETY_TERM_LIST}
    terms = [by_slug[slug] for slug in safety_term_slugs(service)]
    for relation in TAG_TAXONOMIES:
        terms += [tag_term(relation, tag.slug, tag.name) for tag in getattr(tags, relation)]
    return terms


def _clean(found: dict) -> dict:
    return {key: value for key, value in found.items() if value not in ("", None)}


def organization_object(organisation) -> dict:
    return _clean(
        {
            "id": str(organisation.uuid),
            "name": organisation.name,
            # Required by the UK profile; we hold no description of organisations.
            "description": organisation.name,
            "website": organisation.website,
        }
    )


def phone_objects(service, rows) -> list[dict]:
    """Phone and text numbers, each described as the page describes it (who it is for,
    when, the word to text)."""
    phones = []
    for point in rows.contact_points:
        if point.method not in ("phone", "text"):
            continue
        words = [point.label or ("Phone" if point.method == "phone" else "Text")]
        if point.method == "text":
            words.append(f"(text{' ' + point.keyword if point.keyword else ''})")
        if point.for_professionals:
            words.append("- for professionals only")
        if point.hours_note:
            words.append(f"- {point.hours_note}")
        phones.append(
            {
                "id": str(point.uuid),
                "service_id": str(service.uuid),
                "number": point.value,
                "description": " ".join(words),
                "languages": [],
            }
        )
    return phones


def _first_public_email(rows):
    for point in rows.contact_points:
        if point.method == "email" and not point.for_professionals:
            return point
    return None


def first_email(rows) -> str:
    point = _first_public_email(rows)
    return point.value if point else ""


# Notes a service page shows that HSDS has no field for, carried in the extension.
EXTENSION_NOTES = (
    "first_contact",
    "route_in",
    "hours_note",
    "access_note",
    "age_note",
    "other_conditions",
)


def other_ways_in(rows) -> list[dict]:
    """Every way to get in touch that HSDS has no place for (web chat, apps, websites,
    post, other emails), so a client loses none of them."""
    carried = _first_public_email(rows)
    return [
        {
            "id": str(point.uuid),
            "method": point.method,
            "value": point.value,
            "label": point.label,
            "for_professionals": point.for_professionals,
            "hours_note": point.hours_note,
        }
        for point in rows.contact_points
        if point.method not in ("phone", "text") and point is not carried
    ]


def schedule_objects(service, rows) -> list[dict]:
    """Weekly opening times in UK local time. Open all day, every day: one schedule from
    00:00 to 23:59. A closing time of midnight is 23:59 (HSDS has no 24:00); a slot past
    midnight keeps its closing time, earlier than its opening."""
    owner = str(service.uuid)
    if service.open_24_hours:
        return [
            {
                "id": derived_id(owner, "schedule/24-hours"),
                "service_id": owner,
                "freq": "WEEKLY",
                "byday": ",".join(HSDS_DAYS),
                "opens_at": "00:00",
                "closes_at": "23:59",
                "description": f"Open 24 hours, every day. {UK_TIME}.",
            }
        ]
    schedules = []
    for slot in rows.opening_times:
        closes = slot.closes_at.strftime("%H:%M")
        schedules.append(
            _clean(
                {
                    "id": str(slot.uuid),
                    "service_id": owner,
                    "freq": "WEEKLY",
                    "byday": HSDS_DAYS[slot.weekday],
                    "opens_at": slot.opens_at.strftime("%H:%M"),
                    "closes_at": "23:59" if closes == "00:00" else closes,
                    "description": UK_TIME,
                    "notes": slot.note,
                }
            )
        )
    return schedules


def cost_option_objects(service) -> list[dict]:
    if service.cost == "unknown":
        return []
    option = {"free": "Free", "low_cost": "Low cost", "paid": "You pay"}[service.cost]
    return [
        _clean(
            {
                "id": derived_id(service.uuid, "cost"),
                "service_id": str(service.uuid),
                "option": option,
                "amount": 0 if service.cost == "free" else None,
                "currency": "GBP" if service.cost == "free" else None,
                "amount_description": service.cost_note,
            }
        )
    ]


def language_objects(service) -> list[dict]:
    """The languages a record names, with codes where we know them; none when it names none
    (not "English": unknown stays unknown)."""
    found = []
    for name in (part.strip() for part in service.languages.replace(";", ",").split(",")):
        if not name:
            continue
        plain = name.split("(")[0].strip().casefold()
        found.append(
            _clean(
                {
                    "id": derived_id(service.uuid, f"language/{name}"),
                    "service_id": str(service.uuid),
                    "name": name,
                    "code": LANGUAGE_CODES.get(plain),
                }
            )
        )
    return found


def service_area_objects(service) -> list[dict]:
    if service.available_anywhere:
        return [
            {
                "id": derived_id(service.uuid, "area"),
                "service_id": str(service.uuid),
                "name": "Anywhere in the UK, by phone, text or online",
            }
        ]
    if not (service.area_name or service.area_postcodes):
        return []
    return [
        _clean(
            {
                "id": derived_id(service.uuid, "area"),
                "service_id": str(service.uuid),
                "name": service.area_name or service.area_postcodes,
                "description": f"Postcode areas and districts: {service.area_postcodes}"
                if service.area_postcodes
                else "",
            }
        )
    ]


def attribute_objects(service, tags) -> list[dict]:
    return [
        {
            "id": derived_id(service.uuid, f"attribute/{term.id}"),
            "link_id": str(service.uuid),
            "link_type": "service",
            "link_entity": "service",
            "taxonomy_term_id": term.id,
            "taxonomy_term": term_object(term, with_taxonomy=False),
        }
        for term in service_terms(service, tags)
    ]


def location_id(venue) -> str:
    """A venue is one service at one location: the service at location takes the venue's
    own id (so it can be looked up), and the location an id derived from it."""
    return derived_id(venue.uuid, "location")


def location_object(venue) -> dict:
    lines = [line.strip() for line in venue.address.splitlines() if line.strip()]
    # The UK profile requires these keys. The last line of our addresses is the town; we
    # hold no county, so state_province is empty rather than guessed.
    address = {
        "id": derived_id(venue.uuid, "address"),
        "location_id": location_id(venue),
        "address_1": lines[0] if lines else venue.name,
        "city": lines[-1] if len(lines) > 1 else "",
        "state_province": "",
        "postal_code": venue.postcode,
        "country": "GB",
        "address_type": "physical",
    }
    if len(lines) > 2:
        address["address_2"] = ", ".join(lines[1:-1])
    found = {
        "id": location_id(venue),
        "location_type": "physical",
        "name": venue.name,
        "latitude": venue.latitude,
        "longitude": venue.longitude,
        "addresses": [address],
    }
    if venue.wheelchair_note:
        found["accessibility"] = [
            {
                "id": derived_id(venue.uuid, "accessibility"),
                "location_id": location_id(venue),
                "description": venue.wheelchair_note,
            }
        ]
    return _clean(found)


def service_at_location_objects(service, rows, *, full: bool) -> list[dict]:
    found = []
    for venue in rows.venues:
        item = {
            "id": str(venue.uuid),
            "service_id": str(service.uuid),
            "location_id": location_id(venue),
        }
        if full:
            item["location"] = location_object(venue)
        found.append(item)
    return found


def _plain_words(*parts) -> str:
    return " ".join(part.text for part in parts if part is not None)


def support_finder_object(service, rows, facts, page_url: str) -> dict:
    """The Support Finder extension: what a reader relies on that HSDS has no place for,
    in the same words our pages use (docs/open-referral-extension.md)."""
    said = provenance.provenance(service.part_checks)
    return {
        "page_url": page_url,
        "self_referral": service.self_referral,
        "self_harm_policy": {
            "code": service.self_harm_policy,
            "weeks": service.self_harm_policy_weeks,
            "qualifier": service.self_harm_policy_qualifier,
            "in_their_words": service.self_harm_policy_wording,
            "source": service.self_harm_policy_source,
            "explanation": explanations.self_harm(facts).text,
        },
        "sharing": {
            "code": service.sharing,
            "note": service.sharing_note,
            "explanation": explanations.telling_them(facts).text,
        },
        "usage_limits": service.usage_limits,
        "operating_status": {
            "code": service.operating_status,
            "warning": OPERATING_WARNINGS.get(service.operating_status, ""),
        },
        "other_ways_in": other_ways_in(rows),
        **{name: getattr(service, name) for name in EXTENSION_NOTES},
        "checks": [
            {
                "part": checked.part,
                "method": checked.method,
                "checked_on": checked.checked_on.isoformat(),
                "sentence": checked.sentence,
            }
            for checked in said.parts
        ],
        "gathered": service.checked_how,
        "last_checked": service.last_checked.isoformat(),
    }


def minimal_service_object(service) -> dict:
    return {
        "id": str(service.uuid),
        "name": service.name,
        "status": service_status(service),
        "last_modified": service.updated_at.isoformat(),
    }


def service_status(service) -> str:
    """HSDS status: only published services are served, so active unless paused. A service
    that may have ended, or is closing, is still active in HSDS's terms: the warning goes in
    its alert and in the extension's operating_status."""
    return "temporarily closed" if service.operating_status == "paused" else "active"


# The service page's warning for a service whose sources say it may not be running, in the
# same words (templates/_macros/service.html running_line), for `alert` and the extension.
OPERATING_WARNINGS = {
    "uncertain": "This service may have ended or changed. Check with the service first.",
    "paused": "Paused. This service is not running for now. Check with the service first.",
    "closing": "Closing. This service is closing down. Check with the service first.",
}


def alert_text(service) -> str:
    return " ".join(
        part
        for part in (OPERATING_WARNINGS.get(service.operating_status), service.status_note)
        if part
    )


def service_object(service, tags, rows, *, page_url: str, full: bool = False) -> dict:
    """One service as HSDS 3.0 has it (names from SERVICE_COLUMNS where they are HSDS's),
    with its phones, schedules, costs, languages, areas, terms and venues, and our
    extension. full=True nests each venue's location in its service_at_location."""
    facts = service.eligibility_facts(tags, has_contact_route=rows.has_contact_route)
    anyone = explanations.Reader()
    description = service.summary
    if service.description:
        description = f"{service.summary}\n\n{service.description}"
    application = explanations.getting_in(facts).text
    if service.referral_note:
        application = f"{application} {service.referral_note}".strip()
    found = {
        "id": str(service.uuid),
        "organization_id": str(service.organisation.uuid) if service.organisation else None,
        column_named("name").name: service.name,
        "description": description,
        column_named("url").name: service.website,
        "email": first_email(rows),
        "status": service_status(service),
        # Our plain sentences about each rule, then who it is for in the service's terms.
        column_named("eligibility_description").name: " ".join(
            part
            for part in (
                _plain_words(
                    explanations.ages(facts, anyone),
                    explanations.who_for(facts),
                    explanations.area(facts, anyone),
                    explanations.self_harm(facts),
                ),
                service.who_for,
            )
            if part
        ),
        column_named("application_process").name: application,
        column_named("fees_description").name: _plain_words(explanations.cost(facts))
        + (f" {service.cost_note}" if service.cost_note else ""),
        "wait_time": service.waiting_time,
        column_named("minimum_age").name: service.min_age,
        column_named("maximum_age").name: service.max_age,
        column_named("assured_date").name: service.last_checked.isoformat(),
        column_named("last_modified").name: service.updated_at.isoformat(),
        column_named("alert").name: alert_text(service),
    }
    found = _clean(found)
    found.update(
        {
            "phones": phone_objects(service, rows),
            "schedules": schedule_objects(service, rows),
            "cost_options": cost_option_objects(service),
            "languages": language_objects(service),
            "service_areas": service_area_objects(service),
            "attributes": attribute_objects(service, tags),
            "service_at_locations": service_at_location_objects(service, rows, full=full),
            "support_finder": support_finder_object(service, rows, facts, page_url),
        }
    )
    if service.organisation:
        found["organization"] = organization_object(service.organisation)
    return found
