"""The coordinator's guide (docs/coordinator.md), walked through in a real browser.

A coordinator (staff in the group "Coördinator", not a superuser) does every task the
guide describes, in the order it describes them, in headless Chromium at a fixed
viewport: approve and decline applications, pause a membership (which releases the
member's places), decide requests to move up a level, plan follow-up dates, see and
export registrations, cancel an event, record attendance, edit the site's texts. Each step
checks its outcome in the database and on screen, and takes the guide's screenshot.

The screenshots go to a temporary folder; with UPDATE_SCREENSHOTS=1 (`make screenshots`)
they replace the ones in docs/coordinator/. The guide and the walk are then held
together: every image the guide shows is one this test takes and the other way round,
and every label the guide quotes as **“…”** is on the screen of the next image.

The members, applications and events the coordinator finds: tests/e2e/coordinator_world.py.

The admin's pages are not checked with axe here (that is the admin's own test); the
site's pages the coordinator's edits change are.
"""

import csv
import io
import os
import re
import shutil
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from atelier.models import SiteSettings
from members.models import LevelRequestStatus, MembershipStatus, ParticipationLevel, Profile
from sessions_app.models import Event, EventKind, EventStatus, Registration, RegistrationStatus

from ..factories import PASSWORD
from ..helpers import mails_to
from .conftest import assert_accessible, log_in
from .coordinator_world import (
    COORDINATOR_EMAIL,
    DECLINED,
    MEETING,
    MOVES_UP,
    NEW_MEMBER,
    PAST_MEETING,
    PAUSED,
    PUBLIC_EVENT,
    STAYS,
    demo_world,
    on_day,
)

GUIDE = Path(settings.BASE_DIR) / "docs" / "coordinator.md"
SCREENSHOTS = GUIDE.parent / "coordinator"
VIEWPORT = {"width": 1280, "height": 800}
MAX_SCREENSHOT_BYTES = 150_000
MARGIN = 8  # pixels around the parts a screenshot shows

# A label quoted for the reader, checked against the screen: **“Uitvoeren”**.
QUOTED_LABEL = re.compile(r"\*\*“(.+?)”\*\*")
IMAGE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)\)")

SERIES = "Bijeenkomst: een tool uit de kennisbank uitproberen"

ABOUT_SENTENCE = "Iedereen die met samenlevingsopbouw werkt, is welkom."
PHONE = "045 400 60 60"
WELCOME_SUBJECT = "Welkom bij het Leeratelier Samenlevingsopbouw"
REFUSAL_SUBJECT = "Je aanvraag bij het Leeratelier Samenlevingsopbouw"
RELEASED_SUBJECT = "Je aanmelding is geannuleerd"
LEVEL_APPROVED_SUBJECT = "Je verzoek is goedgekeurd: Deelnemer bijeenkomsten"
LEVEL_DECLINED_SUBJECT = "Je verzoek om een ander deelnameniveau"
WAITING_PANEL = "Je verzoek wacht op de coördinator"
LEVEL_REQUESTS_NOTICE = "2 verzoeken om een ander deelnameniveau wachten op je besluit"
CSV_COLUMNS = [
    "activiteit", "begin", "naam", "e-mailadres", "organisatie", "status", "aangemeld",
    "aanwezig geweest",
]  # fmt: skip
ATTENDANCE = {
    "Sam Jansen": "Ja",
    "Lotte Smeets": "Ja",
    "Youssef Amrani": "Nee",
    "Eva Janssen": "Ja",
}


def test_coordinator_guide(browser, live_server, tmp_path):
    world = demo_world()
    context = browser.new_context(base_url=live_server.url, viewport=VIEWPORT, locale="nl-NL")
    context.set_default_timeout(10_000)
    page = context.new_page()
    screens = Screens(tmp_path / "screenshots")

    log_in_to_the_admin(page, screens)
    approve_and_decline_applications(page, screens)
    pause_a_membership(page, screens, world)
    decide_level_requests(page, screens, browser, live_server.url)
    add_an_event(page, screens, world)
    plan_follow_up_dates(page, screens, world)
    see_and_export_registrations(page, screens, world)
    cancel_an_event(page, screens, world)
    record_attendance(page, screens, world)
    see_the_value_stories(page, screens)
    edit_the_site_texts(page, screens)
    context.close()

    if os.environ.get("UPDATE_SCREENSHOTS") == "1":
        screens.replace(SCREENSHOTS)
    guide_matches_the_screens(screens)


