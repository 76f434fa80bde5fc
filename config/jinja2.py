"""The Jinja2 environment for the site's own pages (the admin keeps Django's templates).

Jinja2 compiles each template to Python once; Django's template language looks every
variable up again at each use. A results page (twenty cards and the search form) renders
in about a third of the time, and rendering was the largest share of a search.

Differences from Django's language worth knowing when editing a template:
- methods need brackets: `service.get_absolute_url()`, `page.has_next()`, `field.value()`;
- `default(x, true)` replaces empty values too, as Django's `default` does;
- `{% include %}` takes no `with`: wrap it in `{% with name=value %}`;
- a macro sees only its arguments and these globals, unless imported `with context`.

Repeated pieces of HTML are macros in templates/_macros/; the globals below only work out
values (an address, whether a service is on the list), so no HTML is built in Python.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from django.conf import settings
from django.forms import BoundField
from django.forms.utils import flatatt
from django.http import HttpRequest
from django.template import defaultfilters
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from jinja2 import Environment, pass_context
from jinja2.runtime import Context

from services import choices, querystrings
from services.lists.takeaway import MAX_SERVICES
from services.pages import glossary
from services.search.vocabulary import TagChoices


def environment(**options) -> Environment:
    env = Environment(**options)
    env.globals.update(
        url=url,
        static=static,
        querystring=querystring,
        quick_exit_url=quick_exit_url,
        choices=choices,
        list_change=list_change,
        search_url=search_url,
        widget_attrs=widget_attrs,
        shown_choices=shown_choices,
    )
    env.filters.update(
        # Django's own filters, so dates, plurals and links read as they always have.
        date=defaultfilters.date,
        time=defaultfilters.time,
        pluralize=defaultfilters.pluralize,
        linebreaksbr=lambda text: defaultfilters.linebreaksbr(text, autoescape=True),
        urlize=lambda text: defaultfilters.urlize(text, autoescape=True),
        link_glossary_terms=link_glossary_terms,
    )
    return env


def url(name: str, *args, **kwargs) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def quick_exit_url() -> str:
    """From settings at each use, so error pages rendered without a request still exit to
    the right place."""
    return settings.QUICK_EXIT_URL


@pass_context
def querystring(context: Context, **changes) -> str:
    """The current query string with some parameters set (None removes one), as Django's
    {% querystring %} tag gives."""
    # The page's query as its links carry it (filters.onward_query), from the view.
    query = querystrings.changing(context["onward_query"], **changes)
    return f"?{query}" if query else ""


@dataclass(frozen=True)
class ListChange:
    """What a service's add-to-list link shows (list_toggle in templates/_macros/lists.html)."""

    name: str  # the service's, for screen readers: "Add Samaritans to your list"
    on_list: bool
    list_full: bool
    limit: int
    href: str  # adds the service, or takes it off; empty when the list is full
    # The list page and how many services it has, when this one is on it or the list is full:
    # beside the card just added, the list is a Tab or two away, not back at the top.
    list_href: str
    list_length: int


@pass_context
def list_change(context: Context, service) -> ListChange:
    """On a results card or service page: the address with this service added to the list,
    or taken off, coming back to the same place on the same page (no JavaScript needed).

    Worked out here, with the page's context, so that the macro can be imported without it:
    a macro imported with context is made again for each card."""
    shortlist = context["shortlist"]
    on_list = service.slug in shortlist
    full = not on_list and shortlist.is_full
    # Only worked out where it is shown: most cards are not on the list.
    the_list = {
        "list_href": shortlist.url if on_list or full else "",
        "list_length": len(shortlist),
        "limit": MAX_SERVICES,
    }
    if full:
        return ListChange(service.name, on_list=False, list_full=True, href="", **the_list)
    changed = shortlist.removing(service.slug) if on_list else shortlist.adding(service.slug)
    # One OneParameterLinks a page, from the view: the rest of the query is the same on every
    # card.
    links = context["list_links"]
    request: HttpRequest = context["request"]
    href = f"{request.path}?{links.with_value(changed.value)}#service-{service.slug}"
    return ListChange(service.name, on_list, list_full=False, href=href, **the_list)


