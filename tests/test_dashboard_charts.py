"""The dashboard's charts (dashboard/charts.py): valid SVG images with a title and a
description, colour never the only signal, every label escaped, drawn from any Figure."""

import dataclasses
import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from dashboard.charts import LABEL_LENGTH, PLOT_LEFT, PLOT_RIGHT, chart_for
from dashboard.display import show
from dashboard.figures import ChartKind, Figure
from dashboard.tables import table_for

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = [
    "<script>alert(1)</script>",
    '"><svg onload=alert(1)>',
    "]]><!-- & ' \"",
    "Buurt\x00werk\x1b[31m\ufffe",
    "{{7*7}} {% debug %}",
    "\u202egnp.exe",
]


def figure(rows, columns=("Niveau", "Leden"), chart=ChartKind.BARS, **fields) -> Figure:
    return Figure(
        key=fields.pop("key", "leden-per-niveau"),
        title=fields.pop("title", "Leden per niveau"),
        description=fields.pop("description", "Hoeveel actieve leden elk niveau heeft."),
        columns=list(columns),
        rows=[list(row) for row in rows],
        chart=chart,
        **fields,
    )


def drawn(figure: Figure) -> ET.Element:
    """The figure's chart as the page has it, parsed as XML: it must be valid."""
    chart = chart_for(figure)
    assert chart is not None
    return ET.fromstring(render_to_string(chart.template, {"chart": chart}))


def texts(svg: ET.Element) -> list[str]:
    return [element.text for element in svg.iter(f"{SVG}text")]


def bars(svg: ET.Element) -> list[ET.Element]:
    """The bars: rectangles with a height, other than the white ground and the legend."""
    return [rect for rect in svg.iter(f"{SVG}rect") if rect.get("height") == "18"]


def test_a_chart_is_an_image_named_by_its_title_and_description():
    svg = drawn(figure([("Bijeenkomsten", 12)]))
    assert svg.get("role") == "img"
    title_id, description_id = svg.get("aria-labelledby").split()
    assert svg.find(f"{SVG}title").get("id") == title_id
    assert svg.find(f"{SVG}title").text == "Leden per niveau"
    assert svg.find(f"{SVG}desc").get("id") == description_id
    assert svg.find(f"{SVG}desc").text == "Hoeveel actieve leden elk niveau heeft."
    assert not list(svg.iter(f"{SVG}script"))


def test_bars_carry_their_value_as_text_and_grow_with_it():
    svg = drawn(figure([("Bijeenkomsten", 12), ("Online", 6), ("Publiek", 0)]))
    widths = [float(bar.get("width")) for bar in bars(svg)]
    assert widths[0] == pytest.approx(2 * widths[1])
    assert widths[2] == 0
    assert texts(svg) == ["Bijeenkomsten", "12", "Online", "6", "Publiek", "0"]


def test_series_of_bars_differ_by_pattern_and_are_named_in_a_legend():
    svg = drawn(
        figure(
            [("Open middag", 20, 15), ("Bijeenkomst", 12, 12)],
            columns=("Activiteit", "Aangemeld", "Aanwezig"),
        )
    )
    fills = [bar.get("fill") for bar in bars(svg)]
    assert fills[0] != fills[1]  # one solid, one a pattern
    assert fills[1].startswith("url(#") and fills[1] == fills[3]
    pattern_id = fills[1][5:-1]
    assert [p.get("id") for p in svg.iter(f"{SVG}pattern")] == [pattern_id]
    assert texts(svg)[:2] == ["Aangemeld", "Aanwezig"]  # the legend, first


def test_lines_differ_by_dash_and_marker_and_are_named_in_a_legend():
    months = [date(2026, month, 1) for month in (1, 2, 3)]
    with translation.override("nl"):
        svg = drawn(
            figure(
                [(month, 10 + n, 5, n) for n, month in enumerate(months)],
                columns=("Maand", "Deelnemer bijeenkomsten", "Online platform", "Alleen publiek"),
                chart=ChartKind.LINES,
            )
        )
    lines = [path for path in svg.iter(f"{SVG}path") if path.get("fill") == "none"]
    assert len(lines) == 3
    assert len({line.get("stroke-dasharray") for line in lines}) == 3
    markers = [path for path in svg.iter(f"{SVG}path") if path.find(f"{SVG}title") is not None]
    assert len(markers) == 9
    # The drawing commands of each line's first marker: a circle, a square, a triangle.
    shapes = {re.sub("[^A-Za-z]", "", markers[n].get("d")) for n in (0, 3, 6)}
    assert len(shapes) == 3
    assert markers[0].find(f"{SVG}title").text == "jan 2026: 10"
    legend = texts(svg)[:3]
    assert legend == ["Deelnemer bijeenkomsten", "Online platform", "Alleen publiek"]
    assert {"jan 2026", "feb 2026", "mrt 2026"} <= set(texts(svg))


def test_a_missing_value_breaks_the_line():
    rows = [(date(2026, month, 1), value) for month, value in ((1, 3), (2, None), (3, 4), (4, 5))]
    svg = drawn(figure(rows, columns=("Maand", "Mediaan"), chart=ChartKind.LINES))
    (line,) = [path for path in svg.iter(f"{SVG}path") if path.get("fill") == "none"]
    assert line.get("d").count("M") == 2
    assert line.get("d").count("L") == 1


