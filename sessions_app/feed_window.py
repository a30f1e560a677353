"""What the public calendar feed holds: a window around today, with a maximum.

A calendar program polls the feed every few hours and keeps what it has seen, so the
feed needs only what is about to happen and what just did: the public events that
started in the last PAST_DAYS days and have ended (at most PAST_MAX of them, the
latest) and the coming ones (at most COMING_MAX, the soonest). However many years of
events the agenda holds, the feed stays the same size, and so does the work of
building it.
"""

from datetime import datetime, timedelta

from django.utils import timezone

from .models import Event

PAST_DAYS = 90
PAST_MAX = 20
COMING_MAX = 50


def public_feed_window(now: datetime | None = None) -> list[Event]:
    """The public events of the feed's window, in the order they start."""
    now = now or timezone.now()
    public = Event.objects.public()
    # Both read from the start index in their order (EventQuerySet.past and upcoming say
    # how): bounded by the window's start rather than its end, past events are read back
    # from now and stop at the window's edge, and coming ones never pass the past.
    past = public.past(now).filter(start__gte=now - timedelta(days=PAST_DAYS))
    latest_past = list(past[:PAST_MAX])
    coming = list(public.upcoming(now)[:COMING_MAX])
    return latest_past[::-1] + coming
