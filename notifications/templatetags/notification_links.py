"""The header's link to /meldingen/ with the count of unread notifications."""

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from notifications.unread import SHOWN_UP_TO, unread_count

register = template.Library()


def _badge_and_words(count: int) -> tuple[str, str]:
    """The badge ("3", "9+") and the words a screen reader hears ("3 unread notifications")."""
    if count > SHOWN_UP_TO:
        spoken = _("more than %(count)s unread notifications") % {"count": SHOWN_UP_TO}
        return f"{SHOWN_UP_TO}+", spoken
    spoken = ngettext("%(count)s unread notification", "%(count)s unread notifications", count) % {
        "count": count
    }
    return str(count), spoken


@register.simple_tag(takes_context=True)
def notifications_link(context) -> SafeString:
    """ "Notifications", with the unread count as a badge ("9+" past nine) and in words
    for screen readers ("3 unread notifications"); marked current on /meldingen/."""
    request = context["request"]
    url = reverse("notifications:list")
    current = mark_safe(' aria-current="page"') if request.path == url else ""
    count = unread_count(request.user)
    if not count:
        return format_html('<a href="{}"{}>{}</a>', url, current, _("Notifications"))
    badge, spoken = _badge_and_words(count)
    return format_html(
        '<a href="{}"{}>{}<span class="unread-count" aria-hidden="true">{}</span>'
        '<span class="visually-hidden"> ({})</span></a>',
        url,
        current,
        _("Notifications"),
        badge,
        spoken,
    )


@register.simple_tag(takes_context=True)
def unread_badge_link(context) -> SafeString:
    """On a phone, beside "Menu": the unread count as a link to /meldingen/, so that it is
    seen without opening the menu; nothing when all is read (the CSS hides it on wider
    screens, where the menu's own link shows it)."""
    count = unread_count(context["request"].user)
    if not count:
        return mark_safe("")
    badge, spoken = _badge_and_words(count)
    return format_html(
        '<a class="site-header__unread" href="{}"><span class="visually-hidden">{}: </span>'
        '<span class="unread-count" aria-hidden="true">{}</span>'
        '<span class="visually-hidden">{}</span></a>',
        reverse("notifications:list"),
        _("Notifications"),
        badge,
        spoken,
    )
