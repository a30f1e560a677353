"""A visitor finds the atelier's output on the home page, opens a public tool, prints its
page and downloads its handout as PDF.

axe-core checks every page on the way.
"""

import io
import re

from playwright.sync_api import expect
from pypdf import PdfReader

from knowledge.models import ResourceKind, Visibility
from value.models import CycleState, StoryAudience, ValueStory

from ..factories import make_answer, make_comment, make_member, make_question, make_resource
from .conftest import assert_accessible

TITLE = "Het straatgesprek"
SECTIONS = {
    "target_group": "Opbouwwerkers en actieve bewoners van één straat.",
    "goal": "Signalen uit de straat op tafel krijgen bij beleid.",
    "approach": "1. Loop de straat rond.\n2. Nodig uit voor een keukentafelgesprek.",
}


def the_atelier_has_made_things():
    writer = make_member("noor.bakker@example.org", display_name="Noor Bakker")
    tool = make_resource(
        TITLE,
        writer,
        summary="Een werkvorm om signalen uit één straat op te halen.",
        sections=SECTIONS,
        tags=["buurtwerk"],
    )
    make_resource("De buurtkring", writer, kind=ResourceKind.CASE, tags=["buurtwerk"])
    make_comment(resource=tool, author=writer, body="Werkt ook in Kerkrade.")
    ValueStory.objects.create(
        author=writer,
        title="Wat het straatgesprek me bracht",
        applied="Ik loop nu elke maand een straat rond.",
        applied_state=CycleState.HAPPENED,
        audience=StoryAudience.PUBLIC,
    )
    question = make_question(
        writer, title="Hoe krijg ik bewoners aan tafel?", visibility=Visibility.PUBLIC
    )
    question.helped_answer = make_answer(question, make_member("hans@example.org"))
    question.save()


def test_a_visitor_finds_a_tool_on_the_home_page_prints_it_and_downloads_its_pdf(
    page, live_server, db
):
    the_atelier_has_made_things()

    page.goto("/")
    for heading in [
        "Nieuwe tools en praktijkcasussen",
        "Wat meedoen opleverde",
        "Beantwoorde vragen uit de praktijk",
        "Word lid van het atelier",
    ]:
        expect(page.get_by_role("heading", name=heading, level=2)).to_be_visible()
    expect(page.get_by_role("link", name="Wat het straatgesprek me bracht")).to_be_visible()
    expect(page.get_by_role("link", name="Hoe krijg ik bewoners aan tafel?")).to_be_visible()
    join = page.get_by_role("region", name="Word lid van het atelier")
    expect(join.get_by_role("link", name="Lid worden")).to_have_attribute(
        "href", "/accounts/signup/"
    )
    assert_accessible(page)

    page.get_by_role("link", name=TITLE, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    assert_accessible(page)

    # Printed, the page keeps the item and leaves out what only works on a screen.
    page.emulate_media(media="print")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_text("Signalen uit de straat op tafel krijgen bij beleid.")).to_be_visible()
    # Found with the hidden ones too: a locator that matches nothing would pass as hidden.
    left_out = [
        ("link", "buurtwerk"),  # the item's tag pill, and the related case's
        ("navigation", "Hoofdmenu"),  # the phone's menu, and the wide screen's
        ("heading", "Verwante items"),
        ("heading", "Reacties"),
        ("link", "Download als PDF"),
    ]
    elements = [
        element
        for role, name in left_out
        for element in page.get_by_role(role, name=name, exact=True, include_hidden=True).all()
    ]
    assert len(elements) == 7
    for element in elements:
        expect(element).to_be_attached()
        expect(element).to_be_hidden()
    page.emulate_media(media="screen")

    link = page.get_by_role("link", name="Download als PDF")
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename == "het-straatgesprek.pdf"
    with open(download.path(), "rb") as file:
        reader = PdfReader(io.BytesIO(file.read()))
    assert TITLE in reader.pages[0].extract_text()

    response = page.request.get(link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert re.fullmatch(
        r'attachment; filename="het-straatgesprek\.pdf"', response.headers["content-disposition"]
    )
