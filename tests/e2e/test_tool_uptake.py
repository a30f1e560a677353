"""“Ik heb dit gebruikt” in a real browser.

1. A member opens a public tool, presses "Ik heb dit gebruikt", first sends the form
   empty (the error summary and a message next to each field), then fills it in and finds
   their experience on the tool's page.
2. The tool's author gets one e-mail and opens the experience from its link.
3. The member changes their experience; the page of all experiences shows it.
4. A visitor reads the public experience, without the button.
5. The coordinator finds it in the admin.

axe-core checks every page on the way.
"""

import re

from playwright.sync_api import expect

from knowledge.models import Uptake

from ..factories import make_coordinator, make_item, make_member
from ..helpers import mails_to
from .conftest import assert_accessible, log_in

AUTHOR_EMAIL = "ans.auteur@example.org"
MEMBER_EMAIL = "gijs.gebruiker@example.org"
MEMBER_NAME = "Gijs Gebruiker"
TITLE = "De buurtkaart"
HAPPENED = "Acht bewoners tekenden samen hun straat, met de plekken waar ze elkaar tegenkomen."


def test_a_member_records_using_a_tool_and_its_author_hears_of_it(
    page, browser, live_server, settings
):
    settings.SITE_URL = live_server.url  # the address the e-mail links to
    author = make_member(AUTHOR_EMAIL, display_name="Ans Auteur")
    make_member(MEMBER_EMAIL, display_name=MEMBER_NAME)
    tool = make_item("de-buurtkaart", author, title=TITLE, summary="Teken samen de buurt.")
    coordinator = make_coordinator()

    def new_page():
        context = browser.new_context(base_url=live_server.url, locale="en-US")
        context.set_default_timeout(10_000)
        return context.new_page()

    record_using_it(page, tool.get_absolute_url())
    open_from_the_email(new_page())
    change_it(page)
    read_it_as_a_visitor(new_page(), tool.get_absolute_url())
    find_it_in_the_admin(new_page(), coordinator)


def record_using_it(page, tool_url) -> None:
    log_in(page, MEMBER_EMAIL, tool_url)
    block = page.get_by_role("region", name="Gebruikt in de praktijk")
    expect(block).to_contain_text("Vertel het als eerste.")
    assert_accessible(page)
    block.get_by_role("link", name="Ik heb dit gebruikt").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Ik heb dit gebruikt")
    assert_accessible(page)
    page.get_by_role("textbox", name="Wanneer heb je het gebruikt?").fill("")
    page.get_by_role("button", name="Mijn ervaring delen").click()
    expect(page).to_have_title(re.compile("^Fout:"))
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Vul in wanneer je het gebruikte.")
    expect(summary).to_contain_text("Beschrijf wat er gebeurde.")
    assert_accessible(page)

    page.get_by_role("textbox", name="Wanneer heb je het gebruikt?").fill("14-03-2026")
    page.get_by_role("textbox", name="Waar", exact=True).fill("Heerlen-Noord")
    page.get_by_role("textbox", name="Met wie").fill("bewoners van de Schandelerstraat")
    page.get_by_role("textbox", name="Wat gebeurde er?").fill(HAPPENED)
    page.get_by_role("checkbox", name="Iedereen mag mijn ervaring lezen").check()
    page.get_by_role("button", name="Mijn ervaring delen").click()

    expect(page).to_have_url(re.compile(re.escape(tool_url) + "#gebruikt$"))
    expect(page.get_by_role("status")).to_have_text("Dank je wel voor het delen van je ervaring.")
    block = page.get_by_role("region", name="Gebruikt in de praktijk")
    expect(block).to_contain_text("Eén keer in de praktijk gebruikt, zoals een lid vertelt.")
    experience = block.get_by_role("article")
    expect(experience).to_contain_text(HAPPENED)
    expect(experience).to_contain_text(MEMBER_NAME)
    expect(experience).to_contain_text("14 maart 2026")
    expect(block.get_by_role("link", name="Ik heb dit gebruikt")).to_be_visible()
    assert_accessible(page)


def open_from_the_email(author_page) -> None:
    (message,) = mails_to(AUTHOR_EMAIL)
    assert mails_to(MEMBER_EMAIL) == []  # the writer hears nothing of their own
    link = re.search(r"https?://\S+/kennisbank/de-buurtkaart/gebruikt/\d+/", message.body)
    log_in(author_page, AUTHOR_EMAIL, "/")
    author_page.goto(link.group(0))
    expect(author_page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(author_page.get_by_role("article")).to_contain_text(HAPPENED)
    # Not the author's to change.
    expect(author_page.get_by_role("article").get_by_role("link", name="Bewerken")).to_have_count(0)
    assert_accessible(author_page)


def change_it(page) -> None:
    experience = page.get_by_role("region", name="Gebruikt in de praktijk").get_by_role("article")
    experience.get_by_role("link", name="Bewerken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Je ervaring bewerken")
    assert_accessible(page)
    page.get_by_role("textbox", name="Waar", exact=True).fill("Heerlen-Noord, Schandelen")
    page.get_by_role("button", name="Ervaring opslaan").click()

    expect(page.get_by_role("status")).to_have_text("Je ervaring is gewijzigd.")
    expect(page.get_by_role("article")).to_contain_text("Heerlen-Noord, Schandelen")
    assert_accessible(page)
    page.get_by_role("link", name="Alle ervaringen ermee").click()
    expect(page.get_by_role("main").get_by_role("heading", level=2)).to_have_text("1 ervaring")
    assert_accessible(page)
    assert Uptake.objects.get().place == "Heerlen-Noord, Schandelen"


def read_it_as_a_visitor(visitor_page, tool_url) -> None:
    visitor_page.goto(tool_url)
    block = visitor_page.get_by_role("region", name="Gebruikt in de praktijk")
    expect(block.get_by_role("article")).to_contain_text(HAPPENED)
    expect(block.get_by_role("link", name="Ik heb dit gebruikt")).to_have_count(0)
    expect(block.get_by_role("link", name="Inloggen")).to_be_visible()
    assert_accessible(visitor_page)


def find_it_in_the_admin(admin_page, coordinator) -> None:
    log_in(admin_page, coordinator.email, "/admin/knowledge/uptake/")
    expect(admin_page.get_by_role("link", name=re.compile(TITLE))).to_be_visible()
    assert_accessible(admin_page)
    admin_page.get_by_role("link", name=re.compile(TITLE)).click()
    expect(admin_page.get_by_label("Waar")).to_have_value("Heerlen-Noord, Schandelen")
    assert_accessible(admin_page)
