"""Questions from practice in a real browser, from asking to a tool in the library.

1. A member asks a members-only question with a tag; "who can help" on its page lists the
   one member who is happy to be asked and has that tag as expertise, and nobody else.
2. The asker asks that member with one click; the member gets one e-mail, opens the
   question from its link in their own browser and answers.
3. The asker gets an e-mail about the answer, follows its link and marks the answer as the
   one that helped; the list of questions shows the question as answered.
4. The coordinator turns the question into a tool: the library's form opens filled in
   from the question; once saved, the question's page links to the new item.

A second test: a visitor reads a public question but not a members-only one, and with
JavaScript switched off asking and answering still work.

axe-core checks every page on the way.
"""

import re

import pytest
from playwright.sync_api import expect

from knowledge.models import Resource, ResourceKind, Visibility
from questions.models import Question

from ..factories import PASSWORD, make_coordinator, make_member, make_question
from ..helpers import mails_to
from .conftest import assert_accessible, log_in

ASKER_EMAIL = "noor.bakker@example.org"
ASKER_NAME = "Noor Bakker"
HELPER_EMAIL = "ans.devries@example.org"
HELPER_NAME = "Ans de Vries"
TAG = "signaalfunctie"
TITLE = "Hoe houd ik de signaalfunctie overeind als de gemeente alleen individuele hulp financiert?"
SITUATION = (
    "Onze gemeente financiert sinds dit jaar alleen nog **individuele hulp**. "
    "Signalen uit de wijk over schulden en eenzaamheid blijven liggen."
)
ANSWER = "Wij bundelen de signalen elk kwartaal in een korte buurtnotitie voor de wethouder."
NOT_FOUND = "Pagina niet gevonden"


@pytest.fixture
def new_page(browser, live_server):
    """Opens pages in browsers of their own: another person, never logged in at first."""
    contexts = []

    def open_page(java_script=True):
        context = browser.new_context(
            base_url=live_server.url, locale="en-US", java_script_enabled=java_script
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def test_a_question_is_asked_answered_and_becomes_a_tool(page, new_page, live_server, settings):
    settings.SITE_URL = live_server.url  # the address the e-mails link to
    make_member(ASKER_EMAIL, display_name=ASKER_NAME)
    helper = make_member(HELPER_EMAIL, display_name=HELPER_NAME, open_to_questions=True)
    helper.profile.expertise.add(TAG)
    # Neither is listed: one did not choose to be asked, the other knows about something else.
    make_member("karin@example.org", display_name="Karin Peeters").profile.expertise.add(TAG)
    make_member(
        "pieter@example.org", display_name="Pieter Smeets", open_to_questions=True
    ).profile.expertise.add("armoede")
    coordinator = make_coordinator()

    question_url = ask_the_question(page)
    ask_the_helper(page)
    answer_from_the_email(new_page())
    asker_tab = mark_the_answer_that_helped(page)
    see_it_answered_in_the_list(asker_tab)
    turn_into_a_tool(new_page(), coordinator, question_url)


def ask_the_question(page) -> str:
    log_in(page, ASKER_EMAIL, "/vragen/nieuw/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Stel een vraag")
    assert_accessible(page)
    page.get_by_role("textbox", name="Je vraag").fill(TITLE)
    page.get_by_role("textbox", name="De situatie uit de praktijk").fill(SITUATION)
    page.get_by_role("textbox", name="Tags").fill(TAG)
    page.get_by_role("radio", name="Alleen leden").check()
    page.get_by_role("button", name="Publiceren").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("status")).to_have_text("Je vraag is gepubliceerd.")
    main = page.get_by_role("main")
    expect(main.locator("strong", has_text="individuele hulp")).to_be_visible()
    expect(main.get_by_text("Open", exact=True)).to_be_visible()
    assert_accessible(page)
    return page.url.removeprefix(re.match(r"https?://[^/]+", page.url).group(0))


