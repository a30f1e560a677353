"""What each member did in a period, and the participation tiers it puts them in.

The one definition of "a contribution" on the site: a meeting attended, a library item
begun with the member as an accepted author (a draft too), a comment, a question published, an
answer, an account of using an item (knowledge.Uptake) or a value story. The profile's
"give and take" filter (portal/admin.py) and the dashboard count with these.

Tiers after Wenger, McDermott & Snyder (2002, *Cultivating Communities of Practice*): a
small core, an active group, members who take part now and then, and a large periphery.
Every count is made in the database: a figure reads at most a row per tier (or per pair
of tiers), never a row per member.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import reduce

from django.db import connection
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    Expression,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from knowledge.models import Authorship, Comment, Uptake
from members.models import MembershipStatus, Profile, ProfileQuerySet
from questions.models import Answer, Question
from sessions_app.models import Registration
from value.models import ValueStory

from .figures import ChartKind, Figure
from .measures import share
from .periods import Period
from .shared_work import done_once


@dataclass(frozen=True)
class ContributionKind:
    """One kind of contribution: its rows, the moment that dates each, and whose it is."""

    key: str
    label: str | Promise
    rows: Callable[[], QuerySet]
    dated_by: str
    member: str

    def between(self, starts_at: datetime, ends_at: datetime | None = None) -> QuerySet:
        """This kind's contributions from `starts_at` up to (not including) `ends_at`."""
        rows = self.rows().filter(**{f"{self.dated_by}__gte": starts_at})
        if ends_at is not None:
            rows = rows.filter(**{f"{self.dated_by}__lt": ends_at})
        return rows

    def of_member(self, starts_at: datetime, ends_at: datetime | None = None) -> QuerySet:
        """The contributions of the profile in the outer query (OuterRef "user")."""
        return self.between(starts_at, ends_at).filter(**{self.member: OuterRef("user")})

    def counted(self, period: Period) -> Subquery:
        """How many of this kind the profile in the outer query made in `period`."""
        rows = self.of_member(period.starts_at, period.ends_at)
        return Subquery(
            rows.order_by().values(self.member).annotate(n=Count("pk")).values("n"),
            output_field=IntegerField(),
        )


CONTRIBUTION_KINDS = (
    ContributionKind(
        "meetings",
        _("Meetings attended"),
        lambda: Registration.objects.filter(attended=True),
        "event__start",
        "user",
    ),
    ContributionKind(
        "items",
        _("Library items written"),
        # Dated by when the item was begun, a draft too: the writing is the contribution.
        Authorship.objects.accepted,
        "resource__created_at",
        "user",
    ),
    ContributionKind("comments", _("Comments"), Comment.objects.all, "created_at", "author"),
    ContributionKind(
        "questions", _("Questions asked"), Question.objects.published, "published_at", "asker"
    ),
    ContributionKind("answers", _("Answers"), Answer.objects.all, "created_at", "author"),
    ContributionKind("uptakes", _("Accounts of use"), Uptake.objects.all, "created_at", "author"),
    ContributionKind("stories", _("Value stories"), ValueStory.objects.all, "created_at", "author"),
)


def contributed_nothing(starts_at: datetime, ends_at: datetime | None = None) -> Q:
    """The profile (in the query) contributed nothing from `starts_at` up to `ends_at` (or now)."""
    return Q(*(~Exists(kind.of_member(starts_at, ends_at)) for kind in CONTRIBUTION_KINDS))


def contributions_counted(period: Period) -> Expression:
    """How many contributions the profile in the query made in `period`, of all kinds: a
    count per kind in a subquery, so the database reads each member's own rows only."""
    return reduce(operator.add, (Coalesce(kind.counted(period), 0) for kind in CONTRIBUTION_KINDS))


def membership_between(starts_at: datetime, ends_at: datetime) -> Q:
    """The profile (in the query) was a member for at least part of the time from
    `starts_at` up to `ends_at` (at the moment itself when both are the same): approved
    before the end, and still active, or paused or left only after the start.

    Only the latest change of status is recorded, so a member who paused earlier and is
    active again counts as a member throughout.
    """
    return Q(approved_at__lt=ends_at) & (
        Q(status=MembershipStatus.ACTIVE) | Q(status_changed_at__gte=starts_at)
    )


def membership_during(period: Period) -> Q:
    """The profile (in the query) was a member for at least part of `period`."""
    return membership_between(period.starts_at, period.ends_at)


def members_during(period: Period) -> ProfileQuerySet:
    """Who was a member for at least part of `period` (`membership_during`)."""
    return Profile.objects.filter(membership_during(period))


