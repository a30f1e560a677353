"""Events as iCalendar (RFC 5545): one event, the public feed, a member's own feed."""

from collections.abc import Iterable

import icalendar
from django.utils import timezone

from .models import Event, EventStatus

PRODUCT_ID = "-//Leeratelier Samenlevingsopbouw//Agenda//NL"


def _vevent(event: Event, base_url: str, include_online_link: bool) -> icalendar.Event:
    """One event; the online link only for those who may join it (registered)."""
    component = icalendar.Event()
    component.add("uid", event.calendar_uid)  # stable: updates replace, never duplicate
    component.add("dtstamp", timezone.now())
    component.add("last-modified", event.updated_at)
    component.add("dtstart", timezone.localtime(event.start))
    component.add("dtend", timezone.localtime(event.end))
    component.add("summary", event.title)
    url = base_url + event.get_absolute_url()
    description = [event.summary, "", url]
    if include_online_link and event.online_link:
        description[1:1] = ["", event.online_link]
    component.add("description", "\n".join(description).strip())
    component.add("url", url)
    if event.place:
        component.add("location", event.place)
    elif include_online_link and event.online_link:
        component.add("location", event.online_link)
    component.add("status", "CANCELLED" if event.status == EventStatus.CANCELLED else "CONFIRMED")
    # A sequence that grows with every change lets calendar programs take updates.
    component.add("sequence", int(event.updated_at.timestamp()) // 60 % 2**31)
    return component


def calendar_bytes(
    events: Iterable[Event],
    base_url: str,
    name: str,
    online_link_events: set[int] = frozenset(),
    method: str | None = None,
) -> bytes:
    """A calendar of `events`; those whose id is in `online_link_events` carry their link."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Amsterdam")
    if method:
        calendar.add("method", method)
    for event in events:
        calendar.add_component(_vevent(event, base_url, event.pk in online_link_events))
    calendar.add_missing_timezones()
    return calendar.to_ical()
