"""The member directory: who is listed, search and filters, bad parameters, pages and query
counts.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from members.models import MembershipStatus, ParticipationLevel, Profile, User

from .factories import make_applicant, make_member, make_profile, make_user
from .helpers import text

pytestmark = pytest.mark.django_db


def directory(client, **params):
    return client.get(reverse("members:directory"), params)


def names_in(response) -> list[str]:
    return [profile.display_name for profile in response.context["page"].object_list]


def test_directory_sends_visitors_to_the_login_page(client):
    response = directory(client)
    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={reverse('members:directory')}"


def test_directory_tells_an_applicant_it_is_for_members(client):
    client.force_login(make_applicant())
    response = directory(client)
    assert response.status_code == 403
    page = text(response)
    assert "Alleen voor leden" in page
    assert "Dit deel van de website gaat open zodra de coördinator je aanvraag heeft" in page


def test_directory_lists_only_active_members_who_chose_to_be_listed(client, coordinator):
    viewer = make_member("kijker@example.org", display_name="Kijker")
    make_member("zichtbaar@example.org", display_name="Zichtbaar Lid")
    make_member("verborgen@example.org", display_name="Verborgen Lid", listed_in_directory=False)
    for status, name in [
        (MembershipStatus.PAUSED, "Gepauzeerd Lid"),
        (MembershipStatus.ENDED, "Oud Lid"),
        (MembershipStatus.APPLIED, "Aanvrager"),
    ]:
        make_profile(make_user(f"{status}@example.org"), status, display_name=name)
    client.force_login(viewer)
    response = directory(client)
    assert response.status_code == 200
    assert names_in(response) == ["Kijker", "Zichtbaar Lid"]
    assert "2 leden" in text(response)
    for hidden in ("Verborgen Lid", "Gepauzeerd Lid", "Oud Lid", "Aanvrager"):
        assert hidden not in text(response)
    # The coordinator, who sees every profile, sees the same directory.
    client.force_login(coordinator)
    assert names_in(directory(client)) == ["Kijker", "Zichtbaar Lid"]


def test_common_expertise_counts_only_listed_members(client):
    viewer = make_member("kijker@example.org")
    viewer.profile.expertise.add("buurtwerk")
    make_member("tweede@example.org").profile.expertise.add("buurtwerk")
    hidden = make_member("verborgen@example.org", listed_in_directory=False)
    hidden.profile.expertise.add("buurtwerk", "verborgen onderwerp")
    paused = make_member("pauze@example.org")
    paused.profile.expertise.add("gepauzeerd onderwerp")
    Profile.objects.filter(user=paused).update(status=MembershipStatus.PAUSED)
    client.force_login(viewer)
    response = directory(client)
    common = {tag.name: tag.uses for tag in response.context["popular_expertise"]}
    assert common == {"buurtwerk": 2}
    assert "verborgen onderwerp" not in text(response)
    assert "gepauzeerd onderwerp" not in text(response)


@pytest.fixture
def three_members(db):
    viewer = make_member(
        "kijker@example.org",
        display_name="Kijker",
        organisation="Gemeente Heerlen",
        sector="other",
        listed_in_directory=False,
    )
    noor = make_member(
        "noor@example.org",
        ParticipationLevel.ONLINE,
        display_name="Noor de Vries",
        organisation="Buurtwerk Oost",
        sector="practice",
    )
    noor.profile.expertise.add("Buurtwerk", "participatie")
    sam = make_member(
        "sam@example.org",
        ParticipationLevel.MEETINGS,
        display_name="Sam Jansen",
        organisation="Hogeschool Zuyd",
        sector="education",
    )
    sam.profile.expertise.add("participatie")
    lina = make_member(
        "lina@example.org",
        ParticipationLevel.PUBLIC_EVENTS,
        display_name="Lina Bakker",
        organisation="Onderzoeksbureau Noord",
        sector="research",
    )
    lina.profile.expertise.add("armoede")
    return viewer


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "vries"}, ["Noor de Vries"]),
        ({"q": "noord"}, ["Lina Bakker"]),
        ({"q": "JANSEN"}, ["Sam Jansen"]),
        ({"q": "hogeschool"}, ["Sam Jansen"]),
        ({"q": "  oost "}, ["Noor de Vries"]),
        ({"q": "heerlen"}, []),
        ({"sector": "education"}, ["Sam Jansen"]),
        ({"sector": "practice"}, ["Noor de Vries"]),
        ({"level": "public_events"}, ["Lina Bakker"]),
        ({"level": "online"}, ["Noor de Vries"]),
        ({"expertise": "participatie"}, ["Noor de Vries", "Sam Jansen"]),
        ({"expertise": "buurtwerk"}, ["Noor de Vries"]),
        ({"expertise": "participatie", "sector": "education"}, ["Sam Jansen"]),
        ({"q": "s", "level": "meetings"}, ["Sam Jansen"]),  # a word beginning with s
        ({}, ["Lina Bakker", "Noor de Vries", "Sam Jansen"]),
    ],
)
def test_directory_search_and_filters(client, three_members, params, expected):
    client.force_login(three_members)
    response = directory(client, **params)
    assert response.status_code == 200
    assert names_in(response) == expected


def test_directory_says_so_when_nothing_matches(client, three_members):
    client.force_login(three_members)
    response = directory(client, q="niemand")
    assert "Geen leden gevonden met deze filters." in text(response)


@pytest.mark.parametrize(
    "params",
    [
        {"q": "\x00"},
        {"q": "q" * 10_000},
        {"q": "<script>alert(1)</script>"},
        {"q": "\u202e\x07"},
        {"sector": "bogus"},
        {"level": "x" * 10_000},
        {"expertise": "\x00<script>"},
        {"pagina": "-1"},
        {"pagina": "abc"},
        {"pagina": "9" * 50},
    ],
)
def test_directory_survives_bad_query_parameters(client, three_members, params):
    client.force_login(three_members)
    response = directory(client, **params)
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_directory_keeps_valid_filters_when_another_is_invalid(client, three_members):
    client.force_login(three_members)
    response = directory(client, q="vries", sector="bogus")
    assert response.status_code == 200
    assert names_in(response) == ["Noor de Vries"]


def test_directory_is_paginated_by_24(client):
    viewer = make_member("kijker@example.org", display_name="Aaa Kijker")
    for number in range(29):
        make_member(f"lid{number:02d}@example.org", display_name=f"Lid {number:02d}")
    client.force_login(viewer)

    first = directory(client)
    assert len(first.context["page"].object_list) == 24
    assert names_in(first)[:2] == ["Aaa Kijker", "Lid 00"]
    assert "Pagina 1 van 2" in text(first)
    assert "pagina=2" in text(first)

    second = directory(client, pagina="2")
    assert names_in(second) == [f"Lid {number:02d}" for number in range(23, 29)]
    assert "Pagina 2 van 2" in text(second)
    assert not set(names_in(first)) & set(names_in(second))

    # Out of range or nonsense: the nearest sensible page, never an error.
    assert names_in(directory(client, pagina="99")) == names_in(second)
    assert names_in(directory(client, pagina="abc")) == names_in(first)


def test_directory_pagination_keeps_the_filters(client):
    viewer = make_member("kijker@example.org", sector="other")
    for number in range(30):
        make_member(
            f"lid{number:02d}@example.org", display_name=f"Lid {number:02d}", sector="practice"
        )
    client.force_login(viewer)
    first = text(directory(client, sector="practice"))
    assert "sector=practice&pagina=2" in first
    second = directory(client, sector="practice", pagina="2")
    assert names_in(second) == [f"Lid {number:02d}" for number in range(24, 30)]


# Session, user with profile, site settings, count, page, its tags (the common tags are
# kept until profiles or tags change: atelier/kept_values.py).
DIRECTORY_QUERIES = 6


def _fill_directory(count: int) -> User:
    viewer = make_member("kijker@example.org")
    for number in range(count - 1):
        user = make_member(f"lid{number:02d}@example.org", display_name=f"Lid {number:02d}")
        user.profile.expertise.add("buurtwerk", f"onderwerp {number % 7}")
    return viewer


@pytest.mark.usefixtures("page_cache_off")
@pytest.mark.parametrize("listed", [5, 60])
def test_directory_query_count_does_not_grow_with_members(
    client, django_assert_num_queries, listed
):
    viewer = _fill_directory(listed)
    client.force_login(viewer)
    directory(client)  # warm up: the site settings row is created on first use
    with CaptureQueriesContext(connection) as measured:
        assert directory(client).status_code == 200
    assert len(measured) == DIRECTORY_QUERIES, [q["sql"] for q in measured.captured_queries]
    with django_assert_num_queries(DIRECTORY_QUERIES):
        response = directory(client, expertise="buurtwerk")
    assert len(response.context["page"].object_list) == min(listed - 1, 24)


@pytest.mark.usefixtures("page_cache_off")
def test_directory_query_count_is_the_same_for_5_and_60_members(client):
    counts = []
    for listed in (5, 60):
        Profile.objects.all().delete()
        User.objects.all().delete()
        viewer = _fill_directory(listed)
        client.force_login(viewer)
        directory(client)
        with CaptureQueriesContext(connection) as measured:
            response = directory(client)
        assert response.context["page"].paginator.count == listed
        counts.append(len(measured))
    assert counts[0] == counts[1] == DIRECTORY_QUERIES
