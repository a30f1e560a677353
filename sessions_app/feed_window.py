"""What the public calendar feed holds: a window around today, with a maximum.

A calendar program polls the feed every few hours and keeps what it has seen, so the
feed needs only what is about to happen and what just did: the public events of the
last PAST_DAYS days (at most PAST_MAX of them, the latest) and the coming ones (at most
COMING_MAX, the soonest). However many years of events the agenda holds, the feed
stays the same size, and so does the work of building it.
"""

from datetime import datetime, timedelta

from django.utils import timezone

from .models import Event

PAST_DAYS = 90
PAST_MAX = 25
COMING_MAX = 100


def public_feed_window(now: datetime | None = None) -> list[Event]:
    """The public events of the feed's window, in the order they start."""
    now = now or timezone.now()
    public = Event.objects.public()
    past = public.filter(end__lt=now, end__gte=now - timedelta(days=PAST_DAYS))
    latest_past = list(past.order_by("-start", "-pk")[:PAST_MAX])
    coming = list(public.filter(end__gte=now).order_by("start", "pk")[:COMING_MAX])
    return latest_past[::-1] + coming
