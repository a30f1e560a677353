"""Words a reader noticed: one English word with two Dutch meanings gets a context."""

import itertools
import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone

from atelier.models import Page
from atelier.site_texts import default_page_texts
from knowledge.models import Resource, ResourceKind, Visibility
from sessions_app.models import EventKind

from .factories import ResourceFactory, make_event, make_member


def heading_texts(html: str, level: int) -> list[str]:
    return [
        re.sub(r"<[^>]+>", "", text).strip()
        for text in re.findall(rf"<h{level}[^>]*>(.*?)</h{level}>", html, re.S)
    ]


def test_a_dutch_profile_is_about_the_member_and_the_menu_about_the_atelier(client, member):
    author = make_member("auteur@example.org", display_name="Ria Jansen", bio="Opbouwwerker.")
    client.force_login(member)

    html = client.get(reverse("members:detail", args=[author.profile.pk])).content.decode()

    assert "Over Ria Jansen" in heading_texts(html, 2)
    assert "Over het atelier Ria Jansen" not in html
    assert re.search(r'href="/over/"[^>]*>Over het atelier</a>', html)


def test_an_english_profile_is_about_the_member(client, member):
    author = make_member("auteur@example.org", display_name="Ria Jansen", bio="Opbouwwerker.")
    client.force_login(member)
    client.cookies["django_language"] = "en"

    html = client.get(reverse("members:detail", args=[author.profile.pk])).content.decode()

    assert "About Ria Jansen" in heading_texts(html, 2)


# --- the archive -----------------------------------------------------------------------------


def archive_with_report(report_title: str, visibility=Visibility.PUBLIC):
    start = timezone.now() - timedelta(days=10)
    event = make_event(
        "terugblik", kind=EventKind.PUBLIC, start=start, end=start + timedelta(hours=2)
    )
    ResourceFactory(
        kind=ResourceKind.REPORT,
        title=report_title,
        slug="verslag-terugblik",
        summary="Wat we deden.",
        body="Wat we deden.",
        visibility=visibility,
        published_at=timezone.now(),
        event=event,
    )
    return event


def archive_card(client) -> str:
    html = client.get(reverse("agenda:archive")).content.decode()
    (card,) = re.findall(r'<article class="card event-card">.*?</article>', html, re.S)
    return card


@pytest.mark.django_db
def test_an_archived_events_report_sits_inside_its_card_and_says_report_once(client):
    archive_with_report("Verslag: van casus naar collectief")

    card = archive_card(client)

    assert "van casus naar collectief" in card
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", card))
    assert text.count("Verslag") == 1, text


@pytest.mark.django_db
def test_a_report_without_the_word_in_its_title_gets_the_label(client):
    archive_with_report("Wat we leerden over buurtwerk")

    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", archive_card(client)))

    assert "Verslag: Wat we leerden over buurtwerk" in text


@pytest.mark.django_db
def test_the_archive_heading_levels_go_down_one_step_at_a_time(client):
    archive_with_report("Verslag: terugblik")
    html = client.get(reverse("agenda:archive")).content.decode()
    main = html[html.index("<main") : html.index("</main>")]

    levels = [int(level) for level in re.findall(r"<h([1-6])", main)]

    assert levels[0] == 1
    assert all(after - before <= 1 for before, after in itertools.pairwise(levels)), levels


# --- the member directory and the home page ---------------------------------------------------


def test_directory_tag_counts_stand_apart_from_the_tag(client, member):
    member.profile.expertise.add("praktijkgericht onderzoek")
    make_member("tweede@example.org").profile.expertise.add("praktijkgericht onderzoek")
    client.force_login(member)

    html = client.get(reverse("members:directory")).content.decode()

    (link,) = re.findall(r'<a class="tag" href="\?expertise=[^"]*">(.*?)</a>', html, re.S)
    # Eyes see the count in its own box; a screen reader hears "…, 2 leden".
    assert re.search(r'<span class="tag__count" aria-hidden="true">2</span>', link)
    heard = re.sub(r'<span[^>]*aria-hidden="true">.*?</span>', "", link)
    assert re.sub(r"<[^>]+>", "", heard).strip() == "praktijkgericht onderzoek, 2 leden"


def test_a_member_without_a_sector_gets_no_empty_pill(client, member):
    make_member("zonder@example.org", display_name="Zonder Sector", sector="")
    client.force_login(member)

    html = client.get(reverse("members:directory")).content.decode()

    cards = re.findall(r'<article class="card member-card">.*?</article>', html, re.S)
    (without,) = [card for card in cards if "Zonder Sector" in card]
    assert 'class="tag' not in without
    assert re.search(r'<span class="tag tag--kind">\s*</span>', html) is None


@pytest.mark.django_db
def test_the_home_page_names_the_site_once_in_its_title(client):
    html = client.get(reverse("home")).content.decode()

    (title,) = re.findall(r"<title>(.*?)</title>", html, re.S)
    assert title.strip() == "Leeratelier Samenlevingsopbouw"


def test_after_login_the_home_page_no_longer_invites_you_to_make_an_account(client, member):
    home = Page.objects.get(key=Page.Key.HOME)
    for field, value in default_page_texts()["home"].items():  # as `load_demo` writes it
        setattr(home, field, value)
    home.save()
    client.force_login(member)

    html = client.get(reverse("home")).content.decode()

    assert reverse("account_signup") not in html
    assert "account aan" not in html


@pytest.mark.django_db
def test_a_visitor_is_invited_to_join_on_the_home_page(client):
    html = client.get(reverse("home")).content.decode()

    assert reverse("account_signup") in html


