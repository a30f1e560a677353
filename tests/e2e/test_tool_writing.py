"""Writing a tool in its sections, in a real browser.

A member chooses "Tool / werkvorm", fills in some sections and saves a draft; publishing
it without a goal is refused with the message next to the field; once the goal is there
it is published, and its page shows the sections with a table of contents. The member
then edits one section. The coordinator edits a demo tool's sections in the admin, beside
its external recognition. axe-core checks every page on the way.
"""

import io
import re

from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from knowledge.models import Resource, ResourceKind, ResourceStatus
from members.models import ParticipationLevel

from ..factories import make_member
from .conftest import assert_accessible, log_in
from .test_coordinator_admin import log_in_as_the_demo_coordinator

EMAIL = "ingrid.smeets@example.org"
TITLE = "Het buurtgesprek"
SUMMARY = "Een open gesprek met bewoners van één straat over wat er speelt."
TARGET_GROUP = "Bewoners van één straat of portiek."
APPROACH = "1. Nodig aan de deur uit.\n2. Praat in de straat.\n3. Spreek een vervolg af."
GOAL = "Bewoners kiezen samen een kwestie om mee verder te gaan."
ACTIVE = "De **persoonlijke uitnodiging** aan de deur."


def test_member_writes_a_tool_in_its_sections_publishes_and_edits_it(page):
    make_member(EMAIL, ParticipationLevel.ONLINE, display_name="Ingrid Smeets")
    log_in(page, EMAIL, "/kennisbank/nieuw/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Item delen")
    assert_accessible(page)
    page.get_by_role("link", name="Tool / werkvorm").click()
    expect(page).to_have_url(re.compile(r"/kennisbank/nieuw/\?soort=tool$"))
    expect(page.get_by_text("Soort: Tool / werkvorm")).to_be_visible()
    expect(page.get_by_text("De stappen, op volgorde")).to_be_visible()  # a hint
    assert_accessible(page)

    # A draft may be incomplete.
    page.get_by_role("textbox", name="Titel").fill(TITLE)
    page.get_by_role("textbox", name="Samenvatting").fill(SUMMARY)
    page.get_by_role("textbox", name="Doelgroep").fill(TARGET_GROUP)
    page.get_by_role("textbox", name="Aanpak").fill(APPROACH)
    page.get_by_role("button", name="Opslaan als concept").click()
    tool = Resource.objects.get()
    assert (tool.kind, tool.status) == (ResourceKind.TOOL, ResourceStatus.DRAFT)
    expect(page).to_have_url(re.compile(rf"/kennisbank/{tool.slug}/$"))
    expect(page.get_by_text("Vul ‘Doel’ in voordat je publiceert.")).to_be_visible()
    assert_accessible(page)

    # Publishing without a goal: refused, the message next to the field.
    page.get_by_role("link", name="Bewerken").click()
    expect(page.get_by_role("textbox", name="Doelgroep")).to_have_value(TARGET_GROUP)
    page.get_by_role("textbox", name="Werkzame elementen").fill(ACTIVE)
    page.get_by_role("button", name="Publiceren").click()
    expect(page).to_have_title(re.compile(r"^Fout:"))
    summary = page.get_by_role("alert")
    expect(summary.get_by_role("link", name=re.compile("Vul ‘Doel’ in"))).to_be_visible()
    expect(page.locator("#id_section_goal_error")).to_contain_text("Vul ‘Doel’ in")
    assert Resource.objects.get().is_draft
    assert_accessible(page)

    page.get_by_role("textbox", name="Doel", exact=True).fill(GOAL)  # not "optional"
    page.get_by_role("button", name="Publiceren").click()
    expect(page.get_by_role("status")).to_have_text("Gepubliceerd.")
    contents = page.get_by_role("navigation", name="Inhoud")
    expect(contents.get_by_role("link")).to_have_text(
        ["Doelgroep", "Doel", "Aanpak", "Werkzame elementen"]
    )
    expect(page.get_by_role("heading", name="Werkzame elementen", level=2)).to_be_visible()
    expect(page.locator("#werkzame-elementen + .prose strong")).to_have_text(
        "persoonlijke uitnodiging"
    )
    expect(page.get_by_role("heading", name="Onderbouwing")).to_have_count(0)
    expect(page.locator("#cite-heading")).to_be_visible()  # how to cite stays
    assert_accessible(page)

    # Editing keeps the kind and changes one section.
    contents.get_by_role("link", name="Aanpak").click()
    expect(page).to_have_url(re.compile(r"#aanpak$"))
    page.get_by_role("link", name="Bewerken").click()
    expect(page.get_by_role("radio", name="Tool / werkvorm")).to_have_count(0)
    page.get_by_role("textbox", name="Ervaringen uit de praktijk").fill("In Heerlen-Noord.")
    expect(page.get_by_role("button", name="Opslaan als concept")).to_have_count(0)
    page.get_by_role("button", name="Opslaan (blijft gepubliceerd)").click()
    expect(page.get_by_role("status")).to_have_text(
        "Je wijzigingen zijn opgeslagen; het item blijft gepubliceerd."
    )
    expect(page.get_by_role("heading", name="Ervaringen uit de praktijk", level=2)).to_be_visible()
    tool = Resource.objects.get()
    assert tool.sections["experiences"] == "In Heerlen-Noord."
    assert tool.is_published
    assert_accessible(page)


def test_the_coordinator_edits_a_tools_sections_and_sees_its_recognition(page, transactional_db):
    call_command("load_demo", stdout=io.StringIO())
    tool = Resource.objects.get(slug="het-buurtgesprek")
    change = reverse("admin:knowledge_resource_change", args=[tool.pk])
    log_in_as_the_demo_coordinator(page, change)
    expect(page.locator("#id_section_goal")).to_have_value(tool.sections["goal"])
    expect(page.locator("#id_recognitions-0-level")).to_have_value("Goed beschreven")
    assert_accessible(page)

    page.locator("#id_section_literature").fill("Movisie (2024). *Buurtgesprekken*.")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page).to_have_url(re.compile(r"/admin/knowledge/resource/$"))
    tool.refresh_from_db()
    assert tool.sections["literature"] == "Movisie (2024). *Buurtgesprekken*."

    page.goto(tool.get_absolute_url())
    expect(page.get_by_role("link", name=re.compile(r"^Erkend door Movisie"))).to_be_visible()
    expect(page.locator("#literatuur + .prose em")).to_have_text("Buurtgesprekken")
    assert_accessible(page)
