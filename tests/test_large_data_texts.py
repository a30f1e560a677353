"""The texts of the large data set (demo/large/*.toml) parse, and none of their lists is empty."""

import pytest

from atelier.content_files import read_toml
from members.models import Sector
from portal.management.commands.load_large_data import (
    EVENT_FORMATS,
    EVENT_SUMMARIES,
    JOB_TITLES,
    ORGANISATIONS,
    TEXTS_FOLDER,
)
from sessions_app.models import EventKind

TEXT_FILES = sorted(TEXTS_FOLDER.glob("*.toml"))


def lists_in(data: dict, where: str):
    """Every list in a parsed file, with where it is ("events.toml formats.meeting")."""
    for key, value in data.items():
        if isinstance(value, dict):
            yield from lists_in(value, f"{where}{key}.")
        elif isinstance(value, list):
            yield f"{where}{key}", value


def test_the_large_data_set_reads_nine_text_files():
    assert [path.name for path in TEXT_FILES] == [
        "comments.toml",
        "events.toml",
        "library.toml",
        "people.toml",
        "places.toml",
        "questions.toml",
        "stories.toml",
        "tags.toml",
        "topics.toml",
        "uptake.toml",
    ]


@pytest.mark.parametrize("path", TEXT_FILES, ids=lambda path: path.name)
def test_each_list_in_a_text_file_has_entries(path):
    lists = dict(lists_in(read_toml(path), f"{path.name} "))
    assert lists
    assert [where for where, items in lists.items() if not items] == []


def test_every_sector_and_event_kind_has_its_texts():
    assert set(ORGANISATIONS) == set(JOB_TITLES) == set(Sector)
    assert set(EVENT_SUMMARIES) == set(EVENT_FORMATS) == set(EventKind)
