"""The coordinator's dashboard and the yearly report, in one journey in a real browser.

The coordinator opens the dashboard from the admin's start page, tries a wrong period,
picks last year and downloads the events figure as CSV; then writes last year's report:
an introduction in Markdown, two of the members' public stories (a story for members only
is no choice), and publishes it. A visitor finds the report on /opbrengst/, reads it (the
public event by title, the members' meeting only counted) and downloads its PDF. axe-core
checks every page on the way.
"""

import csv
import io
import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone, translation
from playwright.sync_api import expect
from pypdf import PdfReader

from dashboard import overview
from dashboard.models import YearReport
from dashboard.periods import Period
from dashboard.tables import csv_rows
from knowledge.models import ResourceKind, Visibility
from sessions_app.models import EventKind

from ..factories import (
    make_coordinator,
    make_event_at,
    make_item,
    make_member,
    make_registration,
    make_story,
    make_uptake,
)
from .conftest import assert_accessible, log_in

pytestmark = pytest.mark.django_db(transaction=True)

YEAR = timezone.localdate().year - 1
IN_THE_YEAR = datetime(YEAR, 6, 12, 14, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
PUBLIC_EVENT = "Open middag: de buurt aan zet"
MEETING = "Terugblik op het jaar"
MEETINGS = "1 bijeenkomst voor leden"  # how the report counts it
MEMBERS_TOOL = "Ledenwerkvorm voor de terugblik"
FIRST = "De signalenkaart op tafel bij de gemeente"
SECOND = "Een krachtenveldanalyse met tweedejaars"
INTRODUCTION = "## Ons jaar\n\nHet atelier bracht **opbouwwerkers** en onderzoekers samen."


def last_year_of_the_atelier() -> None:
    """Last year's public event and members' meeting with their attendance, a public and a
    members-only tool in use, and this year's stories about it: three public, one for
    members only."""
    make_coordinator()
    people = [
        make_member(f"lid{n}@example.org", level, display_name=f"Lid {n}")
        for n, level in enumerate(["meetings", "meetings", "online", "public_events"])
    ]
    for slug, kind, title in [
        ("open-middag", EventKind.PUBLIC, PUBLIC_EVENT),
        ("terugblik", EventKind.MEETING, MEETING),
    ]:
        event = make_event_at(slug, IN_THE_YEAR, kind=kind, title=title, capacity=20)
        for person in people[:2]:
            make_registration(event, person, attended=True)
    tool = make_item("signalenkaart", kind=ResourceKind.TOOL, title="De signalenkaart")
    members_tool = make_item(
        "ledenwerkvorm", kind=ResourceKind.TOOL, visibility=Visibility.MEMBERS, title=MEMBERS_TOOL
    )
    for item in (tool, members_tool):
        make_uptake(item, people[0], created_at=IN_THE_YEAR)
    author = make_member("fatima@example.org", display_name="Fatima Bouzid")
    for title in (FIRST, SECOND, "Niet gekozen"):
        make_story(author, "public", title=title)
    make_story(author, "members", title="Alleen voor leden")


def test_the_coordinator_reads_the_dashboard_and_publishes_the_report_a_visitor_reads(
    page, browser, live_server
):
    last_year_of_the_atelier()
    # The first pages of a fresh server (templates compiled, the admin's files) take a
    # while on a busy two-core machine.
    page.set_default_navigation_timeout(60_000)
    log_in(page, "coordinator@example.org", "/admin/")

    read_the_dashboard_of_last_year(page)
    write_and_publish_the_report(page)

    visitor = browser.new_context(base_url=live_server.url, locale="nl-NL").new_page()
    read_the_report_and_its_pdf(visitor)
    visitor.context.close()


def read_the_dashboard_of_last_year(page) -> None:
    page.get_by_role("link", name="Dashboard: hoe gaat het met de gemeenschap").click()
    expect(page).to_have_url(re.compile("/admin/overzicht/$"))
    expect(page.get_by_label("Eerste dag", exact=True)).to_have_value(f"01-01-{YEAR + 1}")
    expect(page.locator("svg[role=img]").first).to_be_visible()
    assert_accessible(page)

    # The last day before the first: refused, in Dutch, next to the field.
    page.get_by_label("Eerste dag", exact=True).fill(f"31-12-{YEAR}")
    page.get_by_label("Laatste dag", exact=True).fill(f"1-1-{YEAR}")
    page.get_by_role("button", name="Cijfers tonen").click()
    expect(page).to_have_title(re.compile("^Fout:"))
    expect(page.locator(".error-message")).to_contain_text(
        "De laatste dag kan niet vóór de eerste liggen."
    )
    expect(page.locator("svg[role=img]")).to_have_count(0)
    assert_accessible(page)

    page.get_by_label("Eerste dag", exact=True).fill(f"1-1-{YEAR}")
    page.get_by_label("Laatste dag", exact=True).fill(f"31-12-{YEAR}")
    page.get_by_role("button", name="Cijfers tonen").click()
    expect(page).to_have_url(re.compile(f"van=1-1-{YEAR}&tot=31-12-{YEAR}$"))
    expect(page.get_by_role("link", name="Vorig jaar")).to_have_attribute("aria-current", "page")
    assert_accessible(page)

    # The coordinator's own figure names the meeting; the report's will not.
    with translation.override("nl"):
        figure = overview.figure("events", Period.of_year(YEAR))
        expected = [[str(cell) for cell in row] for row in csv_rows(figure)]
    section = page.locator("#figure-events").locator("xpath=..")
    expect(section.get_by_role("table")).to_contain_text(MEETING)
    with page.expect_download() as download_info:
        section.get_by_role("link", name=re.compile("CSV")).click()
    download = download_info.value
    assert download.suggested_filename.startswith(f"events-{YEAR}-01-01-{YEAR}-12-31")
    with open(download.path(), encoding="utf-8-sig", newline="") as file:
        assert list(csv.reader(file, delimiter=";")) == expected


def write_and_publish_the_report(page) -> None:
    page.locator(".breadcrumbs").get_by_role("link", name="Home").click()
    page.get_by_role("link", name="Jaarverslagen", exact=True).click()
    page.get_by_role("link", name="Jaarverslag toevoegen").click()
    expect(page.get_by_role("spinbutton", name="Jaar")).to_have_value(str(YEAR))
    assert_accessible(page)
    expect(page.get_by_role("checkbox", name=re.compile("Alleen voor leden"))).to_have_count(0)
    page.get_by_role("textbox", name="Inleiding").fill(INTRODUCTION)
    page.get_by_role("checkbox", name=re.compile(FIRST)).check()
    page.get_by_role("checkbox", name=re.compile(SECOND)).check()
    page.get_by_role("button", name="Opslaan en publiceren").click()

    expect(page.locator(".messagelist")).to_contain_text("iedereen kan het nu lezen")
    assert_accessible(page)
    report = YearReport.objects.get()
    assert report.is_published and report.stories.count() == 2
    page.goto(f"/admin/dashboard/yearreport/{report.pk}/change/")
    expect(page.get_by_role("checkbox", name=re.compile(FIRST))).to_be_checked()
    assert_accessible(page)


def read_the_report_and_its_pdf(visitor) -> None:
    visitor.goto("/opbrengst/")
    assert_accessible(visitor)
    visitor.get_by_role("link", name=f"Opbrengst {YEAR}").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(f"Opbrengst {YEAR}")
    expect(visitor.get_by_role("heading", name="Ons jaar")).to_be_visible()
    expect(visitor.get_by_role("heading", name="Het jaar in cijfers")).to_be_visible()
    # The public event by title, the meeting only counted: date, registered, attended.
    events = visitor.get_by_role("region", name="Bijeenkomsten en public events")
    for name, cells in [(PUBLIC_EVENT, [f"{YEAR}-06-12", "2", "2"]), (MEETINGS, ["–", "2", "2"])]:
        row = events.get_by_role("row", name=re.compile(name))
        expect(row.get_by_role("cell")).to_have_text(cells)
    tools = visitor.get_by_role("region", name="Tools en casussen in gebruik")
    expect(tools.get_by_role("table")).to_contain_text("De signalenkaart")
    expect(tools.get_by_role("table")).to_contain_text("1 tool of casus alleen voor leden")
    for hidden in (MEETING, MEMBERS_TOOL, "Lid 0", "Niet gekozen"):
        expect(visitor.get_by_text(hidden)).to_have_count(0)
    stories = visitor.get_by_role("region", name="Wat leden vertellen")
    expect(stories.get_by_role("link", name=FIRST)).to_be_visible()
    expect(stories.get_by_role("link", name=SECOND)).to_be_visible()
    assert_accessible(visitor)

    with visitor.expect_download() as download_info:
        visitor.get_by_role("link", name="Download als PDF").click()
    download = download_info.value
    assert download.suggested_filename == f"opbrengst-{YEAR}.pdf"
    with open(download.path(), "rb") as file:
        reader = PdfReader(io.BytesIO(file.read()))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert f"Opbrengst {YEAR}" in text
    assert FIRST in text and PUBLIC_EVENT in text
    assert MEETING not in text and MEMBERS_TOOL not in text
