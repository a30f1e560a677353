"""Events as iCalendar (RFC 5545): one event, the public feed, a member's own feed."""

from collections.abc import Iterable, Set
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from atelier.addresses import absolute_url

from .models import Event

TIME_ZONE = "Europe/Amsterdam"
AMSTERDAM = ZoneInfo(TIME_ZONE)


def _amsterdam_time_zone() -> icalendar.Timezone:
    """Europe/Amsterdam as two yearly rules, valid for every year the EU rule holds.

    Written by hand because icalendar's add_missing_timezones() writes lists of dates
    that stop in 2037, with summer time starting at 03:00 local time; ical.js (the
    parser Thunderbird uses) then placed summer events an hour late. Summer time starts
    on the last Sunday of March at 02:00 (+0100 to +0200) and ends on the last Sunday
    of October at 03:00 (+0200 back to +0100), the EU rule since 1996.
    """
    zone = icalendar.Timezone()
    zone.add("tzid", TIME_ZONE)
    for kind, name, start, month, offset_from, offset_to in [
        (icalendar.TimezoneDaylight, "CEST", datetime(1996, 3, 31, 2), 3, 1, 2),
        (icalendar.TimezoneStandard, "CET", datetime(1996, 10, 27, 3), 10, 2, 1),
    ]:
        rule = kind()
        rule.add("tzname", name)
        rule.add("dtstart", start)
        rule.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1su"})
        rule.add("tzoffsetfrom", timedelta(hours=offset_from))
        rule.add("tzoffsetto", timedelta(hours=offset_to))
        zone.add_component(rule)
    return zone


def _vevent(event: Event, include_online_link: bool, waitlisted: bool = False) -> icalendar.Event:
    """One event; the online link only for those who may join it (registered)."""
    component = icalendar.Event()
    component.add("uid", event.calendar_uid)  # stable: updates replace, never duplicate
    component.add("dtstamp", timezone.now())
    component.add("last-modified", event.updated_at)
    # Local times with TZID=Europe/Amsterdam, as _amsterdam_time_zone() defines it.
    component.add("dtstart", timezone.localtime(event.start, AMSTERDAM))
    component.add("dtend", timezone.localtime(event.end, AMSTERDAM))
    url = absolute_url(event.get_absolute_url())
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
    if event.is_cancelled:
        component.add("status", "CANCELLED")
    else:
        component.add("status", "TENTATIVE" if waitlisted else "CONFIRMED")
    # A sequence that grows with every change lets calendar programs take updates.
    component.add("sequence", int(event.updated_at.timestamp()) // 60 % 2**31)
    return component


def calendar_bytes(
    events: Iterable[Event],
    name: str,
    online_link_events: Set[int] = frozenset(),
    method: str | None = None,
    waitlisted_events: Set[int] = frozenset(),
) -> bytes:
    """A calendar of `events`; those whose id is in `online_link_events` carry their link.

    Events in `waitlisted_events` are marked tentative: the person has no place yet.
    """
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{settings.SITE_NAME}//Agenda//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", TIME_ZONE)
    if method:
        calendar.add("method", method)
    calendar.add_component(_amsterdam_time_zone())
    for event in events:
        calendar.add_component(
            _vevent(event, event.pk in online_link_events, event.pk in waitlisted_events)
        )
    return calendar.to_ical()
