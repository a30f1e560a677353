"""On PostgreSQL `manage.py load_large_data` counts the library's vocabulary once, after
the rows, with its trigger off meanwhile (knowledge/search_index.py): the counts are
those the trigger would have made, and the trigger works again afterwards."""

import pytest
from django.db import connection

from knowledge.models import SearchWord
from knowledge.search_index import PG_VOCABULARY_FILL, PG_VOCABULARY_TRIGGER

from .factories import make_item, make_member
from .test_large_data import load

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db]


def vocabulary() -> dict[str, tuple[int, int]]:
    return {word.word: (word.documents, word.public_documents) for word in SearchWord.objects.all()}


def trigger_enabled() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tgenabled FROM pg_trigger WHERE tgname = %s", [PG_VOCABULARY_TRIGGER]
        )
        return cursor.fetchone()[0] == "O"


def test_the_vocabulary_is_counted_after_the_load_and_its_trigger_is_back():
    make_item("voor-het-laden", make_member(), title="Wijkteams vooraf")
    load()
    loaded = vocabulary()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM knowledge_searchword")
        cursor.execute(PG_VOCABULARY_FILL)

    assert loaded == vocabulary()
    assert loaded["wijkteams"][0] >= 1
    assert trigger_enabled()
    make_item("na-het-laden", make_member("na@example.org"), title="Zeldzaamwoord")
    assert vocabulary()["zeldzaamwoord"] == (1, 1)
