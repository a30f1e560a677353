"""The yearly report's public variants of two dashboard figures
(dashboard/report_public_figures.py): the year's public events by title with their
registrations and attendance, the members' meetings as one counted line; the public tools
and cases by title with their accounts of use, those for members only as one counted
line. A published report names no members' meeting and no members-only item, and no
person; the year ends at midnight in Amsterdam.
"""

import itertools
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from dashboard import year_reports
from dashboard.periods import Period
from dashboard.report_figures import figures_of_year
from dashboard.report_public_figures import events_with_attendance, tools_with_uptake
from knowledge.models import ResourceKind, ResourceStatus, Visibility
from sessions_app.models import EventKind, EventStatus, RegistrationStatus

from .factories import (
    make_event_at,
    make_item,
    make_member,
    make_registration,
    make_uptake,
    make_year_report,
)
from .helpers import local, pdf_text
from .test_dashboard_queries import build_site as build_busy_site

pytestmark = pytest.mark.django_db

YEAR = Period.of_year(2025)
CONFIRMED = RegistrationStatus.CONFIRMED
PEOPLE = itertools.count()
PUBLIC = EventKind.PUBLIC
MEETING_TITLES = ["Besloten bijeenkomst", "Nieuwjaarsbijeenkomst"]
MEMBERS_ONLY_TITLES = ["Ledenwerkvorm", "Conceptcasus"]
PERSON = "Pieter Privé"


def registrations(event, *statuses, attended=()) -> None:
    """One member's registration per status; the confirmed ones get `attended` in turn."""
    marks = iter(attended)
    for status in statuses:
        fields = {"attended": next(marks, None)} if status == CONFIRMED else {}
        person = make_member(f"lid{next(PEOPLE)}@example.org", display_name=PERSON)
        make_registration(event, person, status, **fields)


@pytest.fixture
def events_of_2025(db):
    """Two public events and two members' meetings in 2025 (one at each of the year's edges
    in Amsterdam), and events that do not count: outside the year, a draft, a cancelled one."""
    open_afternoon = make_event_at("open-middag", local(2025, 3, 3, 19), kind=PUBLIC)
    registrations(
        open_afternoon,
        CONFIRMED,
        CONFIRMED,
        CONFIRMED,
        RegistrationStatus.WAITLISTED,
        RegistrationStatus.CANCELLED,
        RegistrationStatus.PENDING,
        attended=(True, False, None),
    )
    make_registration(
        open_afternoon, None, guest_name=PERSON, guest_email="gast@example.org", attended=True
    )
    # Still 2025 in Amsterdam, already 2026 in UTC.
    new_years_eve = make_event_at(
        "oudejaarsavond", local(2025, 12, 31, 23, 30), kind=PUBLIC, title="Oudejaarsavond"
    )
    registrations(new_years_eve, CONFIRMED, attended=(True,))
    closed = make_event_at("besloten", local(2025, 6, 1, 19), title=MEETING_TITLES[0])
    registrations(closed, CONFIRMED, CONFIRMED, CONFIRMED, attended=(True, True, False))
    # Already 2025 in Amsterdam, still 2024 in UTC.
    first = make_event_at("nieuwjaar", local(2025, 1, 1, 0, 30), title=MEETING_TITLES[1])
    registrations(first, CONFIRMED, attended=(True,))
    # Left out: 2024 and 2026 in Amsterdam, a draft, a cancelled event.
    left_out = [
        make_event_at("vorig-jaar", local(2024, 12, 31, 23, 30), kind=PUBLIC),
        make_event_at("volgend-jaar", local(2026, 1, 1, 0, 30), kind=PUBLIC),
        make_event_at("concept", local(2025, 5, 1, 19), kind=PUBLIC, status=EventStatus.DRAFT),
        make_event_at("afgelast", local(2025, 5, 2, 19), status=EventStatus.CANCELLED),
    ]
    for event in left_out:
        registrations(event, CONFIRMED, attended=(True,))


def test_public_events_by_title_and_the_members_meetings_in_one_counted_line(events_of_2025):
    figure = events_with_attendance(YEAR)

    assert figure.rows == [
        # event, date, registered (confirmed places), attended
        ["Open middag", date(2025, 3, 3), 4, 2],
        ["Oudejaarsavond", date(2025, 12, 31), 1, 1],
        ["2 bijeenkomsten voor leden", None, 4, 3],
    ]
    named = " ".join(str(row[0]) for row in figure.rows)
    for hidden in [*MEETING_TITLES, PERSON]:
        assert hidden not in named


def test_beyond_the_bound_the_least_attended_public_events_are_counted_together():
    for day, attended in [(1, (True, True, True)), (2, (True,)), (3, (True, True))]:
        event = make_event_at(f"open-{day}", local(2025, 4, day, 19), kind=PUBLIC)
        registrations(event, *[CONFIRMED] * len(attended), CONFIRMED, attended=attended)

    figure = events_with_attendance(YEAR, shown=2)

    assert figure.rows == [
        ["Open 1", date(2025, 4, 1), 4, 3],
        ["Open 3", date(2025, 4, 3), 3, 2],
        ["1 ander public event", None, 2, 1],
        ["0 bijeenkomsten voor leden", None, 0, 0],
    ]


