"""Participation tiers (dashboard/activity.py): what each member did in a period puts them
in the core, the active group, the occasional or the peripheral tier; how many moved from
which tier to which since the previous period."""

import itertools
from datetime import date

import pytest

from dashboard.activity import (
    ACTIVE,
    CONTRIBUTION_KINDS,
    CORE,
    OCCASIONAL,
    PERIPHERAL,
    Thresholds,
    tier_counts,
    tier_movements,
    tiers,
)
from dashboard.periods import Period
from knowledge.models import AuthorshipStatus
from members.models import MembershipStatus

from .factories import (
    make_answer,
    make_comment,
    make_event_at,
    make_item,
    make_member,
    make_profile,
    make_question,
    make_registration,
    make_story,
    make_uptake,
    make_user,
)
from .helpers import local

pytestmark = pytest.mark.django_db

YEAR = Period.of_year(2025)
LONG_AGO = local(2020, 1, 1)
ITEM_NUMBERS = itertools.count()


def member(name: str, status: str = MembershipStatus.ACTIVE, **fields):
    """A member approved long ago, active unless told otherwise."""
    user = make_user(f"{name}@example.org")
    make_profile(user, status, approved_at=LONG_AGO, **fields)
    return user


def comments(user, count: int, at) -> None:
    """`count` comments of `user` at the moment `at`, on a new item."""
    item = new_item()
    for _ in range(count):
        make_comment(item, user, created_at=at)


def test_a_year_has_the_thresholds_of_the_rule_and_shorter_periods_scale_them():
    assert Thresholds.of(YEAR) == Thresholds(core=16, active=11)
    assert Thresholds.of(Period(date(2025, 1, 1), date(2026, 12, 31))) == Thresholds(32, 22)
    # A month: the fewest that keep every tier possible.
    assert Thresholds.of(Period(date(2025, 3, 1), date(2025, 3, 31))) == Thresholds(3, 2)
    assert Thresholds.of(YEAR).rule() == (
        "Kernleden leverden in de periode minstens 16 bijdragen, actieve leden 11 tot en met "
        "15, leden die af en toe meedoen 1 tot en met 10 en leden aan de rand geen."
    )


def new_item(**fields):
    return make_item(f"stuk-{next(ITEM_NUMBERS)}", **fields)


# One contribution of each kind by `user` at the moment `at`.
CONTRIBUTE = {
    "meetings": lambda user, at: make_registration(
        make_event_at(f"bijeenkomst-{next(ITEM_NUMBERS)}", at), user, attended=True
    ),
    "items": lambda user, at: new_item(author=user, created_at=at),
    "comments": lambda user, at: make_comment(new_item(), user, created_at=at),
    "questions": lambda user, at: make_question(user, published_at=at),
    # The question's asker is a new member, approved after 2025.
    "answers": lambda user, at: make_answer(make_question(), user, created_at=at),
    "uptakes": lambda user, at: make_uptake(new_item(), user, created_at=at),
    "stories": lambda user, at: make_story(user, created_at=at),
}


@pytest.mark.parametrize("kind", [kind.key for kind in CONTRIBUTION_KINDS])
def test_each_kind_of_contribution_counts_in_the_period_it_was_made(kind):
    giver = member("gever")
    # The last half hour of the year in Amsterdam belongs to it (already 1 January in UTC);
    # half an hour into the next year, or into this one from the year before, does not.
    CONTRIBUTE[kind](giver, local(2025, 12, 31, 23, 30))
    CONTRIBUTE[kind](giver, local(2026, 1, 1, 0, 30))
    CONTRIBUTE[kind](giver, local(2024, 12, 31, 23, 30))

    assert tier_counts(YEAR) == {CORE: 0, ACTIVE: 0, OCCASIONAL: 1, PERIPHERAL: 0}


def test_members_fall_in_tiers_by_their_contributions_in_the_period():
    comments(member("kern"), 16, local(2025, 6, 1))
    comments(member("actief"), 11, local(2025, 6, 1))
    comments(member("soms"), 10, local(2025, 6, 1))
    # The last half hour of the year in Amsterdam belongs to it (already 1 January in UTC).
    comments(member("laat"), 1, local(2025, 12, 31, 23, 30))
    # Half an hour into the next year belongs to the next year.
    comments(member("te-laat"), 1, local(2026, 1, 1, 0, 30))
    member("stil")
    # Not members during the year: approved after it, or left before it.
    comments(make_member("nieuw@example.org", approved_at=local(2026, 1, 2)), 20, local(2025, 6, 1))
    member("weg", MembershipStatus.ENDED, status_changed_at=local(2024, 12, 1))

    assert tier_counts(YEAR) == {CORE: 1, ACTIVE: 1, OCCASIONAL: 2, PERIPHERAL: 2}


def test_the_figure_gives_each_tiers_number_and_share():
    comments(member("kern"), 16, local(2025, 6, 1))
    comments(member("soms"), 1, local(2025, 6, 1))
    member("stil-1")
    member("stil-2")

    figure = tiers(YEAR)

    assert [row[1:] for row in figure.rows] == [[1, 25.0], [0, 0.0], [1, 25.0], [2, 50.0]]
    assert figure.percent_columns == {2}
    assert "minstens 16 bijdragen" in figure.note


def test_a_member_who_left_during_the_period_still_counts_in_it():
    leaver = member("vertrokken", MembershipStatus.ENDED, status_changed_at=local(2025, 9, 1))
    comments(leaver, 11, local(2025, 2, 1))

    assert tier_counts(YEAR)[ACTIVE] == 1


def test_movement_counts_members_from_their_tier_before_to_their_tier_now():
    # The previous period of 2025 is as long: 2 January to 31 December 2024.
    before = local(2024, 6, 1)
    now = local(2025, 6, 1)
    falling = member("dalend")
    comments(falling, 16, before)
    comments(falling, 1, now)
    rising = member("stijgend")
    comments(rising, 11, now)
    steady = member("vast")
    comments(steady, 16, before)
    comments(steady, 16, now)
    member("stil")
    # Joined in 2025: not in the previous period, so not in the table.
    comments(make_member("nieuw@example.org", approved_at=local(2025, 2, 1)), 16, now)

    moved = tier_movements(YEAR)

    expected = {(was, now): 0 for was in range(4) for now in range(4)}
    expected[CORE, OCCASIONAL] = 1
    expected[PERIPHERAL, ACTIVE] = 1
    expected[CORE, CORE] = 1
    expected[PERIPHERAL, PERIPHERAL] = 1
    assert moved == expected


def test_a_draft_counts_as_written_but_an_authorship_not_yet_accepted_does_not():
    writer = member("schrijver")
    invited = member("gevraagd")
    item = new_item(author=writer, status="draft", created_at=local(2025, 4, 1))
    item.authorships.create(user=invited, status=AuthorshipStatus.PENDING)

    assert tier_counts(YEAR) == {CORE: 0, ACTIVE: 0, OCCASIONAL: 1, PERIPHERAL: 1}
