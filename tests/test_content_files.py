"""atelier/content_files.py: Markdown files with a TOML header, read for texts and the demo."""

from collections.abc import Sequence
from dataclasses import dataclass

import pytest

from atelier.content_files import read_content_file, read_content_folder, read_toml


@dataclass(frozen=True)
class Note:
    title: str
    body: str
    tags: Sequence[str] = ()


def write(path, text: str):
    path.write_text(text, encoding="utf-8")
    return path


def test_a_content_file_is_its_header_and_its_markdown(tmp_path):
    path = write(
        tmp_path / "over-ons.md",
        '+++\ntitle = "Over ons"\ntags = ["a", "b"]\n+++\n\nEerste alinea.\n\n## Kop\n\nTekst.\n',
    )

    content = read_content_file(path)

    assert content.key == "over-ons"
    assert content.fields == {"title": "Over ons", "tags": ["a", "b"]}
    assert content.body == "Eerste alinea.\n\n## Kop\n\nTekst."
    assert content.build(Note, body=content.body) == Note("Over ons", content.body, ["a", "b"])


def test_a_misspelt_field_names_the_file(tmp_path):
    content = read_content_file(write(tmp_path / "x.md", '+++\ntitel = "Fout"\n+++\nTekst\n'))

    with pytest.raises(ValueError, match=r"x\.md: .*titel"):
        content.build(Note, body=content.body)


@pytest.mark.parametrize(
    "text",
    [
        "Tekst zonder kop.\n",
        '+++\ntitle = "Geen einde"\nTekst\n',
        'Eerst tekst\n+++\ntitle = "Te laat"\n+++\n',
        '+++\ntitle = "Geen aanhalingsteken\n+++\nTekst\n',
    ],
)
def test_a_file_without_a_proper_header_names_the_file(tmp_path, text):
    with pytest.raises(ValueError, match=r"kapot\.md"):
        read_content_file(write(tmp_path / "kapot.md", text))


def test_a_folder_is_read_in_the_order_of_the_names_and_toml_on_its_own(tmp_path):
    write(tmp_path / "b.md", '+++\ntitle = "B"\n+++\n')
    write(tmp_path / "a.md", '+++\ntitle = "A"\n+++\n')
    write(tmp_path / "lijst.toml", 'a = { name = "A" }\n')

    assert [content.key for content in read_content_folder(tmp_path)] == ["a", "b"]
    assert read_toml(tmp_path / "lijst.toml") == {"a": {"name": "A"}}
    with pytest.raises(ValueError, match=r"lijst\.toml"):
        read_toml(write(tmp_path / "lijst.toml", "a = \n"))
