"""The dashboard's value figures (dashboard/value_figures.py): value stories per cycle,
happened and intended, and the value-creation matrix with its indicators and stories."""

import pytest

from dashboard.periods import Period
from dashboard.value_figures import stories_per_cycle, value_matrix
from value.models import CycleState, StoryAudience

from .factories import (
    make_answer,
    make_comment,
    make_event_at,
    make_item,
    make_member,
    make_question,
    make_registration,
    make_story,
    make_uptake,
)
from .helpers import local

pytestmark = pytest.mark.django_db

YEAR = Period.of_year(2025)
HAPPENED = CycleState.HAPPENED
INTENDED = CycleState.INTENDED


def tells(**cycles) -> dict:
    """Story fields telling each given cycle with the given state."""
    fields = {}
    for cycle, state in cycles.items():
        fields[cycle] = "Zo ging het."
        fields[f"{cycle}_state"] = state
    return fields


@pytest.fixture
def teller():
    return make_member("verteller@example.org")


def test_stories_per_cycle_happened_and_intended(teller):
    make_story(teller, created_at=local(2025, 3, 1), **tells(immediate=HAPPENED, applied=INTENDED))
    make_story(teller, created_at=local(2025, 12, 31, 23, 30), **tells(applied=HAPPENED))
    make_story(teller, created_at=local(2025, 6, 1), **tells(applied=INTENDED, reframing=HAPPENED))
    make_story(teller, created_at=local(2026, 1, 1, 0, 30), **tells(immediate=HAPPENED))

    figure = stories_per_cycle(YEAR)

    # Immediate, potential, applied, realised, reframing: happened, intended.
    assert [row[1:] for row in figure.rows] == [[1, 0], [0, 0], [1, 2], [0, 0], [1, 0]]


def test_the_matrix_sets_each_cycles_indicators_beside_its_stories(teller):
    in_year = local(2025, 5, 1, 19)
    item = make_item("werkvorm", teller, published_at=in_year)
    make_registration(make_event_at("bijeenkomst", in_year), teller, attended=True)
    make_registration(make_event_at("later", local(2026, 1, 1, 0, 30)), teller, attended=True)
    make_answer(make_question(), teller, created_at=in_year)
    make_answer(make_question(), teller, created_at=in_year)
    make_comment(item, teller, created_at=in_year)
    make_uptake(item, teller, created_at=in_year)
    make_uptake(item, teller, created_at=in_year)
    make_uptake(item, teller, created_at=in_year)
    first = make_story(
        teller, created_at=local(2025, 3, 1), title="Eerste", **tells(applied=HAPPENED)
    )
    second = make_story(
        teller,
        created_at=local(2025, 4, 1),
        title="Tweede",
        audience=StoryAudience.PUBLIC,
        **tells(applied=INTENDED, immediate=HAPPENED),
    )

    figure = value_matrix(YEAR)

    assert figure.rows == [
        # cycle, meetings attended, answers, items published, comments, accounts of use, stories
        ["Directe waarde", 1, 2, None, None, None, 1],
        ["Potentiële waarde", None, None, 1, 1, None, 0],
        ["Toegepaste waarde", None, None, None, None, 3, 2],
        ["Gerealiseerde waarde", None, None, None, None, None, 0],
        ["Herdefiniëring", None, None, None, None, None, 0],
    ]
    assert figure.links[2] == (
        ("Tweede", second.get_absolute_url()),
        ("Eerste", first.get_absolute_url()),
    )
    assert figure.links[0] == (("Tweede", second.get_absolute_url()),)


def test_the_public_matrix_links_only_to_stories_their_authors_made_public(teller):
    make_story(
        teller, created_at=local(2025, 3, 1), title="Voor leden", audience=StoryAudience.MEMBERS
    )
    public = make_story(
        teller, created_at=local(2025, 3, 2), title="Openbaar", audience=StoryAudience.PUBLIC
    )
    make_story(
        teller,
        created_at=local(2025, 3, 3),
        title="Voor de coördinator",
        audience=StoryAudience.COORDINATOR,
    )

    figure = value_matrix(YEAR, public=True)

    assert figure.rows[2][-1] == 3
    assert figure.links[2] == (("Openbaar", public.get_absolute_url()),)
