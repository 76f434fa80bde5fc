"""The Jinja2 environment for the site's own pages (the admin keeps Django's templates).

Jinja2 compiles each template to Python once; Django's template language looks every
variable up again at each use. A results page (twenty cards and the search form) renders
in about a third of the time, and rendering was the largest share of a search.

Differences from Django's language worth knowing when editing a template:
- methods need brackets: `service.get_absolute_url()`, `page.has_next()`, `field.value()`;
- `default(x, true)` replaces empty values too, as Django's `default` does;
- `{% include %}` takes no `with`: wrap it in `{% with name=value %}`.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.http import HttpRequest, QueryDict
from django.template import defaultfilters
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from jinja2 import Environment, pass_context
from jinja2.runtime import Context

from services import choices, querystrings
from services.choices import LIST_PARAM
from services.lists.takeaway import MAX_SERVICES
from services.pages import glossary
from services.querystrings import OneParameterLinks
from services.search.filters import onward_query


def environment(**options) -> Environment:
    env = Environment(**options)
    env.globals.update(
        url=url,
        static=static,
        querystring=querystring,
        quick_exit_url=quick_exit_url,
        choices=choices,
        shortlist_toggle=shortlist_toggle,
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
    query = querystrings.changing(_onward(context), **changes)
    return f"?{query}" if query else ""


def _onward(context: Context) -> QueryDict:
    """The page's query as its links carry it (filters.onward_query), computed once a page."""
    onward = context.get("onward_query")
    return onward if onward is not None else onward_query(context["request"].GET)


# Add-to-list and remove links rebuild the current address (no JavaScript needed). Written
# out here rather than in a template of their own: every result card shows one.
ON_LIST = (
    '<p class="list-toggle"><span class="list-toggle__on">On your list</span> '
    '<a href="{}">Remove<span class="visually-hidden"> {}</span> from your list</a></p>'
)
NOT_ON_LIST = (
    '<p class="list-toggle"><a href="{}">Add<span class="visually-hidden"> {}</span>'
    " to your list</a></p>"
)
LIST_FULL = '<p class="list-toggle">Your list is full ({} services). Remove one to add another.</p>'


@pass_context
def shortlist_toggle(context: Context, service) -> SafeString:
    """On a results card or service page: add this service to the list in the address, or
    take it off, coming back to the same place on the same page."""
    request: HttpRequest = context["request"]
    shortlist = context["shortlist"]
    on_list = service.slug in shortlist
    if not on_list and shortlist.is_full:
        return format_html(LIST_FULL, MAX_SERVICES)
    changed = shortlist.removing(service.slug) if on_list else shortlist.adding(service.slug)
    # Results pages give one OneParameterLinks for all their cards: the rest of the query is the
    # same on every card.
    links = context.get("list_links") or OneParameterLinks(_onward(context), LIST_PARAM)
    href = f"{request.path}?{links.with_value(changed.value)}#service-{service.slug}"
    return format_html(ON_LIST if on_list else NOT_ON_LIST, href, service.name)


# Longest terms first, so "self-referral" is linked rather than the "referral" inside it.
_TERMS = sorted(glossary.ENTRIES, key=lambda entry: len(entry.term), reverse=True)
_PATTERN = re.compile(
    r"(?<![\w-])(" + "|".join(re.escape(entry.term) for entry in _TERMS) + r")(?![\w-])",
    re.IGNORECASE,
)
_BY_TERM = {entry.term.casefold(): entry for entry in glossary.ENTRIES}


def link_glossary_terms(text: str) -> SafeString:
    """Escape the text and link each glossary term in it to its entry."""
    glossary_url = reverse("services:glossary")

    def link(match: re.Match) -> str:
        entry = _BY_TERM[match.group(1).casefold()]
        return f'<a href="{glossary_url}#{entry.slug}">{match.group(1)}</a>'

    return mark_safe(_PATTERN.sub(link, escape(text)))
