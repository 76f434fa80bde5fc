"""Add-to-list and remove links that rebuild the current address (no JavaScript needed)."""

from django import template
from django.utils.html import format_html

from services.shortlist import MAX_SERVICES, ListLinks

register = template.Library()

# Written out here rather than in a template of its own: every result card shows one, and
# rendering a template per card cost a third of the card.
ON_LIST = (
    '<p class="list-toggle"><span class="list-toggle__on">On your list</span> '
    '<a href="{}">Remove<span class="visually-hidden"> {}</span> from your list</a></p>'
)
NOT_ON_LIST = (
    '<p class="list-toggle"><a href="{}">Add<span class="visually-hidden"> {}</span>'
    " to your list</a></p>"
)
LIST_FULL = '<p class="list-toggle">Your list is full ({} services). Remove one to add another.</p>'


@register.simple_tag(takes_context=True)
def shortlist_toggle(context, service):
    """On a results card or service page: add this service to the list in the address, or
    take it off, coming back to the same place on the same page."""
    request = context["request"]
    shortlist = context["shortlist"]
    on_list = service.slug in shortlist
    if not on_list and shortlist.is_full:
        return format_html(LIST_FULL, MAX_SERVICES)
    changed = shortlist.removing(service.slug) if on_list else shortlist.adding(service.slug)
    # Results pages give one ListLinks for all their cards: the rest of the query is the
    # same on every card.
    links = context.get("list_links") or ListLinks(request.GET)
    href = f"{request.path}?{links.query_with(changed)}#service-{service.slug}"
    return format_html(ON_LIST if on_list else NOT_ON_LIST, href, service.name)
