"""What the yearly report shows, the same on its page and in its PDF: the introduction, the
year's figures as they were taken (each as a table of display text) and the picked
stories their authors still let everyone read.

Each figure is shown as the dashboard shows it, a chart drawn as SVG with the same numbers
in a table under it. The figures are counts only (dashboard's figure modules count, never
name); the only names in the report are those of the picked stories' authors, who chose
to tell them to everyone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.formats import number_format

from .charts import BarChart, LineChart, chart_for
from .figures import Figure
from .models import YearReport
from .year_reports import shown_figures

# Shown in a cell that has no number (a median of nothing).
NO_NUMBER = "–"


@dataclass(frozen=True)
class FigureTable:
    """A figure ready to show: its chart (the dashboard's, dashboard/charts.py; None for a
    table only), its texts, and each cell of its table as text."""

    figure: Figure
    chart: BarChart | LineChart | None
    columns: list[str]
    rows: list[list[str]]


def shown_cell(value: Any, percent: bool) -> str:
    if value is None:
        return NO_NUMBER
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    shown = number_format(value, decimal_pos=None if isinstance(value, int) else 1)
    return f"{shown}%" if percent else shown


def figure_table(figure: Figure) -> FigureTable:
    """`figure`'s rows as text, percentages with their sign."""
    return FigureTable(
        figure,
        chart_for(figure),
        [str(column) for column in figure.columns],
        [
            [shown_cell(cell, index in figure.percent_columns) for index, cell in enumerate(row)]
            for row in figure.rows
        ],
    )


def contents_of(report: YearReport) -> dict[str, Any]:
    """The template context of the report's page and PDF."""
    return {
        "report": report,
        "figures": [figure_table(figure) for figure in shown_figures(report)],
        "stories": list(report.shown_stories()),
    }
