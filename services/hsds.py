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

from dataclasses import dataclass


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
    "part_checks": "Kept by logged checks alone (as assured_date is); the API will carry it.",
}


def column_named(name: str) -> Column:
    """The column with this name (KeyError for none)."""
    return _BY_NAME[name]


_BY_NAME = {column.name: column for column in SERVICE_COLUMNS}
