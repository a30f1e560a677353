"""The versions pages: the list, one version with what changed, restoring; who may do what,
and addresses that point at nothing (knowledge/version_views.py)."""

from datetime import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from knowledge import versions
from knowledge.models import ResourceStatus, Visibility

from .factories import make_coordinator, make_item, make_member
from .helpers import AMSTERDAM, SCRIPT

pytestmark = pytest.mark.django_db


@pytest.fixture
def writer(db):
    return make_member("noor@example.org", display_name="Noor Bakker")


def tool_in_two_versions(writer):
    """A tool in two versions: the second by its writer, with a sentence added to its approach
    (a tool's text is its sections: `body` is composed from them on saving)."""
    item = make_item("buurtgesprek", writer, title="Het buurtgesprek", body="Praat met bewoners.")
    item._history_user = writer
    item.sections = {**item.sections, "approach": "Praat met bewoners. Luister vooral goed."}
    item.save()
    return item


@pytest.fixture
def item(writer):
    return tool_in_two_versions(writer)


def _dated(item, *days):
    """Date the item's versions, oldest first, at noon on these days of 2026 (month, day)."""
    for version, (month, day) in zip(versions.versions_of(item).reverse(), days, strict=True):
        version.history_date = datetime(2026, month, day, 12, tzinfo=AMSTERDAM)
        version.save()


def _versions_url(item):
    return reverse("knowledge:versions", args=[item.slug])


def _version_url(item, version):
    return reverse("knowledge:version", args=[item.slug, version.history_id])


def _restore_url(item, version):
    return reverse("knowledge:restore_version", args=[item.slug, version.history_id])


def test_a_member_reads_the_list_of_versions_newest_first(client, item):
    client.force_login(make_member("lezer@example.org"))
    newest, first = versions.versions_of(item)
    content = client.get(_versions_url(item)).content.decode()
    assert content.index(_version_url(item, newest)) < content.index(_version_url(item, first))
    assert "Noor Bakker" in content and "huidige versie" in content


def test_a_version_shows_the_item_as_it_was_and_what_changed(client, item):
    client.force_login(make_member("lezer@example.org"))
    newest, first = versions.versions_of(item)
    content = client.get(_version_url(item, newest)).content.decode()
    assert "<ins>Luister vooral goed.</ins>" in content
    assert "Dit is de huidige versie" in content
    earlier = client.get(_version_url(item, first)).content.decode()
    assert "<p>Praat met bewoners.</p>" in earlier  # the stored HTML of that version
    assert "Dit is de eerste versie." in earlier
    assert "Deze versie terugzetten" not in earlier  # only authors and the coordinator


def test_the_citation_of_a_version_names_its_date_and_address(client, item):
    _dated(item, (3, 3), (4, 9))
    first = versions.versions_of(item).last()
    client.force_login(make_member("lezer@example.org"))
    content = client.get(_version_url(item, first)).content.decode()
    assert "(2026, 3 maart). <i>Het buurtgesprek</i>. Leeratelier Samenlevingsopbouw. " in content
    assert f"{_version_url(item, first)}</p>" in content


def test_the_item_page_shows_the_date_of_its_version_and_links_members_to_the_versions(
    client, item
):
    _dated(item, (3, 3), (4, 9))
    visitor_page = client.get(item.get_absolute_url()).content.decode()
    assert "Deze versie:" in visitor_page and "9 april 2026" in visitor_page
    assert "(2026, 9 april)" in visitor_page  # the citation cites the current version
    assert _versions_url(item) not in visitor_page
    client.force_login(make_member("lezer@example.org"))
    assert _versions_url(item) in client.get(item.get_absolute_url()).content.decode()


@pytest.mark.parametrize("who", ["author", "coordinator"])
def test_authors_and_the_coordinator_restore_an_earlier_version_as_a_new_one(
    client, item, writer, who
):
    person = writer if who == "author" else make_coordinator()
    client.force_login(person)
    first = versions.versions_of(item).last()
    assert "Deze versie terugzetten" in client.get(_version_url(item, first)).content.decode()

    response = client.post(_restore_url(item, first), follow=True)

    item.refresh_from_db()
    assert item.sections["approach"] == "Praat met bewoners."
    assert item.sections_html["approach"] == "<p>Praat met bewoners.</p>"
    restored, edited, original = versions.versions_of(item)
    assert restored.history_user == person and restored.body == original.body
    content = response.content.decode()
    assert "is teruggezet. Dat is een nieuwe versie." in content
    assert "eerdere versie teruggezet" in content  # the list says which one was a restore


def test_restoring_what_the_item_says_already_makes_no_version(client, item, writer):
    client.force_login(writer)
    response = client.post(_restore_url(item, versions.current_version(item)), follow=True)
    assert versions.versions_of(item).count() == 2
    assert "zegt hetzelfde als de huidige" in response.content.decode()


def test_restoring_keeps_who_may_read_it_and_its_status(client, item, writer):
    first = versions.versions_of(item).last()
    item.visibility, item.status = Visibility.MEMBERS, ResourceStatus.DRAFT
    item.save()
    client.force_login(writer)
    client.post(_restore_url(item, first))
    item.refresh_from_db()
    assert (item.visibility, item.status) == (Visibility.MEMBERS, ResourceStatus.DRAFT)


def test_another_member_may_not_restore(client, item):
    client.force_login(make_member("ander@example.org"))
    first = versions.versions_of(item).last()
    assert client.post(_restore_url(item, first)).status_code == 404
    assert versions.versions_of(item).count() == 2


def test_a_visitor_is_asked_to_log_in_and_restores_nothing(client, item):
    first = versions.versions_of(item).last()
    response = client.post(_restore_url(item, first))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.get(_versions_url(item)).status_code == 302
    assert versions.versions_of(item).count() == 2


def test_restoring_needs_the_csrf_token(item, writer):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(writer)
    assert client.post(_restore_url(item, versions.versions_of(item).last())).status_code == 403
    assert versions.versions_of(item).count() == 2


def test_addresses_that_point_at_no_version_of_the_item_find_nothing(client, item, writer):
    other = make_item("ander-stuk", writer)
    elsewhere = versions.current_version(other)
    client.force_login(writer)
    for url in (
        reverse("knowledge:version", args=[item.slug, 999_999]),
        _version_url(item, elsewhere),
        reverse("knowledge:versions", args=["bestaat-niet"]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(_restore_url(item, elsewhere)).status_code == 404
    assert client.post(reverse("knowledge:restore_version", args=[item.slug, 0])).status_code == 404
    assert (
        client.get(reverse("knowledge:versions", args=[item.slug]) + "?pagina=x").status_code == 200
    )


def test_a_drafts_versions_are_for_its_authors_and_the_coordinator(client, writer):
    draft = make_item("concept", writer, status=ResourceStatus.DRAFT)
    client.force_login(make_member("ander@example.org"))
    assert client.get(_versions_url(draft)).status_code == 404
    client.force_login(writer)
    assert client.get(_versions_url(draft)).status_code == 200


def test_hostile_text_in_a_version_is_escaped_on_its_pages(client, writer):
    item = make_item("werkvorm", writer, title=f"Titel {SCRIPT}", summary=SCRIPT)
    item.sections = {**item.sections, "approach": f"Tekst {SCRIPT}"}
    item.save()
    client.force_login(writer)
    for url in (_versions_url(item), _version_url(item, versions.current_version(item))):
        content = client.get(url).content.decode()
        assert SCRIPT not in content, url
    with translation.override("nl"):
        assert "&lt;script&gt;" in client.get(_versions_url(item)).content.decode()
