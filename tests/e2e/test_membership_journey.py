"""The membership journey in a real browser, from visitor to member with a profile.

A visitor signs up and confirms the e-mail address, applies (first with a mistake),
waits, is approved by the coordinator in the Django admin, logs out and in again as a
member, and then finds colleagues in the directory and completes their own profile
with a photo. axe-core checks every
page on the way, the admin's included. The application form is filled in and sent
with the keyboard only (Tab, arrow keys, Space, Enter), its error included.
"""

import re

from PIL import Image
from playwright.sync_api import expect

from members.models import MembershipStatus, Profile

from ..factories import PASSWORD, make_coordinator, make_member, make_user
from ..helpers import mails_to
from .conftest import assert_accessible, log_in

EMAIL = "noor.bakker@example.org"
NAME = "Noor Bakker"
ORGANISATION = "Buurtwerk Heerlen"
MOTIVATION = (
    "Ik werk tien jaar als opbouwwerker in Heerlen-Noord en deel graag hoe wij "
    "bewonersgroepen ondersteunen zonder het over te nemen."
)

MOTIVATION_MISSING = "Schrijf wat je meebrengt en wilt delen."


def test_membership_journey(browser, live_server, page, tmp_path, settings):
    settings.SITE_URL = live_server.url  # the address account e-mails link to
    coordinator = make_coordinator()
    make_member("sam.jansen@example.org", display_name="Sam Jansen", organisation="Hogeschool")

    sign_up_and_confirm(page)
    apply_with_the_keyboard(page)
    applicant_may_not_see_the_directory(page)
    coordinator_approves(browser, live_server, coordinator)
    member_logs_out_and_in_again(page)
    member_finds_colleagues_and_completes_profile(page, tmp_path)