@pytest.fixture
def uptake_of_2025(db):
    """Accounts of use of public and members-only tools and cases in 2025 (one at the year's
    last minutes in Amsterdam), and accounts that do not count."""
    writer = make_member("schrijver@example.org", display_name=PERSON)
    tool = make_item("werkvorm", kind=ResourceKind.TOOL)
    case = make_item("casus", kind=ResourceKind.CASE)
    members_tool = make_item(
        "ledenwerkvorm",
        kind=ResourceKind.TOOL,
        visibility=Visibility.MEMBERS,
        title=MEMBERS_ONLY_TITLES[0],
    )
    draft_case = make_item(
        "conceptcasus",
        kind=ResourceKind.CASE,
        status=ResourceStatus.DRAFT,
        title=MEMBERS_ONLY_TITLES[1],
    )
    background = make_item("achtergrond", kind=ResourceKind.BACKGROUND)
    for day in (1, 2, 3):
        make_uptake(tool, writer, created_at=local(2025, 5, day))
    make_uptake(case, writer, created_at=local(2025, 12, 31, 23, 30))
    make_uptake(members_tool, writer, created_at=local(2025, 1, 1, 0, 30))
    make_uptake(members_tool, writer, created_at=local(2025, 7, 1))
    make_uptake(draft_case, writer, created_at=local(2025, 8, 1))
    # Left out: 2026 in Amsterdam, a hidden account, a background item.
    make_uptake(case, writer, created_at=local(2026, 1, 1, 0, 30))
    make_uptake(case, writer, created_at=local(2025, 6, 1), hidden=True)
    make_uptake(background, writer, created_at=local(2025, 6, 1))


def test_public_tools_and_cases_by_title_and_the_members_only_ones_in_one_line(uptake_of_2025):
    figure = tools_with_uptake(YEAR)

    assert figure.rows == [
        ["Werkvorm", 3],
        ["Casus", 1],
        ["2 tools en casussen alleen voor leden", 3],
    ]
    named = " ".join(str(row[0]) for row in figure.rows)
    for hidden in [*MEMBERS_ONLY_TITLES, PERSON]:
        assert hidden not in named


def test_beyond_the_bound_the_least_used_public_items_are_counted_together(uptake_of_2025):
    figure = tools_with_uptake(YEAR, shown=1)

    assert figure.rows == [
        ["Werkvorm", 3],
        ["1 andere openbare tool of casus", 1],
        ["2 tools en casussen alleen voor leden", 3],
    ]


@pytest.mark.usefixtures("events_of_2025", "uptake_of_2025", "page_cache_off")
def test_the_published_report_names_public_events_and_items_only(client):
    report = make_year_report(2025)
    year_reports.take_figures(report)

    page = client.get(reverse("year_report:page", args=[2025])).content.decode()
    text = pdf_text(client.get(reverse("year_report:pdf", args=[2025])))

    for shown in (page, text):
        for public in ("Open middag", "Oudejaarsavond", "2 bijeenkomsten voor leden", "Werkvorm"):
            assert public in shown
        for hidden in [*MEETING_TITLES, *MEMBERS_ONLY_TITLES, PERSON]:
            assert hidden not in shown


@pytest.mark.usefixtures("events_of_2025")
def test_the_figures_are_taken_in_the_reports_language_whatever_the_coordinators():
    report = make_year_report(2025)

    with translation.override("en"):
        year_reports.take_figures(report)

    events = next(
        f for f in year_reports.shown_figures(report) if f.key == "events-with-attendance"
    )
    assert events.title == "Bijeenkomsten en public events"
    assert events.rows[-1][0] == "2 bijeenkomsten voor leden"


def test_the_report_holds_both_public_variants_and_not_the_dashboards_tables():
    keys = [figure.key for figure in figures_of_year(YEAR)]

    assert "events-with-attendance" in keys and "tools-with-uptake" in keys
    assert "events" not in keys and "tool-uptake" not in keys


def build_site(writer, size: int, start: int = 0) -> None:
    """`size` public events and meetings with a registration each, and as many public and
    members-only tools with an account of use each, one day after another."""
    for number in range(start, start + size):
        at = local(2025, 3, 1, 19) + timedelta(days=number)
        for kind in (PUBLIC, EventKind.MEETING):
            registrations(make_event_at(f"{kind}-{number}", at, kind=kind), CONFIRMED)
        for visibility in (Visibility.PUBLIC, Visibility.MEMBERS):
            item = make_item(
                f"{visibility}-{number}", kind=ResourceKind.TOOL, visibility=visibility
            )
            make_uptake(item, writer, created_at=at)


@pytest.mark.parametrize("figure", [events_with_attendance, tools_with_uptake])
def test_each_public_figure_costs_two_queries_however_large_the_site(
    figure, django_assert_num_queries
):
    writer = make_member("schrijver@example.org")
    build_site(writer, 3)
    with django_assert_num_queries(2):
        small = figure(YEAR, shown=5)
    build_site(writer, 9, start=3)
    with django_assert_num_queries(2):
        large = figure(YEAR, shown=5)

    assert len(small.rows) == 3 + 1  # three by title, the members' line
    assert len(large.rows) == 5 + 2  # five by title, the others, the members' line


def test_taking_the_reports_figures_costs_as_many_queries_on_a_larger_site():
    year = Period.this_year().first_day.year
    report = make_year_report(year)
    build_busy_site(3)
    with CaptureQueriesContext(connection) as small:
        year_reports.take_figures(report)
    build_busy_site(22, start=3)
    with CaptureQueriesContext(connection) as large:
        year_reports.take_figures(report)

    assert len(small) == len(large)
