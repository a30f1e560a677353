from django import template

from atelier import addresses

register = template.Library()


@register.simple_tag
def login_url(next_path: str) -> str:
    """The login page, sending the person back to `next_path` (atelier.addresses.login_url)."""
    return addresses.login_url(next_path)
