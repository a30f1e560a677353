"""`manage.py load_large_data` fills the full-text indexes once, after the rows, and
leaves their triggers in place: the loaded data is found, and later writes are too."""

import pytest
from django.db import connection

from knowledge import search as library_search
from knowledge.models import Resource
from members.models import Profile
from portal.management.commands.load_large_data import SEARCH_INDEXES
from questions import search as questions_search
from questions.models import Question

from .factories import make_question
from .test_large_data import load

pytestmark = pytest.mark.sqlite  # SQLite's FTS5 indexes


def indexed_rows(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608 (a table name of ours)
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_the_loaded_rows_are_indexed_and_the_triggers_are_back():
    load()
    for index in SEARCH_INDEXES:
        assert index.missing_triggers(connection) == []
    assert indexed_rows("knowledge_resource_fts") == Resource.objects.count()
    assert indexed_rows("questions_question_fts") == Question.objects.count()
    assert indexed_rows("members_profile_fts") == Profile.objects.count()
    item = Resource.objects.order_by("pk").first()
    assert item in library_search.search(Resource.objects.all(), item.title)
    profile = Profile.objects.order_by("pk").first()
    assert profile in Profile.objects.search(profile.display_name)
    question = make_question(title="Een vraag na het laden")
    assert list(questions_search.search(Question.objects.all(), "laden")) == [question]