def test_one_row_of_lines_is_a_point_in_the_middle():
    chart = chart_for(figure([(date(2026, 1, 1), 7)], chart=ChartKind.LINES))
    (line,) = chart.lines
    assert line.points[0].x == (PLOT_LEFT + PLOT_RIGHT) / 2
    drawn(figure([(date(2026, 1, 1), 7)], chart=ChartKind.LINES))


def test_only_zeros_draw_empty_bars_and_a_flat_line():
    svg = drawn(figure([("Kern", 0), ("Actief", 0)]))
    assert [bar.get("width") for bar in bars(svg)] == ["0.0", "0.0"]
    assert texts(svg) == ["Kern", "0", "Actief", "0"]
    line_chart = chart_for(
        figure([(date(2026, 1, 1), 0), (date(2026, 2, 1), 0)], chart=ChartKind.LINES)
    )
    (line,) = line_chart.lines
    assert {point.y for point in line.points} == {line_chart.plot_bottom}


def test_percentages_are_shown_with_their_sign_on_a_scale_to_100():
    chart = chart_for(
        figure([("Vol", 50)], columns=("Activiteit", "Bezetting"), percent_columns=frozenset({1}))
    )
    (bar,) = chart.groups[0].bars
    assert bar.label == "50%"
    assert bar.width == pytest.approx((chart.width - 8 - 80) / 2, abs=0.1)


def test_counts_beside_their_share_are_drawn_as_counts_labelled_with_the_share():
    tiers = figure(
        [("Kern", 12, 12.0), ("Actief", 18, 18.0), ("Aan de rand", 70, 70.0)],
        columns=("Niveau", "Leden", "Aandeel (%)"),
        percent_columns=frozenset({2}),
    )
    chart = chart_for(tiers)
    assert [one.name for one in chart.series] == ["Leden"]
    assert [group.bars[0].label for group in chart.groups] == ["12 (12%)", "18 (18%)", "70 (70%)"]
    assert table_for(tiers).rows[0].values == ["12", "12%"]


def test_a_table_links_each_row_to_more_where_the_figure_has_links():
    quiet = figure(
        [("Droegen bij", 8, 80.0), ("Droegen niets bij", 2, 20.0)],
        columns=("Leden", "Aantal", "Aandeel (%)"),
        percent_columns=frozenset({2}),
        links=((), (("Wie niets bijdroeg", "/admin/members/profile/?zonder_bijdrage=x"),)),
    )
    table = table_for(quiet)
    assert table.has_links
    assert [row.links for row in table.rows] == [(), (quiet.links[1][0],)]
    shown = show(quiet)
    with translation.override("nl"):
        page = render_to_string("dashboard/figure.html", {"shown": shown})
    assert '<a href="/admin/members/profile/?zonder_bijdrage=x">Wie niets bijdroeg</a>' in page
    assert not table_for(figure([("Kern", 1)])).has_links


def test_numbers_are_dutch_in_the_text_and_plain_in_the_coordinates():
    with translation.override("nl"):
        svg = drawn(figure([("Dagen tot een antwoord", 3.5), ("Gemiddeld", 1234)]))
    assert texts(svg) == ["Dagen tot een antwoord", "3,5", "Gemiddeld", "1.234"]
    assert all("," not in bar.get("width") for bar in bars(svg))


def test_a_figure_without_rows_or_shown_as_a_table_has_no_chart():
    assert chart_for(figure([])) is None
    assert chart_for(figure([("Open middag", 3)], chart=ChartKind.TABLE)) is None
    shown = show(figure([]), "/admin/overzicht/leden.csv")
    with translation.override("nl"):
        page = render_to_string("dashboard/figure.html", {"shown": shown})
    assert "Er is in deze periode niets geteld." in page
    assert "<svg" not in page and "<table" not in page


def test_a_long_name_is_cut_in_the_chart_and_whole_in_the_table():
    name = "Bijeenkomst over de legitimiteit van het opbouwwerk in de wijk " * 4
    svg = drawn(figure([(name, 5)]))
    shown = texts(svg)[0]
    assert len(shown) == LABEL_LENGTH and shown.endswith("…")
    assert table_for(figure([(name, 5)])).rows[0].name == name


@pytest.mark.parametrize("hostile", HOSTILE)
def test_a_hostile_name_or_title_stays_text_and_the_svg_stays_valid(hostile):
    hostile_figure = figure(
        [(hostile, 3), ("Gewoon", 1)],
        columns=("Activiteit", hostile, "Aanwezig"),
        title=hostile,
        description=hostile,
        key="events",
    )
    for chart_kind in (ChartKind.BARS, ChartKind.LINES):
        svg = drawn(dataclasses.replace(hostile_figure, chart=chart_kind))
        assert not list(svg.iter(f"{SVG}script"))
        assert not [element for element in svg.iter() if "onload" in element.attrib]
        readable = hostile.replace("\x00", "").replace("\x1b", "").replace("\ufffe", "")
        assert svg.find(f"{SVG}title").text == " ".join(readable.split())
    shown = show(hostile_figure)
    page = render_to_string("dashboard/figure.html", {"shown": shown})
    assert "<script>" not in page and "<svg onload" not in page
