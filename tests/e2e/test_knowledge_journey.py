"""The knowledge library in a real browser: sharing a case, members-only, then public.

1. A member who takes part in meetings writes a practice case with tags and a PDF,
   previews it (nothing is saved yet) and publishes it for members only.
2. A visitor cannot find it: not in the list, the search or the Atom feed, and its
   address and its attachment's address are "page not found".
3. The author makes it public; now the visitor finds it everywhere and downloads the PDF.
4. The member comments with the keyboard only; the visitor gets no comment form.

axe-core checks every page on the way, the visitor's "page not found" included.
"""

import re

import pytest
from playwright.sync_api import expect

from knowledge.models import Resource, ResourceKind, ResourceStatus, Visibility
from members.models import ParticipationLevel

from ..factories import make_member
from ..samples import pdf_of
from .conftest import assert_accessible, log_in, tab_to

AUTHOR_EMAIL = "noor.bakker@example.org"
AUTHOR_NAME = "Noor Bakker"
TITLE = "Signalen uit de wijk: buurtwerk als luisterpost"
SEARCH_WORD = "luisterpost"
SUMMARY = "Hoe een buurtteam in Heerlen-Noord signalen van bewoners bij de gemeente bracht."
SITUATION = "In Heerlen-Noord hoorden opbouwwerkers steeds dezelfde zorgen over de buurt."
WHAT_WE_DID = "We maakten de **signaalfunctie** zichtbaar met een maandelijkse buurttafel."
BOLD = "signaalfunctie"
TAGS = "buurtwerk, signaalfunctie"
PDF_NAME = "buurttafel-werkwijze.pdf"
COMMENT = "Herkenbaar! Wij doen iets vergelijkbaars in Kerkrade-West."
NOT_FOUND = "Pagina niet gevonden"


def minimal_pdf() -> bytes:
    """A one-page PDF with a correct cross-reference table, small enough to read."""
    content = b"BT /F1 18 Tf 72 770 Td (Buurttafel) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%b\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return pdf_of(objects, header=b"%PDF-1.4\n")


@pytest.fixture
def visitor(browser, live_server):
    """A second browser, never logged in."""
    context = browser.new_context(base_url=live_server.url, locale="en-US")
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def test_member_shares_a_case_for_members_then_for_everyone(page, visitor, tmp_path):
    make_member(AUTHOR_EMAIL, ParticipationLevel.MEETINGS, display_name=AUTHOR_NAME)
    pdf = tmp_path / PDF_NAME
    pdf.write_bytes(minimal_pdf())

    resource = share_case_for_members(page, pdf)
    visitor_cannot_find(visitor, resource)
    author_makes_it_public(page)
    visitor_finds(visitor, resource, pdf.read_bytes())
    member_comments_with_the_keyboard(page, visitor)


