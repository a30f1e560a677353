"""Shared form helpers: one line of clean text."""

import pytest
from django import forms

from atelier.forms import clean_single_line


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Ans\tde Vries", "Ans de Vries"),
        ("Ans\nde  Vries ", "Ans de Vries"),
        ("Buurt\u202ewerk", "Buurtwerk"),
        ("zero\u200bwidth", "zerowidth"),
        ("", ""),
    ],
)
def test_clean_single_line(value, expected):
    assert clean_single_line(value) == expected


def test_only_invisible_characters_is_refused():
    with pytest.raises(forms.ValidationError):
        clean_single_line("\u202e\u200b")