# --- The guide and its pictures -----------------------------------------------------


class Screens:
    """The guide's screenshots, taken into a folder, with the text each screen showed."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.folder.mkdir(parents=True)
        self.texts: dict[str, str] = {}

    def take(self, page, name: str, *parts) -> None:
        """A screenshot of the parts of the page (locators) and what lies between them."""
        filename = f"{name}.png"
        assert filename not in self.texts, f"two screenshots are called {filename}"
        page.mouse.move(0, 0)  # no hover effect where the last click left the mouse
        page.evaluate("window.scrollTo(0, 0)")  # so the boxes are in the page's coordinates
        boxes = [part.bounding_box() for part in parts]
        left = max(min(box["x"] for box in boxes) - MARGIN, 0)
        top = max(min(box["y"] for box in boxes) - MARGIN, 0)
        right = min(max(box["x"] + box["width"] for box in boxes) + MARGIN, VIEWPORT["width"])
        bottom = max(box["y"] + box["height"] for box in boxes) + MARGIN
        page.screenshot(
            path=self.folder / filename,
            clip={"x": left, "y": top, "width": right - left, "height": bottom - top},
            full_page=True,
            animations="disabled",
            caret="hide",
        )
        size = (self.folder / filename).stat().st_size
        assert size < MAX_SCREENSHOT_BYTES, f"{filename} is {size} bytes: clip it to what matters"
        self.texts[filename] = screen_text(page)

    def replace(self, destination: Path) -> None:
        destination.mkdir(exist_ok=True)
        for old in destination.glob("*.png"):
            old.unlink()
        for filename in self.texts:
            shutil.copyfile(self.folder / filename, destination / filename)


def screen_text(page) -> str:
    """What a reader can find on the page: its text, buttons' values and select options."""
    text = page.evaluate(
        """() => [
            document.body.innerText,
            ...Array.from(document.querySelectorAll("input[type=submit], input[type=button]"),
                          input => input.value),
            ...Array.from(document.querySelectorAll("option"), option => option.textContent),
        ].join("\\n")"""
    )
    return normalised(text)


def normalised(text: str) -> str:
    # The admin shows some headings in capitals with CSS; the reader sees the same word.
    return " ".join(text.split()).casefold()


def guide_images(text: str) -> list[str]:
    """The file names of the guide's images, each of which must be in docs/coordinator/."""
    paths = IMAGE.findall(text)
    strays = [path for path in paths if not re.fullmatch(r"coordinator/[\w-]+\.png", path)]
    assert not strays, f"the guide's images are PNGs in docs/coordinator/, not {strays}"
    return [path.removeprefix("coordinator/") for path in paths]


def guide_matches_the_screens(screens: Screens) -> None:
    text = GUIDE.read_text(encoding="utf-8")
    assert sorted(guide_images(text)) == sorted(screens.texts), (
        "docs/coordinator.md and this test must show the same screenshots"
    )
    # Each stretch of the guide ends with the screenshot of the screen it talks about.
    *stretches, after_last = IMAGE.split(text)[::2]
    for stretch, image in zip(stretches, guide_images(text), strict=True):
        for label in QUOTED_LABEL.findall(stretch):
            assert normalised(label) in screens.texts[image], (
                f"the guide quotes “{label}” for {image}, but that screen does not show it"
            )
    assert not QUOTED_LABEL.findall(after_last), "a quoted label after the last screenshot"
    # What the guide says the e-mails and the export hold, and the site shows.
    for promised in [
        f"“{WELCOME_SUBJECT}”",
        f"“{REFUSAL_SUBJECT}”",
        f"“{RELEASED_SUBJECT}”",
        f"“{LEVEL_APPROVED_SUBJECT}”",
        f"“{LEVEL_DECLINED_SUBJECT}”",
        f'"{WAITING_PANEL}"',
        "“Geannuleerd:” followed by the event's title",
        '"Deze activiteit is geannuleerd."',
        f"{', '.join(CSV_COLUMNS[:-1])} and {CSV_COLUMNS[-1]}",
    ]:
        assert promised in " ".join(text.split()), f"the guide no longer says {promised}"


def test_guide_shows_the_committed_screenshots():
    """Every image the guide shows is committed, small, and no other image lies about."""
    images = guide_images(GUIDE.read_text(encoding="utf-8"))
    assert len(images) == len(set(images)), "the guide shows an image twice"
    committed = sorted(path.name for path in SCREENSHOTS.glob("*.png"))
    assert committed == sorted(images), "run `make screenshots` and commit docs/coordinator/"
    for name in committed:
        assert (SCREENSHOTS / name).stat().st_size < MAX_SCREENSHOT_BYTES, name


