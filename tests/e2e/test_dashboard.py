"""The coordinator opens the dashboard from the admin, tries a wrong period, picks last
year and then this year, and downloads a chart's figures as CSV. axe-core clean on every
page passed."""

import csv
import re

import pytest
from django.utils import timezone, translation
from playwright.sync_api import expect

from dashboard import overview
from dashboard.periods import Period
from dashboard.tables import csv_rows
from sessions_app.models import EventKind

from ..factories import make_coordinator, make_event, make_member, make_registration
from .conftest import assert_accessible, log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_coordinator_reads_the_dashboard_and_downloads_a_csv(page):
    make_coordinator()
    people = [
        make_member(f"lid{n}@example.org", level, display_name=f"Lid {n}")
        for n, level in enumerate(["meetings", "meetings", "online", "public_events"])
    ]
    meeting = make_event("terugblik", kind=EventKind.MEETING, days_ahead=-1, title="Terugblik")
    for person in people[:2]:
        make_registration(meeting, person, attended=True)
    year = timezone.localdate().year
    # The first pages of a fresh server (templates compiled, the admin's files) take a
    # while on a busy two-core machine.
    page.set_default_navigation_timeout(60_000)
    log_in(page, "coordinator@example.org", "/admin/")

    page.get_by_role("link", name="Dashboard: hoe gaat het met de gemeenschap").click()
    expect(page).to_have_url(re.compile("/admin/overzicht/$"))
    expect(page.get_by_label("Eerste dag", exact=True)).to_have_value(f"01-01-{year}")
    expect(page.locator("svg[role=img]").first).to_be_visible()
    assert_accessible(page)

    # The last day before the first: refused, in Dutch, next to the field.
    page.get_by_label("Eerste dag", exact=True).fill(f"31-12-{year}")
    page.get_by_label("Laatste dag", exact=True).fill(f"1-1-{year}")
    page.get_by_role("button", name="Cijfers tonen").click()
    expect(page).to_have_title(re.compile("^Fout:"))
    expect(page.locator(".error-message")).to_contain_text(
        "De laatste dag kan niet vóór de eerste liggen."
    )
    expect(page.locator("svg[role=img]")).to_have_count(0)
    assert_accessible(page)

    page.get_by_role("link", name="Vorig jaar").click()
    expect(page.get_by_label("Eerste dag", exact=True)).to_have_value(f"01-01-{year - 1}")
    expect(page.get_by_role("link", name="Vorig jaar")).to_have_attribute("aria-current", "page")
    assert_accessible(page)

    page.get_by_label("Eerste dag", exact=True).fill(f"1-1-{year}")
    page.get_by_label("Laatste dag", exact=True).fill(f"31-12-{year}")
    page.get_by_role("button", name="Cijfers tonen").click()
    expect(page).to_have_url(re.compile(f"van=1-1-{year}&tot=31-12-{year}$"))
    assert_accessible(page)

    with translation.override("nl"):
        figure = overview.figure("members-by-level", Period.of_year(year))
        expected = [[str(cell) for cell in row] for row in csv_rows(figure)]
    section = page.locator("#figure-members-by-level").locator("xpath=..")
    expect(section.get_by_role("table")).to_contain_text(str(figure.title))
    with page.expect_download() as download_info:
        section.get_by_role("link", name=re.compile("CSV")).click()
    download = download_info.value
    assert download.suggested_filename.startswith(f"members-by-level-{year}-01-01-{year}-12-31-")
    with open(download.path(), encoding="utf-8-sig", newline="") as file:
        assert list(csv.reader(file)) == expected
