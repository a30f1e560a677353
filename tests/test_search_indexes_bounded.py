"""The full-text indexes of the questions, the directory, the agenda and the value stories:
Dutch word forms for questions, beginnings of words for members, events and stories,
indexes that follow every write (also of tags) on both databases, and SQLite's searches
that read a bounded number of matches however many there are (questions/search.py,
members/models.py, sessions_app/search.py, value/search.py; PostgreSQL's bound:
tests/test_newest_matches.py)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management.color import no_style
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from taggit.models import Tag

from knowledge import search as library_search
from knowledge.models import Resource
from members import search_index as members_index
from members.models import Profile
from portal import search as portal_search
from questions import search as questions_search
from questions import search_index as questions_index
from questions.models import Question
from sessions_app import search as agenda_search
from sessions_app import search_index as agenda_index
from sessions_app.models import Event
from value import search as stories_search
from value import search_index as stories_index
from value.models import ValueStory

from .factories import make_event, make_member, make_question, make_resource, make_story

pytestmark = pytest.mark.django_db


def questions_found(text: str) -> list[str]:
    return sorted(q.title for q in questions_search.search(Question.objects.all(), text))


@pytest.mark.sqlite  # the FTS5 indexes' triggers are SQLite's
def test_the_migrated_database_has_every_index_trigger():
    for index in (
        questions_index.INDEX,
        members_index.INDEX,
        agenda_index.INDEX,
        stories_index.INDEX,
    ):
        assert index.missing_triggers(connection) == []


def test_questions_are_found_by_their_dutch_word_forms_and_tags():
    make_question(title="Hoe bereik je de wijken?", body="Over voedselbanken.", tags=["jongeren"])
    make_question(title="Iets anders", body="Niets.")
    assert questions_found("wijk") == ["Hoe bereik je de wijken?"]
    assert questions_found("voedselbank") == ["Hoe bereik je de wijken?"]
    assert questions_found("jongere") == ["Hoe bereik je de wijken?"]  # a tag's word form
    assert questions_found("wijk -voedselbanken") == []


def test_the_questions_index_follows_edits_tags_and_deletes():
    question = make_question(title="Signalen ophalen", body="Tekst.")
    question.title = "Keukentafelgesprekken"
    question.save()
    assert questions_found("signalen") == []
    assert questions_found("keukentafelgesprekken") == ["Keukentafelgesprekken"]
    question.tags.add("armoede")
    assert questions_found("armoede") == ["Keukentafelgesprekken"]
    Tag.objects.filter(name="armoede").update(name="schulden")
    assert questions_found("armoede") == [] and questions_found("schulden") != []
    question.tags.clear()
    assert questions_found("schulden") == []
    question.delete()
    assert questions_found("keukentafelgesprekken") == []


def test_the_directory_index_follows_profiles_and_expertise():
    member = make_member("amira@example.org", display_name="Amira Bouzid")
    profiles = Profile.objects.all()
    assert list(profiles.search("bouz")) == [member.profile]
    member.profile.expertise.add("armoede en bestaanszekerheid")
    assert list(profiles.search("bestaanszeker")) == [member.profile]
    member.profile.display_name = "Amira Haddou"
    member.profile.save()
    assert list(profiles.search("bouzid")) == [] and list(profiles.search("haddou")) != []


def test_the_agenda_index_follows_events():
    event = make_event("buurtavond", title="Buurtavond in Kerkrade")
    assert list(agenda_search.search(Event.objects.all(), "kerk")) == [event]
    Event.objects.filter(pk=event.pk).update(title="Buurtavond in Heerlen")
    assert list(agenda_search.search(Event.objects.all(), "kerkrade")) == []


def test_the_stories_index_follows_stories():
    author = make_member("schrijver@example.org")
    story = make_story(author, title="Een avond in Kerkrade", applied="We gingen signaleren.")
    assert list(stories_search.search(ValueStory.objects.all(), "kerk signal")) == [story]
    ValueStory.objects.filter(pk=story.pk).update(title="Een avond in Heerlen")
    assert list(stories_search.search(ValueStory.objects.all(), "kerkrade")) == []
    assert list(stories_search.search(ValueStory.objects.all(), "heerl")) == [story]
    story.delete()
    assert list(stories_search.search(ValueStory.objects.all(), "heerlen")) == []


@pytest.mark.sqlite  # FTS5 reads its ids backwards
def test_each_index_hands_over_at_most_its_cap_the_newest(monkeypatch):
    # Three of each match; with the caps at 2 each search reads only the newest two: what
    # an index gives cannot grow with the data (the benchmark measures the time).
    monkeypatch.setattr(questions_search, "INDEX_CANDIDATES", 2)
    monkeypatch.setattr("members.models.SEARCH_CANDIDATES", 2)
    monkeypatch.setattr(agenda_search, "INDEX_CANDIDATES", 2)
    monkeypatch.setattr(library_search, "INDEX_CANDIDATES", 2)
    # Without a kind or tag, the library's index hands over just the ranked matches.
    monkeypatch.setattr(library_search, "COUNTED_MATCHES", 1)
    monkeypatch.setattr(stories_search, "INDEX_CANDIDATES", 2)
    author = make_member("verteller@example.org")
    for number in range(3):
        make_story(author, title=f"Wijkavond {number}")
        make_question(title=f"Signalen {number}")
        make_member(f"jansen{number}@example.org", display_name=f"Jansen {number}")
        make_event(f"buurt-{number}", title=f"Buurtavond {number}")
        make_resource(f"Wijkwerk {number}", slug=f"wijkwerk-{number}")
    with CaptureQueriesContext(connection) as queries:
        assert questions_found("signalen") == ["Signalen 1", "Signalen 2"]
        members = Profile.objects.search("jansen").values_list("display_name", flat=True)
        assert sorted(members) == ["Jansen 1", "Jansen 2"]
        events = agenda_search.search(Event.objects.all(), "buurtavond")
        assert sorted(event.title for event in events) == ["Buurtavond 1", "Buurtavond 2"]
        items = library_search.search(Resource.objects.all(), "wijkwerk")
        assert sorted(item.title for item in items) == ["Wijkwerk 1", "Wijkwerk 2"]
        stories = stories_search.search(ValueStory.objects.all(), "wijkavond")
        assert sorted(story.title for story in stories) == ["Wijkavond 1", "Wijkavond 2"]
    assert all("ORDER BY rowid DESC LIMIT" in query["sql"] for query in queries.captured_queries)


@pytest.mark.postgresql
def test_flushing_the_database_empties_the_vector_tables_too():
    """Django's flush (between transactional tests) truncates the models' tables without
    CASCADE, which a table referring to them would refuse: the vector tables refer to
    none, and a trigger empties them with their table."""
    make_question(title="Signalen ophalen")
    make_member("amira@example.org", display_name="Amira Bouzid")
    tables = connection.introspection.django_table_names(only_existing=True)
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no checks pending at TRUNCATE
        for statement in connection.ops.sql_flush(no_style(), tables):
            cursor.execute(statement)
        for index in (questions_index.PG_INDEX, members_index.PG_INDEX):
            cursor.execute(f"SELECT COUNT(*) FROM {index.table}")
            assert cursor.fetchone()[0] == 0


def test_the_groups_under_a_library_search_read_only_the_newest_few_matches(monkeypatch):
    """A group shows three hits: it asks the index for GROUP_CANDIDATES matches, the
    newest, not for a list's INDEX_CANDIDATES (on PostgreSQL a second window of the index
    for a common word)."""
    monkeypatch.setattr(questions_search, "GROUP_CANDIDATES", 2)
    monkeypatch.setattr(stories_search, "GROUP_CANDIDATES", 2)
    reader = make_member("lezer@example.org")
    oldest = make_question(title="Wijkavond 0")
    make_question(title="Wijkavond 1")
    make_question(title="Wijkavond 2")
    # The oldest question has the newest activity: first in a list, but not among the
    # two newest matches the group reads.
    Question.objects.filter(pk=oldest.pk).update(last_activity_at=timezone.now())
    for number in range(3):
        make_story(reader, title=f"Wijkavond {number}")
    questions = questions_search.library_group(reader, "wijkavond", 3)
    stories = stories_search.library_group(reader, "wijkavond", 3)
    assert sorted(hit.title for hit in questions.hits) == ["Wijkavond 1", "Wijkavond 2"]
    assert sorted(hit.title for hit in stories.hits) == ["Wijkavond 1", "Wijkavond 2"]


def test_the_site_searchs_questions_group_counts_among_the_newest_matches(monkeypatch):
    monkeypatch.setattr(portal_search, "QUESTION_CANDIDATES", 2)
    reader = make_member("lezer@example.org")
    for number in range(3):
        make_question(title=f"Wijkavond {number}")
    (questions,) = [
        group
        for group in portal_search.search_site(reader, "wijkavond")
        if group.kind == portal_search.QUESTIONS
    ]
    assert questions.count == 2
    assert sorted(hit.title for hit in questions.hits) == ["Wijkavond 1", "Wijkavond 2"]


def test_the_site_searchs_library_group_ranks_among_the_newest_matches(monkeypatch):
    # The group's first hits are the best of the newest LIBRARY_RANKED matches the reader
    # may see; the library's own list ranks a thousand.
    monkeypatch.setattr(portal_search, "LIBRARY_RANKED", 2)
    make_resource("Wijkavond 0", slug="wijkavond-0", summary="Wijkavond, wijkavond.")
    make_resource("Wijkavond 1", slug="wijkavond-1")
    make_resource("Wijkavond 2", slug="wijkavond-2")
    make_resource("Wijkavond besloten", slug="wijkavond-besloten", visibility="members")
    (library,) = [
        group
        for group in portal_search.search_site(AnonymousUser(), "wijkavond")
        if group.kind == portal_search.LIBRARY
    ]
    assert library.count == 2
    cards = " ".join(library.hits)
    assert "Wijkavond 1" in cards and "Wijkavond 2" in cards and "Wijkavond 0" not in cards
