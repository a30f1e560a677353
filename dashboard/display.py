"""A figure as a page shows it: its chart, the table beside it and where its CSV is."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from .charts import BarChart, LineChart, chart_for
from .figures import Figure
from .forms import period_query
from .periods import Period
from .tables import Table, table_for


@dataclass(frozen=True)
class ShownFigure:
    """What templates/dashboard/figure.html shows of a figure."""

    figure: Figure
    chart: BarChart | LineChart | None  # None: a table only
    table: Table
    csv_url: str  # empty: no download link (e.g. in the published yearly report)

    @property
    def is_empty(self) -> bool:
        """Nothing counted in the period: a sentence says so instead of a chart and table."""
        return not self.figure.rows


def show(figure: Figure, csv_url: str = "") -> ShownFigure:
    """`figure` with its chart and its table, and the address of its CSV if it has one."""
    return ShownFigure(figure, chart_for(figure), table_for(figure), csv_url)


def csv_url(figure: Figure, period: Period) -> str:
    """The address of the figure's CSV over `period` (for the coordinator, in the admin)."""
    address = reverse("dashboard:figure_csv", args=[figure.key])
    return f"{address}?{period_query(period)}"
