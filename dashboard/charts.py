"""A figure as a chart: inline SVG drawn on the server, read by eye and by screen reader.

Django templates draw the SVG (templates/dashboard/charts/), this module works out where
everything goes. Each chart is an image with a title and a description
(`role="img" aria-labelledby`); colour is never the only signal: bars carry their value
as text and each series of bars its own pattern, lines differ in dash and marker, and a
legend names them. The same numbers stand in a table beside the chart
(dashboard/tables.py).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from django.utils.text import slugify

from .figures import ChartKind, Figure
from .tables import cell_text, row_name

# The layout, in the SVG's own units (its width scales with the page).
WIDTH = 640
FONT_SIZE = 13
TOP = 8
LEFT = 8
LEGEND_LINE = 22  # one line of the legend per series
LEGEND_SWATCH = 32
BAR_HEIGHT = 18
BAR_GAP = 3
GROUP_GAP = 14
NAME_HEIGHT = 18  # a bar group's name, above its bars
VALUE_ROOM = 80  # right of the longest bar: its value
PLOT_LEFT = 56  # room for the values of the lines
PLOT_RIGHT = WIDTH - 16
PLOT_HEIGHT = 200
TICK_ROOM = 36  # under the lines: the rows' names
MOST_TICKS = 8
MARKER_SIZE = 4
# Colours for the series: each at least 4.5:1 against the white ground, so also the thin
# lines of a pattern stand out (WCAG 1.4.11 asks 3:1 of graphics).
COLOURS = ("#1d4f91", "#a3341c", "#2d6a2e", "#6b3fa0", "#7a5200", "#3d3d3d")
DASHES = ("none", "8 4", "2 3", "10 3 2 3", "4 4", "1 5")
MARKERS = ("circle", "square", "triangle", "diamond", "cross", "bar")
# How a series of bars is filled: solid, then a pattern in a tile of 8 by 8 (the lines
# of a hatch, dots, a cross-hatch, stripes, upright stripes).
PATTERNS = (
    "",
    "M0 8L8 0M-1 1L1 -1M7 9L9 7",
    "M1.5 1.5h2v2h-2zM5.5 5.5h2v2h-2z",
    "M0 0L8 8M8 0L0 8",
    "M0 2H8M0 6H8",
    "M2 0V8M6 0V8",
)
LABEL_LENGTH = 80  # characters of a bar's name; the table beside it has them all
TICK_LABEL_LENGTH = 12
# Characters XML does not allow, even escaped: a title with them would break the SVG.
NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def svg_text(value: object, length: int | None = None) -> str:
    """`value` as text SVG can hold: a row's name as in the table, without the characters
    XML forbids, cut at `length` characters with an ellipsis. The template escapes it."""
    text = row_name(value)
    text = NOT_IN_XML.sub("", " ".join(text.split()))
    if length is not None and len(text) > length:
        return text[: length - 1].rstrip() + "…"
    return text


@dataclass(frozen=True)
class Series:
    """One numeric column of the figure drawn in the chart: its name and how it looks."""

    column: int
    name: str
    colour: str
    dash: str
    marker: str
    pattern: str  # an SVG path drawn on each tile of the pattern; empty: solid colour
    pattern_id: str

    @property
    def paint(self) -> str:
        """What a bar of this series is filled with."""
        return f"url(#{self.pattern_id})" if self.pattern else self.colour


@dataclass(frozen=True)
class LegendEntry:
    """A swatch of the series (a patch of its fill, or a stretch of its line with its
    marker) and its name."""

    series: Series
    top: float
    middle: float
    baseline: float  # of the name
    marker: str
    left: float = LEFT
    right: float = LEFT + LEGEND_SWATCH
    text_x: float = LEFT + LEGEND_SWATCH + 8
    swatch_width: float = LEGEND_SWATCH
    swatch_height: float = 14


@dataclass(frozen=True)
class Bar:
    series: Series
    x: float
    y: float
    width: float
    height: float
    label: str  # the value, as text beside the bar
    label_x: float
    label_y: float


@dataclass(frozen=True)
class BarGroup:
    """One row of the figure: its name above its bars."""

    name: str
    name_y: float
    bars: list[Bar]


@dataclass(frozen=True)
class Tick:
    """A value line across the plot (at `y`) with its label on the left, or a row's name
    under its point."""

    label: str
    x: float
    y: float
    text_x: float
    text_y: float


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    marker: str  # an SVG path drawing the series' marker around the point
    label: str  # for the tooltip: the row's name and the value


@dataclass(frozen=True)
class Line:
    series: Series
    path: str  # empty where a value is missing: the line breaks there
    points: list[Point]


@dataclass(frozen=True)
class Chart:
    """What every chart has: its size, its ids and the texts that describe it."""

    id: str
    title: str
    description: str
    width: int
    height: int
    series: list[Series]
    legend: list[LegendEntry]

    @property
    def title_id(self) -> str:
        return f"{self.id}-title"

    @property
    def description_id(self) -> str:
        return f"{self.id}-desc"


@dataclass(frozen=True)
class BarChart(Chart):
    groups: list[BarGroup]
    baseline_x: float  # where the bars start: the value 0
    bars_top: float
    name_x: float = LEFT
    template: str = "dashboard/charts/bars.svg"


@dataclass(frozen=True)
class LineChart(Chart):
    lines: list[Line]
    grid: list[Tick]  # the value lines, labelled on the left
    ticks: list[Tick]  # the rows' names under the plot
    plot_left: float
    plot_right: float
    plot_top: float
    plot_bottom: float
    template: str = "dashboard/charts/lines.svg"


def chart_for(figure: Figure) -> BarChart | LineChart | None:
    """The chart of `figure`, or None for a figure shown only as a table or without rows."""
    if not figure.rows or figure.chart == ChartKind.TABLE:
        return None
    if figure.chart == ChartKind.LINES:
        return _line_chart(figure)
    return _bar_chart(figure)


def _drawn_columns(figure: Figure) -> list[int]:
    """The columns a chart draws: numbers of one kind on one scale. Where counts stand
    beside percentages (members per tier, and their share), the counts; the table beside
    the chart has both."""
    numeric = range(1, len(figure.columns))
    counts = [column for column in numeric if column not in figure.percent_columns]
    return counts or list(numeric)


def _value_label(figure: Figure, row: list, column: int, drawn: list[int]) -> str:
    """A value as text; a single count with its share beside it: "120 (12%)"."""
    text = cell_text(_cell(row, column), column in figure.percent_columns)
    shares = [one for one in sorted(figure.percent_columns) if one not in drawn]
    if len(drawn) == 1 and shares and _cell(row, shares[0]) is not None:
        text = f"{text} ({cell_text(_cell(row, shares[0]), percent=True)})"
    return svg_text(text)


def _cell(row: list, column: int) -> object:
    return row[column] if column < len(row) else None


def _series(figure: Figure, chart_id: str) -> list[Series]:
    return [
        Series(
            column=column,
            name=svg_text(figure.columns[column], LABEL_LENGTH),
            colour=COLOURS[number % len(COLOURS)],
            dash=DASHES[number % len(DASHES)],
            marker=MARKERS[number % len(MARKERS)],
            pattern=PATTERNS[number % len(PATTERNS)],
            pattern_id=f"{chart_id}-fill-{number}",
        )
        for number, column in enumerate(_drawn_columns(figure))
    ]


def _legend(series: list[Series]) -> list[LegendEntry]:
    """A legend only where there is more than one series to tell apart."""
    if len(series) < 2:
        return []
    entries = []
    for number, one in enumerate(series):
        top = TOP + LEGEND_LINE * number
        middle = top + 7
        marker = _marker(one.marker, LEGEND_SWATCH / 2 + LEFT, middle)
        entries.append(LegendEntry(one, top, middle, top + 12, marker))
    return entries


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return None if math.isnan(value) else float(value)


def _base(figure: Figure) -> dict:
    chart_id = "chart-" + (slugify(figure.key) or "figure")
    series = _series(figure, chart_id)
    return {
        "id": chart_id,
        "title": svg_text(figure.title),
        "description": svg_text(figure.description),
        "width": WIDTH,
        "series": series,
        "legend": _legend(series),
    }


def _bar_chart(figure: Figure) -> BarChart:
    base = _base(figure)
    series = base["series"]
    drawn = [one.column for one in series]
    values = [_number(_cell(row, column)) for row in figure.rows for column in drawn]
    numbers = [value for value in values if value is not None]
    percent = figure.percent_columns.issuperset(drawn)
    low = min([0.0, *numbers])
    high = max([100.0 if percent else 1.0, *numbers])
    scale = (WIDTH - LEFT - VALUE_ROOM) / (high - low)
    baseline_x = LEFT - low * scale
    y = TOP + len(base["legend"]) * LEGEND_LINE + (GROUP_GAP if base["legend"] else 0)
    bars_top = y + NAME_HEIGHT
    groups = []
    for row in figure.rows:
        name_y = y + FONT_SIZE
        y += NAME_HEIGHT
        bars = []
        for one in series:
            value = _number(_cell(row, one.column))
            length = abs(value or 0.0) * scale
            x = baseline_x - length if (value or 0) < 0 else baseline_x
            bars.append(
                Bar(
                    series=one,
                    x=round(x, 1),
                    y=y,
                    width=round(length, 1),
                    height=BAR_HEIGHT,
                    label=_value_label(figure, row, one.column, drawn),
                    label_x=round(max(x + length, baseline_x) + 4, 1),
                    label_y=y + BAR_HEIGHT - 5,
                )
            )
            y += BAR_HEIGHT + BAR_GAP
        groups.append(BarGroup(svg_text(row[0], LABEL_LENGTH), name_y, bars))
        y += GROUP_GAP
    return BarChart(
        **base,
        height=int(y),
        groups=groups,
        baseline_x=round(baseline_x, 1),
        bars_top=bars_top,
    )


def _line_chart(figure: Figure) -> LineChart:
    base = _base(figure)
    series = base["series"]
    drawn = [one.column for one in series]
    percent = figure.percent_columns.issuperset(drawn)
    numbers = [
        number
        for row in figure.rows
        for column in drawn
        if (number := _number(_cell(row, column))) is not None
    ]
    top = TOP + len(base["legend"]) * LEGEND_LINE + FONT_SIZE
    bottom = top + PLOT_HEIGHT
    step, high = _grid_step(max([0.0, *numbers]), percent)
    low = math.floor(min([0.0, *numbers]) / step) * step

    def y_of(value: float) -> float:
        return round(bottom - (value - low) / (high - low) * PLOT_HEIGHT, 1)

    rows = figure.rows
    gap = (PLOT_RIGHT - PLOT_LEFT) / max(len(rows) - 1, 1)

    def x_of(index: int) -> float:
        # One row: its point in the middle.
        return round(PLOT_LEFT + (index * gap if len(rows) > 1 else gap / 2), 1)

    lines = []
    for one in series:
        points: list[Point] = []
        path: list[str] = []
        pen_down = False
        for index, row in enumerate(rows):
            value = _number(_cell(row, one.column))
            if value is None:
                pen_down = False
                continue
            x, y = x_of(index), y_of(value)
            path.append(f"{'L' if pen_down else 'M'}{x} {y}")
            pen_down = True
            shown = _value_label(figure, row, one.column, drawn)
            points.append(Point(x, y, _marker(one.marker, x, y), f"{svg_text(row[0])}: {shown}"))
        lines.append(Line(one, " ".join(path), points))
    grid = []
    value = low
    while value <= high + step / 2:
        y = y_of(value)
        grid.append(Tick(cell_text(_plain(value), percent), PLOT_LEFT, y, PLOT_LEFT - 6, y + 4))
        value += step
    every = math.ceil(len(rows) / MOST_TICKS)
    ticks = [
        Tick(svg_text(row[0], TICK_LABEL_LENGTH), x_of(index), bottom, x_of(index), bottom + 20)
        for index, row in enumerate(rows)
        if index % every == 0
    ]
    return LineChart(
        **base,
        height=int(bottom + TICK_ROOM),
        lines=lines,
        grid=grid,
        ticks=ticks,
        plot_left=PLOT_LEFT,
        plot_right=PLOT_RIGHT,
        plot_top=top,
        plot_bottom=bottom,
    )


def _grid_step(highest: float, percent: bool) -> tuple[float, float]:
    """A round step between the value lines (1, 2 or 5 times a power of ten, whole
    numbers at least) and the top line: the highest value or above it."""
    if percent and highest <= 100:
        return 25.0, 100.0
    rough = max(highest / 4, 1.0)
    power = 10 ** math.floor(math.log10(rough))
    step = next(power * factor for factor in (1, 2, 5, 10) if power * factor >= rough)
    return float(step), float(math.ceil(highest / step) * step or step)


def _plain(value: float) -> int | float:
    return int(value) if value == int(value) else value


def _marker(shape: str, x: float, y: float) -> str:
    """An SVG path of `shape` around (x, y)."""
    s = MARKER_SIZE
    if shape == "square":
        return f"M{x - s} {y - s}h{2 * s}v{2 * s}h{-2 * s}Z"
    if shape == "triangle":
        return f"M{x} {y - s - 1}L{x + s + 1} {y + s}L{x - s - 1} {y + s}Z"
    if shape == "diamond":
        return f"M{x} {y - s - 1}L{x + s + 1} {y}L{x} {y + s + 1}L{x - s - 1} {y}Z"
    if shape == "cross":
        return f"M{x - s} {y - s}L{x + s} {y + s}M{x - s} {y + s}L{x + s} {y - s}"
    if shape == "bar":
        return f"M{x - s - 1} {y}H{x + s + 1}"
    return f"M{x - s} {y}a{s} {s} 0 1 0 {2 * s} 0a{s} {s} 0 1 0 {-2 * s} 0Z"
