"""Spreadsheets the coordinator downloads: CSV files that open safely in Excel or LibreOffice."""

import csv
from typing import Any

from django.http import HttpResponse
from django.utils import timezone

# A cell starting with one of these is read as a formula (CSV injection, OWASP).
FORMULA_STARTS = frozenset({"=", "+", "-", "@", "\t", "\r"})


def csv_safe(value: Any) -> str:
    """`value` as a cell a spreadsheet will not run as a formula: empty for None, and a
    leading apostrophe before what would start a formula."""
    text = "" if value is None else str(value)
    return f"'{text}" if text[:1] in FORMULA_STARTS else text


def csv_response(name: str) -> tuple[HttpResponse, Any]:
    """A CSV download named `name` and today's date (`leden-2026-12-06.csv`), and a
    csv.writer into it. It starts with a byte-order mark, so spreadsheet programs read
    the file as UTF-8."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.csv"'
    response.write("\ufeff")
    return response, csv.writer(response)