# --- the library's filter combinations -------------------------------------------------------


def library(client, query: str = "") -> str:
    return client.get(reverse("knowledge:library") + query).content.decode()


def tag_cloud_links(html: str) -> list[str]:
    return re.findall(r'<a class="tag" href="\?[^"]*"[^>]*>', html)


def library_item(title: str, tags: tuple[str, ...]) -> None:
    ResourceFactory(
        title=title,
        slug=title.lower().replace(" ", "-"),
        summary="Kort.",
        body="Lang.",
        published_at=timezone.now(),
        tags=tags,
    )


@pytest.mark.django_db
def test_the_plain_library_and_one_tag_are_for_search_engines(client, settings):
    library_item("Het buurtgesprek", ("buurt", "participatie"))

    for html in (library(client), library(client, "?tag=buurt")):
        assert 'name="robots"' not in html
        assert 'rel="canonical"' not in html
    links = tag_cloud_links(library(client))
    assert links and not any("nofollow" in link for link in links)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ["?tag=buurt&tag=participatie", "?q=gesprek", "?soort=tool&tag=buurt"]
)
def test_filter_combinations_are_kept_out_of_search_engines(client, settings, query):
    settings.SITE_URL = "https://leeratelier.example.org"
    library_item("Het buurtgesprek", ("buurt", "participatie"))

    html = library(client, query)

    assert '<meta name="robots" content="noindex">' in html
    assert '<link rel="canonical" href="https://leeratelier.example.org/kennisbank/">' in html


@pytest.mark.django_db
def test_tag_links_that_narrow_a_filtered_page_are_not_followed(client):
    library_item("Het buurtgesprek", ("buurt", "participatie"))

    links = tag_cloud_links(library(client, "?tag=buurt"))

    assert links and all('rel="nofollow"' in link for link in links)


# --- the language of Dutch content on English pages (WCAG 3.1.2) ------------------------------

VOID_ELEMENTS = {
    "area",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "wbr",
}


class LanguageOfText(HTMLParser):
    """The language (the nearest lang attribute) of every piece of text in <body>."""

    def __init__(self):
        super().__init__()
        self.stack: list[str | None] = []
        self.texts: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID_ELEMENTS:
            self.stack.append(dict(attrs).get("lang"))

    def handle_endtag(self, tag):
        if tag not in VOID_ELEMENTS and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if data.strip():
            language = next((lang for lang in reversed(self.stack) if lang), None)
            self.texts.append((" ".join(data.split()), language))


def language_of(html: str, text: str) -> set[str | None]:
    parser = LanguageOfText()
    parser.feed(html[html.index("<body") :])
    found = {language for piece, language in parser.texts if text in piece}
    assert found, f"{text!r} is not on the page"
    return found


@pytest.fixture
def dutch_content(member):
    event = make_event(
        "buurtavond",
        kind=EventKind.PUBLIC,
        title="Buurtavond over samenwerken",
        summary="We praten over samenwerken in de wijk.",
        description="Een avond vol **verhalen** uit de praktijk.",
        place="Buurthuis De Linde",
    )
    library_item("Het gesprek aan de keukentafel", ("buurtwerk",))
    member.profile.bio = "Ik werk als opbouwwerker in Heerlen."
    member.profile.job_title = "Opbouwwerker"
    member.profile.save()
    member.profile.expertise.add("buurtwerk")
    return event, member


def test_dutch_content_on_english_pages_is_marked_dutch(client, dutch_content):
    event, member = dutch_content
    client.force_login(member)
    client.cookies["django_language"] = "en"
    resource = Resource.objects.get()
    checks = {
        reverse("agenda:upcoming"): ["Buurtavond over samenwerken", "We praten over samenwerken"],
        event.get_absolute_url(): [
            "Buurtavond over samenwerken",
            "We praten over samenwerken",
            "Buurthuis De Linde",
            "Een avond vol",
        ],
        reverse("knowledge:library"): ["Het gesprek aan de keukentafel", "buurtwerk"],
        resource.get_absolute_url(): ["Het gesprek aan de keukentafel", "Lang."],
        reverse("members:detail", args=[member.profile.pk]): [
            "opbouwwerker in Heerlen",
            "buurtwerk",
        ],
        reverse("members:directory"): ["Opbouwwerker", "buurtwerk"],
    }
    for path, texts in checks.items():
        html = client.get(path).content.decode()
        assert '<html lang="en">' in html, path
        for text in texts:
            assert language_of(html, text) == {"nl"}, (path, text)
    # The English interface around it stays English.
    assert language_of(
        client.get(event.get_absolute_url()).content.decode(), "About this event"
    ) == {None}


@pytest.mark.django_db
def test_the_home_page_text_is_marked_with_the_language_it_is_in(client):
    home = Page.objects.get(key=Page.Key.HOME)
    home.body = "Welkom bij het atelier."
    home.save()
    client.cookies["django_language"] = "en"

    assert language_of(client.get(reverse("home")).content.decode(), "Welkom bij") == {"nl"}

    home.body_en = "Welcome to the atelier."
    home.save()
    caches["pages"].clear()
    assert language_of(client.get(reverse("home")).content.decode(), "Welcome to") == {"en"}


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "locale"), [("nl", "nl_NL"), ("en", "en_GB")])
def test_og_locale_follows_the_page_language(client, language, locale):
    event = make_event("buurtavond", kind=EventKind.PUBLIC)
    client.cookies["django_language"] = language

    html = client.get(event.get_absolute_url()).content.decode()

    assert f'<meta property="og:locale" content="{locale}">' in html
