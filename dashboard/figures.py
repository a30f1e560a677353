"""One figure of the dashboard or the yearly report: the numbers, and how to show them.

A figure is computed once (by the modules named after what they count) and then shown
three ways from the same rows: as a chart (dashboard/charts.py), as a table beside it,
and as a CSV download. So the chart, the table and the file can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from django.utils.functional import Promise


class ChartKind(Enum):
    """How a figure is drawn: bars per row, a line per column over the rows (months), or
    only the table (e.g. a list of events)."""

    BARS = "bars"
    LINES = "lines"
    TABLE = "table"


@dataclass(frozen=True)
class Figure:
    """`rows` of values under `columns`; the first column names the row (a level, a
    month, an event), the others are numbers.

    `key` is the figure's address in the CSV download (`/admin/overzicht/<key>.csv`);
    `description` says in one or two sentences what the chart shows, for screen readers
    and under the chart.
    """

    key: str
    title: str | Promise
    description: str | Promise
    columns: list[str | Promise]
    rows: list[list]
    chart: ChartKind = ChartKind.BARS
    # A note under the table, e.g. how a number is counted.
    note: str | Promise = ""
    # Numbers shown as percentages (0-100) in these columns (by index).
    percent_columns: frozenset[int] = field(default_factory=frozenset)
    # Links beside each row (by index, as many as there are rows, or none): (text, address)
    # pairs, e.g. the stories that tell a cycle. The CSV leaves them out.
    links: tuple[tuple[tuple[str, str], ...], ...] = ()
