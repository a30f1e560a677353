"""The yearly report, in a real browser: the coordinator writes last year's introduction in
the admin, ticks two members' public stories and publishes the report; a visitor finds it
on /opbrengst/, reads it and downloads its PDF. axe-core checks every page on the way.
"""

import io
import re

from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from dashboard.models import YearReport

from ..factories import make_coordinator, make_member, make_story
from .conftest import assert_accessible, log_in

YEAR = timezone.localdate().year - 1
FIRST = "De signalenkaart op tafel bij de gemeente"
SECOND = "Een krachtenveldanalyse met tweedejaars"
INTRODUCTION = "## Ons jaar\n\nHet atelier bracht **opbouwwerkers** en onderzoekers samen."


def test_the_coordinator_publishes_the_report_and_a_visitor_reads_it(
    page, browser, live_server, db
):
    coordinator = make_coordinator()
    author = make_member("fatima@example.org", display_name="Fatima Bouzid")
    for title in (FIRST, SECOND, "Niet gekozen"):
        make_story(author, "public", title=title)
    make_story(author, "members", title="Alleen voor leden")

    log_in(page, coordinator.email, "/admin/dashboard/yearreport/add/")
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

    visitor = browser.new_context(base_url=live_server.url, locale="nl-NL").new_page()
    visitor.goto("/opbrengst/")
    assert_accessible(visitor)
    visitor.get_by_role("link", name=f"Opbrengst {YEAR}").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(f"Opbrengst {YEAR}")
    expect(visitor.get_by_role("heading", name="Ons jaar")).to_be_visible()
    expect(visitor.get_by_role("heading", name="Het jaar in cijfers")).to_be_visible()
    stories = visitor.get_by_role("region", name="Wat leden vertellen")
    expect(stories.get_by_role("link", name=FIRST)).to_be_visible()
    expect(stories.get_by_role("link", name=SECOND)).to_be_visible()
    expect(visitor.get_by_text("Niet gekozen")).to_have_count(0)
    assert_accessible(visitor)

    with visitor.expect_download() as download_info:
        visitor.get_by_role("link", name="Download als PDF").click()
    download = download_info.value
    assert download.suggested_filename == f"opbrengst-{YEAR}.pdf"
    with open(download.path(), "rb") as file:
        reader = PdfReader(io.BytesIO(file.read()))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert f"Opbrengst {YEAR}" in text
    assert FIRST in " ".join(text.split())
    visitor.context.close()