# --- Give and take -----------------------------------------------------------------------------


def quiet_members(profiles: ProfileQuerySet, period: Period) -> ProfileQuerySet:
    """The `profiles` who were members during `period` and contributed nothing in it: the
    list behind the give-and-take figure (the admin's filter shows it)."""
    return profiles.filter(
        membership_during(period), contributed_nothing(period.starts_at, period.ends_at)
    )


def quiet_members_url(period: Period) -> str:
    """The admin's member list filtered on those who contributed nothing in `period`."""
    changelist = reverse("admin:members_profile_changelist")
    return f"{changelist}?{urlencode({'zonder_bijdrage': period.value})}"


def give_and_take(period: Period) -> Figure:
    """The share of the period's members who contributed anything in it."""
    # Peripheral members are exactly those who contributed nothing.
    tiers = tier_counts(period)
    counts = {"members": sum(tiers.values()), "quiet": tiers[PERIPHERAL]}
    contributed = counts["members"] - counts["quiet"]
    return Figure(
        key="give-and-take",
        title=_("Give and take"),
        description=_(
            "How many of the period's members contributed something in it, and how many "
            "contributed nothing."
        ),
        columns=[_("Members"), _("Number"), _("Share (%)")],
        rows=[
            [gettext("Contributed"), contributed, share(contributed, counts["members"])],
            [
                gettext("Contributed nothing"),
                counts["quiet"],
                share(counts["quiet"], counts["members"]),
            ],
        ],
        note=CONTRIBUTION_RULE,
        percent_columns=frozenset({2}),
        links=((), ((gettext("Who contributed nothing"), quiet_members_url(period)),)),
    )


# --- Tiers -------------------------------------------------------------------------------------

CORE, ACTIVE, OCCASIONAL, PERIPHERAL = range(4)
TIER_NAMES = {
    CORE: _("Core"),
    ACTIVE: _("Active"),
    OCCASIONAL: _("Occasional"),
    PERIPHERAL: _("Peripheral"),
}
# Contributions in a year that make a member core, or active. Chosen on the large data
# set (load_large_data, 5,000 members; 2025, its last whole year: a median member made 8
# contributions, one in ten more than 16): a core of about 12 %, an active group of about
# 20 % and a large periphery, the shape Wenger, McDermott & Snyder describe (most of it
# occasional: in that data nearly everyone does something). A period of another length
# scales them.
CORE_PER_YEAR = 16
ACTIVE_PER_YEAR = 11

CONTRIBUTION_RULE = _(
    "A contribution is a meeting attended, a library item written as an author, a comment, "
    "a question, an answer, an account of use or a value story."
)
TIER_RULE = _(
    "Core members made at least %(core)d contributions in the period, active members "
    "%(active)d to %(below_core)d, occasional members 1 to %(below_active)d and "
    "peripheral members none."
)


@dataclass(frozen=True)
class Thresholds:
    """The fewest contributions in a period of a core and of an active member."""

    core: int
    active: int

    @classmethod
    def of(cls, period: Period) -> Thresholds:
        """The yearly thresholds in proportion to the period's length (a year: 16 and 11);
        at least 2 for active and more for core, so every tier stays possible."""
        scale = period.days / 365
        active = max(2, round(ACTIVE_PER_YEAR * scale))
        return cls(core=max(active + 1, round(CORE_PER_YEAR * scale)), active=active)

    def rule(self) -> str:
        """The rule in one sentence, as the dashboard shows it."""
        return TIER_RULE % {
            "core": self.core,
            "active": self.active,
            "below_core": self.core - 1,
            "below_active": self.active - 1,
        }


def _made_in(period: Period) -> tuple[str, list]:
    """SQL for each contributor's number of contributions in `period`: every kind's rows
    of the period (read through their date indexes) in one list, counted per member."""
    parts, params = [], []
    for kind in CONTRIBUTION_KINDS:
        rows = (
            kind.between(period.starts_at, period.ends_at)
            .order_by()
            .annotate(contributor=F(kind.member))
            .values_list("contributor")
        )
        sql, part_params = rows.query.sql_with_params()
        parts.append(sql)
        params.extend(part_params)
    made = " UNION ALL ".join(parts)
    return (
        f"SELECT contributor, COUNT(*) AS made FROM ({made}) AS made GROUP BY contributor",
        params,
    )


