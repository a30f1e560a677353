"""Demo agenda for `make run`: a rhythm of meetings, public events and registrations.

The events are Markdown files in demo/events/, one an event, named by its slug; the header
holds the facts and who registered (members by their key in demo/members/, guests by
theirs in demo/events/guests.toml), the body is the description (demo/README.md explains
the fields). Dates are relative to today (Europe/Amsterdam), so the demo always has a
past and a future; a few events are dated last year, for last year's yearly report.

Events are looked up by slug: an event that exists is left as it is, registrations and
all, so a second run adds nothing and changes nothing. Registrations are made directly,
without e-mails, and only for members who could have made them: approved before the
event, active at the time, and for a meeting at the meetings level.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from atelier.content_files import DEMO_FOLDER, build, day_last_year, read_content_folder, read_toml
from members.demo import demo_profiles
from members.models import MembershipStatus, ParticipationLevel, Profile

from .models import Event, EventKind, EventStatus, Registration, RegistrationStatus

FOLDER = DEMO_FOLDER / "events"
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


@dataclass(frozen=True)
class Guest:
    name: str
    email: str


@dataclass(frozen=True)
class DemoEvent:
    slug: str
    kind: str
    title: str
    summary: str
    description: str
    time: str  # from-until, e.g. "14:00-17:00"
    weekday: str  # the event is on the first such day after today,
    weeks_from_now: int = 0  # moved by this many weeks; negative: in the past
    # Or, for the yearly report, the first such day from this day last year ("10-02").
    last_year_from: str = ""
    place: str = ""
    online_link: str = ""
    capacity: int | None = None
    full: bool = False  # the capacity is exactly the number of confirmed registrations
    deadline_days_before: int | None = None  # registration closes this many days before
    status: str = EventStatus.PUBLISHED
    # Members, by their key, in the order they registered.
    attended: Sequence[str] = ()  # past: confirmed and there
    absent: Sequence[str] = ()  # past: confirmed, did not come
    confirmed: Sequence[str] = ()  # upcoming: confirmed
    cancelled: Sequence[str] = ()
    waitlisted: Sequence[str] = ()
    # Guests, by their key.
    guests: Sequence[str] = ()  # confirmed by the e-mail link; past: attended
    pending: Sequence[str] = ()  # has not used the e-mail link yet

    def start_and_end(self, today: date) -> tuple[datetime, datetime]:
        tz = timezone.get_default_timezone()
        weekday = WEEKDAYS.index(self.weekday)
        if self.last_year_from:
            day = _next_weekday(
                day_last_year(self.last_year_from, today) - timedelta(days=1), weekday
            )
        else:
            day = _next_weekday(today, weekday) + timedelta(weeks=self.weeks_from_now)
        start, end = (time.fromisoformat(hour) for hour in self.time.split("-"))
        return datetime.combine(day, start, tzinfo=tz), datetime.combine(day, end, tzinfo=tz)


def demo_events() -> list[DemoEvent]:
    """The demo events of demo/events/."""
    events = [
        file.build(DemoEvent, slug=file.key, description=file.body)
        for file in read_content_folder(FOLDER)
    ]
    for event in events:
        if event.last_year_from and event.weeks_from_now:
            raise ValueError(f"{event.slug}: give `weeks_from_now` or `last_year_from`, not both")
    return events


def demo_guests() -> dict[str, Guest]:
    """The guests of demo/events/guests.toml, by their key."""
    path = FOLDER / "guests.toml"
    return {key: build(Guest, path, **fields) for key, fields in read_toml(path).items()}


def load_events(now=None) -> int:
    """Add the demo events that are missing, with their registrations; returns how many."""
    now = now or timezone.now()
    today = timezone.localdate(now, timezone.get_default_timezone())
    events, profiles, guests = demo_events(), demo_profiles(), demo_guests()
    existing = set(
        Event.objects.filter(slug__in=[demo.slug for demo in events]).values_list("slug", flat=True)
    )
    created = 0
    for demo in events:
        if demo.slug in existing:
            continue  # the coordinator's event now, registrations and all
        start, end = demo.start_and_end(today)
        _create_event(demo, start, end, profiles, guests, now)
        created += 1
    return created


def _next_weekday(today: date, weekday: int) -> date:
    """The first `weekday` after today (never today itself)."""
    return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)


def _may_register(profile: Profile | None, demo: DemoEvent, start) -> bool:
    """Whether this member could have registered: a member then, and at the right level."""
    if profile is None or profile.approved_at is None or profile.approved_at >= start:
        return False
    if profile.status != MembershipStatus.ACTIVE and profile.status_changed_at <= start:
        return False
    return demo.kind != EventKind.MEETING or (
        profile.participation_level == ParticipationLevel.MEETINGS
    )


def _create_event(demo: DemoEvent, start, end, profiles, guests, now) -> Event:
    confirmed, cancelled = RegistrationStatus.CONFIRMED, RegistrationStatus.CANCELLED
    waitlisted, pending = RegistrationStatus.WAITLISTED, RegistrationStatus.PENDING
    past = end < now

    def eligible(keys):
        return [profiles[key].user for key in keys if _may_register(profiles.get(key), demo, start)]

    # (member or guest, status, attended), in the order they registered.
    rows = (
        [(user, confirmed, True) for user in eligible(demo.attended)]
        + [(user, confirmed, False) for user in eligible(demo.absent)]
        + [(user, confirmed, None) for user in eligible(demo.confirmed)]
        + [(user, cancelled, None) for user in eligible(demo.cancelled)]
        + [(guests[key], confirmed, True if past else None) for key in demo.guests]
        + [(user, waitlisted, None) for user in eligible(demo.waitlisted)]
        + [(guests[key], pending, None) for key in demo.pending]
    )
    capacity = demo.capacity
    if demo.full:
        capacity = max(sum(status == confirmed for _person, status, _attended in rows), 1)
    event = Event.objects.create(
        kind=demo.kind,
        title=demo.title,
        slug=demo.slug,
        summary=demo.summary,
        description=demo.description,
        start=start,
        end=end,
        place=demo.place,
        online_link=demo.online_link,
        capacity=capacity,
        registration_deadline=(
            start - timedelta(days=demo.deadline_days_before) if demo.deadline_days_before else None
        ),
        status=demo.status,
    )
    # Announced six weeks ahead (or three weeks ago, for events further away);
    # people registered between then and an hour before the start (or now).
    opened = min(start - timedelta(weeks=6), now - timedelta(weeks=3))
    closed = min(start, now) - timedelta(hours=1)
    Event.objects.filter(pk=event.pk).update(created_at=opened, updated_at=opened)
    step = (closed - opened) / (len(rows) + 1)
    for number, (person, status, attended) in enumerate(rows, start=1):
        at = opened + step * number
        is_guest = isinstance(person, Guest)
        fields = {
            "event": event,
            "status": status,
            "created_at": at,
            "attended": attended,
        }
        if is_guest:
            fields |= {"guest_name": person.name, "guest_email": person.email.lower()}
        else:
            fields["user"] = person
        if status in (confirmed, cancelled):
            # Guests confirm with the e-mail link a little later.
            fields["confirmed_at"] = at + timedelta(minutes=20) if is_guest else at
        if status == cancelled:
            fields["cancelled_at"] = at + (closed - at) / 2
        if status == waitlisted:
            fields["waitlisted_at"] = at
        if status == confirmed and past:
            fields["reminder_sent_at"] = max(start - timedelta(hours=23), fields["confirmed_at"])
        Registration.objects.create(**fields)
    return event
