"""The site search (/zoeken/): the library, the agenda and, for members, the members, in
groups with a bounded count, their first hits and a link to the full list; only what the
reader may see; the header's search box on every page; queries that do not grow."""

import re

import pytest
from django.urls import reverse

from knowledge.models import ResourceKind, ResourceStatus, Visibility
from portal.search import FIRST_HITS, GROUP_CAP
from questions.models import QuestionStatus
from sessions_app.models import EventKind, EventStatus

from .factories import make_applicant, make_event, make_item, make_member, make_question
from .helpers import count_queries, text

pytestmark = pytest.mark.django_db

SEARCH = reverse("search")


def search(client, query: str, **params):
    response = client.get(SEARCH, {"q": query, **params})
    assert response.status_code == 200
    return response


def groups_of(response) -> dict:
    return {group.kind.key: group for group in response.context["groups"]}


def titles(group) -> list[str]:
    """The titles of a group's hits (the library's hits are rendered cards)."""
    if group.kind.key == "kennisbank":
        return [re.search(r"card__title[^>]*><a [^>]*>([^<]+)<", card)[1] for card in group.hits]
    return [str(hit) for hit in group.hits]


@pytest.fixture
def site(db):
    """Everything about "armoede": public and members-only, now, later and before."""
    author = make_member("auteur@example.org", display_name="Amira Bouzid")
    author.profile.expertise.add("armoede en bestaanszekerheid")
    make_member(
        "opbouwwerker@example.org", display_name="Piet Smit", job_title="Opbouwwerker armoede"
    )
    make_member(
        "verborgen@example.org", display_name="Armoede Verborgen", listed_in_directory=False
    )
    make_item("armoede-in-de-wijk", author, title="Armoede in de wijk")
    make_item("armoede-onder-ons", author, title="Armoede onder ons", visibility=Visibility.MEMBERS)
    make_item("armoede-concept", author, title="Armoede concept", status=ResourceStatus.DRAFT)
    make_question(author, title="Hoe pak je armoede aan?", visibility=Visibility.PUBLIC)
    make_question(author, title="Armoede en schulden: wie helpt?")  # members only
    make_question(author, title="Armoede, een concept", status=QuestionStatus.DRAFT)
    make_event("armoede-later", kind=EventKind.PUBLIC, title="Armoede later", days_ahead=30)
    make_event("armoede-straks", kind=EventKind.PUBLIC, title="Armoede straks", days_ahead=3)
    past = make_event("armoede-toen", kind=EventKind.PUBLIC, title="Armoede toen", days_ahead=-10)
    make_item(
        "verslag-armoede-toen",
        author,
        title="Verslag van de avond",
        kind=ResourceKind.REPORT,
        event=past,
    )
    make_item(
        "notities-armoede-toen",
        author,
        title="Notities voor leden",
        kind=ResourceKind.REPORT,
        event=past,
        visibility=Visibility.MEMBERS,
    )
    make_event("armoede-bijeenkomst", kind=EventKind.MEETING, title="Armoede bijeenkomst")
    make_event(
        "armoede-ontwerp", kind=EventKind.PUBLIC, title="Armoede ontwerp", status=EventStatus.DRAFT
    )
    return author


def test_a_visitor_finds_public_items_questions_and_events_but_no_members(client, site):
    groups = groups_of(search(client, "armoede"))
    assert list(groups) == ["kennisbank", "vragen", "agenda", "verhalen"]
    assert titles(groups["kennisbank"]) == ["Armoede in de wijk"]
    assert titles(groups["vragen"]) == ["Hoe pak je armoede aan?"]
    # Coming events first, the soonest first; then past ones.
    assert titles(groups["agenda"]) == ["Armoede straks", "Armoede later", "Armoede toen"]


def test_an_applicant_sees_what_a_visitor_sees(client, site):
    client.force_login(make_applicant())
    groups = groups_of(search(client, "armoede"))
    assert list(groups) == ["kennisbank", "vragen", "agenda", "verhalen"]
    assert titles(groups["kennisbank"]) == ["Armoede in de wijk"]
    assert titles(groups["vragen"]) == ["Hoe pak je armoede aan?"]
    assert "Armoede bijeenkomst" not in titles(groups["agenda"])


def test_a_member_also_finds_members_only_items_meetings_and_members(client, site):
    client.force_login(make_member("lezer@example.org", display_name="Lezer"))
    groups = groups_of(search(client, "armoede"))
    assert list(groups) == ["kennisbank", "vragen", "agenda", "verhalen", "leden"]
    assert sorted(titles(groups["kennisbank"])) == ["Armoede in de wijk", "Armoede onder ons"]
    # As the questions' list shows them: drafts only under "my questions".
    assert sorted(titles(groups["vragen"])) == [
        "Armoede en schulden: wie helpt?",
        "Hoe pak je armoede aan?",
    ]
    assert "Armoede bijeenkomst" in titles(groups["agenda"])
    assert "Armoede ontwerp" not in titles(groups["agenda"])  # a draft
    # By expertise and by job title; not whoever chose not to be listed.
    assert titles(groups["leden"]) == ["Amira Bouzid", "Piet Smit"]


def test_past_events_show_the_reports_the_reader_may_open(client, site):
    page = text(search(client, "armoede"))
    assert "Verslag van de avond" in page
    assert "Notities voor leden" not in page
    client.force_login(make_member("lezer@example.org"))
    assert "Notities voor leden" in text(search(client, "armoede"))


