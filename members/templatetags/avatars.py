from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from members.models import Profile

register = template.Library()


@register.simple_tag
def avatar(profile: Profile, size: str = "small") -> SafeString:
    """A member's photo, or their initial when there is none.

    "small" fits a member card (decorative: the name is beside it), "large" a profile page.
    """
    large = size == "large"
    if not profile.avatar:
        return format_html(
            '<span class="avatar avatar--initials{}" aria-hidden="true">{}</span>',
            " avatar--large" if large else "",
            profile.display_name[:1].upper(),
        )
    if large:
        return format_html(
            '<img class="avatar avatar--large" src="{}" alt="{}" width="160" height="160" '
            'loading="lazy">',
            reverse("members:avatar", args=[profile.pk]),
            profile.display_name,
        )
    return format_html(
        '<img class="avatar" src="{}" alt="" width="64" height="64" loading="lazy">',
        reverse("members:avatar_small", args=[profile.pk]),
    )
