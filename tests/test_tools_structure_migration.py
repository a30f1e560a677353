"""Existing tools and cases move into their sections without losing a word: migration 0007
on a copy of the demo's items as they were before sections (tests/data/), the splitting
at headings (knowledge/section_split.py), and `Resource.save`'s rule for the text."""

import re
from collections import Counter
from pathlib import Path

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from atelier.content_files import read_content_folder
from knowledge.models import Resource, ResourceKind
from knowledge.section_split import split_into_sections

from .factories import make_resource

BEFORE = [("knowledge", "0006_sections_versions_uptake")]
AFTER = [("knowledge", "0007_tools_and_cases_in_sections")]
OLD_DEMO = Path(__file__).parent / "data" / "library_before_sections"
HEADING_LINE = re.compile(r"^#{1,3} .*$", re.M)
WORD = re.compile(r"\w+")


def words(text: str) -> Counter:
    return Counter(WORD.findall(text))


def words_without_headings(text: str) -> Counter:
    return words(HEADING_LINE.sub("", text))


def migrate(targets) -> object:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def back_to_latest_afterwards():
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())  # later migrations too


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("back_to_latest_afterwards")
def test_migration_splits_the_demos_old_tools_and_cases_and_keeps_every_word():
    old_apps = migrate(BEFORE)
    OldResource = old_apps.get_model("knowledge", "Resource")
    files = read_content_folder(OLD_DEMO)
    for file in files:
        fields = file.fields
        OldResource.objects.create(
            kind=fields["kind"],
            title=fields["title"],
            slug=file.key,
            summary=fields["summary"],
            body=file.body,
            status="published",
        )
    OldResource.objects.create(
        kind="tool", title="Zonder kopjes", slug="zonder-kopjes", summary="Kort.", body="Alles."
    )
    OldResource.objects.create(
        kind="background", title="Achtergrond", slug="achtergrond", summary="Kort.", body="## Doel"
    )
    migrate(AFTER)

    assert len(files) == 20
    for file in files:
        item = Resource.objects.get(slug=file.key)
        # Every word of the old text is still there; only the headings that became a
        # section are gone (a second heading into the same section stays, a level down).
        kept = words(" ".join(item.sections.values()))
        assert words_without_headings(file.body) - kept == Counter(), file.key
        assert item.body == item.joined_sections()
        assert set(item.sections_html) == set(item.sections)
        if item.kind == ResourceKind.TOOL:
            assert set(item.sections) == {"goal", "target_group", "implementation", "approach"}
            assert "### Duur" in item.sections["implementation"]
            assert item.sections["approach"].startswith("1. ")
        else:
            assert set(item.sections) == {"situation", "what_we_did", "outcome", "lessons"}
    assert Resource.objects.get(slug="zonder-kopjes").sections == {"approach": "Alles."}
    background = Resource.objects.get(slug="achtergrond")
    assert (background.sections, background.body) == ({}, "## Doel")


def test_split_keeps_text_before_the_first_heading_and_unknown_headings_in_place():
    text = "Inleiding.\n\n## Doel\n\nLeren.\n\n## Tips\n\nKoffie.\n\n## Stappen\n\n1. Ga."
    assert split_into_sections("tool", text) == {
        "approach": "Inleiding.\n\n### Stappen\n\n1. Ga.",
        "goal": "Leren.\n\n## Tips\n\nKoffie.",
    }


def test_split_ignores_headings_inside_code_and_reads_english_and_colons():
    text = "## Situation:\n\n```\n## Lessons\n```\n\n### Wat we leerden\n\nVeel."
    assert split_into_sections("case", text) == {
        "situation": "```\n## Lessons\n```",
        "lessons": "Veel.",
    }
    assert split_into_sections("report", text) == {}


@pytest.mark.django_db
def test_save_makes_the_body_the_sections_joined_in_order(writer):
    tool = make_resource(
        "Werkvorm",
        writer,
        sections={"approach": " Stappen. ", "goal": "Doel.", "unknown": "Weg.", "problem": ""},
    )
    assert tool.sections == {"goal": "Doel.", "approach": "Stappen."}
    assert tool.body == "Doel.\n\nStappen."
    tool.sections = {"goal": "Ander doel."}
    tool.save()
    tool.refresh_from_db()
    assert tool.body == "Ander doel."
    assert set(tool.sections_html) == {"goal"}


@pytest.mark.django_db
def test_an_item_that_stops_being_a_tool_keeps_its_text_and_drops_its_sections(writer):
    tool = make_resource("Werkvorm", writer)
    body = tool.body
    tool.kind = ResourceKind.BACKGROUND
    tool.save()
    tool.refresh_from_db()
    assert (tool.body, tool.sections, tool.sections_html) == (body, {}, {})
