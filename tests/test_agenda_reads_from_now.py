"""The agenda's coming and past events are read from now on in the start index, not after a
walk through every event on the other side of now (docs/benchmarks.md: /agenda/ grew with
the years of past events before it)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sessions_app import feed_window
from sessions_app.models import Event, EventKind

from .factories import make_event_at
from .test_query_plans import plan_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def now():
    return timezone.now().replace(microsecond=0)


@pytest.fixture
def agenda(now):
    """A week-long course that began three days ago, a short event after its start that has
    ended, two coming events and two past ones."""
    return {
        "course": make_event_at("cursus", now - timedelta(days=3), hours=7 * 24),
        "ended": make_event_at("afgelopen", now - timedelta(days=2)),
        "next": make_event_at("volgende", now + timedelta(days=1)),
        "later": make_event_at("later", now + timedelta(days=30)),
        "last": make_event_at("vorige", now - timedelta(days=10)),
        "long_ago": make_event_at("lang-geleden", now - timedelta(days=400)),
    }


def test_coming_events_are_those_not_ended_the_running_one_first(agenda, now):
    coming = [event.slug for event in Event.objects.upcoming(now)]
    assert coming == ["cursus", "volgende", "later"]


def test_past_events_are_those_ended_the_last_to_start_first(agenda, now):
    past = [event.slug for event in Event.objects.past(now)]
    assert past == ["afgelopen", "vorige", "lang-geleden"]


def test_no_coming_events_is_an_empty_list(now):
    make_event_at("vorige", now - timedelta(days=10))
    assert list(Event.objects.upcoming(now)) == []


@pytest.mark.sqlite  # SQLite's own query plan
def test_coming_events_are_read_from_the_earliest_start_among_them(agenda, now):
    sql, params = Event.objects.public().upcoming(now)[:20].query.sql_with_params()
    # On a test's few rows SQLite may choose otherwise; on the large data set it takes these.
    plan = plan_of(sql, params, ("sessions_app_event", "sessions_app_event_start_bc2d4777"))
    # The page from its first start on, in order; that start from the (end, start) index.
    assert "USING INDEX sessions_app_event_start_bc2d4777 (start>?)" in plan, plan
    assert "USING COVERING INDEX event_end_start_idx (end>?)" in plan, plan


@pytest.mark.sqlite  # SQLite's own query plan
def test_past_events_are_read_back_from_now(agenda, now):
    sql, params = Event.objects.public().past(now)[:20].query.sql_with_params()
    plan = plan_of(sql, params, ("sessions_app_event", "sessions_app_event_start_bc2d4777"))
    assert "USING INDEX sessions_app_event_start_bc2d4777 (start<?)" in plan, plan


@pytest.mark.postgresql  # PostgreSQL's own plan, as its statistics make it on a large agenda
def test_on_postgresql_the_earliest_coming_start_is_not_walked_to_in_the_start_index(now):
    """By its statistics PostgreSQL walked the start index past every past event to the
    first one not ended (33 ms at 20,000 events, docs/benchmarks.md). Asked for the start
    plus nothing, it cannot take that index and reads the (end, start) index from now."""
    sql, _params = Event.objects.public().upcoming(now)[:20].query.sql_with_params()
    earliest = sql[sql.index("(SELECT") :]
    assert "ORDER BY (U0.\"start\" + INTERVAL '0 seconds') ASC LIMIT 1" in earliest, earliest


def test_the_public_feed_reads_both_sides_from_now_as_the_agenda_does(now):
    """The feed's window: past events that started in its days and ended, the latest last
    of them, then coming ones; read as `past` and `upcoming` read them, from now on in the
    start index (its coming events took 16 ms at ten times the large data set when
    read by their end)."""
    public = {"kind": EventKind.PUBLIC}
    make_event_at("lang-geleden", now - timedelta(days=feed_window.PAST_DAYS + 2), **public)
    make_event_at("vorige", now - timedelta(days=10), **public)
    make_event_at("cursus", now - timedelta(days=3), hours=7 * 24, **public)
    make_event_at("volgende", now + timedelta(days=1), **public)
    with CaptureQueriesContext(connection) as queries:
        window = feed_window.public_feed_window(now)
    assert [event.slug for event in window] == ["vorige", "cursus", "volgende"]
    past_sql, coming_sql = (query["sql"] for query in queries.captured_queries)
    assert '"start" <' in past_sql and '"start" >=' in past_sql  # back from now, to the edge
    assert "LIMIT 1)" in coming_sql  # from the earliest coming start on
