"""Give and take on the dashboard: the share of the period's members who contributed, and the
admin's member list of those who did not, filtered on exactly that period."""

import re

import pytest
from django.urls import reverse

from dashboard.activity import give_and_take, quiet_members_url
from dashboard.periods import Period
from members.models import MembershipStatus

from .factories import (
    make_comment,
    make_coordinator,
    make_item,
    make_member,
    make_profile,
    make_story,
    make_user,
)
from .helpers import content, local

pytestmark = pytest.mark.django_db

YEAR = Period.of_year(2025)
LONG_AGO = local(2020, 1, 1)


@pytest.fixture
def members_of_2025():
    """Three members who contributed in 2025 (one in its last half hour), one who did only
    in 2026, one who never did, and one approved only in 2026."""
    item = make_item("stuk")
    for name, at in [
        ("gever", local(2025, 3, 1)),
        ("laatste", local(2025, 12, 31, 23, 30)),
        ("volgend-jaar", local(2026, 1, 1, 0, 30)),
    ]:
        make_comment(item, make_member(f"{name}@example.org", approved_at=LONG_AGO), created_at=at)
    make_story(
        make_member("verteller@example.org", approved_at=LONG_AGO), created_at=local(2025, 5, 1)
    )
    make_member("stil@example.org", display_name="Stil Lid", approved_at=LONG_AGO)
    make_member("nieuw@example.org", approved_at=local(2026, 2, 1))


def test_the_share_of_members_who_contributed_in_the_period(members_of_2025):
    figure = give_and_take(YEAR)

    assert [row[1:] for row in figure.rows] == [[3, 60.0], [2, 40.0]]
    assert figure.links[1] == (("Wie niets bijdroeg", quiet_members_url(YEAR)),)


def test_without_members_the_shares_stay_empty():
    assert [row[1:] for row in give_and_take(YEAR).rows] == [[0, None], [0, None]]


def test_the_link_lists_exactly_the_members_who_contributed_nothing_in_the_period(
    client, members_of_2025
):
    make_profile(
        make_user("gepauzeerd@example.org"),
        MembershipStatus.PAUSED,
        approved_at=LONG_AGO,
        status_changed_at=local(2025, 7, 1),
    )
    client.force_login(make_coordinator())

    url = quiet_members_url(YEAR)
    response = client.get(url)

    assert (
        url
        == reverse("admin:members_profile_changelist") + "?zonder_bijdrage=2025-01-01..2025-12-31"
    )
    assert response.status_code == 200
    listed = {profile.user.email for profile in response.context["cl"].result_list}
    assert listed == {"volgend-jaar@example.org", "stil@example.org", "gepauzeerd@example.org"}
    # The sidebar says which filter made the list this short.
    chosen = re.findall(r'<li class="selected">\s*<a [^>]*>([^<]+)</a>', content(response))
    assert "Niets van 1 januari 2025 tot en met 31 december 2025" in map(str.strip, chosen)


@pytest.mark.parametrize(
    "value", ["2025-13-01..2025-12-31", "2025-12-31..2025-01-01", "..", "x" * 1000]
)
def test_a_value_that_names_no_period_leaves_the_list_unfiltered(client, members_of_2025, value):
    client.force_login(make_coordinator())

    response = client.get(reverse("admin:members_profile_changelist"), {"zonder_bijdrage": value})

    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == 6
