"""Events as iCalendar (RFC 5545): one event, the public feed, a member's own feed."""

from collections.abc import Iterable

import icalendar
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Event, EventStatus

PRODUCT_ID = "-//Leeratelier Samenlevingsopbouw//Agenda//NL"


def _vevent(
    event: Event, base_url: str, include_online_link: bool, waitlisted: bool = False
) -> icalendar.Event:
    """One event; the online link only for those who may join it (registered)."""
    component = icalendar.Event()
    component.add("uid", event.calendar_uid)  # stable: updates replace, never duplicate
    component.add("dtstamp", timezone.now())
    component.add("last-modified", event.updated_at)
    component.add("dtstart", timezone.localtime(event.start))
    component.add("dtend", timezone.localtime(event.end))
    url = base_url + event.get_absolute_url()
    description = [event.summary, "", url]
    if include_online_link and event.online_link:
        description[1:1] = ["", event.online_link]
    if waitlisted:
        # No place yet: the calendar shows it as tentative and says why.
        component.add("summary", _("%(title)s (waiting list)") % {"title": event.title})
        description[0:0] = [_("You are on the waiting list for this event."), ""]
    else:
        component.add("summary", event.title)
    component.add("description", "\n".join(description).strip())
    component.add("url", url)
    if event.place:
        component.add("location", event.place)
    elif include_online_link and event.online_link:
        component.add("location", event.online_link)
    if event.status == EventStatus.CANCELLED:
        component.add("status", "CANCELLED")
    else:
        component.add("status", "TENTATIVE" if waitlisted else "CONFIRMED")
    # A sequence that grows with every change lets calendar programs take updates.
    component.add("sequence", int(event.updated_at.timestamp()) // 60 % 2**31)
    return component


def calendar_bytes(
    events: Iterable[Event],
    base_url: str,
    name: str,
    online_link_events: set[int] = frozenset(),
    method: str | None = None,
    waitlisted_events: set[int] = frozenset(),
) -> bytes:
    """A calendar of `events`; those whose id is in `online_link_events` carry their link.

    Events in `waitlisted_events` are marked tentative: the person has no place yet.
    """
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Amsterdam")
    if method:
        calendar.add("method", method)
    for event in events:
        calendar.add_component(
            _vevent(event, base_url, event.pk in online_link_events, event.pk in waitlisted_events)
        )
    calendar.add_missing_timezones()
    return calendar.to_ical()
