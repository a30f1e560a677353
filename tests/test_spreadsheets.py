"""Cells of the coordinator's CSV downloads never run as formulas (atelier/spreadsheets.py)."""

import pytest

from atelier.spreadsheets import csv_safe


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+31 6 1234", "'+31 6 1234"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTab", "'\tTab"),
        ("\rReturn", "'\rReturn"),
        ("Petra Jansen", "Petra Jansen"),
        ("a=b", "a=b"),
        (None, ""),
        (42, "42"),
    ],
)
def test_csv_safe_defuses_what_a_spreadsheet_would_run(value, cell):
    assert csv_safe(value) == cell
