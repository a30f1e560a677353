"""The members: how many per level, sector and status; how the levels changed over a period;
applications and their decisions; level requests waiting."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import (
    Count,
    DateTimeField,
    DurationField,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext
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


def month_ends(period: Period) -> list[tuple[str, datetime]]:
    """Each month of `period` (as "2026-03") with the moment it ends; the last month ends
    with the period."""
    points = []
    for first in period.months():
        next_month = (first + timedelta(days=32)).replace(day=1)
        ends_at = Period(first, next_month - timedelta(days=1)).ends_at
        points.append((first.strftime("%Y-%m"), min(ends_at, period.ends_at)))
    return points


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
    """Members per participation level at the end of each month of `period`: one query,
    a row per month and level (a union of one grouped count per month)."""
    points = month_ends(period)
    per_month = [
        Profile.objects.filter(membership_between(moment, moment))
        .order_by()
        .annotate(level=_level_at(moment))
        .values("level")
        .annotate(members=Count("pk"), month=Value(index, output_field=IntegerField()))
        for index, (_label, moment) in enumerate(points)
    ]
    counts = {(index, level): 0 for index in range(len(points)) for level in ParticipationLevel}
    for row in per_month[0].union(*per_month[1:], all=True):
        counts[row["month"], row["level"]] = row["members"]
    return Figure(
        key="levels-over-time",
        title=_("Members per level over the period"),
        description=_("How many members took part at each level at the end of each month."),
        columns=[_("Month"), *(level.label for level in ParticipationLevel)],
        rows=[
            [label, *(counts[index, level] for level in ParticipationLevel)]
            for index, (label, _moment) in enumerate(points)
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
        columns=[_("Measure"), _("Value")],
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
