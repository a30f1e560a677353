from django import template

from members.models import Profile

register = template.Library()


@register.simple_tag
def pending_applications_count() -> int:
    """Applications waiting for the coordinator, for the admin's front page."""
    return Profile.objects.applied().count()
