"""The dashboard's cost: `figures_for(period)` makes the same, pinned number of queries on a
small and on a larger site, and no query reads a row per member or per event (every figure
is counted in the database)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.models.sql.compiler import SQLCompiler
from django.db.models.sql.constants import MULTI
from django.test.utils import CaptureQueriesContext

from dashboard.event_figures import EVENTS_SHOWN
from dashboard.overview import FIGURES, figure, figures_for, sections_for
from dashboard.periods import Period
from members.models import LevelRequest, LevelRequestStatus, ParticipationLevel
from value.models import StoryAudience

from .factories import (
    make_answer,
    make_comment,
    make_event,
    make_item,
    make_member,
    make_question,
    make_registration,
    make_story,
    make_uptake,
)

pytestmark = pytest.mark.django_db

SMALL = 3
LARGE = 25
# Every query of the dashboard, counted on a site of each size: at most three per figure,
# one for the tiers, the give and take and the movement between tiers together, two for
# the levels over time (today's levels, and the members whose level changed later), eleven
# for the value matrix (a count per indicator, the stories per cycle, the newest stories of
# each cycle).
QUERIES = 30


def build_site(size: int, start: int = 0) -> None:
    """`size` of everything a figure counts, all in this year: members who each attended a
    meeting, wrote an item, commented, asked, answered, used a tool, told a story and moved
    up a level; their events and applications."""
    year = Period.this_year()
    for number in range(start, start + size):
        at = year.starts_at + timedelta(hours=number + 1)
        user = make_member(f"lid{number}@example.org", approved_at=at - timedelta(minutes=1))
        event = make_event(
            f"bijeenkomst-{number}", start=at, end=at + timedelta(hours=2), capacity=10
        )
        make_registration(event, user, attended=True)
        item = make_item(f"werkvorm-{number}", user, published_at=at)
        make_comment(item, user, created_at=at)
        make_uptake(item, user, created_at=at)
        question = make_question(user, published_at=at)
        make_answer(question, user, created_at=at + timedelta(hours=1))
        make_story(user, audience=StoryAudience.PUBLIC, created_at=at)
        LevelRequest.objects.create(
            profile=user.profile,
            level=ParticipationLevel.MEETINGS,
            previous_level=ParticipationLevel.ONLINE,
            status=LevelRequestStatus.APPROVED,
            decided_at=at + timedelta(hours=1),
        )


def queries_of_the_dashboard() -> int:
    with CaptureQueriesContext(connection) as queries:
        figures_for(Period.this_year())
    return len(queries)


def test_the_dashboard_costs_the_same_pinned_number_of_queries_on_a_larger_site():
    build_site(SMALL)
    small = queries_of_the_dashboard()
    build_site(LARGE - SMALL, start=SMALL)
    large = queries_of_the_dashboard()

    assert (small, large) == (QUERIES, QUERIES)


def test_every_figure_is_in_a_section_and_has_its_key():
    period = Period.this_year()
    keys = [computed.key for section in sections_for(period) for computed in section.figures]

    assert keys == list(FIGURES)
    assert [figure(key, period).key for key in FIGURES] == keys


def test_an_unknown_figure_is_a_key_error():
    with pytest.raises(KeyError):
        figure("geen-figuur", Period.this_year())


@pytest.fixture
def rows_read(monkeypatch) -> list[int]:
    """The number of rows each query of the ORM reads from the database."""
    counts: list[int] = []
    execute_sql = SQLCompiler.execute_sql

    def counting(self, result_type=MULTI, *args, **kwargs):
        result = execute_sql(self, result_type, *args, **kwargs)
        if result_type != MULTI or result is None:
            return result
        chunks = list(result)
        counts.append(sum(len(chunk) for chunk in chunks))
        return iter(chunks)

    monkeypatch.setattr(SQLCompiler, "execute_sql", counting)
    return counts


def test_no_query_reads_a_row_per_member_or_event(rows_read):
    build_site(EVENTS_SHOWN + 10)
    rows_read.clear()

    figures_for(Period.this_year())

    # The events table reads its bounded page; everything else at most a row per month
    # and level (the levels' line: 12 x 3).
    largest, *others = sorted(rows_read, reverse=True)
    assert largest == EVENTS_SHOWN
    assert max(others) <= 36