def sign_up_and_confirm(page):
    page.goto("/")
    assert_accessible(page)
    nav = page.get_by_role("navigation", name="Hoofdmenu")
    nav.get_by_role("link", name="Lid worden").click()
    expect(page).to_have_url(re.compile(r"/accounts/signup/$"))
    expect(nav.get_by_role("link", name="Lid worden")).to_have_attribute("aria-current", "page")
    assert_accessible(page)

    page.get_by_label("E-mailadres").fill(EMAIL)
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_label("Herhaal het wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Account maken").click()
    expect(page).to_have_url(re.compile(r"/accounts/confirm-email/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Kijk in je mail")
    assert_accessible(page)

    # The live server runs in this process, so its e-mail is in the locmem outbox.
    (confirmation,) = mails_to(EMAIL)
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", confirmation.body).group(0)
    page.goto(link)
    assert_accessible(page)
    page.get_by_role("main").get_by_role("button").click()

    # Confirming logs the new account in, and an account without a profile applies first.
    expect(page).to_have_url(re.compile(r"/profiel/aanvraag/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Aanmelden als lid")
    assert_accessible(page)


def apply_with_the_keyboard(page):
    keyboard = page.keyboard
    name = page.get_by_role("textbox", name="Naam")
    practice = page.get_by_role("radio", name="Praktijk")
    meetings = page.get_by_role("radio", name="Deelnemer bijeenkomsten")
    motivation = page.get_by_role("textbox", name="Wat ik meebreng en wil delen")
    consent = page.get_by_role("checkbox", name=re.compile("privacyverklaring"))
    send = page.get_by_role("button", name="Aanvraag versturen")

    # The skip link is the first stop; from the content, the next stop is the first field.
    keyboard.press("Tab")
    expect(page.get_by_role("link", name="Naar de inhoud")).to_be_focused()
    keyboard.press("Enter")
    keyboard.press("Tab")
    expect(name).to_be_focused()
    keyboard.type(NAME)
    keyboard.press("Tab")
    expect(page.get_by_role("textbox", name="Organisatie")).to_be_focused()
    keyboard.type(ORGANISATION)
    keyboard.press("Tab")  # into the sectors, on the first one; arrows choose
    keyboard.press("ArrowDown")
    keyboard.press("ArrowDown")
    expect(practice).to_be_focused()
    expect(practice).to_be_checked()
    keyboard.press("Tab")  # on to the participation levels; each one's hint is read with it
    expect(meetings).to_be_focused()
    expect(meetings).to_have_accessible_description(
        re.compile(r"^Je doet mee aan de bijeenkomsten van het atelier")
    )
    keyboard.press("Space")
    expect(meetings).to_be_checked()
    keyboard.press("Tab")  # the motivation stays empty for now
    expect(motivation).to_be_focused()
    keyboard.press("Tab")
    expect(consent).to_be_focused()
    keyboard.press("Space")
    expect(consent).to_be_checked()
    keyboard.press("Tab")
    expect(page.get_by_role("link", name=re.compile("^privacyverklaring"))).to_be_focused()
    keyboard.press("Tab")
    expect(send).to_be_focused()
    keyboard.press("Enter")

    # As in GOV.UK: "Fout:" in the title, a summary linking to the field, the message
    # beside the field and tied to it, what was typed kept, nothing saved.
    expect(page).to_have_title(re.compile(r"^Fout: "))
    summary = page.get_by_role("alert")
    expect(summary.get_by_role("heading", level=2)).to_have_text("Er is een probleem")
    expect(summary.get_by_role("link")).to_have_count(1)
    summary_link = summary.get_by_role("link", name=MOTIVATION_MISSING)
    expect(summary_link).to_have_attribute("href", "#id_motivation")
    expect(page.locator(".field--error")).to_contain_text(MOTIVATION_MISSING)
    expect(page.locator("#id_motivation_error")).to_have_text(f"Fout: {MOTIVATION_MISSING}")
    expect(motivation).to_have_attribute("aria-invalid", "true")
    expect(motivation).to_have_accessible_description(
        re.compile(r"wat wil je delen\? Fout: Schrijf wat je meebrengt en wilt delen\.$")
    )
    expect(name).to_have_value(NAME)
    expect(practice).to_be_checked()
    expect(meetings).to_be_checked()
    expect(consent).to_be_checked()
    assert not Profile.objects.filter(user__email=EMAIL).exists()
    assert_accessible(page)

    # The summary comes first in the content; its link moves focus to the field.
    keyboard.press("Tab")
    expect(summary_link).to_be_focused()
    keyboard.press("Enter")
    expect(motivation).to_be_focused()
    keyboard.type(MOTIVATION)
    keyboard.press("Tab")
    expect(consent).to_be_focused()
    keyboard.press("Tab")
    keyboard.press("Tab")
    expect(send).to_be_focused()
    keyboard.press("Enter")

    # (The form posts to the page's own address, so the fragment the summary's link
    # added comes along; it points at nothing on the status page.)
    expect(page).to_have_url(re.compile(r"/profiel/(#[\w-]+)?$"))
    expect(page.get_by_role("status")).to_have_text("Dank je wel! Je aanvraag is verstuurd.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Je aanvraag")
    expect(page.get_by_text("Wacht op goedkeuring")).to_be_visible()
    profile = Profile.objects.get(user__email=EMAIL)
    assert profile.status == MembershipStatus.APPLIED
    assert (profile.display_name, profile.organisation) == (NAME, ORGANISATION)
    assert (profile.sector, profile.participation_level) == ("practice", "meetings")
    assert profile.motivation == MOTIVATION
    assert profile.privacy_consent_at is not None
    assert_accessible(page)


def applicant_may_not_see_the_directory(page):
    nav = page.get_by_role("navigation", name="Hoofdmenu")
    expect(nav.get_by_role("link", name="Leden", exact=True)).to_have_count(0)
    response = page.goto("/leden/")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Alleen voor leden")
    assert_accessible(page)


def coordinator_approves(browser, live_server, coordinator):
    assert coordinator.is_staff and not coordinator.is_superuser
    context = browser.new_context(base_url=live_server.url, locale="en-US")
    context.set_default_timeout(10_000)
    admin = context.new_page()
    admin.goto("/admin/")
    # The admin's login is the site's own (its rate limits and lockout apply).
    expect(admin).to_have_url(re.compile(r"/accounts/login/\?next=%2Fadmin%2F$"))
    assert_accessible(admin)
    admin.get_by_role("textbox", name="E-mailadres").fill(coordinator.email)
    admin.get_by_role("textbox", name="Wachtwoord").fill(PASSWORD)
    admin.get_by_role("main").get_by_role("button", name="Inloggen").click()
    expect(admin).to_have_url(re.compile(r"/admin/$"))
    notice = admin.get_by_role("link", name="1 aanvraag wacht op je besluit")
    expect(notice).to_be_visible()
    assert_accessible(admin)

    notice.click()
    expect(admin).to_have_url(re.compile(r"/admin/members/profile/\?status__exact=applied$"))
    expect(admin.locator("#result_list tbody tr")).to_have_count(1)
    assert_accessible(admin)
    admin.get_by_role("checkbox", name=re.compile(f"{NAME}$")).check()
    actions = admin.get_by_role("combobox", name=re.compile("^Actie"))
    actions.select_option(label="Geselecteerde aanvragen goedkeuren")
    admin.get_by_role("button", name="Uitvoeren").click()
    expect(admin.locator(".messagelist .success")).to_have_text("1 aanvraag goedgekeurd.")
    assert_accessible(admin)
    context.close()

    assert Profile.objects.get(user__email=EMAIL).status == MembershipStatus.ACTIVE
    confirmation, approval = mails_to(EMAIL)
    assert approval.subject == "Welkom bij het Leeratelier Samenlevingsopbouw"
    assert f"Beste {NAME}," in approval.body


def member_logs_out_and_in_again(page):
    # Back in the applicant's own browser: the new member starts a fresh session.
    page.goto("/")
    nav = page.get_by_role("navigation", name="Hoofdmenu")
    nav.get_by_role("link", name="Uitloggen").click()
    expect(page).to_have_url(re.compile(r"/accounts/logout/$"))
    assert_accessible(page)
    page.get_by_role("main").get_by_role("button", name="Uitloggen").click()
    expect(page).to_have_url(re.compile(r"/$"))
    expect(nav.get_by_role("link", name="Inloggen")).to_be_visible()
    expect(nav.get_by_role("link", name="Leden", exact=True)).to_have_count(0)
    assert_accessible(page)

    # The login form (axe-checked in log_in) leads a member straight to the directory.
    log_in(page, EMAIL, "/leden/")


def member_finds_colleagues_and_completes_profile(page, tmp_path):
    expect(page).to_have_url(re.compile(r"/leden/$"))
    nav = page.get_by_role("navigation", name="Hoofdmenu")
    expect(nav.get_by_role("link", name="Leden")).to_have_attribute("aria-current", "page")
    expect(nav.get_by_role("link", name="Uitloggen")).to_be_visible()
    results = page.get_by_role("region", name=re.compile(r"^\d+ (lid|leden)$"))
    expect(results.get_by_role("heading", level=2)).to_have_text("2 leden")
    expect(results.get_by_role("heading", level=3)).to_have_text([NAME, "Sam Jansen"])
    assert_accessible(page)

    page.get_by_role("textbox", name="Naam, organisatie, functie of expertise").fill(ORGANISATION)
    page.locator("main").get_by_role("button", name="Zoeken").click()
    expect(page).to_have_url(re.compile(r"/leden/\?q=Buurtwerk\+Heerlen"))
    expect(results.get_by_role("heading", level=2)).to_have_text("1 lid")
    expect(results.get_by_role("heading", level=3)).to_have_text([NAME])
    assert_accessible(page)

    results.get_by_role("link", name=NAME).click()
    expect(page).to_have_url(re.compile(r"/leden/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(NAME)
    assert_accessible(page)

    page.get_by_role("link", name="Je profiel bewerken").click()
    expect(page).to_have_url(re.compile(r"/profiel/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn profiel")
    assert_accessible(page)
    photo = tmp_path / "noor.jpg"
    Image.new("RGB", (400, 300), (29, 90, 122)).save(photo, "JPEG")
    page.get_by_role("textbox", name="Functie").fill("Opbouwwerker")
    page.get_by_role("textbox", name="Over mij").fill(
        "Ik werk met **bewonersgroepen** in Heerlen-Noord."
    )
    page.get_by_role("textbox", name="Expertise").fill("bewonersparticipatie, buurtwerk")
    page.get_by_label("Foto").set_input_files(photo)
    page.get_by_role("button", name="Profiel opslaan").click()
    expect(page.get_by_role("status")).to_have_text("Je profiel is opgeslagen.")
    expect(page.get_by_role("img", name=NAME)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Bekijk je profiel zoals andere leden het zien").click()
    expect(page).to_have_url(re.compile(r"/leden/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(NAME)
    expect(page.get_by_text("Opbouwwerker, Buurtwerk Heerlen")).to_be_visible()
    expect(page.get_by_role("link", name="bewonersparticipatie")).to_be_visible()
    expect(page.get_by_role("link", name="buurtwerk", exact=True)).to_be_visible()
    expect(page.locator("strong", has_text="bewonersgroepen")).to_be_visible()
    avatar = page.get_by_role("img", name=NAME)
    expect(avatar).to_be_visible()
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=avatar.element_handle()
    )
    assert avatar.evaluate("img => img.naturalWidth") > 0
    assert_accessible(page)


def test_application_error_summary_takes_focus_and_leads_to_each_field(page, live_server, db):
    make_user(EMAIL)
    page.goto("/accounts/login/")
    page.get_by_role("textbox", name="E-mailadres").fill(EMAIL)
    page.get_by_role("textbox", name="Wachtwoord").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Inloggen").click()
    expect(page).to_have_url(re.compile(r"/profiel/aanvraag/$"))
    page.get_by_role("button", name="Aanvraag versturen").click()

    # As GOV.UK's error summary does with script, focus starts on it (autofocus here).
    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(page.get_by_role("group", name="Sector")).to_have_accessible_description(
        "Fout: Kies de sector waarin je werkt."
    )
    assert_accessible(page)
    # A link to a group of radios leads to its first radio, which takes focus.
    summary.get_by_role("link", name="Kies de sector waarin je werkt.").click()
    expect(page.get_by_role("radio", name="Onderwijs")).to_be_focused()
    summary.get_by_role("link", name="Kies hoe je wilt meedoen.").click()
    expect(page.get_by_role("radio", name="Deelnemer bijeenkomsten")).to_be_focused()