# --- The guide's tasks, in its order ----------------------------------------------


def choose_action(page, action: str) -> None:
    page.get_by_role("combobox", name=re.compile("^Actie")).select_option(label=action)


def run(page) -> None:
    page.get_by_role("button", name="Uitvoeren").click()


def success_message(page):
    return page.locator(".messagelist .success")


def open_from_the_menu(page, name: str) -> None:
    page.goto("/admin/")
    page.locator("#content-main").get_by_role("link", name=name, exact=True).click()


def log_in_to_the_admin(page, screens):
    page.goto("/admin/")
    # The admin's login is the site's own, with its limits (docs/security.md).
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=%2Fadmin%2F$"))
    main = page.get_by_role("main")
    main.get_by_role("textbox", name="E-mailadres").fill(COORDINATOR_EMAIL)
    main.get_by_role("textbox", name="Wachtwoord").fill(PASSWORD)
    expect(main.get_by_role("link", name="Kies een nieuw wachtwoord")).to_be_visible()
    screens.take(page, "login", main)
    main.get_by_role("button", name="Inloggen").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def approve_and_decline_applications(page, screens):
    notice = page.get_by_role("link", name="2 aanvragen wachten op je besluit")
    expect(notice).to_be_visible()
    expect(page.get_by_role("link", name=LEVEL_REQUESTS_NOTICE)).to_be_visible()
    screens.take(page, "dashboard", page.locator("#header"), page.locator("#content"))

    notice.click()
    expect(page).to_have_url(re.compile(r"/admin/members/profile/\?status__exact=applied$"))
    # The menu on the left takes room the list needs; « folds it away (and it stays so).
    page.locator("#toggle-nav-sidebar").click()
    expect(page.locator("#nav-sidebar")).to_be_hidden()
    expect(page.locator("#result_list tbody tr")).to_have_count(2)
    screens.take(page, "applications", page.locator("#header"), page.locator("#content"))

    page.get_by_role("link", name=NEW_MEMBER).click()
    expect(page.get_by_role("heading", level=2, name=NEW_MEMBER)).to_be_visible()
    screens.take(page, "application", page.locator("#content h1"), page.locator("fieldset").nth(1))
    page.go_back()

    page.get_by_role("checkbox", name=re.compile(f"{NEW_MEMBER}$")).check()
    choose_action(page, "Geselecteerde aanvragen goedkeuren")
    screens.take(page, "approve", page.locator("#changelist-form"))
    run(page)
    expect(success_message(page)).to_have_text("1 aanvraag goedgekeurd.")
    noor = Profile.objects.get(display_name=NEW_MEMBER)
    assert noor.status == MembershipStatus.ACTIVE
    assert noor.approved_by.email == COORDINATOR_EMAIL
    (welcome,) = mails_to("noor.bakker@example.org")
    assert welcome.subject == WELCOME_SUBJECT
    # The list still shows applications only: the one left to decide.
    expect(page.locator("#result_list tbody tr")).to_have_count(1)
    screens.take(page, "approved", page.locator(".messagelist"), page.locator("#changelist-form"))

    page.get_by_role("checkbox", name=re.compile(f"{DECLINED}$")).check()
    choose_action(page, "Geselecteerde aanvragen afwijzen")
    run(page)
    expect(success_message(page)).to_have_text("1 aanvraag afgewezen.")
    assert Profile.objects.get(display_name=DECLINED).status == MembershipStatus.ENDED
    (refusal,) = mails_to("info@zonnig.example")
    assert refusal.subject == REFUSAL_SUBJECT
    expect(page.locator("#result_list tbody tr")).to_have_count(0)
    screens.take(page, "declined", page.locator(".messagelist"), page.locator("#changelist-form"))


