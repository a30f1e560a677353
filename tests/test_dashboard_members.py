"""The dashboard's member figures (dashboard/member_figures.py): members per level, sector
and status; a line per level over the period; applications, decisions and their median
waiting time; level requests waiting."""

from datetime import date, timedelta

import pytest

from dashboard.member_figures import (
    applications,
    days_to_decision,
    decisions,
    levels_over_time,
    members_by_level,
    members_by_sector,
    members_by_sector_at_the_end,
    members_by_status,
)
from dashboard.periods import Period
from members.models import LevelRequest, LevelRequestStatus, MembershipStatus, ParticipationLevel

from .factories import make_applicant, make_member, make_profile, make_user
from .helpers import local

pytestmark = pytest.mark.django_db

YEAR = Period.of_year(2025)
MEETINGS = ParticipationLevel.MEETINGS
ONLINE = ParticipationLevel.ONLINE
PUBLIC_EVENTS = ParticipationLevel.PUBLIC_EVENTS


def numbers(figure) -> list:
    return [row[1:] for row in figure.rows]


def test_members_now_per_level_sector_and_status():
    make_member("a@example.org", MEETINGS, sector="research")
    make_member("b@example.org", MEETINGS, sector="practice")
    make_member("c@example.org", ONLINE, sector="practice")
    make_profile(make_user("d@example.org"), MembershipStatus.PAUSED, ONLINE, sector="education")
    make_applicant("e@example.org")

    assert numbers(members_by_level(YEAR)) == [[2], [1], [0]]
    # Education, research, practice, other.
    assert numbers(members_by_sector(YEAR)) == [[0], [1], [2], [0]]
    # Applied, active, paused, ended.
    assert numbers(members_by_status(YEAR)) == [[1], [3], [1], [0]]


def test_a_line_per_level_at_the_end_of_each_month():
    # Approved in March; left on 1 June (so still a member at the end of May).
    leaver = make_member("weg@example.org", ONLINE, approved_at=local(2025, 3, 15))
    leaver.profile.status = MembershipStatus.ENDED
    leaver.profile.status_changed_at = local(2025, 6, 1, 10)
    leaver.profile.save()
    # Online until an approved request moved them up on 10 April.
    riser = make_member("stijger@example.org", MEETINGS, approved_at=local(2024, 1, 1))
    LevelRequest.objects.create(
        profile=riser.profile,
        level=MEETINGS,
        previous_level=ONLINE,
        status=LevelRequestStatus.APPROVED,
        requested_at=local(2025, 4, 1),
        decided_at=local(2025, 4, 10),
    )
    # Approved in the last half hour of January (Amsterdam): counts at January's end.
    make_member("laat@example.org", PUBLIC_EVENTS, approved_at=local(2025, 1, 31, 23, 30))
    # Approved half an hour into February: not yet at January's end.
    make_member("februari@example.org", PUBLIC_EVENTS, approved_at=local(2025, 2, 1, 0, 30))

    figure = levels_over_time(Period(date(2025, 1, 1), date(2025, 6, 30)))

    assert figure.rows == [
        # month, meetings, online, public events
        [date(2025, 1, 1), 0, 1, 1],
        [date(2025, 2, 1), 0, 1, 2],
        [date(2025, 3, 1), 0, 2, 2],
        [date(2025, 4, 1), 1, 1, 2],
        [date(2025, 5, 1), 1, 1, 2],
        [date(2025, 6, 1), 1, 0, 2],
    ]


def test_a_member_counts_at_the_level_of_each_month_through_two_changes_and_one_after():
    # Public events until 10 February, online until 10 April, meetings since; another member
    # moved from online to meetings only after the period, so online throughout it.
    twice = make_member("tweemaal@example.org", MEETINGS, approved_at=local(2024, 6, 1))
    later = make_member("daarna@example.org", MEETINGS, approved_at=local(2024, 6, 1))
    for profile, previous, decided in (
        (twice.profile, PUBLIC_EVENTS, local(2025, 2, 10)),
        (twice.profile, ONLINE, local(2025, 4, 10)),
        (later.profile, ONLINE, local(2025, 7, 1)),
    ):
        LevelRequest.objects.create(
            profile=profile,
            level=MEETINGS,
            previous_level=previous,
            status=LevelRequestStatus.APPROVED,
            requested_at=decided,
            decided_at=decided,
        )

    figure = levels_over_time(Period(date(2025, 1, 1), date(2025, 4, 30)))

    assert figure.rows == [
        # month, meetings, online, public events
        [date(2025, 1, 1), 0, 1, 1],
        [date(2025, 2, 1), 0, 2, 0],
        [date(2025, 3, 1), 0, 2, 0],
        [date(2025, 4, 1), 1, 1, 0],
    ]


