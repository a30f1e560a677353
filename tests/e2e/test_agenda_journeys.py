"""The agenda in a real browser: registering as a guest, the waiting list, and access.

1. A visitor registers for a public event as a guest, with the keyboard only, confirms
   by the link in the e-mail, downloads the event as iCalendar, and cancels by the
   link in the e-mail.
2. A member who takes part in meetings joins the waiting list of a full meeting and
   moves up at once when the member with the place cancels on "my registrations".
3. A member at another participation level sees a meeting but cannot register for it,
   not even by posting to the registration address.

axe-core checks every page on the way.
"""

import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from members.models import ParticipationLevel
from sessions_app import registration as rules
from sessions_app.models import EventKind, Registration, RegistrationStatus

from ..factories import make_event, make_member
from ..helpers import mails_to
from .conftest import assert_accessible, log_in, tab_to

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
GUEST_NAME = "Fatima el Amrani"
GUEST_EMAIL = "fatima@example.org"
PUBLIC_TITLE = "Open avond: de buurt aan zet"
MEETING_TITLE = "Bijeenkomst over legitimiteit"
ONLINE_LINK = "https://meet.example.org/leeratelier-legitimiteit"
LINK_HIDDEN = "De link staat hier zodra je bent aangemeld."
LEVELS_EXPLAINED = (
    "Bijeenkomsten zijn voor leden die deelnemen aan bijeenkomsten. Hoe je meedoet, "
    "verander je op de pagina over je lidmaatschap."
)


def evening_in_two_weeks():
    """19:30 in Amsterdam, two weeks from today: a wall-clock time the .ics must keep."""
    day = timezone.localdate() + timedelta(days=14)
    start = datetime.combine(day, time(19, 30), tzinfo=AMSTERDAM)
    return {"start": start, "end": start + timedelta(hours=2)}


def link_path(message, pattern):
    """The path of a link in an e-mail; the live server has its own host and port."""
    return re.search(rf"https?://[^/\s]+({pattern})", message.body).group(1)


def ics_attachment(message):
    (attachment,) = [a for a in message.attachments if a[0].endswith(".ics")]
    _filename, content, mimetype = attachment
    assert mimetype.startswith("text/calendar")
    return icalendar.Calendar.from_ical(content)


def the_event(calendar):
    (event,) = calendar.walk("VEVENT")
    return event


def new_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-US")
    context.set_default_timeout(10_000)
    return context.new_page()


# 1. A guest registers for a public event, confirms, downloads the .ics and cancels.


