"""Spreadsheets the coordinator downloads: CSV files that open safely in Excel or LibreOffice."""

from typing import Any

# A cell starting with one of these is read as a formula (CSV injection, OWASP).
FORMULA_STARTS = frozenset({"=", "+", "-", "@", "\t", "\r"})


def csv_safe(value: Any) -> str:
    """`value` as a cell a spreadsheet will not run as a formula: empty for None, and a
    leading apostrophe before what would start a formula."""
    text = "" if value is None else str(value)
    return f"'{text}" if text[:1] in FORMULA_STARTS else text
