"""Reading another directory's Open Referral feed into draft services (manage.py import_oruk).

A feed is what an Open Referral UK (HSDS 3.0) API gives, saved to disk: pages of
`/services?full=true` (a JSON object whose "contents" list holds services), a directory of
such pages, ndjson (one service a line), or a file holding one service. Each service becomes
a draft for curators to check: an import never publishes anything, and never changes a
service the public can see (a curator changes that in the admin, where a reviewer looks at
it). HSDS ids are kept as our uuids, so importing the same feed again updates the drafts it
made rather than adding copies.

Unknown stays unknown: a fact the feed does not give is left blank or "unknown", never
filled in. Our own export (services/hsds.py) puts plain-language sentences built from the
record in front of some texts (application_process, fees_description) and makes
eligibility_description from them alone; when a feed carries our `support_finder` extension
those sentences are recognised and left out, so the texts hold only what a curator wrote.
docs/import-oruk.md says what goes where.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, time
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.text import slugify

from services import explanations, hsds
from services.choices import (
    CheckedPart,
    CheckMethod,
    ContactMethod,
    Cost,
    HowGathered,
    OperatingStatus,
    SelfHarmPolicy,
    ServiceStatus,
    Sharing,
)
from services.models import (
    TAG_MODELS,
    TAG_RELATIONS,
    Audience,
    ContactPoint,
    OpeningTime,
    Organisation,
    Service,
    ServiceTags,
    Source,
    TagName,
    Venue,
)

FEED_SUFFIXES = (".json", ".ndjson")
# django-simple-history keeps a change reason of at most 100 characters.
CHANGE_REASON_LENGTH = 100
SUMMARY_LENGTH = Service._meta.get_field("summary").max_length
ANYWHERE = "Anywhere in the UK, by phone, text or online"
POSTCODES_SAID = "Postcode areas and districts: "
COST_OPTIONS = {"free": Cost.FREE, "low cost": Cost.LOW_COST, "you pay": Cost.PAID}
ALL_DAYS = set(hsds.HSDS_DAYS)
# How services/hsds.py phone_objects describes a number: "Label (text WORD) - for
# professionals only - hours". Every part after the label may be missing.
PHONE_DESCRIPTION = re.compile(
    r"^(?P<label>.*?)(?P<text> \(text(?: (?P<keyword>[^)]*))?\))?"
    r"(?P<professionals> - for professionals only)?(?: - (?P<hours>.*))?$",
    re.DOTALL,
)
# Another directory's words for a text line ("Text 85258", "SMS"), but not "Textphone".
OTHER_TEXT_LINE = re.compile(r"(?i)(text|sms)\b")
GP_AREA = re.compile(r"You need to be registered with a GP in (?P<area>.+?)\.(?: |$)")
ALSO_SUPPORTS = re.compile(r"They also support (?P<names>.+?)\.(?: |$)")


class FeedError(Exception):
    """The feed cannot be read at all: nothing is imported."""


@dataclass(frozen=True)
class Record:
    """One service as read from the feed, and where: "pages.json, item 3"."""

    where: str
    data: object


@dataclass
class Outcome:
    """What happened to one record: created, updated, left (published: not ours to change)
    or skipped (bad), with notes for the curator about what was left out and why."""

    action: str
    where: str
    name: str = ""
    id: str = ""
    reason: str = ""
    notes: list[str] = field(default_factory=list)


# Reading ---------------------------------------------------------------------------------


def read_records(path: Path) -> list[Record]:
    """Every service in a feed file, or in every *.json and *.ndjson file of a directory
    (sorted by name). FeedError when the path is missing, a file is not JSON, or there are
    no services at all."""
    if not path.exists():
        raise FeedError(f"There is no file or directory at {path}.")
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix in FEED_SUFFIXES)
        if not files:
            raise FeedError(f"{path} holds no .json or .ndjson files.")
    else:
        files = [path]
    records = [record for file in files for record in _records_in(file)]
    if not records:
        raise FeedError(f"No services were found in {path}.")
    return records


def _records_in(file: Path) -> Iterator[Record]:
    try:
        text = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise FeedError(f"{file.name} could not be read: {error}.") from None
    if file.suffix == ".ndjson":
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                yield Record(f"{file.name}, line {number}", _parsed(line, file, number))
        return
    found = _parsed(text, file)
    if isinstance(found, dict) and isinstance(found.get("contents"), list):
        items = found["contents"]  # one page of a list
    elif isinstance(found, list):
        items = found
    elif isinstance(found, dict) and ("id" in found or "name" in found):
        items = [found]  # one service
    else:
        raise FeedError(
            f"{file.name} is JSON but holds no services: expected a page with 'contents', "
            "a list of services, or one service."
        )
    for number, item in enumerate(items, start=1):
        yield Record(f"{file.name}, item {number}", item)


def _parsed(text: str, file: Path, line: int | None = None):
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        at = line if line is not None else error.lineno
        raise FeedError(
            f"{file.name} is not valid JSON: line {at}, column {error.colno}: {error.msg}."
        ) from None


# Importing -------------------------------------------------------------------------------


def import_records(records: list[Record], *, source: str, today: date) -> list[Outcome]:
    """Import each record in its own transaction: a bad one is reported and skipped."""
    terms = tag_terms()
    return [import_record(record, source=source, today=today, terms=terms) for record in records]


def tag_terms() -> dict[str, tuple[str, str]]:
    """Our taxonomy term ids (as services/hsds.py makes them) to (relation, tag slug)."""
    found = {}
    for relation in hsds.TAG_TAXONOMIES:
        model = Service._meta.get_field(relation).related_model
        for tag in model.objects.all():
            found[hsds.tag_term(relation, tag.slug, tag.name).id] = (relation, tag.slug)
    return found


def import_record(record: Record, *, source: str, today: date, terms: dict) -> Outcome:
    data = record.data
    outcome = Outcome("skipped", record.where)
    if not isinstance(data, dict):
        outcome.reason = "not a service object"
        return outcome
    outcome.name = _text(data, "name")
    try:
        outcome.id = str(uuid.UUID(str(data.get("id", ""))))
    except ValueError:
        outcome.reason = "it has no id" if not data.get("id") else "its id is not a UUID"
        return outcome
    if not outcome.name:
        outcome.reason = "it has no name"
        return outcome
    try:
        with transaction.atomic():
            # Read and locked in the transaction that saves it, so a reviewer publishing it
            # meanwhile is seen (and the import leaves it), never overwritten as a draft.
            existing = Service.objects.select_for_update().filter(uuid=outcome.id).first()
            if existing is not None and existing.status != ServiceStatus.DRAFT:
                outcome.action = "left"
                outcome.reason = f"{existing.get_status_display().lower()}: change it in the admin"
                return outcome
            _save_service(existing, data, outcome, source=source, today=today, terms=terms)
    except ValidationError as error:
        outcome.action = "skipped"
        outcome.reason = "; ".join(
            f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()
        )
    except IntegrityError as error:
        outcome.action = "skipped"
        outcome.reason = f"the database refused it ({error})"
    return outcome


def _save_service(existing, data: dict, outcome: Outcome, *, source, today, terms) -> None:
    reason = f"Imported from {source}"[:CHANGE_REASON_LENGTH]
    notes = outcome.notes
    service = existing or Service(uuid=outcome.id, status=ServiceStatus.DRAFT)
    ours = data.get("support_finder") if isinstance(data.get("support_finder"), dict) else None
    tags = _tags(data, terms)
    contacts = _contacts(data, outcome.id, notes)
    if ours is not None:
        contacts += _other_ways_in(ours, outcome.id, len(contacts), notes)

    service.name = outcome.name
    service.summary, service.description = split_description(_text(data, "description"))
    if not service.summary:
        notes.append("no description: the summary is empty")
    service.website = _url(_text(data, "url"), "url", notes)
    service.organisation = _organisation(data, notes)
    service.min_age, service.max_age = _ages(data, notes)
    service.status_note = _without_warning(_text(data, "alert"), ours)
    service.waiting_time = _text(data, "wait_time")
    service.operating_status = _operating_status(data, notes)
    service.cost = _cost(data)
    service.languages = ", ".join(
        _text(item, "name") for item in _dicts(data, "languages") if _text(item, "name")
    )
    _read_area(service, data)
    _read_extension(service, ours, notes, today)
    assured = _date(data.get("assured_date"))
    if assured is not None and assured > today:
        notes.append("a checked date in the future: today's date is used instead")
        assured = None
    # Unknown or impossible: the day it was gathered, which is today.
    service.last_checked = assured or today
    service.checked_by = reason[: Service._meta.get_field("checked_by").max_length]
    schedules = _schedules(data, service, notes)

    facts = _facts(service, tags, contacts)
    eligibility = _text(data, "eligibility_description")
    application = _text(data, "application_process")
    fees = _text(data, "fees_description")
    if ours is not None:
        if "other_ways_in" not in ours:  # an export from before the extension carried them
            contacts += _website_to_contact(service, data, ours, contacts, notes)
        service.gp_registration_area = _said(GP_AREA, eligibility, "area")
        service.ages_confirmed = (
            service.min_age is None
            and service.max_age is None
            and "There is no age limit." in eligibility
        )
        if "also_supports" not in tags:  # an export from before they were terms
            tags["also_supports"] = _also_supports(eligibility)
        facts = _facts(service, tags, contacts)
        eligibility = _without_our_words(eligibility, facts, _eligibility_words)
        application = _without_our_words(application, facts, _application_words)
        fees = _without_our_words(fees, facts, _fees_words)
    service.who_for = eligibility
    service.referral_note = application
    service.cost_note = fees

    if not service.slug:
        service.slug = _free_slug(ours, service.name)
    service.full_clean(exclude=["summary"], validate_unique=False)
    service._change_reason = reason
    service.save_with_area_codes()
    outcome.action = "updated" if existing else "created"

    for relation in TAG_RELATIONS:
        getattr(service, relation).set(tags.get(relation, []))
    if not tags.get("kinds"):
        notes.append("no kind of support we know: choose one before publishing")

    _replace_rows(
        service,
        ContactPoint.objects.filter(service=service).filter(
            Q(method__in=(ContactMethod.PHONE, ContactMethod.TEXT, ContactMethod.EMAIL))
            | Q(uuid=_website_id(service))
        ),
        contacts,
        reason,
        notes,
    )
    _replace_rows(service, service.opening_times.all(), schedules, reason, notes)
    _replace_rows(service, service.venues.all(), _venues(data, notes), reason, notes)
    _keep_source(service, source, today, ours, reason)


def _replace_rows(service, current, rows: list, reason: str, notes: list[str]) -> None:
    """Make the service's rows of one kind the feed's, matched on uuid: rows the feed no
    longer has are removed, the rest updated or added. A row that fails its checks is left
    out with a note rather than losing the whole service."""
    keep = {row.uuid for row in rows}
    for row in current.exclude(uuid__in=keep):
        row._change_reason = reason
        row.delete()
    for row in rows:
        row.service = service
        stored = type(row).objects.filter(uuid=row.uuid).first()
        if stored is not None:
            if stored.service_id != service.pk:
                notes.append(
                    f"{type(row).__name__} {row.uuid} belongs to another service: left out"
                )
                continue
            row.pk = stored.pk
        try:
            row.full_clean(validate_unique=False)
        except ValidationError as error:
            notes.append(f"{row._meta.verbose_name} {row.uuid} left out: {error.messages[0]}")
            continue
        row._change_reason = reason
        row.save()


# Fields ----------------------------------------------------------------------------------


def _text(data, key: str) -> str:
    value = data.get(key) if isinstance(data, dict) else None
    return value.strip() if isinstance(value, str) else ""


def _dicts(data: dict, key: str) -> list[dict]:
    value = data.get(key)
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def split_description(text: str) -> tuple[str, str]:
    """The summary (the first paragraph, cut at a word to fit) and the description (the
    rest; all of it when the first paragraph had to be cut, so nothing is lost)."""
    text = text.replace("\r\n", "\n").strip()
    first, _, rest = text.partition("\n\n")
    first = first.strip()
    if len(first) <= SUMMARY_LENGTH:
        return first, rest.strip()
    cut = first[: SUMMARY_LENGTH - 1].rsplit(" ", 1)[0].rstrip(" ,;:.")
    return f"{cut}…", text


def _url(value: str, name: str, notes: list[str]) -> str:
    if not value:
        return ""
    try:
        URLValidator()(value)
    except ValidationError:
        notes.append(f"{name} {value!r} is not a web address: left out")
        return ""
    return value


def _whole_number(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _ages(data: dict, notes: list[str]) -> tuple[int | None, int | None]:
    ages = []
    for key in ("minimum_age", "maximum_age"):
        age = _whole_number(data.get(key))
        if age is not None and not 0 <= age <= 120:
            notes.append(f"{key} {age} is not an age: left out")
            age = None
        ages.append(age)
    if None not in ages and ages[0] > ages[1]:
        notes.append("minimum_age is above maximum_age: both left out")
        return None, None
    return ages[0], ages[1]


def _date(value) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _operating_status(data: dict, notes: list[str]) -> str:
    status = _text(data, "status").casefold()
    if status in ("temporarily closed", "inactive"):
        return OperatingStatus.PAUSED
    if status == "defunct":
        notes.append("the feed says it has ended (defunct)")
        return OperatingStatus.CLOSING
    return OperatingStatus.RUNNING


def _cost(data: dict) -> str:
    for option in _dicts(data, "cost_options"):
        found = COST_OPTIONS.get(_text(option, "option").casefold())
        if found:
            return found
        if _whole_number(option.get("amount")) == 0 or option.get("amount") == 0.0:
            return Cost.FREE
    return Cost.UNKNOWN


def _read_area(service: Service, data: dict) -> None:
    areas = _dicts(data, "service_areas")
    service.available_anywhere = any(_text(area, "name") == ANYWHERE for area in areas)
    service.area_name = service.area_postcodes = ""
    if service.available_anywhere or not areas:
        return
    name, said = _text(areas[0], "name"), _text(areas[0], "description")
    if said.startswith(POSTCODES_SAID):
        service.area_postcodes = said.removeprefix(POSTCODES_SAID)
    # Our export names an area by its postcodes when it has no name of its own.
    service.area_name = "" if name == service.area_postcodes else name


def _read_extension(
    service: Service, ours: dict | None, notes: list[str], today: date | None = None
) -> None:
    """Our `support_finder` object, with every code checked against ours: a code we do not
    know becomes unknown, never a guess."""
    ours = ours or {}
    self_referral = ours.get("self_referral")
    service.self_referral = self_referral if isinstance(self_referral, bool) else None
    policy = ours.get("self_harm_policy") if isinstance(ours.get("self_harm_policy"), dict) else {}
    code = _code(policy.get("code"), SelfHarmPolicy, SelfHarmPolicy.UNKNOWN, notes)
    weeks = _whole_number(policy.get("weeks"))
    qualifier = _text(policy, "qualifier")
    if code == SelfHarmPolicy.EXCLUDES_RECENT and not (weeks and weeks >= 1 and qualifier):
        notes.append("a rule about recent self-harm without its weeks or wording: left unknown")
        code = SelfHarmPolicy.UNKNOWN
    service.self_harm_policy = code
    service.self_harm_policy_weeks = weeks if code == SelfHarmPolicy.EXCLUDES_RECENT else None
    service.self_harm_policy_qualifier = qualifier if code == SelfHarmPolicy.EXCLUDES_RECENT else ""
    service.self_harm_policy_wording = _text(policy, "in_their_words")
    service.self_harm_policy_source = _text(policy, "source")
    sharing = ours.get("sharing") if isinstance(ours.get("sharing"), dict) else {}
    service.sharing = _code(sharing.get("code"), Sharing, Sharing.UNKNOWN, notes)
    service.sharing_note = _text(sharing, "note")
    service.usage_limits = _text(ours, "usage_limits")
    running = ours.get("operating_status")
    if isinstance(running, dict) and running.get("code"):
        # Ours says more than HSDS status can (a service that may have ended is "active").
        service.operating_status = _code(
            running.get("code"), OperatingStatus, service.operating_status, notes
        )
    for name in hsds.EXTENSION_NOTES:
        setattr(service, name, _text(ours, name))
    gathered = ours.get("gathered")
    service.checked_how = gathered if gathered in HowGathered.values else HowGathered.PUBLIC_PAGES
    checks = {}
    for check in ours.get("checks") or []:
        if not isinstance(check, dict):
            continue
        part, method = check.get("part"), check.get("method")
        on = _date(check.get("checked_on"))
        if (
            part in CheckedPart.values
            and method in CheckMethod.values
            and on
            and (today is None or on <= today)
        ):
            checks[part] = {"on": on.isoformat(), "method": method}
    service.part_checks = checks


def _without_warning(alert: str, ours: dict | None) -> str:
    """The alert less the running warning our export puts in front of it (the extension's
    operating_status carries that)."""
    warning = hsds.OPERATING_WARNINGS.get(((ours or {}).get("operating_status") or {}).get("code"))
    if warning and alert.startswith(warning):
        return alert.removeprefix(warning).strip()
    return alert


def _code(value, choices, unknown: str, notes: list[str]) -> str:
    if value in (None, "", unknown):
        return unknown
    if value in choices.values:
        return value
    notes.append(f"{choices.__name__} code {value!r} is not one of ours: left unknown")
    return unknown


def _organisation(data: dict, notes: list[str]) -> Organisation | None:
    """The organisation, matched on its id and then on its exact name; one the feed names
    that we do not have is added. An organisation we already have is not changed."""
    given = data.get("organization") if isinstance(data.get("organization"), dict) else {}
    try:
        ref = uuid.UUID(str(given.get("id") or data.get("organization_id") or ""))
    except ValueError:
        ref = None
    name = _text(given, "name")
    if ref is not None and (found := Organisation.objects.filter(uuid=ref).first()):
        return found
    if name and (found := Organisation.objects.filter(name=name).first()):
        return found
    if not name:
        if ref is not None:
            notes.append("its organisation is not in the feed: left out")
        return None
    organisation = Organisation(name=name, website=_url(_text(given, "website"), "website", notes))
    if ref is not None:
        organisation.uuid = ref
    organisation.full_clean(validate_unique=False)
    organisation.save()
    return organisation


def _tags(data: dict, terms: dict) -> dict[str, list[str]]:
    tags: dict[str, list[str]] = {}
    for attribute in _dicts(data, "attributes"):
        term = attribute.get("taxonomy_term")
        term_id = attribute.get("taxonomy_term_id") or (
            term.get("id") if isinstance(term, dict) else None
        )
        if term_id in terms:
            relation, slug = terms[term_id]
            tags.setdefault(relation, []).append(slug)
    return tags


def _also_supports(eligibility: str) -> list[str]:
    """The audiences our own sentence "They also support parents and carers." names: each
    audience whose name is in it, kept only when together they make that very sentence."""
    names = _said(ALSO_SUPPORTS, eligibility, "names")
    if not names:
        return []
    audiences = [
        audience
        for audience in Audience.objects.all()
        if explanations._as_object((audience.name,))[0] in names
    ]
    said = explanations.who_for(
        explanations.Facts(also_supports=tuple(audience.name for audience in audiences))
    )
    if said is None or f"They also support {names}." not in said.text:
        return []
    return [audience.slug for audience in audiences]


def _said(pattern: re.Pattern, text: str, group: str) -> str:
    found = pattern.search(text)
    return found.group(group) if found else ""


def _facts(service: Service, tags: dict, contacts: list[ContactPoint]) -> explanations.Facts:
    """The facts our sentences are built from, for a record not saved yet: its tags as
    slugs, its contact points as rows still to be saved."""

    def named(relation: str) -> tuple[TagName, ...]:
        slugs = tags.get(relation, [])
        found = TAG_MODELS[relation].objects.filter(slug__in=slugs)
        return tuple(TagName(tag.slug, tag.name) for tag in found)

    return service.eligibility_facts(
        ServiceTags(
            audiences=named("audiences"),
            also_supports=named("also_supports"),
            referral_routes=named("referral_routes"),
        ),
        has_contact_route=any(not contact.for_professionals for contact in contacts),
    )


def _eligibility_words(facts: explanations.Facts) -> str:
    anyone = explanations.Reader()
    parts = (
        explanations.ages(facts, anyone),
        explanations.who_for(facts),
        explanations.area(facts, anyone),
        explanations.self_harm(facts),
    )
    return " ".join(part.text for part in parts if part is not None)


def _application_words(facts: explanations.Facts) -> str:
    return explanations.getting_in(facts).text


def _fees_words(facts: explanations.Facts) -> str:
    return explanations.cost(facts).text


def _without_our_words(text: str, facts: explanations.Facts, words) -> str:
    """The text with our own generated sentences taken off its front. Whether the service
    could be contacted changes one sentence, and a feed does not carry every way to contact
    a service (web chat, apps), so both forms are tried."""
    for reachable in (facts.has_contact_route, not facts.has_contact_route):
        ours = words(replace(facts, has_contact_route=reachable))
        if text == ours:
            return ""
        if ours and text.startswith(ours + " "):
            return text.removeprefix(ours + " ").strip()
    return text


# Rows ------------------------------------------------------------------------------------


def _row_id(value, owner: str, what: str) -> uuid.UUID:
    """The feed's id for a row when it is a UUID; otherwise one derived from the service and
    what the row is, so a second import finds the same row."""
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return uuid.UUID(hsds.derived_id(owner, what))


def _contacts(data: dict, owner: str, notes: list[str]) -> list[ContactPoint]:
    contacts = []
    for position, phone in enumerate(_dicts(data, "phones")):
        number = _text(phone, "number")
        if not number:
            notes.append("a phone with no number: left out")
            continue
        contacts.append(_phone(phone, number, owner, position))
    email = _text(data, "email")
    if email:
        contacts.append(
            ContactPoint(
                uuid=uuid.UUID(hsds.derived_id(owner, f"email/{email}")),
                method=ContactMethod.EMAIL,
                value=email,
                position=len(contacts),
            )
        )
    return contacts


def _other_ways_in(ours: dict, owner: str, position: int, notes: list[str]) -> list:
    """Our extension's other ways to get in touch (web chat, apps, websites, post, more
    emails), each kept with its id; one with a method we do not know is left out."""
    found = []
    for way in ours.get("other_ways_in") or []:
        if not isinstance(way, dict):
            continue
        method, value = way.get("method"), _text(way, "value")
        if method not in ContactMethod.values or method in ("phone", "text") or not value:
            notes.append("a way to get in touch we could not read: left out")
            continue
        found.append(
            ContactPoint(
                uuid=_row_id(way.get("id"), owner, f"{method}/{value}"),
                method=method,
                value=value,
                label=_text(way, "label"),
                for_professionals=way.get("for_professionals") is True,
                hours_note=_text(way, "hours_note"),
                position=position + len(found),
            )
        )
    return found


def _website_id(service: Service) -> uuid.UUID:
    return uuid.UUID(hsds.derived_id(service.uuid, "website"))


def _website_to_contact(service, data: dict, ours: dict, contacts, notes) -> list[ContactPoint]:
    """Our export carries phones, text lines and one email, not web chat, apps or websites.
    When its sentences say the service can be contacted ("Contact them to ask.") and none
    of those came, the way in is one the feed has no place for: the service's website, the
    only one it gives, is recorded as a way to contact them (curators record it so too)."""
    if any(not contact.for_professionals for contact in contacts) or not service.website:
        return []
    said = [_text(data, key) for key in ("eligibility_description", "application_process")]
    for part in ("self_harm_policy", "sharing"):
        found = ours.get(part)
        said.append(_text(found, "explanation") if isinstance(found, dict) else "")
    said.append(_text(data, "fees_description"))
    if explanations.ASK_THEM not in " ".join(said):
        return []
    notes.append("its website is recorded as the way to contact them: check its contact details")
    return [
        ContactPoint(
            uuid=_website_id(service),
            method=ContactMethod.WEBSITE,
            value=service.website,
            position=len(contacts),
        )
    ]


def _phone(phone: dict, number: str, owner: str, position: int) -> ContactPoint:
    """A phone as services/hsds.py phone_objects describes it; a description from another
    directory that starts with "Text" (or says "SMS") is a text line."""
    description = _text(phone, "description")
    said = PHONE_DESCRIPTION.match(description)
    is_text = bool(said.group("text")) or bool(OTHER_TEXT_LINE.match(description))
    method = ContactMethod.TEXT if is_text else ContactMethod.PHONE
    label = said.group("label").strip()
    if label == ("Text" if is_text else "Phone"):
        label = ""  # our export's word for a number with no label
    return ContactPoint(
        uuid=_row_id(phone.get("id"), owner, f"phone/{number}"),
        method=method,
        value=number,
        keyword=(said.group("keyword") or "").strip(),
        label=label,
        for_professionals=bool(said.group("professionals")),
        hours_note=(said.group("hours") or "").strip(),
        position=position,
    )


def _clock(value) -> time | None:
    if not isinstance(value, str):
        return None
    try:
        return time.fromisoformat(value.strip()[:8])
    except ValueError:
        return None


def _schedules(data: dict, service: Service, notes: list[str]) -> list[OpeningTime]:
    """Weekly opening times. 00:00 to 23:59 on every day is open 24 hours; any other
    closing time of 23:59 is midnight (HSDS has no 24:00, so our export writes 23:59)."""
    owner = str(service.uuid)
    slots = []
    service.open_24_hours = False
    for schedule in _dicts(data, "schedules"):
        days = [day.strip().upper() for day in _text(schedule, "byday").split(",") if day.strip()]
        opens, closes = _clock(schedule.get("opens_at")), _clock(schedule.get("closes_at"))
        if _text(schedule, "freq").upper() != "WEEKLY" or not days or not set(days) <= ALL_DAYS:
            notes.append("an opening time that is not weekly by day: left out")
            continue
        if opens is None or closes is None:
            notes.append("an opening time with no opening or closing time: left out")
            continue
        if set(days) == ALL_DAYS and opens == time(0, 0) and closes == time(23, 59):
            service.open_24_hours = True
            continue
        if closes == time(23, 59):
            closes = time(0, 0)
        if opens == closes:
            notes.append(f"an opening time from {opens:%H:%M} to {closes:%H:%M}: left out")
            continue
        for day in days:
            if len(days) == 1 and _is_uuid(schedule.get("id")):
                slot_id = uuid.UUID(str(schedule["id"]))
            else:
                slot_id = uuid.UUID(hsds.derived_id(owner, f"schedule/{schedule.get('id')}/{day}"))
            slots.append(
                OpeningTime(
                    uuid=slot_id,
                    weekday=hsds.HSDS_DAYS.index(day),
                    opens_at=opens,
                    closes_at=closes,
                    note=_text(schedule, "notes"),
                )
            )
    if service.open_24_hours:
        return []
    return slots


def _is_uuid(value) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def _venues(data: dict, notes: list[str]) -> list[Venue]:
    """Places from service_at_locations with their locations nested (a full=true feed). The
    venue takes the service_at_location's id, as services/hsds.py gives it."""
    venues = []
    owner = str(data.get("id"))
    for number, at in enumerate(_dicts(data, "service_at_locations"), start=1):
        location = at.get("location") if isinstance(at.get("location"), dict) else None
        if location is None:
            notes.append("a location with no address in the feed (export with full=true)")
            continue
        addresses = _dicts(location, "addresses")
        address = addresses[0] if addresses else {}
        lines = [_text(address, key) for key in ("address_1", "address_2", "city")]
        lines = [line for line in lines if line]
        if not lines:
            notes.append(f"location {_text(location, 'name') or number} has no address: left out")
            continue
        latitude, longitude = location.get("latitude"), location.get("longitude")
        if not all(isinstance(value, int | float) for value in (latitude, longitude)):
            latitude = longitude = None
        access = _dicts(location, "accessibility")
        venues.append(
            Venue(
                uuid=_row_id(at.get("id"), owner, f"location/{number}"),
                name=_text(location, "name"),
                address="\n".join(lines),
                postcode=_text(address, "postal_code"),
                latitude=latitude,
                longitude=longitude,
                wheelchair_note=_text(access[0], "description") if access else "",
            )
        )
    return venues


def _free_slug(ours: dict | None, name: str) -> str:
    """The slug of the service's page in the feed's directory when it has one and it is
    free here (our own export imports with the same page addresses); otherwise one from the
    name, numbered if taken."""
    page = ours.get("page_url") if ours else None
    if isinstance(page, str):
        slug = page.rstrip("/").rsplit("/", 1)[-1]
        if slug and slug == slugify(slug) and not Service.objects.filter(slug=slug).exists():
            return slug[:80]
    base = slugify(name)[:70] or "service"
    slug, number = base, 1
    while Service.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def _keep_source(service: Service, source: str, today: date, ours, reason: str) -> None:
    """Where the record came from, as one of its sources: one per feed, dated afresh each
    time the feed is imported."""
    title = f"Imported from {source}"[: Source._meta.get_field("title").max_length]
    page = ours.get("page_url") if ours else ""
    row = Source.objects.filter(service=service, title=title).first() or Source(
        service=service, title=title
    )
    row.url = page if isinstance(page, str) and _url(page, "page_url", []) else ""
    row.notes = (
        f"Imported on {today.isoformat()} from an Open Referral feed. Check every fact "
        "before publishing."
    )
    row._change_reason = reason
    row.save()