def test_each_group_links_to_its_full_list_when_it_has_more(client, site):
    for number in range(FIRST_HITS + 1):
        make_item(f"armoede-{number}", site, title=f"Armoede deel {number}")
        make_event(f"armoede-avond-{number}", kind=EventKind.PUBLIC, days_ahead=number + 40)
    client.force_login(make_member("lezer@example.org"))
    response = search(client, "armoede")
    groups = groups_of(response)
    assert len(groups["kennisbank"].hits) == FIRST_HITS
    assert groups["kennisbank"].count == 8
    page = response.content.decode()
    assert 'href="/kennisbank/?q=armoede"' in page
    assert 'href="/zoeken/?q=armoede&amp;groep=agenda"' in page
    assert 'href="/vragen/?q=armoede"' not in page  # two questions: all shown
    # The members' group has two: all shown, no link.
    assert 'href="/leden/?q=armoede"' not in page
    assert "Alle resultaten in de kennisbank" in text(response)


def test_a_count_above_the_cap_says_more_than(client, db):
    for number in range(GROUP_CAP + 1):
        make_item(f"buurt-{number}", title=f"Buurt {number}")
    response = search(client, "buurt")
    library = groups_of(response)["kennisbank"]
    assert library.is_capped and library.count == GROUP_CAP
    assert f"meer dan {GROUP_CAP}" in text(response)


def test_the_agenda_group_has_a_paged_list_of_its_own(client, site):
    for number in range(25):
        make_event(f"armoede-reeks-{number}", kind=EventKind.PUBLIC, days_ahead=number + 40)
    response = search(client, "armoede", groep="agenda")
    assert response.templates[0].name == "portal/search_agenda.html"
    page = response.context["page"]
    assert page.paginator.count == 28  # three public events of the fixture, 25 new ones
    events = response.context["events"]
    assert [event.title for event in events][:2] == ["Armoede straks", "Armoede later"]
    assert "Verslag van de avond" in text(search(client, "armoede", groep="agenda", pagina="2"))
    assert "Armoede bijeenkomst" not in text(search(client, "armoede", groep="agenda", pagina="2"))


def test_the_results_page_is_kept_out_of_search_engines_and_says_what_was_searched(client, site):
    response = search(client, "armoede wijk")
    page = response.content.decode()
    assert '<meta name="robots" content="noindex">' in page
    assert re.search(r"<title>\s*Zoekresultaten voor “armoede wijk”", page)
    assert "<h1>Zoekresultaten voor “armoede wijk”</h1>" in page
    assert 'value="armoede wijk"' in page


def test_crawlers_leave_the_search_alone(client, db):
    assert "Disallow: /zoeken/" in client.get("/robots.txt").content.decode().splitlines()


def test_finding_nothing_says_so_and_helps(client, site):
    response = search(client, "xylofoon")
    page = text(response)
    assert "Niets gevonden voor “xylofoon”." in page
    assert "Probeer:" in page and "de spelling na te kijken" in page
    assert 'href="/kennisbank/"' in response.content.decode()


def test_an_empty_search_shows_the_form_only(client, site):
    response = client.get(SEARCH)
    assert response.status_code == 200
    assert response.context["groups"] == []
    assert "<h1>Zoeken</h1>" in response.content.decode()
    assert "Niets gevonden" not in text(response)


@pytest.mark.parametrize("path", ["/", "/agenda/", "/kennisbank/", "/over/"])
def test_every_page_has_the_search_box_in_its_header(client, db, path):
    page = client.get(path).content.decode()
    header = page[page.index('<header class="site-header">') : page.index("</header>")]
    # Twice: behind a button on a phone, in the header on wider screens; each with a label.
    forms = re.findall(
        r'<form class="site-search" action="/zoeken/" method="get" role="search"', header
    )
    assert len(forms) == 2
    for field_id in ("site-search-phone", "site-search"):
        assert (
            f'<label class="visually-hidden" for="{field_id}">Zoeken op de site</label>' in header
        )
        assert f'type="search" name="q" id="{field_id}"' in header


@pytest.mark.usefixtures("page_cache_off")
@pytest.mark.parametrize("as_member", [False, True])
def test_search_queries_do_not_grow_with_the_data(client, site, as_member):
    if as_member:
        client.force_login(make_member("lezer@example.org"))
    url = f"{SEARCH}?q=armoede"
    client.get(url)  # warm up: the site settings row is created on first use
    few = count_queries(client, url)
    for number in range(30):
        member = make_member(f"extra{number}@example.org", job_title="Armoedewerker")
        member.profile.expertise.add(f"armoede {number}")
        make_item(f"armoede-extra-{number}", member, title=f"Armoede {number}", tags=["armoede"])
        past = make_event(f"armoede-extra-{number}", kind=EventKind.PUBLIC, days_ahead=-20 - number)
        make_item(f"verslag-extra-{number}", member, kind=ResourceKind.REPORT, event=past)
        make_question(member, title=f"Armoede vraag {number}", tags=["armoede", f"thema {number}"])
    assert count_queries(client, url) == few
    assert count_queries(client, f"{url}&groep=agenda") <= few


def test_the_agenda_list_of_results_reads_at_most_its_cap(client, site, monkeypatch):
    monkeypatch.setattr("portal.search.AGENDA_LIST_CAP", 2)
    response = search(client, "armoede", groep="agenda")
    assert response.context["page"].paginator.count == 2
    assert [event.title for event in response.context["events"]] == [
        "Armoede straks",
        "Armoede later",
    ]
