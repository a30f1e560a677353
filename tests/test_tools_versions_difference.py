"""What changed between two versions, per part, readable for a non-programmer: words added
and removed marked <ins> and <del>, everything the writers wrote escaped, long unchanged
stretches shortened (knowledge/versions.py)."""

import pytest
from django.utils import translation

from knowledge import versions
from knowledge.models import ResourceKind
from knowledge.sections import sections_of

from .factories import make_item
from .helpers import SCRIPT

pytestmark = pytest.mark.django_db


def _edited(item, **fields):
    for name, value in fields.items():
        setattr(item, name, value)
    item.save()
    newest, previous = versions.versions_of(item)[:2]
    with translation.override("nl"):
        return {change.label: str(change.html) for change in versions.changes(previous, newest)}


def test_words_added_and_removed_are_marked_in_the_part_they_changed():
    item = make_item("werkvorm", summary="Een werkvorm om met bewoners te praten.")
    changed = _edited(item, summary="Een werkvorm om met jonge bewoners te spreken.")
    assert changed == {
        "Samenvatting": '<p class="difference__changed">Een werkvorm om met <ins>jonge</ins> '
        "bewoners te <del>praten</del> <ins>spreken</ins>.</p>"
    }


def test_a_tools_sections_each_show_their_own_changes():
    item = make_item(
        "werkvorm",
        kind=ResourceKind.TOOL,
        sections={"goal": "Bewoners leren elkaar kennen.", "approach": "Stap een."},
    )
    changed = _edited(
        item,
        sections={
            "goal": "Bewoners leren elkaar kennen.",
            "approach": "Stap een. Stap twee.",
            "literature": "Wenger (1998).",
        },
    )
    with translation.override("nl"):
        labels = {section.key: str(section.label) for section in sections_of(ResourceKind.TOOL)}
    assert changed == {
        labels["approach"]: '<p class="difference__changed">Stap een. <ins>Stap twee.</ins></p>',
        labels["literature"]: '<p class="difference__changed"><ins>Wenger (1998).</ins></p>',
    }


def test_other_kinds_compare_their_one_text_and_who_may_read_it():
    item = make_item("achtergrond", kind=ResourceKind.BACKGROUND, body="Eerste alinea.")
    changed = _edited(item, body="Eerste alinea.\n\nTweede alinea.", visibility="members")
    assert changed == {
        "Tekst": '<p class="difference__unchanged">Eerste alinea.</p>\n'
        '<p class="difference__changed"><ins>Tweede alinea.</ins></p>',
        "Wie mag het item lezen": '<p class="difference__changed"><del>Iedereen</del> '
        "<ins>Alleen leden</ins></p>",
    }


def test_hostile_text_is_escaped_in_the_difference():
    item = make_item("werkvorm", title="Het buurtgesprek")
    hostile = {**item.sections, "approach": '<img src=x onerror="a()">'}
    changed = _edited(item, title=f"Het {SCRIPT} buurtgesprek", sections=hostile)
    assert "<script>" not in changed["Titel"] and "<img" not in changed["Aanpak"]
    assert "<ins>&lt;script&gt;alert(1)&lt;/script&gt;</ins>" in changed["Titel"]
    assert "&lt;img src=x onerror=&quot;a()&quot;&gt;" in changed["Aanpak"]


def test_long_unchanged_stretches_are_shortened():
    words = " ".join(f"woord{n}" for n in range(40))
    paragraphs = "\n\n".join(f"Alinea {n} blijft." for n in range(6))
    item = make_item("achtergrond", kind=ResourceKind.BACKGROUND, body=f"{words}\n\n{paragraphs}")
    changed = _edited(item, body=f"{words} nieuw\n\n{paragraphs}\n\nSlot.")["Tekst"]
    assert "woord31" not in changed and "woord0" not in changed
    assert "… woord32" in changed and "woord39 <ins>nieuw</ins>" in changed
    assert "Alinea 0 blijft." in changed and "Alinea 5 blijft." in changed
    assert "Alinea 2" not in changed and "4 alinea&#x27;s ongewijzigd" in changed
    assert changed.endswith('<p class="difference__changed"><ins>Slot.</ins></p>')


def test_the_first_version_has_nothing_to_compare_with():
    item = make_item("werkvorm")
    assert versions.previous_version(versions.current_version(item)) is None


def test_a_very_long_paragraph_is_shown_removed_and_added_as_a_whole():
    # Word by word, two paragraphs of thousands of words take seconds to compare.
    words = " ".join(f"woord{n}" for n in range(1000))
    item = make_item("achtergrond", kind=ResourceKind.BACKGROUND, body=words)
    changed = _edited(item, body=words.replace("woord500", "nieuw"))["Tekst"]
    assert changed.startswith('<p class="difference__changed"><del>woord0 woord1')
    assert "woord999</del> <ins>woord0 woord1" in changed and "nieuw woord501" in changed
    assert changed.count("<del>") == changed.count("<ins>") == 1
