"""The library's search index follows every save, also after a migration rebuilt the
items' table (SQLite drops a table's triggers with it: knowledge/search_index.py)."""

import copy

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from knowledge.models import Resource
from knowledge.search import search
from knowledge.search_index import TRIGGERS, missing_triggers

from .factories import make_resource


def found(word: str) -> list[str]:
    return list(search(Resource.objects.all(), word).values_list("title", flat=True))


def rebuild_items_table(max_length: int) -> None:
    """Alter a column of the items as a migration would: SQLite copies the whole table."""
    old_field = Resource._meta.get_field("slug")
    new_field = copy.deepcopy(old_field)
    new_field.max_length = max_length
    with connection.schema_editor() as editor:
        editor.alter_field(Resource, old_field, new_field)


@pytest.mark.django_db
def test_the_migrated_database_has_the_search_triggers_and_finds_what_was_saved():
    assert missing_triggers(connection) == []
    item = make_resource("Het buurtgesprek", slug="werkvorm", published_at=timezone.now())
    assert found("buurtgesprek") == ["Het buurtgesprek"]

    item.title = "De keukentafel"
    item.save()

    assert found("keukentafel") == ["De keukentafel"]
    assert found("buurtgesprek") == []


@pytest.fixture
def rebuilt_items_table(transactional_db):
    original_length = Resource._meta.get_field("slug").max_length
    rebuild_items_table(original_length + 1)
    yield
    rebuild_items_table(original_length)
    call_command("migrate", verbosity=0)


def test_a_rebuilt_items_table_loses_its_triggers_and_migrate_puts_them_back(rebuilt_items_table):
    # The check sees the loss (only SQLite rebuilds a table to change a column).
    lost = missing_triggers(connection)
    assert lost == (list(TRIGGERS) if connection.vendor == "sqlite" else [])
    # Written while the triggers are gone.
    item = make_resource("Het buurtgesprek", slug="werkvorm", published_at=timezone.now())
    item.title = "De keukentafel"
    item.save()

    call_command("migrate", verbosity=0)  # as after every deployment

    assert missing_triggers(connection) == []
    assert found("keukentafel") == ["De keukentafel"]
    item.title = "De wijkschouw"
    item.save()
    assert found("wijkschouw") == ["De wijkschouw"]
    assert found("keukentafel") == []