def test_a_period_that_ends_mid_month_counts_at_its_last_day():
    make_member("net@example.org", ONLINE, approved_at=local(2025, 3, 9, 23))
    make_member("erna@example.org", ONLINE, approved_at=local(2025, 3, 10, 0, 30))

    figure = levels_over_time(Period(date(2025, 2, 15), date(2025, 3, 9)))

    assert figure.rows == [[date(2025, 2, 1), 0, 0, 0], [date(2025, 3, 1), 0, 1, 0]]


def test_applications_approvals_and_declines_in_the_period():
    make_applicant("nieuw@example.org", applied_at=local(2025, 12, 31, 23, 30))
    make_applicant("later@example.org", applied_at=local(2026, 1, 1, 0, 30))
    make_member("goed@example.org", applied_at=local(2025, 2, 1), approved_at=local(2025, 2, 5))
    make_member("oud@example.org", applied_at=local(2024, 12, 1), approved_at=local(2025, 1, 5))
    declined = make_applicant("nee@example.org", applied_at=local(2025, 3, 1))
    declined.profile.status = MembershipStatus.ENDED
    declined.profile.status_changed_at = local(2025, 3, 3)
    declined.profile.save()
    # Left after an approval: no decline.
    left = make_member(
        "vertrokken@example.org", applied_at=local(2020, 1, 1), approved_at=local(2020, 1, 2)
    )
    left.profile.status = MembershipStatus.ENDED
    left.profile.status_changed_at = local(2025, 4, 1)
    left.profile.save()

    assert numbers(applications(YEAR)) == [[3], [2], [1]]


def decided(name: str, applied_at, days: float, approved: bool = True) -> None:
    if approved:
        make_member(
            f"{name}@example.org",
            applied_at=applied_at,
            approved_at=applied_at + timedelta(days=days),
        )
        return
    profile = make_applicant(f"{name}@example.org", applied_at=applied_at).profile
    profile.status = MembershipStatus.ENDED
    profile.status_changed_at = applied_at + timedelta(days=days)
    profile.save()


def test_the_median_of_an_odd_count_is_the_middle_decision():
    decided("a", local(2025, 3, 1), 2)
    decided("b", local(2025, 3, 1), 10, approved=False)
    decided("c", local(2025, 3, 1), 4)
    # Decided in 2024: not in the year's decisions.
    decided("d", local(2024, 11, 1), 1)

    assert days_to_decision(YEAR) == 4.0


def test_the_median_of_an_even_count_is_the_mean_of_the_two_middle_decisions():
    decided("a", local(2025, 3, 1), 2)
    decided("b", local(2025, 3, 1), 3, approved=False)
    decided("c", local(2025, 3, 1), 6)
    decided("d", local(2025, 3, 1), 30)

    assert days_to_decision(YEAR) == 4.5


def test_without_decisions_the_median_is_empty_and_waiting_requests_are_counted():
    make_applicant("wacht@example.org", applied_at=local(2025, 3, 1))
    member = make_member("lid@example.org", ONLINE)
    LevelRequest.objects.create(profile=member.profile, level=MEETINGS, previous_level=ONLINE)
    decided_request = make_member("ander@example.org", ONLINE)
    LevelRequest.objects.create(
        profile=decided_request.profile,
        level=MEETINGS,
        previous_level=ONLINE,
        status=LevelRequestStatus.DECLINED,
        decided_at=local(2025, 3, 1),
    )

    assert days_to_decision(YEAR) is None
    assert numbers(decisions(YEAR)) == [[None], [1]]


def test_the_reports_sectors_are_counted_at_the_end_of_its_year():
    make_member("onderwijs@example.org", sector="education", approved_at=local(2025, 3, 1))
    make_member("oudejaar@example.org", sector="practice", approved_at=local(2025, 12, 31, 23, 30))
    make_member("nieuwjaar@example.org", sector="practice", approved_at=local(2026, 1, 1, 0, 30))
    left = make_member("vertrokken@example.org", sector="research", approved_at=local(2024, 1, 1))
    left.profile.status = MembershipStatus.ENDED
    left.profile.status_changed_at = local(2025, 11, 1)
    left.profile.save()

    figure = members_by_sector_at_the_end(Period.of_year(2025))

    assert figure.rows == [["Onderwijs", 1], ["Onderzoek", 0], ["Praktijk", 1], ["Anders", 0]]
