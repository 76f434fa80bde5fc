"""Add-to-list and remove links that rebuild the current address (no JavaScript needed)."""

from django import template

from services.shortlist import MAX_SERVICES

register = template.Library()


@register.inclusion_tag("services/_shortlist_toggle.html", takes_context=True)
def shortlist_toggle(context, service):
    """On a results card or service page: add this service to the list in the address, or
    take it off, coming back to the same place on the same page."""
    request = context["request"]
    shortlist = context["shortlist"]
    on_list = service.slug in shortlist
    changed = shortlist.removing(service.slug) if on_list else shortlist.adding(service.slug)
    return {
        "service": service,
        "on_list": on_list,
        "full": not on_list and shortlist.is_full,
        "limit": MAX_SERVICES,
        "href": f"{request.path}?{changed.query_from(request.GET)}#service-{service.slug}",
    }
