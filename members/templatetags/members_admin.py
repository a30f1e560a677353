from django import template

from members.models import LevelRequest, Profile

register = template.Library()


@register.simple_tag
def pending_applications_count() -> int:
    """Applications waiting for the coordinator, for the admin's front page."""
    return Profile.objects.applied().count()


@register.simple_tag
def pending_level_requests_count() -> int:
    """Requests to move up a level waiting for the coordinator, for the admin's front page."""
    return LevelRequest.objects.open().count()