def _tier_sql(period: Period, made: str) -> str:
    thresholds = Thresholds.of(period)
    total = f"COALESCE({made}.made, 0)"
    return (
        f"CASE WHEN {total} >= {int(thresholds.core)} THEN {CORE} "
        f"WHEN {total} >= {int(thresholds.active)} THEN {ACTIVE} "
        f"WHEN {total} >= 1 THEN {OCCASIONAL} ELSE {PERIPHERAL} END"
    )


def _members_by_tiers(periods: list[Period]) -> list[tuple]:
    """Rows of (tier in each of `periods`..., member during each of them..., number of
    members) for everyone who was a member during any of them: the contributions of each
    period counted once per contributor, then the members grouped by tiers and membership,
    so the database returns at most a row per combination."""
    ctes, params, joins, tiers = [], [], [], []
    for index, period in enumerate(periods):
        sql, made_params = _made_in(period)
        ctes.append(f"made_{index} AS ({sql})")
        params.extend(made_params)
        joins.append(f"LEFT JOIN made_{index} ON made_{index}.contributor = members.user_id")
        tiers.append(_tier_sql(period, f"made_{index}"))
    during = {f"during_{index}": membership_during(period) for index, period in enumerate(periods)}
    members = (
        Profile.objects.filter(reduce(operator.or_, during.values()))
        .order_by()
        .annotate(**{name: ExpressionWrapper(q, BooleanField()) for name, q in during.items()})
        .values_list("user_id", *during)
    )
    members_sql, members_params = members.query.sql_with_params()
    columns = [*tiers, *(f"members.{name}" for name in during)]
    grouped = ", ".join(str(position) for position in range(1, len(columns) + 1))
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH {', '.join(ctes)} SELECT {', '.join(columns)}, COUNT(*) "
            f"FROM ({members_sql}) AS members {' '.join(joins)} GROUP BY {grouped}",
            [*params, *members_params],
        )
        return cursor.fetchall()


@done_once
def _tiers_now_and_before(period: Period) -> list[tuple[int, int, bool, bool, int]]:
    """Rows of (tier in the previous period, tier in `period`, member during the previous
    period, member during `period`, number of members): one query the tiers, the give and
    take and the movement between tiers all read."""
    return [
        (was, now, bool(before), bool(during), members)
        for was, now, before, during, members in _members_by_tiers([period.previous(), period])
    ]


def tier_counts(period: Period) -> dict[int, int]:
    """How many of the period's members are in each tier (every tier, 0 if empty)."""
    counts = dict.fromkeys(TIER_NAMES, 0)
    for _was, now, _before, during, members in _tiers_now_and_before(period):
        if during:
            counts[now] += members
    return counts


def tiers(period: Period) -> Figure:
    """Members per participation tier in `period`, with each tier's share."""
    counts = tier_counts(period)
    total = sum(counts.values())
    return Figure(
        key="tiers",
        title=_("Participation tiers"),
        description=_(
            "How many of the period's members were core, active, occasional or peripheral, "
            "by what they contributed in the period."
        ),
        columns=[_("Tier"), _("Members"), _("Share (%)")],
        rows=[
            [str(TIER_NAMES[tier]), counts[tier], share(counts[tier], total)] for tier in TIER_NAMES
        ],
        note=f"{Thresholds.of(period).rule()} {CONTRIBUTION_RULE}",
        percent_columns=frozenset({2}),
    )


def tier_movements(period: Period) -> dict[tuple[int, int], int]:
    """How many members moved from each tier in the previous period to each tier in
    `period` (every pair, 0 if none): members during both periods only."""
    moved = {(was, now): 0 for was in TIER_NAMES for now in TIER_NAMES}
    for was, now, before, during, members in _tiers_now_and_before(period):
        if before and during:
            moved[was, now] += members
    return moved


def tier_movement(period: Period) -> Figure:
    """From which tier in the previous period to which tier in `period` members moved."""
    moved = tier_movements(period)
    before = period.previous()
    return Figure(
        key="tier-movement",
        title=_("Movement between tiers"),
        description=_(
            "For each tier in the previous period (the rows), how many members are in each "
            "tier now (the columns)."
        ),
        columns=[_("Previous period"), *(TIER_NAMES[tier] for tier in TIER_NAMES)],
        rows=[
            [str(TIER_NAMES[was]), *(moved[was, now] for now in TIER_NAMES)] for was in TIER_NAMES
        ],
        chart=ChartKind.TABLE,
        note=_(
            "Members during both periods only; the previous period ran from %(first)s to %(last)s."
        )
        % {"first": date_format(before.first_day), "last": date_format(before.last_day)},
    )
