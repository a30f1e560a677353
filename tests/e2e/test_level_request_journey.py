"""Moving up to the meetings level in a real browser: ask, wait, approval, register.

A member who takes part online asks on their membership page to take part in meetings
and sees the request waiting, there, on their profile and on a meeting's page, where they
cannot register yet. The coordinator finds the request from the admin's front page and
approves it. The member, told by e-mail, registers for the meeting. axe-core checks
every member-facing page on the way.
"""

import re

from playwright.sync_api import expect

from atelier.models import SiteSettings
from members.models import LevelRequest, LevelRequestStatus, ParticipationLevel, Profile
from sessions_app.models import Registration, RegistrationStatus

from ..factories import PASSWORD, make_coordinator, make_event, make_member
from ..helpers import mails_to
from .conftest import assert_accessible, log_in

NAME = "Noor Bakker"
MEETING_TITLE = "Bijeenkomst over legitimiteit"
NOTE = "Mijn onderzoek in Heerlen-Noord begint; ik wil het graag met opbouwwerkers bespreken."
PENDING = "Je verzoek wacht op de coördinator"


def test_level_request_journey(browser, live_server, page):
    site = SiteSettings.load()
    site.coordinator_email = "coordinatie@example.org"
    site.save()
    coordinator = make_coordinator()
    member = make_member("noor@example.org", ParticipationLevel.ONLINE, display_name=NAME)
    meeting = make_event("legitimiteit", title=MEETING_TITLE, capacity=12)

    member_asks_for_the_meetings_level(page, member)
    member_sees_the_request_pending(page, meeting)
    coordinator_approves(browser, live_server, coordinator)
    member_registers_for_the_meeting(page, member, meeting)


def member_asks_for_the_meetings_level(page, member):
    log_in(page, member.email, "/profiel/lidmaatschap/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Lidmaatschap")
    meetings = page.get_by_role("radio", name="Deelnemer bijeenkomsten")
    expect(page.get_by_role("radio", name="Online platform")).to_be_checked()
    expect(meetings).to_have_accessible_description(
        re.compile(r"De coördinator keurt deze wijziging eerst goed\.$")
    )
    assert_accessible(page)

    meetings.check()
    page.get_by_role("textbox", name="Toelichting voor de coördinator (niet verplicht)").fill(NOTE)
    page.get_by_role("button", name="Deelnameniveau wijzigen").click()
    expect(page).to_have_url(re.compile(r"/profiel/lidmaatschap/$"))
    expect(page.get_by_role("status")).to_contain_text("Je verzoek is naar de coördinator")
    expect(page.get_by_text(PENDING)).to_be_visible()
    # Until the coordinator decides, the member keeps their level.
    expect(page.get_by_role("radio", name="Online platform")).to_be_checked()
    expect(page.get_by_role("button", name="Verzoek intrekken")).to_be_visible()
    assert_accessible(page)

    level_request = LevelRequest.objects.get()
    assert level_request.status == LevelRequestStatus.REQUESTED
    assert level_request.note == NOTE
    assert Profile.objects.get(user=member).participation_level == ParticipationLevel.ONLINE
    (told,) = mails_to("coordinatie@example.org")
    assert told.subject == f"Verzoek om een ander deelnameniveau: {NAME}"


def member_sees_the_request_pending(page, meeting):
    page.goto("/profiel/")
    expect(page.get_by_text(PENDING)).to_be_visible()
    assert_accessible(page)

    page.goto(meeting.get_absolute_url())
    registration = page.get_by_role("region", name="Aanmelding")
    expect(registration).to_contain_text(
        "Je verzoek om je deelnameniveau te wijzigen wacht op de coördinator."
    )
    expect(registration.get_by_role("button")).to_have_count(0)
    assert_accessible(page)


def coordinator_approves(browser, live_server, coordinator):
    context = browser.new_context(base_url=live_server.url, locale="en-US")
    context.set_default_timeout(10_000)
    admin = context.new_page()
    admin.goto("/admin/")
    admin.get_by_label("E-mailadres").fill(coordinator.email)
    admin.get_by_label("Wachtwoord").fill(PASSWORD)
    admin.get_by_role("button", name="Inloggen").click()
    expect(admin).to_have_url(re.compile(r"/admin/$"))
    notice = admin.get_by_role(
        "link", name="1 verzoek om een ander deelnameniveau wacht op je besluit"
    )
    notice.click()
    expect(admin).to_have_url(re.compile(r"/admin/members/levelrequest/\?status__exact=requested$"))
    expect(admin.locator("#result_list tbody tr")).to_have_count(1)
    admin.get_by_role("checkbox", name=re.compile(NAME)).check()
    actions = admin.get_by_role("combobox", name=re.compile("^Actie"))
    actions.select_option(label="Geselecteerde niveauverzoeken goedkeuren")
    admin.get_by_role("button", name="Uitvoeren").click()
    expect(admin.locator(".messagelist .success")).to_have_text(
        "1 verzoek om een ander niveau goedgekeurd."
    )
    context.close()

    level_request = LevelRequest.objects.get()
    assert level_request.status == LevelRequestStatus.APPROVED
    assert level_request.decided_by == coordinator
    assert level_request.decided_at is not None


def member_registers_for_the_meeting(page, member, meeting):
    (approved,) = mails_to(member.email)
    assert approved.subject == "Je verzoek is goedgekeurd: Deelnemer bijeenkomsten"

    page.goto("/profiel/lidmaatschap/")
    expect(page.get_by_text(PENDING)).to_have_count(0)
    expect(page.get_by_role("radio", name="Deelnemer bijeenkomsten")).to_be_checked()
    assert_accessible(page)

    page.goto(meeting.get_absolute_url())
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_role("status")).to_have_text(
        "Je bent aangemeld. We hebben je een e-mail gestuurd."
    )
    assert_accessible(page)
    registration = Registration.objects.get(event=meeting, user=member)
    assert registration.status == RegistrationStatus.CONFIRMED
