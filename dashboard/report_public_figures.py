"""The yearly report's own variants of two dashboard figures, fit for everyone to read: the
year's events with their attendance, and the tools and cases with their accounts of use.

The dashboard names every event and item; a published report names only what everyone may
see. Public events and public items stand by title; the members' meetings and the items
for members only are counted together in one line each, so their numbers are in the report
and their titles are not. Counts only: no row names a person.

Each figure costs two queries however many events or items there are, and lists a bounded
number by title; the rest are counted together, so the totals always add up.
"""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from knowledge.models import Resource
from sessions_app.models import EventKind, RegistrationStatus

from .event_figures import counted, events_in
from .figures import ChartKind, Figure
from .knowledge_figures import TOOLS_SHOWN, accounts_of_use
from .periods import Period

# Public events by title; in a year with more, the best attended (the others counted together).
PUBLIC_EVENTS_SHOWN = 50
NO_EVENTS = {"events": 0, "registered": 0, "attended": 0}


def _registered_and_attended() -> dict[str, Count]:
    return {
        "registered": counted(RegistrationStatus.CONFIRMED),
        "attended": counted(RegistrationStatus.CONFIRMED, registrations__attended=True),
    }


def events_with_attendance(period: Period, shown: int = PUBLIC_EVENTS_SHOWN) -> Figure:
    """The public events of `period` by title and date with their registrations and
    attendance (the `shown` best attended), then the members' meetings as one line: how
    many there were, registered and attended in all."""
    totals = {
        row["kind"]: row
        for row in events_in(period)
        .order_by()
        .values("kind")
        .annotate(events=Count("pk", distinct=True), **_registered_and_attended())
    }
    listed = sorted(
        events_in(period)
        .filter(kind=EventKind.PUBLIC)
        .values("pk", "title", "start")
        .annotate(**_registered_and_attended())
        .order_by("-attended", "-registered", "start", "pk")[:shown],
        key=lambda event: (event["start"], event["pk"]),
    )
    rows = [
        [
            event["title"],
            timezone.localdate(event["start"]),
            event["registered"],
            event["attended"],
        ]
        for event in listed
    ]
    public = totals.get(EventKind.PUBLIC, NO_EVENTS)
    others = {
        "events": public["events"] - len(listed),
        "registered": public["registered"] - sum(event["registered"] for event in listed),
        "attended": public["attended"] - sum(event["attended"] for event in listed),
    }
    if others["events"]:
        name = ngettext(
            "%(count)d other public event", "%(count)d other public events", others["events"]
        )
        rows.append(_counted_line(name, others))
    meetings = totals.get(EventKind.MEETING, NO_EVENTS)
    name = ngettext("%(count)d members' meeting", "%(count)d members' meetings", meetings["events"])
    rows.append(_counted_line(name, meetings))
    return Figure(
        key="events-with-attendance",
        title=_("Meetings and public events"),
        description=_(
            "The year's public events with their registrations and attendance; the members' "
            "meetings counted together, without their titles."
        ),
        columns=[_("Event"), _("Date"), _("Registered"), _("Attended")],
        rows=rows,
        chart=ChartKind.TABLE,
        note=_(
            "Registered: confirmed places; attended: marked as present. Drafts and cancelled "
            "events are left out. At most %(shown)d public events by title, the best attended; "
            "any others counted together."
        )
        % {"shown": shown},
    )


def _counted_line(name: str, counts: dict[str, int]) -> list:
    """Events counted together: how many in the line's name, no date."""
    return [name % {"count": counts["events"]}, None, counts["registered"], counts["attended"]]


def tools_with_uptake(period: Period, shown: int = TOOLS_SHOWN) -> Figure:
    """The public tools and cases with accounts of use written in `period`, the most used
    first (the `shown` first), with how many accounts each had; then the other public ones
    and those not open to everyone, each as one counted line."""
    accounts = accounts_of_use(period)
    # Open to everyone now: what the library's pages show a visitor.
    is_public = Q(resource__in=Resource.objects.public().values("pk"))
    totals = accounts.aggregate(
        public_accounts=Count("pk", filter=is_public),
        public_items=Count("resource", distinct=True, filter=is_public),
        members_accounts=Count("pk", filter=~is_public),
        members_items=Count("resource", distinct=True, filter=~is_public),
    )
    listed = (
        accounts.filter(is_public)
        .values("resource", "resource__title")
        .annotate(accounts=Count("pk"))
        .order_by("-accounts", "resource__title", "resource")[:shown]
    )
    rows = [[item["resource__title"], item["accounts"]] for item in listed]
    other_items = totals["public_items"] - len(rows)
    if other_items:
        name = ngettext(
            "%(count)d other public tool or case",
            "%(count)d other public tools and cases",
            other_items,
        )
        other_accounts = totals["public_accounts"] - sum(row[1] for row in rows)
        rows.append([name % {"count": other_items}, other_accounts])
    name = ngettext(
        "%(count)d tool or case for members only",
        "%(count)d tools and cases for members only",
        totals["members_items"],
    )
    rows.append([name % {"count": totals["members_items"]}, totals["members_accounts"]])
    return Figure(
        key="tools-with-uptake",
        title=_("Tools and cases in use"),
        description=_(
            "The public tools and practice cases members wrote accounts of use of in the year, "
            "and how many accounts each had; those for members only counted together, without "
            "their titles."
        ),
        columns=[_("Item"), _("Accounts of use")],
        rows=rows,
        note=_(
            "At most %(shown)d public items by title, the most used; any others counted "
            "together. Items for members only or no longer published are counted in one line."
        )
        % {"shown": shown},
    )
