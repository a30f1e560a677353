"""A figure kept as plain JSON, so a published report shows the figures it was published
with (YearReport.figures) and draws its charts and tables from them as from a new one.

Titles, descriptions and column names are kept as text in the site's language (Dutch, the
language of the report); numbers stay numbers and days stay days (`{"date": "2025-01-01"}`),
so a chart and its table are drawn from them as from the figure itself. Links beside rows
are left out: the report shows counts, never what a row links to.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.utils import timezone, translation

from .figures import ChartKind, Figure

JsonValue = str | int | float | bool | None | dict[str, str]


def plain(value: Any) -> JsonValue:
    """A cell of a figure as a JSON value: numbers as numbers, a day as `{"date": ...}`,
    a duration in days, anything else (a lazy label) as its text."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, timedelta):
        return value.total_seconds() / 86_400
    if isinstance(value, datetime):
        return {"date": timezone.localdate(value).isoformat()}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    return str(value)


def _cell(value: JsonValue) -> Any:
    if isinstance(value, dict):
        return date.fromisoformat(value["date"])
    return value


def to_snapshot(figure: Figure) -> dict[str, Any]:
    """`figure` as a JSON object, its texts in the site's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return {
            "key": figure.key,
            "title": str(figure.title),
            "description": str(figure.description),
            "columns": [str(column) for column in figure.columns],
            "rows": [[plain(cell) for cell in row] for row in figure.rows],
            "chart": figure.chart.value,
            "note": str(figure.note),
            "percent_columns": sorted(figure.percent_columns),
        }


def from_snapshot(data: dict[str, Any]) -> Figure:
    """The figure a snapshot was taken of."""
    return Figure(
        key=data["key"],
        title=data["title"],
        description=data["description"],
        columns=list(data["columns"]),
        rows=[[_cell(cell) for cell in row] for row in data["rows"]],
        chart=ChartKind(data["chart"]),
        note=data["note"],
        percent_columns=frozenset(data["percent_columns"]),
    )