def pause_a_membership(page, screens, world):
    # Pausing releases the member's places at meetings to come: the waiting list moves up.
    page.locator("#changelist-filter").get_by_role("link", name="Alle", exact=True).first.click()
    expect(page).to_have_url(re.compile(r"/admin/members/profile/\??$"))
    page.get_by_role("checkbox", name=re.compile(f"{PAUSED}$")).check()
    choose_action(page, "Geselecteerde lidmaatschappen pauzeren")
    run(page)
    expect(success_message(page)).to_have_text("1 lidmaatschap gewijzigd.")
    expect(page.locator("#result_list tr", has_text=PAUSED)).to_contain_text("Gepauzeerd")
    screens.take(page, "paused", page.locator(".messagelist"), page.locator("#changelist-form"))
    assert Profile.objects.get(display_name=PAUSED).status == MembershipStatus.PAUSED
    released = Registration.objects.get(user=world["paused"], event=world["meeting"])
    assert released.status == RegistrationStatus.CANCELLED
    (message,) = mails_to("bram.coenen@example.org")
    assert message.subject == RELEASED_SUBJECT
    assert MEETING in message.body


def decide_level_requests(page, screens, browser, base_url):
    # Meanwhile the member sees on their membership page that the request waits.
    member_context = browser.new_context(base_url=base_url, viewport=VIEWPORT, locale="nl-NL")
    member_page = member_context.new_page()
    log_in(member_page, "ruud.vos@example.org", "/profiel/lidmaatschap/")
    expect(member_page.get_by_text(WAITING_PANEL)).to_be_visible()
    expect(member_page.get_by_role("main")).to_contain_text("doe je mee als: Alleen public events")
    assert_accessible(member_page)
    member_context.close()

    page.goto("/admin/")
    page.get_by_role("link", name=LEVEL_REQUESTS_NOTICE).click()
    expect(page).to_have_url(re.compile(r"/admin/members/levelrequest/\?status__exact=requested$"))
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(2)
    screens.take(page, "level-requests", page.locator("#header"), page.locator("#content"))

    page.get_by_role("link", name=MOVES_UP).click()
    expect(page.get_by_role("heading", level=2)).to_have_text(
        f"{MOVES_UP} · Deelnemer bijeenkomsten"
    )
    expect(page.locator("#content")).to_contain_text("Kerkrade-West")
    screens.take(page, "level-request", page.locator("#content h1"), page.locator("fieldset"))
    page.go_back()

    page.get_by_role("checkbox", name=re.compile(f"{MOVES_UP}")).check()
    choose_action(page, "Geselecteerde niveauverzoeken goedkeuren")
    screens.take(page, "level-approve", page.locator("#changelist-form"))
    run(page)
    expect(success_message(page)).to_have_text("1 verzoek om een ander niveau goedgekeurd.")
    expect(rows).to_have_count(1)
    screens.take(
        page, "level-approved", page.locator(".messagelist"), page.locator("#changelist-form")
    )
    daan = Profile.objects.get(display_name=MOVES_UP)
    assert daan.participation_level == ParticipationLevel.MEETINGS
    approved = daan.level_requests.get()
    assert approved.status == LevelRequestStatus.APPROVED
    assert approved.decided_by.email == COORDINATOR_EMAIL
    (approval,) = mails_to("daan.hermans@example.org")
    assert approval.subject == LEVEL_APPROVED_SUBJECT

    page.get_by_role("link", name=STAYS).click()
    page.get_by_label("Status").select_option(label="Afgewezen")
    screens.take(page, "level-decline", page.locator("#content h1"), page.locator("#content form"))
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(success_message(page)).to_contain_text(STAYS)
    expect(rows).to_have_count(0)
    ruud = Profile.objects.get(display_name=STAYS)
    assert ruud.participation_level == ParticipationLevel.PUBLIC_EVENTS
    declined = ruud.level_requests.get()
    assert declined.status == LevelRequestStatus.DECLINED
    assert declined.decided_by.email == COORDINATOR_EMAIL
    (refusal,) = mails_to("ruud.vos@example.org")
    assert refusal.subject == LEVEL_DECLINED_SUBJECT
    assert "Je blijft meedoen als: Alleen public events." in refusal.body

    # No notice is left on the start page.
    page.goto("/admin/")
    expect(page.locator(".messagelist")).to_have_count(0)


