"""A tool's life in the atelier, in one browser journey (issue 16, item 12).

Noor writes a tool in its sections and publishes it, improves it, sees on the versions
page what changed and restores the first version. Gijs, who tried the tool in his
neighbourhood, records that he used it; four weeks after the meeting where he heard of
it, the follow-up e-mail brings him to the value-story form, where he tells what it
changed, about that meeting and this tool. A visitor downloads the tool's handout.
axe-core checks every page on the way. Each step has a test of its own with the details
(test_tool_writing, test_tool_versions, test_tool_uptake, test_value_stories,
test_handouts); this one shows that they are one road.
"""

import io
import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from knowledge.models import Resource, Uptake
from members.models import ParticipationLevel
from value.follow_ups import send_due_follow_ups
from value.models import StoryAudience, ValueStory

from ..factories import make_event, make_member, make_registration
from ..helpers import mails_to
from .conftest import assert_accessible, log_in

WRITER = "noor.bakker@example.org"
USER = "gijs.gebruiker@example.org"
TITLE = "De straatspiegel"
SUMMARY = "Bewoners kijken samen naar hun straat en kiezen wat ze willen veranderen."
IMPROVED = (
    "Bewoners kijken samen met de wijkagent naar hun straat en kiezen wat ze willen veranderen."
)
MEETING = "Werkplaats signaleren"
STORY = "Een straat die zelf aan tafel kwam"


def test_a_tool_is_written_improved_used_told_about_and_printed(
    page, browser, live_server, settings
):
    settings.SITE_URL = live_server.url  # the address the e-mails link to
    make_member(WRITER, ParticipationLevel.ONLINE, display_name="Noor Bakker")
    user = make_member(USER, ParticipationLevel.MEETINGS, display_name="Gijs Gebruiker")
    start = timezone.now() - timedelta(days=settings.FOLLOW_UP_AFTER_DAYS + 1)
    meeting = make_event(
        "werkplaats-signaleren", title=MEETING, start=start, end=start + timedelta(hours=3)
    )
    make_registration(meeting, user, attended=True)

    def new_page():
        context = browser.new_context(base_url=live_server.url, locale="en-US")
        context.set_default_timeout(10_000)
        return context.new_page()

    tool_url = write_and_publish(page)
    improve_and_restore(page, tool_url)
    gijs = new_page()
    record_using_it(gijs, tool_url)
    tell_what_it_changed(gijs)
    download_the_handout(new_page(), tool_url)


def write_and_publish(page) -> str:
    log_in(page, WRITER, "/kennisbank/nieuw/")
    assert_accessible(page)
    page.get_by_role("link", name="Tool / werkvorm").click()
    page.get_by_role("textbox", name="Titel").fill(TITLE)
    page.get_by_role("textbox", name="Samenvatting").fill(SUMMARY)
    page.get_by_role("textbox", name="Doelgroep").fill("Bewoners van één straat.")
    page.get_by_role("textbox", name="Doel", exact=True).fill("Samen een verandering kiezen.")
    page.get_by_role("textbox", name="Aanpak").fill("1. Loop de straat door.\n2. Praat na.")
    page.get_by_role("radio", name="Iedereen").check()  # a public tool
    assert_accessible(page)
    page.get_by_role("button", name="Publiceren").click()
    expect(page.get_by_role("status")).to_have_text("Gepubliceerd.")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    assert_accessible(page)
    assert Resource.objects.get().is_published
    return page.url


def improve_and_restore(page, tool_url) -> None:
    page.get_by_role("link", name="Bewerken").click()
    page.get_by_role("textbox", name="Samenvatting").fill(IMPROVED)
    page.get_by_role("button", name="Opslaan (blijft gepubliceerd)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)

    page.get_by_role("link", name="Versies").click()
    expect(page.locator(".versions__line a")).to_have_text(["Versie 2", "Versie 1"])
    assert_accessible(page)
    page.get_by_role("link", name="Versie 2").click()
    expect(page.locator(".difference__text ins")).to_have_text(["met de wijkagent"])
    assert_accessible(page)

    page.get_by_role("link", name="versie 1", exact=True).click()
    page.get_by_role("link", name="Deze versie terugzetten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Versie 1 terugzetten?")
    assert_accessible(page)
    page.get_by_role("button", name="Versie 1 terugzetten").click()
    expect(page.get_by_text("is teruggezet. Dat is een nieuwe versie.")).to_be_visible()
    expect(page.locator(".versions__line")).to_have_count(3)
    assert_accessible(page)
    assert Resource.objects.get().summary == SUMMARY


def record_using_it(page, tool_url) -> None:
    log_in(page, USER, tool_url)
    block = page.get_by_role("region", name="Gebruikt in de praktijk")
    block.get_by_role("link", name="Ik heb dit gebruikt").click()
    assert_accessible(page)
    page.get_by_role("textbox", name="Wanneer heb je het gebruikt?").fill("14-03-2026")
    page.get_by_role("textbox", name="Waar", exact=True).fill("Heerlen-Noord")
    page.get_by_role("textbox", name="Met wie").fill("bewoners van de Schandelerstraat")
    page.get_by_role("textbox", name="Wat gebeurde er?").fill("De straat koos voor een bankje.")
    page.get_by_role("button", name="Mijn ervaring delen").click()
    expect(page.get_by_role("status")).to_have_text("Dank je wel voor het delen van je ervaring.")
    assert_accessible(page)
    assert Uptake.objects.get().place == "Heerlen-Noord"
    (to_the_writer,) = mails_to(WRITER)
    assert TITLE in to_the_writer.subject or TITLE in to_the_writer.body


def tell_what_it_changed(page) -> None:
    assert send_due_follow_ups() == 1
    (follow_up,) = mails_to(USER)
    link = re.search(r"https?://\S+/opbrengst/nieuw/\?bijeenkomst=\S+", follow_up.body).group(0)
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Schrijf een waardeverhaal")
    meetings = page.get_by_role("group", name="Bijeenkomsten")
    expect(meetings.get_by_role("checkbox", name=re.compile(MEETING))).to_be_checked()
    assert_accessible(page)
    page.get_by_role("textbox", name="Titel").fill(STORY)
    page.get_by_role("group", name="Tools en casussen").get_by_role("checkbox", name=TITLE).check()
    page.get_by_role("textbox", name="Toegepaste waarde").fill("De straat kwam zelf aan tafel.")
    page.get_by_role("group", name="Toegepaste waarde: gebeurd of voornemen?").get_by_role(
        "radio", name="Dit is gebeurd"
    ).check()
    page.get_by_role("radio", name="Iedereen").check()
    page.get_by_role("button", name="Publiceren").click()
    expect(page.get_by_role("status")).to_have_text("Dank je wel voor je verhaal.")
    about = page.get_by_role("region", name="Waar het over gaat")
    expect(about.get_by_role("link", name=MEETING)).to_be_visible()
    expect(about.get_by_role("link", name=TITLE)).to_be_visible()
    assert_accessible(page)
    story = ValueStory.objects.get()
    assert list(story.resources.all()) == [Resource.objects.get()]
    assert story.audience == StoryAudience.PUBLIC


def download_the_handout(page, tool_url) -> None:
    page.goto(tool_url)
    stories = page.get_by_role("link", name=STORY)
    expect(stories).to_be_visible()  # the public story, on the tool's page
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download als PDF").click()
    with open(download_info.value.path(), "rb") as file:
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(file.read())).pages)
    assert TITLE in text
    assert "Noor Bakker" in text