def ask_the_helper(page) -> None:
    helpers = page.get_by_role("region", name="Wie kan helpen")
    expect(helpers.get_by_role("listitem")).to_have_count(1)
    expect(helpers.get_by_role("link", name=HELPER_NAME)).to_be_visible()
    expect(helpers).to_contain_text(TAG)  # the one line that explains the match
    helpers.get_by_role("button", name=f"Vraag {HELPER_NAME} om hulp").click()

    expect(helpers.get_by_role("button")).to_have_count(0)
    expect(helpers.get_by_role("listitem")).to_have_text(re.compile(rf"{HELPER_NAME}\s+gevraagd"))
    assert_accessible(page)
    (request,) = mails_to(HELPER_EMAIL)
    assert TITLE in request.body


def answer_from_the_email(helper_page) -> None:
    (request,) = mails_to(HELPER_EMAIL)
    link = re.search(r"https?://\S+/vragen/\S+/", request.body).group(0)
    log_in(helper_page, HELPER_EMAIL, "/")
    helper_page.goto(link)
    expect(helper_page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(helper_page.get_by_role("region", name="Wie kan helpen")).to_have_count(0)
    assert_accessible(helper_page)
    helper_page.get_by_role("textbox", name="Je antwoord").fill(ANSWER)
    helper_page.get_by_role("button", name="Antwoord plaatsen").click()

    answers = helper_page.get_by_role("region", name="1 antwoord")
    expect(answers.get_by_role("article")).to_contain_text([ANSWER])
    expect(answers.get_by_role("button", name=re.compile("Dit hielp mij"))).to_have_count(0)
    assert_accessible(helper_page)


def mark_the_answer_that_helped(asker_page):
    (new_answer,) = mails_to(ASKER_EMAIL)
    assert ANSWER in new_answer.body
    link = re.search(r"https?://\S+/vragen/\S+/#antwoord-\d+", new_answer.body).group(0)
    # A link from an e-mail opens in a new tab of the asker's browser.
    page = asker_page.context.new_page()
    page.goto(link)
    answer = page.get_by_role("article").filter(has_text=ANSWER)
    expect(answer).to_be_visible()
    assert_accessible(page)
    answer.get_by_role("button", name=for_whom("Dit hielp mij")).click()

    expect(answer.get_by_text("✓ Dit hielp mij")).to_be_visible()
    expect(answer.get_by_role("button", name=for_whom("Markering weghalen"))).to_be_visible()
    expect(page.get_by_role("main").get_by_text("Beantwoord", exact=True)).to_be_visible()
    assert_accessible(page)
    # The one who answered hears that it helped: the second e-mail they get.
    assert len(mails_to(HELPER_EMAIL)) == 2
    return page


def for_whom(action: str) -> re.Pattern:
    """A button's name with whose answer it acts on, hidden from sight but read aloud."""
    return re.compile(rf"^{action}\s*: {HELPER_NAME}$")


def see_it_answered_in_the_list(page) -> None:
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Vragen").click()
    expect(page).to_have_url(re.compile(r"/vragen/$"))
    search = page.get_by_role("search", name="Doorzoek de vragen")
    search.get_by_label("Open of beantwoord").select_option(label="Beantwoord")
    search.get_by_role("button", name="Zoeken").click()
    expect(page).to_have_url(re.compile(r"staat=beantwoord"))
    card = page.get_by_role("article").filter(has=page.get_by_role("link", name=TITLE))
    expect(card).to_contain_text("Beantwoord")
    expect(card).to_contain_text("1 antwoord")
    assert_accessible(page)


def turn_into_a_tool(coordinator_page, coordinator, question_url) -> None:
    log_in(coordinator_page, coordinator.email, question_url)
    assert_accessible(coordinator_page)
    coordinator_page.get_by_role("link", name="Maak er een kennisbankitem van").click()
    expect(coordinator_page).to_have_url(re.compile(r"/naar-kennisbank/$"))
    expect(coordinator_page.get_by_role("textbox", name="Titel")).to_have_value(TITLE)
    expect(coordinator_page.get_by_role("textbox", name="Tekst")).to_have_value(
        re.compile(re.escape(ANSWER))
    )
    expect(coordinator_page.get_by_role("textbox", name="Tags")).to_have_value(TAG)
    expect(coordinator_page.get_by_role("textbox", name="Co-auteurs")).to_have_value(HELPER_NAME)
    assert_accessible(coordinator_page)
    coordinator_page.get_by_role("radio", name="Tool / werkvorm").check()
    # A draft: a tool is published once its sections are filled in, on its edit page.
    coordinator_page.get_by_role("button", name="Opslaan als concept").click()

    expect(coordinator_page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(coordinator_page.locator(".notices[role=status]")).to_have_text(
        "De vraag is nu een item in de kennisbank."
    )
    item = Resource.objects.get(title=TITLE)
    assert (item.kind, item.sections) == (ResourceKind.TOOL, {"approach": item.body})
    expect(coordinator_page).to_have_url(re.compile(re.escape(item.get_absolute_url()) + "$"))
    expect(coordinator_page.get_by_role("main").get_by_role("link", name=TITLE)).to_have_attribute(
        "href", question_url
    )
    assert_accessible(coordinator_page)

    coordinator_page.goto(question_url)
    notice = coordinator_page.get_by_text("Deze vraag werd een kennisbankitem:")
    expect(notice.get_by_role("link", name=TITLE)).to_have_attribute(
        "href", item.get_absolute_url()
    )
    expect(
        coordinator_page.get_by_role("link", name="Maak er een kennisbankitem van")
    ).to_have_count(0)
    assert_accessible(coordinator_page)


def test_visitors_read_public_questions_and_forms_work_without_javascript(new_page):
    asker = make_member(ASKER_EMAIL, display_name=ASKER_NAME)
    make_member(HELPER_EMAIL, display_name=HELPER_NAME)
    public = make_question(
        asker, title="Hoe bereik ik nieuwkomers in de wijk?", visibility=Visibility.PUBLIC
    )
    members_only = make_question(asker, title="Hoe bespreek ik armoede zonder stigma?")

    visitor = new_page()
    visitor.goto(public.get_absolute_url())
    expect(visitor.get_by_role("heading", level=1)).to_have_text(public.title)
    expect(visitor.get_by_role("textbox", name="Je antwoord")).to_have_count(0)
    expect(visitor.get_by_role("main").get_by_role("link", name="Inloggen")).to_be_visible()
    assert_accessible(visitor)
    response = visitor.goto(members_only.get_absolute_url())
    assert response.status == 404
    expect(visitor.get_by_role("heading", level=1)).to_have_text(NOT_FOUND)
    assert_accessible(visitor)
    visitor.goto("/vragen/")
    expect(visitor.get_by_role("link", name=public.title)).to_be_visible()
    expect(visitor.get_by_role("link", name=members_only.title)).to_have_count(0)
    assert_accessible(visitor)

    # axe-core needs JavaScript: these pages were checked with it in the journey above.
    member = new_page(java_script=False)
    member.goto(f"/accounts/login/?next={members_only.get_absolute_url()}")
    member.get_by_role("textbox", name="E-mailadres").fill(HELPER_EMAIL)
    member.get_by_role("textbox", name="Wachtwoord").fill(PASSWORD)
    member.get_by_role("main").get_by_role("button", name="Inloggen").click()
    expect(member.get_by_role("heading", level=1)).to_have_text(members_only.title)
    member.get_by_role("textbox", name="Je antwoord").fill(ANSWER)
    member.get_by_role("button", name="Antwoord plaatsen").click()
    expect(member.get_by_role("region", name="1 antwoord")).to_contain_text(ANSWER)

    member.goto("/vragen/nieuw/")
    member.get_by_role("textbox", name="Je vraag").fill(TITLE)
    member.get_by_role("textbox", name="De situatie uit de praktijk").fill(SITUATION)
    member.get_by_role("radio", name="Iedereen").check()
    member.get_by_role("button", name="Publiceren").click()
    expect(member.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(member.get_by_role("status")).to_have_text("Je vraag is gepubliceerd.")
    assert Question.objects.get(title=TITLE).asker.email == HELPER_EMAIL