def add_an_event(page, screens, world):
    open_from_the_menu(page, "Activiteiten")
    page.get_by_role("link", name="Activiteit toevoegen").click()
    first = world["series_start"]
    page.get_by_label("Soort").select_option(label="Bijeenkomst voor leden")
    page.get_by_label("Titel").fill(SERIES)
    page.get_by_label("Samenvatting").fill("We proberen samen een tool uit de kennisbank uit.")
    page.get_by_label("Status").select_option(label="Gepubliceerd")
    page.locator("#id_start_0").fill(f"{first:%d-%m-%Y}")
    page.locator("#id_start_1").fill("14:00")
    page.locator("#id_end_0").fill(f"{first:%d-%m-%Y}")
    page.locator("#id_end_1").fill("16:30")
    page.get_by_label("Plaats").fill("Zuyd Hogeschool, Nieuw Eyckholt 300, Heerlen")
    page.get_by_label("Capaciteit").fill("12")
    screens.take(page, "event-form", page.locator("#content h1"), page.locator("fieldset").nth(2))
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(success_message(page)).to_contain_text(SERIES)
    event = Event.objects.get(title=SERIES)
    assert event.kind == EventKind.MEETING and event.status == EventStatus.PUBLISHED
    assert timezone.localtime(event.start) == on_day(first, 14)
    assert timezone.localtime(event.end) == on_day(first, 16, 30)
    assert event.capacity == 12


