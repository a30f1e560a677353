"""Spreadsheets the coordinator downloads: CSV files that open safely in Excel or LibreOffice."""

import csv
from typing import Any

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.formats import number_format

# A cell starting with one of these is read as a formula (CSV injection, OWASP).
FORMULA_STARTS = frozenset({"=", "+", "-", "@", "\t", "\r"})


def csv_safe(value: Any) -> str:
    """`value` as a cell a spreadsheet will not run as a formula: empty for None, and a
    leading apostrophe before what would start a formula."""
    text = "" if value is None else str(value)
    return f"'{text}" if text[:1] in FORMULA_STARTS else text


def list_separator() -> str:
    """The separator of values the reader's spreadsheet program expects: Dutch ones use a
    semicolon, since the comma is their decimal sign; English ones a comma."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    return ";" if language.startswith("nl") else ","


def csv_number(value: float) -> str:
    """A number with a fraction as the reader's spreadsheet program reads it: `7,4` in
    Dutch, `7.4` in English; no thousands separators."""
    return number_format(value, use_l10n=True, force_grouping=False)


def csv_response(name: str) -> tuple[HttpResponse, Any]:
    """A CSV download named `name` and today's date (`leden-2026-12-06.csv`), and a
    csv.writer into it, its values separated as the reader's language expects
    (`list_separator`). It starts with a byte-order mark, so spreadsheet programs read
    the file as UTF-8."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.csv"'
    response.write("\ufeff")
    return response, csv.writer(response, delimiter=list_separator())
