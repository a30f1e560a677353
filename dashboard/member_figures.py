"""The members: how many per level, sector and status; how the levels changed over a period;
applications and their decisions; level requests waiting."""

from __future__ import annotations

from datetime import datetime

from django.db.models import (
    BooleanField,
    Count,
    DateTimeField,
    DurationField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from members.models import (
    LevelRequest,
    LevelRequestStatus,
    MembershipStatus,
    ParticipationLevel,
    Profile,
    Sector,
)

from .activity import membership_between
from .figures import ChartKind, Figure
from .measures import during, in_days, median
from .periods import Period


def _counted_by(field: str, profiles: QuerySet[Profile] | None = None) -> dict[str, int]:
    """How many `profiles` (all) there are per value of `field`: a grouped count."""
    profiles = Profile.objects.all() if profiles is None else profiles
    return dict(profiles.order_by().values_list(field).annotate(members=Count("pk")))


TODAY = _("Today, whatever period is chosen.")


def members_by_level(period: Period) -> Figure:
    """Active members per participation level, today."""
    counts = _counted_by("participation_level", Profile.objects.active())
    return Figure(
        key="members-by-level",
        title=_("Active members per participation level"),
        description=_("How many active members take part at each level today."),
        columns=[_("Level"), _("Members")],
        rows=[[level.label, counts.get(level, 0)] for level in ParticipationLevel],
        note=TODAY,
    )


def members_by_sector(period: Period) -> Figure:
    """Active members per sector, today."""
    counts = _counted_by("sector", Profile.objects.active())
    return Figure(
        key="members-by-sector",
        title=_("Active members per sector"),
        description=_("How many active members work in each sector today."),
        columns=[_("Sector"), _("Members")],
        rows=[[sector.label, counts.get(sector, 0)] for sector in Sector],
        note=TODAY,
    )


def members_by_sector_at_the_end(period: Period) -> Figure:
    """Members per sector at the end of `period` (the yearly report's: its year, not today)."""
    at_the_end = Profile.objects.filter(membership_between(period.ends_at, period.ends_at))
    counts = _counted_by("sector", at_the_end)
    return Figure(
        key="members-by-sector",
        title=_("Members per sector at the end of the period"),
        description=_("How many members worked in each sector when the period ended."),
        columns=[_("Sector"), _("Members")],
        rows=[[sector.label, counts.get(sector, 0)] for sector in Sector],
        note=_("Each member counts in the sector their profile gives today."),
    )


def members_by_status(period: Period) -> Figure:
    """Everyone who applied, per membership status, today."""
    counts = _counted_by("status")
    return Figure(
        key="members-by-status",
        title=_("Members per status"),
        description=_("How many people have applied, are active, have paused or have left, today."),
        columns=[_("Status"), _("People")],
        rows=[[status.label, counts.get(status, 0)] for status in MembershipStatus],
        note=TODAY,
    )


# --- Levels over time --------------------------------------------------------------------------

LEVELS_OVER_TIME_RULE = _(
    "A member counts at the end of a month when they were approved before it and are still "
    "active, or paused or left only after it; their level then is the level they had before "
    "the first approved level request decided after that moment, else their level today. "
    "Moving to a level with fewer rights takes effect at once and leaves no record, so such "
    "a member counts at their level today throughout."
)


def _level_at(moment: datetime) -> Coalesce:
    later_request = (
        LevelRequest.objects.filter(
            profile=OuterRef("pk"), status=LevelRequestStatus.APPROVED, decided_at__gte=moment
        )
        .order_by("decided_at", "pk")
        .values("previous_level")[:1]
    )
    return Coalesce(Subquery(later_request), F("participation_level"))


def levels_over_time(period: Period) -> Figure:
    """Members per participation level at the end of each month of `period`: two queries.
    The first counts every month's members by their level today in one pass; the second
    reads only the members whose level changed after the first month's end (grouped by
    how it changed), whose earlier months move to the level they had then."""
    ends = period.month_ends()
    counts = {(index, level): 0 for index in range(len(ends)) for level in ParticipationLevel}
    members_at = {
        f"member_{index}": membership_between(ends_at, ends_at)
        for index, (_first, ends_at) in enumerate(ends)
    }
    by_level_today = (
        Profile.objects.filter(approved_at__lt=period.ends_at)
        .order_by()
        .values("participation_level")
        .annotate(**{name: Count("pk", filter=member) for name, member in members_at.items()})
    )
    for row in by_level_today:
        for index in range(len(ends)):
            counts[index, row["participation_level"]] += row[f"member_{index}"]
    changed_later = LevelRequest.objects.filter(
        status=LevelRequestStatus.APPROVED, decided_at__gte=ends[0][1]
    ).values("profile")
    levels_then = {f"level_{index}": _level_at(ends_at) for index, (_f, ends_at) in enumerate(ends)}
    changes = (
        Profile.objects.filter(pk__in=changed_later, approved_at__lt=period.ends_at)
        .order_by()
        .annotate(
            **levels_then,
            **{name: ExpressionWrapper(q, BooleanField()) for name, q in members_at.items()},
        )
        .values("participation_level", *levels_then, *members_at)
        .annotate(members=Count("pk"))
    )
    for row in changes:
        for index in range(len(ends)):
            if row[f"member_{index}"]:
                counts[index, row["participation_level"]] -= row["members"]
                counts[index, row[f"level_{index}"]] += row["members"]
    return Figure(
        key="levels-over-time",
        title=_("Members per level over the period"),
        description=_("How many members took part at each level at the end of each month."),
        columns=[_("Month"), *(level.label for level in ParticipationLevel)],
        rows=[
            [first, *(counts[index, level] for level in ParticipationLevel)]
            for index, (first, _ends_at) in enumerate(ends)
        ],
        chart=ChartKind.LINES,
        note=LEVELS_OVER_TIME_RULE,
    )


# --- Applications ------------------------------------------------------------------------------


def _declined_in(period: Period) -> Q:
    # A declined application ends the membership without an approval.
    return Q(status=MembershipStatus.ENDED, approved_at__isnull=True) & during(
        "status_changed_at", period
    )


def applications(period: Period) -> Figure:
    """Applications made, approved and declined in `period`."""
    counts = Profile.objects.aggregate(
        applied=Count("pk", filter=during("applied_at", period)),
        approved=Count("pk", filter=during("approved_at", period)),
        declined=Count("pk", filter=_declined_in(period)),
    )
    return Figure(
        key="applications",
        title=_("Applications"),
        description=_(
            "How many people applied in the period, and how many were approved or declined."
        ),
        columns=[_("Applications"), _("Number")],
        rows=[
            [gettext("Applied"), counts["applied"]],
            [gettext("Approved"), counts["approved"]],
            [gettext("Declined"), counts["declined"]],
        ],
        note=_(
            "Someone who applies again after leaving or being declined counts with their "
            "latest application only."
        ),
    )


def days_to_decision(period: Period) -> float | None:
    """The median number of days from application to decision, over the applications
    approved or declined in `period` (None without any)."""
    decided = Profile.objects.filter(during("approved_at", period) | _declined_in(period))
    decided_at = Coalesce("approved_at", "status_changed_at", output_field=DateTimeField())
    waited = ExpressionWrapper(decided_at - F("applied_at"), output_field=DurationField())
    return in_days(median(decided, waited))


def decisions(period: Period) -> Figure:
    """How long applications waited for a decision, and level requests waiting now."""
    return Figure(
        key="decisions",
        title=_("Decisions"),
        description=_(
            "The median number of days from application to decision in the period, and the "
            "requests to move up a level that wait for a decision today."
        ),
        columns=[_("Measure"), pgettext_lazy("a measured number", "Value")],
        rows=[
            [gettext("Median days from application to decision"), days_to_decision(period)],
            [gettext("Level requests waiting today"), LevelRequest.objects.open().count()],
        ],
        chart=ChartKind.TABLE,
        note=_(
            "With an even number of decisions the median is the mean of the two middle ones; "
            "without decisions it stays empty."
        ),
    )
