"""Mijn atelier in a real browser.

A member with a place at the next workshop, an unread notification about a tool they
follow and a meeting they attended two weeks ago goes from the home page to their
atelier, sees each block, and follows the suggestion to write a value story about the
meeting: the form opens filled in with it. An applicant sees where their application
stands. axe-core checks every page on the way.
"""

import re

from django.utils import timezone
from playwright.sync_api import expect

from knowledge.models import ResourceKind
from notifications.models import Kind, Notification

from ..factories import make_applicant, make_event, make_item, make_member, make_registration
from .conftest import assert_accessible, log_in

EMAIL = "sanne.hendriks@example.org"
MEETING = "Van casus naar collectief"
NEXT = "Werkplaats signaleren"
TOOL = "Het collectieve gesprek"


def test_a_member_sees_each_block_and_follows_the_suggestion(page):
    member = make_member(EMAIL, display_name="Sanne Hendriks")
    meeting = make_event("van-casus-naar-collectief", title=MEETING, days_ahead=-14)
    make_registration(meeting, member, attended=True)
    make_registration(make_event("werkplaats-signaleren", title=NEXT, days_ahead=5), member)
    tool = make_item("het-collectieve-gesprek", title=TOOL, kind=ResourceKind.TOOL)
    Notification.objects.create(user=member, kind=Kind.COMMENTS, target=tool, count=2)

    log_in(page, EMAIL, "/")
    page.get_by_role("main").get_by_role("link", name="Mijn atelier").click()

    expect(page).to_have_url(re.compile("/mijn/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn atelier")
    registrations = page.get_by_role("region", name="Mijn volgende aanmeldingen")
    expect(registrations.get_by_role("link", name=NEXT)).to_be_visible()
    all_of_them = registrations.get_by_role("link", name="Mijn agenda: al mijn aanmeldingen")
    expect(all_of_them).to_be_visible()
    news = page.get_by_role("region", name="Nieuw in wat ik volg")
    expect(news.get_by_role("link", name=f"2 nieuwe reacties op “{TOOL}”")).to_be_visible()
    expect(news.get_by_role("link", name="Al mijn meldingen")).to_be_visible()
    expect(page.get_by_role("region", name="Open vragen in mijn expertise")).to_be_visible()
    expect(page.get_by_role("region", name="Mijn laatste bijdragen")).to_contain_text(MEETING)
    suggestion = page.get_by_role("region", name="Iets om te delen")
    expect(suggestion).to_contain_text(MEETING)
    assert_accessible(page)

    suggestion.get_by_role("link", name="Schrijf een waardeverhaal").click()

    expect(page).to_have_url(
        re.compile(r"/opbrengst/nieuw/\?bijeenkomst=van-casus-naar-collectief$")
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Schrijf een waardeverhaal")
    meetings = page.get_by_role("group", name="Bijeenkomsten")
    expect(meetings.get_by_role("checkbox", name=re.compile(MEETING))).to_be_checked()
    assert_accessible(page)


def test_an_applicant_sees_where_their_application_stands(page):
    applicant = make_applicant("aanvrager@example.org")
    applied = timezone.localtime(applicant.profile.applied_at)

    log_in(page, "aanvrager@example.org", "/mijn/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn atelier")
    status = page.get_by_role("region", name="Je aanvraag wacht op de coördinator")
    expect(status).to_contain_text(f"Je hebt je aangemeld op {applied.day} ")
    expect(page.get_by_role("heading", name="Wat gebeurt er nu?")).to_be_visible()
    expect(page.get_by_role("link", name="Je aanvraag bekijken of wijzigen")).to_be_visible()
    assert_accessible(page)
