"""A figure as a table beside its chart, and as a CSV file: the same rows as the chart.

The table is for people (Dutch numbers, percentages with a sign, a dash where nothing was
counted); the CSV is for spreadsheets and machines (plain numbers, with the decimal sign and
the separator of the reader's language so a Dutch Excel opens it, dates as ISO 8601) and
opens safely (atelier/spreadsheets.py).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from django.http import HttpResponse
from django.utils.formats import date_format, number_format
from django.utils.text import slugify

from atelier.spreadsheets import csv_number, csv_response, csv_safe

from .figures import Figure
from .periods import Period

NOTHING = "–"


def row_name(value: object) -> str:
    """The name of a row as people read it: a date names a month (the rows of a line
    over time are the months of the period)."""
    if isinstance(value, date):
        return date_format(value, "b Y")
    return str(value)


def cell_text(value: object, percent: bool = False) -> str:
    """A value as people read it: `1.234`, `3,5`, `42%`, `30 december 2026`, or a dash
    for nothing."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return NOTHING
    if isinstance(value, date):
        return date_format(value)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    whole = isinstance(value, int) or value.is_integer()
    text = number_format(value, decimal_pos=0 if whole else 1, force_grouping=True)
    return f"{text}%" if percent else text


@dataclass(frozen=True)
class TableRow:
    name: str
    values: list[str]
    links: tuple[tuple[str, str], ...]  # (text, address): e.g. the stories that tell a cycle


@dataclass(frozen=True)
class Table:
    caption: str
    columns: list[str]
    rows: list[TableRow]
    has_links: bool  # a last column with each row's links


def table_for(figure: Figure) -> Table:
    """The figure's rows as text for the table beside its chart, with their links."""
    links = figure.links or ((),) * len(figure.rows)
    rows = [
        TableRow(
            row_name(row[0]),
            [
                cell_text(value, column in figure.percent_columns)
                for column, value in enumerate(row[1:], start=1)
            ],
            row_links,
        )
        for row, row_links in zip(figure.rows, links, strict=True)
    ]
    columns = [str(column) for column in figure.columns]
    return Table(str(figure.title), columns, rows, has_links=any(links))


def csv_rows(figure: Figure) -> Iterator[list]:
    """The header and the rows of the figure's CSV file."""
    yield [csv_safe(column) for column in figure.columns]
    for row in figure.rows:
        yield [_csv_cell(value) for value in row]


def _csv_cell(value: object) -> object:
    if isinstance(value, float) and math.isnan(value):
        return ""
    if isinstance(value, float):
        return csv_number(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, date):
        return value.isoformat()
    return csv_safe(value)


def csv_download(figure: Figure, period: Period) -> HttpResponse:
    """The figure as a CSV download named after it and its period."""
    name = f"{slugify(figure.key)}-{period.first_day.isoformat()}-{period.last_day.isoformat()}"
    response, writer = csv_response(name)
    writer.writerows(csv_rows(figure))
    return response