def plan_follow_up_dates(page, screens, world):
    first = world["series_start"]
    page.get_by_role("checkbox", name=re.compile(f"{re.escape(SERIES)}$")).check()
    choose_action(page, "Vervolgdata plannen (kopiëren naar nieuwe data)")
    screens.take(page, "series-action", page.locator("#changelist-form"))
    run(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Vervolgdata plannen")
    next_date = first + timedelta(weeks=4)
    page.get_by_label("Begin van de eerste nieuwe datum").fill(f"{next_date:%Y-%m-%d}T14:00")
    page.get_by_label("Hoeveel data").fill("3")
    page.get_by_label("Om de hoeveel weken").fill("4")
    screens.take(page, "series-form", page.locator("#header"), page.locator("#content"))
    page.get_by_role("button", name="Deze data plannen").click()
    expect(success_message(page)).to_have_text("3 data gepland.")
    screens.take(page, "series-planned", page.locator(".messagelist"), page.locator("#changelist"))
    copies = Event.objects.filter(title=SERIES, status=EventStatus.DRAFT).order_by("start")
    assert [timezone.localtime(copy.start) for copy in copies] == [
        on_day(next_date + timedelta(weeks=4 * number), 14) for number in range(3)
    ]
    assert all(copy.end - copy.start == timedelta(hours=2, minutes=30) for copy in copies)
    assert all(copy.capacity == 12 for copy in copies)

    # A draft is not on the site; publishing is one choice on the event's own page.
    first_copy = copies[0]
    page.goto(f"/admin/sessions_app/event/{first_copy.pk}/change/")
    page.get_by_label("Status").select_option(label="Gepubliceerd")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(success_message(page)).to_contain_text(SERIES)
    first_copy.refresh_from_db()
    assert first_copy.status == EventStatus.PUBLISHED


def see_and_export_registrations(page, screens, world):
    open_from_the_menu(page, "Activiteiten")
    page.locator("#changelist-filter").get_by_role("link", name="Binnenkort").click()
    expect(page).to_have_url(re.compile(r"wanneer=komend"))
    meeting_row = page.locator("#result_list tr", has_text=MEETING)
    expect(meeting_row).to_contain_text("4 / 12 (33%)")
    screens.take(page, "events", page.locator("#header"), page.locator("#content"))

    page.get_by_role("link", name=MEETING).click()
    registrations = page.locator(".inline-group")
    expect(registrations.locator("tbody tr.has_original")).to_have_count(5)
    expect(registrations.locator("tr", has_text=PAUSED)).to_contain_text("Geannuleerd")
    screens.take(page, "event-registrations", registrations)
    page.go_back()

    page.get_by_role("checkbox", name=re.compile(f"{re.escape(MEETING)}$")).check()
    choose_action(page, "Aanmeldingen exporteren als CSV")
    screens.take(page, "export", page.locator("#changelist-form"))
    with page.expect_download() as download_info:
        run(page)
    download = download_info.value
    assert re.fullmatch(r"aanmeldingen-\d{4}-\d{2}-\d{2}\.csv", download.suggested_filename)
    text = Path(download.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == CSV_COLUMNS
    assert sorted(row[2] for row in rows[1:]) == sorted(
        member.profile.display_name for member in [*world["members"], world["paused"]]
    )
    assert {row[0] for row in rows[1:]} == {MEETING}


def cancel_an_event(page, screens, world):
    page.get_by_role("checkbox", name=re.compile(f"{re.escape(MEETING)}$")).uncheck()
    page.get_by_role("checkbox", name=re.compile(f"{re.escape(PUBLIC_EVENT)}$")).check()
    choose_action(page, "Geselecteerde activiteiten annuleren en alle aangemelden berichten")
    screens.take(page, "cancel-event", page.locator("#changelist-form"))
    run(page)
    expect(success_message(page)).to_have_text(
        "1 activiteit(en) geannuleerd; 3 mensen zijn per e-mail bericht."
    )
    screens.take(page, "event-cancelled", page.locator(".messagelist"), page.locator("#changelist"))
    world["public_event"].refresh_from_db()
    assert world["public_event"].status == EventStatus.CANCELLED
    told = [message for message in mail.outbox if message.subject == f"Geannuleerd: {PUBLIC_EVENT}"]
    assert sorted(message.to[0] for message in told) == [
        "fatima@example.org",
        "lotte.smeets@example.org",
        "sam.jansen@example.org",
    ]

    # The event's own page says so, to anyone who still has the link.
    page.goto(f"/agenda/{world['public_event'].slug}/")
    expect(page.get_by_role("status")).to_have_text("Deze activiteit is geannuleerd.")
    assert_accessible(page)


def record_attendance(page, screens, world):
    open_from_the_menu(page, "Activiteiten")
    page.locator("#changelist-filter").get_by_role("link", name="Voorbij").click()
    page.get_by_role("link", name=PAST_MEETING).click()
    registrations = page.locator(".inline-group")
    for name, choice in ATTENDANCE.items():
        registrations.locator("tr", has_text=name).locator("select").select_option(label=choice)
    screens.take(page, "attendance", registrations)
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(success_message(page)).to_contain_text(PAST_MEETING)
    recorded = {
        registration.person_name: registration.attended
        for registration in world["past_meeting"].registrations.select_related("user__profile")
    }
    assert recorded == {name: choice == "Ja" for name, choice in ATTENDANCE.items()}

    # Youssef came after all: the list of registrations corrects one or many at once.
    open_from_the_menu(page, "Aanmeldingen")
    page.locator("#searchbar").fill("Youssef")
    page.get_by_role("button", name="Zoeken").click()
    page.locator("#result_list tr", has_text=PAST_MEETING).get_by_role("checkbox").check()
    choose_action(page, "Markeren als aanwezig")
    screens.take(page, "attendance-list", page.locator("#header"), page.locator("#content"))
    run(page)
    expect(page.locator(".messagelist li")).to_have_text("1 gemarkeerd als aanwezig.")
    late = world["past_meeting"].registrations.get(user__profile__display_name="Youssef Amrani")
    assert late.attended is True

    # Attendance waits for the start: a meeting to come is left as it is, and said so.
    page.locator("#result_list tr", has_text=MEETING).get_by_role("checkbox").check()
    choose_action(page, "Markeren als aanwezig")
    run(page)
    expect(page.locator(".messagelist .warning")).to_have_text(
        "1 aanmelding niet gewijzigd: aanwezigheid kun je pas vastleggen als de activiteit "
        "is begonnen."
    )
    to_come = world["meeting"].registrations.get(user__profile__display_name="Youssef Amrani")
    assert to_come.attended is None


def see_the_value_stories(page, screens):
    open_from_the_menu(page, "Waardeverhalen")
    screens.take(page, "value-stories", page.locator("#header"), page.locator("#content"))


def edit_the_site_texts(page, screens):
    open_from_the_menu(page, "Pagina's")
    page.get_by_role("link", name="Over het atelier").click()
    body = page.get_by_label("Tekst:", exact=True)
    body.fill(f"{body.input_value()}\n\n## Voor wie\n\n{ABOUT_SENTENCE}")
    screens.take(page, "page-edit", page.locator("#header"), page.locator("#content"))
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(success_message(page)).to_be_visible()
    page.goto("/over/")
    expect(page.get_by_role("heading", level=2, name="Voor wie")).to_be_visible()
    expect(page.get_by_text(ABOUT_SENTENCE)).to_be_visible()
    assert_accessible(page)

    open_from_the_menu(page, "Website-instellingen")
    page.locator("#result_list tbody").get_by_role("link", name="Website-instellingen").click()
    page.get_by_label("Telefoonnummer coördinator").fill(PHONE)
    screens.take(page, "site-settings", page.locator("#header"), page.locator("#content"))
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(success_message(page)).to_be_visible()
    assert SiteSettings.load().coordinator_phone == PHONE
    page.goto("/")
    footer = page.get_by_role("contentinfo")
    expect(footer.get_by_role("link", name=PHONE)).to_be_visible()
    assert_accessible(page)
    screens.take(page, "footer", footer)
