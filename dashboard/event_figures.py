"""Meetings and public events: per event its registrations, attendance, no-shows, fill rate
and waiting list; the attendance rate per month."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sessions_app.models import Event, EventStatus, Registration, RegistrationStatus

from .figures import ChartKind, Figure
from .measures import during, month_of, share
from .periods import Period

# The page shows the latest events of a period; the CSV holds all of them.
EVENTS_SHOWN = 100
EVENTS_NOTE = _(
    "Drafts and cancelled events are left out. Fill rate: confirmed places of the capacity; "
    "no-shows: confirmed registrations marked as not attended."
)


def events_in(period: Period) -> QuerySet[Event]:
    """The period's announced events: drafts and cancelled events left out."""
    return Event.objects.filter(during("start", period), status=EventStatus.PUBLISHED)


def counted(status: str, **more: object) -> Count:
    """An event's registrations with `status` (and `more` conditions), counted."""
    return Count("registrations", filter=Q(registrations__status=status, **more))


def events(period: Period, shown: int | None = EVENTS_SHOWN) -> Figure:
    """Per event of `period` (the `shown` latest; all with None): registrations confirmed,
    waitlisted and cancelled, attended, no-shows, fill rate and waiting list."""
    rows = (
        events_in(period)
        .order_by("-start", "-pk")
        .values("pk", "title", "start", "capacity")
        .annotate(
            confirmed=counted(RegistrationStatus.CONFIRMED),
            waitlisted=counted(RegistrationStatus.WAITLISTED),
            cancelled=counted(RegistrationStatus.CANCELLED),
            attended=counted(RegistrationStatus.CONFIRMED, registrations__attended=True),
            no_shows=counted(RegistrationStatus.CONFIRMED, registrations__attended=False),
        )
    )
    note: str | Promise = EVENTS_NOTE
    if shown is not None:
        rows = rows[:shown]
        total = events_in(period).count()
        if total > shown:
            note = _(
                "The %(shown)d latest of the period's %(total)d events; the CSV holds all."
            ) % {
                "shown": shown,
                "total": total,
            }
            note = f"{note} {EVENTS_NOTE}"
    return Figure(
        key="events",
        title=_("Meetings and events"),
        description=_(
            "For each event of the period: registrations, attendance, no-shows, how full it "
            "was and how many wait for a place."
        ),
        columns=[
            _("Event"),
            _("Date"),
            _("Registered"),
            _("Attended"),
            _("No-shows"),
            _("Cancelled"),
            _("Fill rate (%)"),
            _("Waiting list"),
        ],
        rows=[
            [
                row["title"],
                timezone.localdate(row["start"]),
                row["confirmed"],
                row["attended"],
                row["no_shows"],
                row["cancelled"],
                share(row["confirmed"], row["capacity"] or 0),
                row["waitlisted"],
            ]
            for row in rows
        ],
        chart=ChartKind.TABLE,
        note=note,
        percent_columns=frozenset({6}),
    )


def attendance(period: Period) -> Figure:
    """The attendance rate per month of `period`: of the confirmed registrations whose
    attendance was recorded, the share that attended."""
    months = (
        Registration.objects.filter(
            during("event__start", period),
            status=RegistrationStatus.CONFIRMED,
            attended__isnull=False,
            event__status=EventStatus.PUBLISHED,
        )
        .order_by()
        .annotate(month=month_of("event__start", period))
        .values("month")
        .annotate(recorded=Count("pk"), attended=Count("pk", filter=Q(attended=True)))
    )
    counted = {row["month"]: (row["attended"], row["recorded"]) for row in months}
    rows = []
    for index, first in enumerate(period.months()):
        attended, recorded = counted.get(index, (0, 0))
        rows.append([first, share(attended, recorded)])
    return Figure(
        key="attendance",
        title=_("Attendance rate per month"),
        description=_(
            "Of the confirmed registrations for the month's events whose attendance was "
            "recorded, the share that came."
        ),
        columns=[_("Month"), _("Attendance (%)")],
        rows=rows,
        chart=ChartKind.LINES,
        note=_("A month without recorded attendance stays empty."),
        percent_columns=frozenset({1}),
    )