def test_guest_registers_confirms_downloads_and_cancels(page, live_server, db):
    event = make_event(
        "open-avond", kind=EventKind.PUBLIC, title=PUBLIC_TITLE, **evening_in_two_weeks()
    )
    make_event("ledenbijeenkomst", title=MEETING_TITLE)  # members only: not for guests

    page.goto("/agenda/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Agenda")
    expect(page.get_by_role("link", name=MEETING_TITLE)).to_have_count(0)
    assert_accessible(page)
    page.get_by_role("link", name=PUBLIC_TITLE).click()
    expect(page).to_have_url(re.compile(r"/agenda/open-avond/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(PUBLIC_TITLE)
    assert_accessible(page)

    # Keyboard only: Tab to each field, type, Tab to the button, press Enter.
    registration = page.get_by_role("region", name="Aanmelding")
    tab_to(page, registration.get_by_role("textbox", name="Je naam"))
    page.keyboard.type(GUEST_NAME)
    page.keyboard.press("Tab")
    expect(registration.get_by_role("textbox", name="Je e-mailadres")).to_be_focused()
    page.keyboard.type(GUEST_EMAIL)
    page.keyboard.press("Tab")
    expect(registration.get_by_role("button", name="Aanmelden")).to_be_focused()
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Kijk in je mail")
    expect(page.get_by_role("main")).to_contain_text(GUEST_EMAIL)
    assert_accessible(page)
    # No place is taken before the guest confirms.
    assert event.registrations.get().status == RegistrationStatus.PENDING

    (request,) = mails_to(GUEST_EMAIL)
    assert request.subject == f"Bevestig je aanmelding: {PUBLIC_TITLE}"
    page.goto(link_path(request, r"/agenda/bevestigen/[^/\s]+/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Bevestig je aanmelding")
    assert_accessible(page)
    page.get_by_role("main").get_by_role("button", name="Aanmelding bevestigen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aangemeld")
    assert_accessible(page)
    assert event.registrations.get().status == RegistrationStatus.CONFIRMED

    _request, confirmed = mails_to(GUEST_EMAIL)
    assert confirmed.subject == f"Je bent aangemeld: {PUBLIC_TITLE}"
    assert str(the_event(ics_attachment(confirmed))["SUMMARY"]) == PUBLIC_TITLE

    page.get_by_role("link", name=PUBLIC_TITLE).click()
    expect(page).to_have_url(re.compile(r"/agenda/open-avond/$"))
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Zet in mijn agenda (.ics)").click()
    download = download_info.value
    assert download.suggested_filename == "open-avond.ics"
    with open(download.path(), "rb") as file:
        downloaded = the_event(icalendar.Calendar.from_ical(file.read()))
    assert str(downloaded["SUMMARY"]) == PUBLIC_TITLE
    assert downloaded["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    start = downloaded.decoded("DTSTART")
    assert (start.tzinfo.key, start.time()) == ("Europe/Amsterdam", time(19, 30))
    assert start == event.start

    page.goto(link_path(confirmed, r"/agenda/afmelden/[^/\s]+/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Aanmelding annuleren")
    assert_accessible(page)
    page.get_by_role("main").get_by_role("button", name="Mijn aanmelding annuleren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Geannuleerd")
    expect(page.get_by_text("Je aanmelding is geannuleerd.")).to_have_count(1)
    expect(page.get_by_role("status")).to_have_text("Je aanmelding is geannuleerd.")
    # Nothing left to put in a calendar.
    expect(page.get_by_role("link", name="Zet in mijn agenda (.ics)")).to_have_count(0)
    assert_accessible(page)
    assert event.registrations.get().status == RegistrationStatus.CANCELLED


# 2. A member joins the waiting list of a full meeting and moves up when a place frees.


def test_member_on_the_waiting_list_moves_up_when_a_place_frees(browser, live_server, page):
    waiting = make_member("noor@example.org", display_name="Noor Bakker")
    seated = make_member("sam@example.org", display_name="Sam Jansen")
    event = make_event("legitimiteit", title=MEETING_TITLE, capacity=1, online_link=ONLINE_LINK)
    rules.register_member(event, seated)
    mail.outbox.clear()

    log_in(page, waiting.email, event.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(MEETING_TITLE)
    details = page.locator(".summary-list")
    places = details.locator("div", has=page.get_by_role("term").filter(has_text="Plaatsen"))
    expect(places.get_by_role("definition")).to_have_text("Vol")
    expect(details).to_contain_text(LINK_HIDDEN)
    expect(page.get_by_role("link", name=ONLINE_LINK)).to_have_count(0)
    assert_accessible(page)

    page.get_by_role("button", name="Op de wachtlijst zetten").click()
    expect(page.get_by_role("status")).to_have_text(
        "Deze activiteit is vol: je staat op de wachtlijst. We mailen je als er een "
        "plaats vrijkomt."
    )
    expect(places.get_by_role("definition")).to_have_text("Vol (1 op de wachtlijst)")
    status = page.get_by_role("region", name="Aanmelding")
    expect(status.locator(".status-panel__title")).to_have_text("Op de wachtlijst")
    expect(details).to_contain_text(LINK_HIDDEN)
    expect(page.get_by_role("link", name=ONLINE_LINK)).to_have_count(0)
    assert_accessible(page)
    (waitlisted,) = mails_to(waiting.email)
    assert waitlisted.subject == f"Op de wachtlijst: {MEETING_TITLE}"
    assert ONLINE_LINK not in waitlisted.body

    # The member with the place cancels in their own browser, on "my registrations".
    other = new_page(browser, live_server)
    log_in(other, seated.email, "/agenda/mijn/")
    expect(other.get_by_role("heading", level=1)).to_have_text("Mijn aanmeldingen")
    assert_accessible(other)
    other.get_by_role("button", name=f"Annuleren {MEETING_TITLE}").click()
    expect(other).to_have_url(re.compile(r"/agenda/mijn/$"))
    expect(other.get_by_role("status")).to_contain_text("Je aanmelding is geannuleerd.")
    expect(other.get_by_role("button", name=f"Annuleren {MEETING_TITLE}")).to_have_count(0)
    assert_accessible(other)
    other.context.close()

    page.reload()
    expect(status.locator(".status-panel__title")).to_have_text("Aangemeld")
    expect(places.get_by_role("definition")).to_have_text("Vol")
    expect(page.get_by_role("link", name=ONLINE_LINK)).to_be_visible()
    expect(details).not_to_contain_text(LINK_HIDDEN)
    assert_accessible(page)
    _waitlisted, promoted = mails_to(waiting.email)
    assert promoted.subject == f"Er is een plaats voor je vrijgekomen: {MEETING_TITLE}"
    assert ONLINE_LINK in promoted.body
    assert the_event(ics_attachment(promoted))["SUMMARY"] == MEETING_TITLE
    assert event.registrations.get(user=waiting).status == RegistrationStatus.CONFIRMED


# 3. A member at another level sees a meeting but cannot register for it.


def test_online_member_cannot_register_for_a_meeting(page, live_server, db):
    member = make_member("online@example.org", ParticipationLevel.ONLINE)
    event = make_event("legitimiteit", title=MEETING_TITLE, online_link=ONLINE_LINK)

    log_in(page, member.email, "/agenda/")
    expect(page.get_by_role("link", name=MEETING_TITLE)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=MEETING_TITLE).click()
    expect(page).to_have_url(re.compile(r"/agenda/legitimiteit/$"))
    registration = page.get_by_role("region", name="Aanmelding")
    expect(registration).to_contain_text(LEVELS_EXPLAINED)
    expect(registration.get_by_role("link", name="Mijn deelnameniveau wijzigen")).to_be_visible()
    expect(registration.get_by_role("button")).to_have_count(0)
    expect(registration.locator("form")).to_have_count(0)
    expect(page.get_by_role("link", name=ONLINE_LINK)).to_have_count(0)
    assert_accessible(page)

    # Posting by hand, with a valid CSRF token, changes nothing either.
    (csrf,) = [c["value"] for c in page.context.cookies() if c["name"] == "csrftoken"]
    response = page.request.post(
        reverse("agenda:register", args=[event.slug]),
        form={"csrfmiddlewaretoken": csrf},
        headers={"X-CSRFToken": csrf},
    )
    # The request follows the redirect back to the event page, which shows the refusal.
    assert response.ok
    assert response.url.endswith(event.get_absolute_url())
    assert "Alleen leden die deelnemen aan bijeenkomsten kunnen zich aanmelden." in (
        response.text()
    )
    assert not Registration.objects.filter(event=event).exists()
    assert mail.outbox == []

    page.reload()
    expect(registration).to_contain_text(LEVELS_EXPLAINED)
    expect(registration.get_by_role("button")).to_have_count(0)
