"""The newest matches of a search on PostgreSQL are read in two windows of ids
(atelier/newest_matches.py): a common word stops in the newest, a rare word's older
matches come from the words' index however old they are. SQLite's own index reads its
ids backwards and needs no windows.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection

from atelier import newest_matches
from atelier.newest_matches import first_window, newest_matching_ids
from knowledge import search as library_search
from knowledge.models import Resource
from knowledge.search import search
from members.models import PROFILES_PG_INDEX, Profile
from questions import search as questions_search
from questions.models import Question
from sessions_app import search as agenda_search
from sessions_app.models import Event
from value import search as stories_search
from value.models import ValueStory

from .factories import make_event, make_item, make_member, make_question, make_resource, make_story

pytestmark = pytest.mark.django_db

MATCHES = "SELECT id FROM knowledge_resource WHERE search_vector @@ %s::tsquery"


def test_the_first_window_holds_a_number_of_ids_for_each_match_wanted():
    assert first_window(200) == 200 * newest_matches.IDS_PER_MATCH
    assert first_window(2000) == 10 * first_window(200)


@pytest.fixture
def small_windows(monkeypatch):
    """A first window of as many ids as matches are wanted, so that a test's few items
    fill both."""
    monkeypatch.setattr(newest_matches, "IDS_PER_MATCH", 1)


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


def windows_read(plan: dict) -> list[bool]:
    """For each window, whether PostgreSQL read the items' table in it (the newest and
    oldest ids it asks first are not counted)."""
    return [_reads_items(window) for window in windows_of(plan)]


def _reads_items(plan: dict) -> bool:
    if plan.get("Parent Relationship") == "InitPlan":
        return False
    reads = (
        plan.get("Relation Name") == Resource._meta.db_table
        and plan["Node Type"] in ("Bitmap Heap Scan", "Index Scan", "Seq Scan")
        and plan["Actual Loops"] > 0
    )
    return reads or any(_reads_items(child) for child in plan.get("Plans", []))


@pytest.mark.postgresql
def test_a_common_word_stops_at_the_window_where_enough_matches_are_found(small_windows, library):
    sql, params = newest_matching_ids("knowledge_resource", "id", MATCHES, ["'wijk'"], limit=25)
    # 25 matches in the newest 25 ids: the older window never ran.
    assert windows_read(analyzed_plan(sql, params)) == [True, False]


@pytest.mark.postgresql
def test_the_newest_matches_come_first(small_windows, library):
    _rare, common = library
    sql, params = newest_matching_ids("knowledge_resource", "id", MATCHES, ["'wijk'"], limit=25)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = [row[0] for row in cursor.fetchall()]
    assert found == [item.pk for item in reversed(common[-25:])]


@pytest.mark.postgresql
def test_the_older_window_is_not_read_when_the_first_reaches_the_first_id(small_windows):
    items = [make_item(f"signaal-{n}", body="Over de signaalfunctie.") for n in range(3)]
    sql, params = newest_matching_ids(
        "knowledge_resource", "id", MATCHES, ["'signaalfunctie'"], limit=25
    )
    assert windows_read(analyzed_plan(sql, params)) == [True, False]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        assert [row[0] for row in cursor.fetchall()] == [item.pk for item in reversed(items)]


@pytest.mark.postgresql
def test_a_rare_word_is_found_in_the_older_window(small_windows, library):
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
    # The windows hold only what the reader may see, and stop at the ranked matches.
    monkeypatch.setattr(library_search, "COUNTED_MATCHES", 24)
    found = search(Resource.objects.visible_to(AnonymousUser()).published(), "wijk")
    plan = analyzed_plan(*found.query.sql_with_params())
    assert windows_read(plan) == [True, False]
    assert found.count() == 25


@pytest.mark.postgresql
def test_every_search_of_the_site_hands_over_at_most_its_cap_the_newest(small_windows, monkeypatch):
    # As tests/test_search_indexes_bounded.py checks SQLite's indexes: three matches of
    # each, with the caps at 2 each search reads only the newest two.
    monkeypatch.setattr(questions_search, "INDEX_CANDIDATES", 2)
    monkeypatch.setattr(agenda_search, "INDEX_CANDIDATES", 2)
    monkeypatch.setattr(stories_search, "INDEX_CANDIDATES", 2)
    monkeypatch.setattr(library_search, "INDEX_CANDIDATES", 2)
    # Without a kind or tag, the library's windows stop at the ranked matches.
    monkeypatch.setattr(library_search, "COUNTED_MATCHES", 1)
    monkeypatch.setattr("members.models.SEARCH_CANDIDATES", 2)
    author = make_member()
    for number in range(3):
        make_question(title=f"Signalen {number}")
        make_member(f"jansen{number}@example.org", display_name=f"Jansen {number}")
        make_event(f"buurt-{number}", title=f"Buurtavond {number}")
        make_story(author, title=f"Moestuin {number}")
        make_resource(f"Wijkwerk {number}", slug=f"wijkwerk-{number}")
    questions = questions_search.search(Question.objects.all(), "signalen")
    assert sorted(question.title for question in questions) == ["Signalen 1", "Signalen 2"]
    events = agenda_search.search(Event.objects.all(), "buurtavond")
    assert sorted(event.title for event in events) == ["Buurtavond 1", "Buurtavond 2"]
    stories = stories_search.search(ValueStory.objects.all(), "moestuin")
    assert sorted(story.title for story in stories) == ["Moestuin 1", "Moestuin 2"]
    items = search(Resource.objects.all(), "wijkwerk")
    assert sorted(item.title for item in items) == ["Wijkwerk 1", "Wijkwerk 2"]
    members = Profile.objects.search("jansen").values_list("display_name", flat=True)
    assert sorted(members) == ["Jansen 1", "Jansen 2"]


def test_events_and_stories_are_found_by_the_beginnings_of_words_and_follow_edits():
    event = make_event("kerkrade", title="Buurtavond in Kerkrade", place="Wijkcentrum")
    story = make_story(make_member(), title="Samen koken", applied="In het wijkcentrum.")
    assert list(agenda_search.search(Event.objects.all(), "kerk wijkcent")) == [event]
    assert list(stories_search.search(ValueStory.objects.all(), "wijkcentrum")) == [story]
    Event.objects.filter(pk=event.pk).update(title="Buurtavond in Heerlen")
    ValueStory.objects.filter(pk=story.pk).update(applied="In de bibliotheek.")
    assert list(agenda_search.search(Event.objects.all(), "kerkrade")) == []
    assert list(agenda_search.search(Event.objects.all(), "heerlen")) == [event]
    assert list(stories_search.search(ValueStory.objects.all(), "wijkcentrum")) == []
    assert list(stories_search.search(ValueStory.objects.all(), "bibliotheek")) == [story]


def index_scans(plan: dict) -> list[tuple[str, str]]:
    """(node type, index) of every index the plan reads, its one-time lookups aside."""
    if plan.get("Parent Relationship") == "InitPlan":
        return []
    found = [(plan["Node Type"], plan["Index Name"])] if "Index Name" in plan else []
    return found + [scan for child in plan.get("Plans", []) for scan in index_scans(child)]


def jansen_member(number: int) -> None:
    make_member(f"lid{number}@example.org", display_name=f"Jansen {number}")


def jansen_item(number: int) -> None:
    make_item(f"jansen-{number}", body="Over de familie Jansen.")


@pytest.mark.postgresql
@pytest.mark.parametrize(
    ("make_one", "found_by", "word_index"),
    [
        (jansen_member, lambda: Profile.objects.search("jansen"), "_vector"),
        (jansen_item, lambda: search(Resource.objects.all(), "jansen"), "_search"),
        # The reader's filter is no index of its own: PostgreSQL joined the items' status
        # and visibility index to the words' (knowledge migration 0015).
        (jansen_item, lambda: search(Resource.objects.public(), "jansen"), "_search"),
    ],
    ids=["directory", "library", "library-as-a-visitor"],
)
def test_the_older_window_takes_its_matches_from_the_word_index(
    make_one, found_by, word_index, small_windows, monkeypatch
):
    # PostgreSQL guesses that a range of ids holds a handful of rows and walked every
    # older id, testing each row's words: the older window's bound is written so that
    # the id's index cannot serve it. A table this small would be read whole, so the
    # plan may only use indexes' bitmaps here: with the usual bound it takes the id's.
    monkeypatch.setattr("members.models.SEARCH_CANDIDATES", 30)
    monkeypatch.setattr(library_search, "COUNTED_MATCHES", 29)
    for number in range(40):
        make_one(number)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {PROFILES_PG_INDEX.table}")
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
    found = found_by().values("pk")
    plan = analyzed_plan(*found.query.sql_with_params())
    _newer, older = windows_of(plan)
    scans = index_scans(older)
    assert scans, "the older window reads the words' index"
    assert all(index_name.endswith(word_index) for _node, index_name in scans), scans
    assert found.count() == 30


@pytest.mark.postgresql
@pytest.mark.parametrize(
    "table, vector",
    [
        ("knowledge_resource", "search_vector"),
        ("knowledge_resource", "rank_vector"),
        ("sessions_app_event", "search_vector"),
        ("value_valuestory", "search_vector"),
    ],
)
def test_the_vectors_a_search_walks_are_kept_in_their_rows(table, vector):
    # A window tests the vector of every row it walks. Left to the default (EXTENDED) an
    # item's vector went to the TOAST table with its long texts, and fetching it from
    # there was three quarters of a common word's walk (atelier/vector_storage.py).
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attstorage FROM pg_attribute WHERE attrelid = %s::regclass AND attname = %s",
            [table, vector],
        )
        assert cursor.fetchone() == ("m",)  # MAIN: out of the row only if it cannot fit