def share_case_for_members(page, pdf):
    log_in(page, AUTHOR_EMAIL, "/")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Kennisbank").click()
    expect(page).to_have_url(re.compile(r"/kennisbank/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Kennisbank")
    assert_accessible(page)

    page.get_by_role("navigation", name="Kennisbank").get_by_role("link", name="Item delen").click()
    expect(page).to_have_url(re.compile(r"/kennisbank/nieuw/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Item delen")
    assert_accessible(page)
    page.get_by_role("link", name="Praktijkcasus").click()
    expect(page).to_have_url(re.compile(r"/kennisbank/nieuw/\?soort=case$"))

    # The form asks for the sections of a practice case.
    expect(page.get_by_text("Soort: Praktijkcasus")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("textbox", name="Titel").fill(TITLE)
    page.get_by_role("textbox", name="Samenvatting").fill(SUMMARY)
    page.get_by_role("textbox", name="Situatie").fill(SITUATION)
    page.get_by_role("textbox", name="Wat we deden").fill(WHAT_WE_DID)
    page.get_by_role("textbox", name="Tags").fill(TAGS)
    page.get_by_role("radio", name="Alleen leden").check()
    attachment = page.get_by_label("Bijlage toevoegen")
    attachment.set_input_files(pdf)
    page.get_by_role("button", name="Voorbeeld").click()

    # The preview shows the rendered Markdown; nothing is saved, and what was typed stays.
    preview = page.get_by_role("region", name="Voorbeeld")
    expect(preview.get_by_role("heading", name="Wat we deden", level=2)).to_be_visible()
    expect(preview.locator("strong")).to_have_text(BOLD)
    expect(preview).to_contain_text("Nog niet opgeslagen")
    expect(page.get_by_role("textbox", name="Titel")).to_have_value(TITLE)
    expect(page.get_by_role("radio", name="Alleen leden")).to_be_checked()
    assert not Resource.objects.exists()
    assert_accessible(page)

    # A browser empties a file input after a round trip: choose the file again.
    attachment.set_input_files(pdf)
    page.get_by_role("button", name="Publiceren").click()

    resource = Resource.objects.get()
    assert (resource.kind, resource.status) == (ResourceKind.CASE, ResourceStatus.PUBLISHED)
    assert resource.visibility == Visibility.MEMBERS
    expect(page).to_have_url(re.compile(rf"/kennisbank/{resource.slug}/$"))
    expect(page.get_by_role("status")).to_have_text("Gepubliceerd.")
    main = page.get_by_role("main")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(main.get_by_text("Praktijkcasus · Alleen leden")).to_be_visible()
    tags = main.get_by_role("list", name="Tags")
    expect(tags.get_by_role("link")).to_have_text(["buurtwerk", "signaalfunctie"])
    expect(main.locator("#wat-we-deden + .prose strong")).to_have_text(BOLD)
    assert_accessible(page)

    with page.expect_download() as download_info:
        main.get_by_role("link", name=PDF_NAME).click()
    download = download_info.value
    assert download.suggested_filename == PDF_NAME
    with open(download.path(), "rb") as downloaded:
        assert downloaded.read() == pdf.read_bytes()
    return resource


def attachment_path(resource):
    return resource.attachments.get().get_absolute_url()


def visitor_cannot_find(visitor, resource):
    visitor.goto("/kennisbank/")
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Kennisbank")
    expect(visitor.get_by_role("link", name=TITLE)).to_have_count(0)
    assert_accessible(visitor)

    search(visitor, SEARCH_WORD)
    expect(visitor.get_by_role("heading", name="0 items gevonden")).to_be_visible()
    expect(visitor.get_by_role("link", name=TITLE)).to_have_count(0)
    assert_accessible(visitor)

    feed = visitor.request.get("/kennisbank/feed/")
    assert feed.ok
    assert TITLE not in feed.text() and SEARCH_WORD not in feed.text()

    response = visitor.goto(resource.get_absolute_url())
    assert response.status == 404
    expect(visitor.get_by_role("heading", level=1)).to_have_text(NOT_FOUND)
    expect(visitor.get_by_text(TITLE)).to_have_count(0)
    assert_accessible(visitor)

    assert visitor.request.get(attachment_path(resource)).status == 404


def search(page, words):
    form = page.get_by_role("search", name="Zoeken in de kennisbank")
    form.get_by_role("searchbox", name="Zoeken").fill(words)
    form.get_by_role("button", name="Zoeken").click()
    expect(page).to_have_url(re.compile(rf"/kennisbank/\?q={words}(&|$)"))


def author_makes_it_public(page):
    page.get_by_role("main").get_by_role("link", name="Bewerken").click()
    expect(page).to_have_url(re.compile(r"/bewerken/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Bewerken: {TITLE}")
    expect(page.get_by_role("radio", name="Alleen leden")).to_be_checked()
    assert_accessible(page)

    page.get_by_role("radio", name="Iedereen").check()
    page.get_by_role("button", name="Opslaan (blijft gepubliceerd)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("main").get_by_text("Alleen leden")).to_have_count(0)
    resource = Resource.objects.get()
    assert (resource.visibility, resource.status) == (Visibility.PUBLIC, ResourceStatus.PUBLISHED)
    assert resource.attachments.count() == 1  # no second copy of the file


def visitor_finds(visitor, resource, pdf_bytes):
    visitor.goto("/kennisbank/")
    expect(visitor.get_by_role("link", name=TITLE)).to_be_visible()
    assert_accessible(visitor)

    search(visitor, SEARCH_WORD)
    expect(visitor.get_by_role("heading", name="1 item gevonden")).to_be_visible()
    expect(visitor.get_by_role("link", name=TITLE)).to_be_visible()
    assert_accessible(visitor)

    feed = visitor.request.get("/kennisbank/feed/")
    assert feed.ok and feed.headers["content-type"].startswith("application/atom+xml")
    assert f"<title>{TITLE}</title>" in feed.text()

    visitor.get_by_role("link", name=TITLE).click()
    expect(visitor).to_have_url(re.compile(rf"/kennisbank/{resource.slug}/$"))
    expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)
    assert_accessible(visitor)

    with visitor.expect_download() as download_info:
        visitor.get_by_role("main").get_by_role("link", name=PDF_NAME).click()
    with open(download_info.value.path(), "rb") as downloaded:
        assert downloaded.read() == pdf_bytes
    response = visitor.request.get(attachment_path(resource))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body() == pdf_bytes


def member_comments_with_the_keyboard(page, visitor):
    comments = page.get_by_role("region", name="Reacties")
    expect(comments).to_contain_text("Nog geen reacties.")
    textarea = comments.get_by_role("textbox", name="Je reactie")
    tab_to(page, textarea)
    page.keyboard.type(COMMENT)
    page.keyboard.press("Tab")
    expect(comments.get_by_role("button", name="Reactie plaatsen")).to_be_focused()
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"#reacties$"))
    expect(page.get_by_role("status")).to_contain_text("Je reactie is geplaatst.")
    comment = comments.get_by_role("article")
    expect(comment).to_contain_text(AUTHOR_NAME)
    expect(comment).to_contain_text(COMMENT)
    assert_accessible(page)

    # The visitor reads the item but not the discussion, and has nothing to post with.
    visitor.reload()
    visitor_comments = visitor.get_by_role("region", name="Reacties")
    expect(visitor_comments).to_contain_text("Leden bespreken de items hier.")
    expect(visitor_comments.get_by_role("textbox")).to_have_count(0)
    expect(visitor_comments.get_by_role("button", name="Reactie plaatsen")).to_have_count(0)
    expect(visitor.get_by_text(COMMENT)).to_have_count(0)
    assert_accessible(visitor)
