"""Template tags for the parts of every page that keep readers safe."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def quick_exit_url() -> str:
    """From settings, not a context processor, so error pages rendered without a request
    still exit to the right place."""
    return settings.QUICK_EXIT_URL
