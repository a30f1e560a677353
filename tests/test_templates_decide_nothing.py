"""Templates show data; they decide nothing, and a reader can read them.

Every template under templates/ is scanned: no `{% if %}` or `{% elif %}` compares with a
literal string (`registration.status == "confirmed"`): the model answers the question
(`registration.is_confirmed`, `event.is_full`); and no line is longer than 120 characters.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings

TEMPLATES = sorted(
    path for folder in settings.TEMPLATES[0]["DIRS"] for path in Path(folder).rglob("*.*")
)
LONGEST_LINE = 120
CONDITION = re.compile(r"{%-?\s*(?:el)?if\s(.*?)-?%}")
LITERAL = r"""(?:"[^"]*"|'[^']*')"""
LITERAL_COMPARISON = re.compile(rf"(?:[=!]=\s*{LITERAL})|(?:{LITERAL}\s*[=!]=)")


def relative(path: Path) -> str:
    return str(path.relative_to(settings.BASE_DIR))


def test_there_are_templates_to_scan():
    assert len(TEMPLATES) > 100


def literal_comparisons(text: str) -> list[str]:
    return [
        condition.group(0)
        for condition in CONDITION.finditer(text)
        if LITERAL_COMPARISON.search(condition.group(1))
    ]


@pytest.mark.parametrize(
    ("condition", "found"),
    [
        ('{% if registration.status == "confirmed" %}', True),
        ("{% elif event.kind != 'public' %}", True),
        ('{% if "draft" == resource.status %}', True),
        ("{% if registration.is_confirmed %}", False),
        ('{% if event.is_full %}{% translate "Full" %}{% endif %}', False),
        ("{% if widget.value != None %}", False),
    ],
)
def test_the_scan_finds_literal_comparisons(condition, found):
    assert bool(literal_comparisons(condition)) is found


@pytest.mark.parametrize("path", TEMPLATES, ids=relative)
def test_no_template_compares_with_a_literal_string(path):
    assert literal_comparisons(path.read_text()) == []


def long_lines(path: Path) -> list[int]:
    return [
        number
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if len(line) > LONGEST_LINE
    ]


@pytest.mark.parametrize("path", TEMPLATES, ids=relative)
def test_no_template_line_is_longer_than_120_characters(path):
    assert long_lines(path) == []