def search_url(**params: str) -> str:
    """The results page searching for these choices, as a link on another page gives it."""
    return querystrings.link(reverse("services:list"), params)


# Length limits Django copies from a field onto its widget: a browser would cut pasted text
# short without a word, where the form's own message says what to change.
_LEFT_TO_THE_FORM = {"maxlength", "minlength"}


def widget_attrs(field: BoundField) -> SafeString:
    """A search field's widget attributes (spellcheck, inputmode...), escaped, each with a
    space before it, for the inputs that templates/_macros/fields.html writes by hand."""
    return _attributes(tuple(field.field.widget.attrs.items()))


@functools.cache  # a few widgets, the same attributes on every page
def _attributes(items: tuple[tuple[str, object], ...]) -> SafeString:
    return flatatt({name: value for name, value in items if name not in _LEFT_TO_THE_FORM})


def shown_choices(field: BoundField) -> list[tuple[str, str]]:
    """The choices a field's radio buttons or tick boxes show: all of them, but of a list of
    tags only those some published service has, and any the link has ticked (so they can be
    unticked). services/search/vocabulary.py says why."""
    listed = field.field.listed_choices
    tags = _tag_choices(field.field.choices)
    if tags is None:
        return listed
    offered, ticked = tags.offered, set(field.value() or ())
    return [(value, label) for value, label in listed if value in offered or value in ticked]


def _tag_choices(choices) -> TagChoices | None:
    # django-filter wraps a field's choices in its own iterator, which keeps them as .choices.
    while choices is not None and not isinstance(choices, TagChoices):
        choices = getattr(choices, "choices", None)
    return choices


def _glossary_pattern() -> re.Pattern:
    """Every name of every glossary entry, in one pattern. Longest first, so "self-referral"
    is linked rather than the "referral" inside it; abbreviations in capitals only."""
    names = sorted(
        (name for entry in glossary.ENTRIES for name in entry.names), key=len, reverse=True
    )
    alternatives = [
        f"(?-i:{re.escape(name)})" if glossary.is_abbreviation(name) else re.escape(name)
        for name in names
    ]
    # Not part of a longer word, a hyphenated word or a web address.
    return re.compile(r"(?<![\w/.-])(" + "|".join(alternatives) + r")(?![\w/-])", re.IGNORECASE)


_GLOSSARY_NAMES = _glossary_pattern()
_ENTRY_BY_NAME = {name.casefold(): entry for entry in glossary.ENTRIES for name in entry.names}
# Links and tags already in the HTML, kept as they are: a link is never put inside another.
_TAG_OR_LINK = re.compile(r"(<a\b.*?</a>|<[^>]*>)", re.IGNORECASE | re.DOTALL)


def link_glossary_terms(text: str) -> SafeString:
    """Escape the text (unless it is already HTML) and link glossary words in it to their
    entries: each entry once, at its first mention, so one paragraph is not a row of links."""
    glossary_url = reverse("services:glossary")
    linked: set[str] = set()

    def link(match: re.Match) -> str:
        entry = _ENTRY_BY_NAME[match.group(1).casefold()]
        if entry.slug in linked:
            return match.group(0)
        linked.add(entry.slug)
        return f'<a href="{glossary_url}#{entry.slug}">{match.group(1)}</a>'

    pieces = _TAG_OR_LINK.split(conditional_escape(text))
    # split() with a group: text at even places, the tags and links kept at odd ones.
    return mark_safe(
        "".join(
            _GLOSSARY_NAMES.sub(link, piece) if place % 2 == 0 else piece
            for place, piece in enumerate(pieces)
        )
    )
