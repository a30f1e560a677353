"""The coordinator's dashboard (/admin/overzicht/): in the admin, for the coordinator only;
every figure as a chart, the same numbers in a table and as a CSV file."""

import csv
import io
import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from dashboard import overview
from dashboard.display import show
from dashboard.figures import Figure
from dashboard.forms import period_query, year_so_far
from dashboard.periods import Period
from dashboard.tables import csv_rows
from sessions_app.models import EventKind

from .factories import make_coordinator, make_event, make_member, make_registration, make_user
from .helpers import content, text

pytestmark = pytest.mark.django_db

OVERVIEW = reverse("dashboard:overview")
SCRIPT = "<script>alert(1)</script>"
# The charts' SVG (the admin has icons of its own).
CHART = re.compile(r'<svg xmlns="http://www.w3.org/2000/svg" class="chart".*?</svg>', re.DOTALL)


def csv_address(key: str, period: Period) -> str:
    return f"{reverse('dashboard:figure_csv', args=[key])}?{period_query(period)}"


def svgs(page: str) -> list[ET.Element]:
    """Every chart on the page, parsed as XML: each must be valid SVG."""
    return [ET.fromstring(svg) for svg in CHART.findall(page)]


@pytest.fixture
def coordinator_client(client):
    client.force_login(make_coordinator())
    return client


@pytest.fixture
def atelier():
    """Members at each level, and a meeting this year that some of them attended."""
    people = [
        make_member(f"lid{n}@example.org", level)
        for n, level in enumerate(["meetings", "meetings", "online", "public_events"])
    ]
    meeting = make_event("terugblik", kind=EventKind.MEETING, days_ahead=-1, capacity=10)
    for person in people[:3]:
        make_registration(meeting, person, attended=person is not people[2])
    return people


def test_other_staff_may_not_see_the_dashboard_or_its_csv(client):
    """Staff outside the coordinator's group, even with a permission of the admin."""
    staff = make_user("medewerker@example.org", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_event"))
    client.force_login(staff)
    assert client.get(OVERVIEW).status_code == 403
    assert client.get(csv_address("tiers", year_so_far(timezone.localdate()))).status_code == 403
    assert reverse("dashboard:overview") not in content(client.get(reverse("admin:index")))


def test_the_admin_index_links_to_the_dashboard(coordinator_client):
    page = text(coordinator_client.get(reverse("admin:index")))
    assert f'href="{OVERVIEW}"' in page
    assert "Dashboard: hoe gaat het met de gemeenschap" in page


def test_every_figure_has_its_table_and_its_csv_in_the_admins_look(coordinator_client, atelier):
    response = coordinator_client.get(OVERVIEW)
    page = content(response)
    assert "admin/base_site.html" in [template.name for template in response.templates]
    assert 'href="/static/css/dashboard.css"' in page
    period = year_so_far(timezone.localdate())
    sections = overview.sections_for(period)
    headings = re.findall(r'<h2 id="section-\d+">(.*?)</h2>', page)
    assert headings == [str(section.heading) for section in sections]
    for section in sections:
        assert f">{section.heading}</h2>" in page
        for shown in map(show, section.figures):
            assert f'id="figure-{shown.figure.key}"' in page
            assert csv_address(shown.figure.key, period).replace("&", "&amp;") in page
            if not shown.is_empty:
                assert f"<caption>{shown.table.caption}</caption>" in page
    charts = svgs(page)
    assert charts, "the figures of a year with members and a meeting are drawn"
    assert all(chart.get("role") == "img" for chart in charts)
    assert "<script" not in "".join(CHART.findall(page))


def test_a_hostile_event_title_stays_text_in_the_charts_tables_and_csv(coordinator_client, atelier):
    hostile = f'{SCRIPT}"]]><!-- \x1b & </svg><svg onload=alert(1)>'
    event = make_event("kwaadaardig", kind=EventKind.PUBLIC, days_ahead=-2, title=hostile)
    make_registration(event, atelier[0], attended=True)
    response = coordinator_client.get(OVERVIEW)
    page = content(response)
    assert response.status_code == 200
    assert SCRIPT not in page and "<svg onload" not in page
    svgs(page)  # every chart still parses
    download = coordinator_client.get(csv_address("events", year_so_far(timezone.localdate())))
    assert download.status_code == 200
    assert "<script>alert(1)</script>" in download.content.decode("utf-8-sig")


def test_a_figures_csv_holds_the_same_rows_as_its_table(coordinator_client, atelier):
    period = year_so_far(timezone.localdate())
    response = coordinator_client.get(csv_address("members-by-level", period))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    name = f"members-by-level-{period.first_day}-{period.last_day}-{timezone.localdate()}.csv"
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    expected = overview.figure("members-by-level", period)
    assert rows[0] == [str(column) for column in expected.columns]
    assert rows[1:] == [[str(cell) for cell in row] for row in list(csv_rows(expected))[1:]]
    assert len(rows) == len(expected.rows) + 1


def test_an_unknown_figure_has_no_csv(coordinator_client):
    assert (
        coordinator_client.get(csv_address("geheim", year_so_far(timezone.localdate()))).status_code
        == 404
    )


def test_a_csv_opens_in_a_dutch_spreadsheet_safely():
    figure = Figure(
        key="events",
        title="Activiteiten",
        description="Per activiteit.",
        columns=["Activiteit", "Dag", "Aanwezig", "Bezetting"],
        rows=[
            ['=HYPERLINK("http://x")', date(2026, 3, 5), 12, 62.5],
            ["-Min", date(2026, 4, 1), -1, None],
        ],
    )
    assert list(csv_rows(figure)) == [
        ["Activiteit", "Dag", "Aanwezig", "Bezetting"],
        ['\'=HYPERLINK("http://x")', "2026-03-05", 12, "62,5"],
        ["'-Min", "2026-04-01", -1, ""],
    ]


def test_the_period_reaches_the_figures(coordinator_client, atelier):
    last_year = Period.of_year(timezone.localdate().year - 1)
    response = coordinator_client.get(f"{OVERVIEW}?{period_query(last_year)}")
    assert response.context["period"] == last_year
    assert csv_address("tiers", last_year).replace("&", "&amp;") in content(response)
    week = Period(timezone.localdate() - timedelta(days=6), timezone.localdate())
    assert coordinator_client.get(f"{OVERVIEW}?{period_query(week)}").status_code == 200
