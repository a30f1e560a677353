"""The newest matches of a search on PostgreSQL are read window by window of ids
(atelier/newest_matches.py): a common word stops in the first windows, a rare word is
found however old its items are. SQLite's own index reads its ids backwards and needs
no windows.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection

from atelier import newest_matches
from atelier.newest_matches import newest_matching_ids, window_bounds
from knowledge import search as library_search
from knowledge.models import Resource
from knowledge.search import search

from .factories import make_item

pytestmark = pytest.mark.django_db


def test_the_windows_follow_each_other_from_the_newest_id_back_to_the_first():
    bounds = window_bounds()
    assert bounds[0] == (newest_matches.FIRST_WINDOW, None)
    for (older_than, _), (_, newer_than) in zip(bounds, bounds[1:], strict=False):
        assert newer_than == older_than  # no gap, no overlap
    sizes = [older - (newer or 0) for older, newer in bounds[:-1]]
    assert sizes == [
        newest_matches.FIRST_WINDOW * newest_matches.WINDOW_GROWTH**n
        for n in range(newest_matches.WINDOWS)
    ]
    assert bounds[-1][0] == -1  # the last reaches back to the first id


@pytest.fixture
def small_windows(monkeypatch):
    """Windows of 10, 20, 40 ids and the rest, so that a test's few items fill several."""
    monkeypatch.setattr(newest_matches, "FIRST_WINDOW", 10)
    monkeypatch.setattr(newest_matches, "WINDOW_GROWTH", 2)
    monkeypatch.setattr(newest_matches, "WINDOWS", 3)


@pytest.fixture
def library():
    """Three old items on a rare word, then 120 items on a common one, oldest first."""
    rare = [make_item(f"signaal-{n}", body="Over de signaalfunctie.") for n in range(3)]
    common = [make_item(f"wijk-{n}", body="Over de wijk.") for n in range(120)]
    return rare, common


def analyzed_plan(sql: str, params: list) -> dict:
    """The plan PostgreSQL ran, with the rows each part read (EXPLAIN ANALYZE)."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE knowledge_resource")
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params)
        return cursor.fetchone()[0][0]["Plan"]


def windows_of(plan: dict) -> list[dict]:
    """The Append's branches: one per window, newest first."""
    if plan.get("Node Type") == "Append":
        return plan["Plans"]
    for child in plan.get("Plans", []):
        found = windows_of(child)
        if found:
            return found
    return []


def rows_read(plan: dict) -> int:
    """The rows the plan's scans of the items' table handed on, in every loop."""
    own = 0
    if plan.get("Relation Name") == Resource._meta.db_table and "Scan" in plan["Node Type"]:
        own = plan["Actual Rows"] * plan["Actual Loops"]
    return own + sum(rows_read(child) for child in plan.get("Plans", []))


@pytest.mark.postgresql
def test_a_common_word_stops_at_the_window_where_enough_matches_are_found(small_windows, library):
    sql, params = newest_matching_ids(
        "knowledge_resource", "id", "search_vector @@ %s::tsquery", ["'wijk'"], limit=25
    )
    plan = analyzed_plan(sql, params)
    windows = windows_of(plan)
    assert len(windows) == 4
    # 10 matches in the first window, 15 of the 20 in the second: the others never ran.
    assert [window["Actual Loops"] for window in windows] == [1, 1, 0, 0]
    # Of the 120 matches only those of the two windows were read.
    assert rows_read(plan) <= 30


@pytest.mark.postgresql
def test_the_newest_matches_are_those_of_the_newest_windows(small_windows, library):
    _rare, common = library
    sql, params = newest_matching_ids(
        "knowledge_resource", "id", "search_vector @@ %s::tsquery", ["'wijk'"], limit=25
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = {row[0] for row in cursor.fetchall()}
    assert len(found) == 25
    newest_ids = [item.pk for item in common[-30:]]
    assert found <= set(newest_ids)
    assert {item.pk for item in common[-10:]} <= found  # the whole first window


@pytest.mark.postgresql
def test_a_rare_word_is_found_in_the_oldest_window(small_windows, library):
    rare, _common = library
    found = search(Resource.objects.all(), "signaalfunctie")
    assert {item.pk for item in found} == {item.pk for item in rare}


def test_a_library_search_finds_the_newest_matches_of_a_common_word_first(library):
    _rare, common = library
    found = list(search(Resource.objects.all(), "wijk").values_list("pk", flat=True))
    assert sorted(found) == sorted(item.pk for item in common)


@pytest.mark.postgresql
def test_a_library_search_for_a_common_word_reads_only_the_newest_windows(
    small_windows, library, monkeypatch
):
    monkeypatch.setattr(library_search, "INDEX_CANDIDATES", 25)
    found = search(Resource.objects.visible_to(AnonymousUser()).published(), "wijk")
    plan = analyzed_plan(*found.query.sql_with_params())
    assert [window["Actual Loops"] for window in windows_of(plan)] == [1, 1, 0, 0]
    assert found.count() == 25
