"""Versions are numbered and dated to the second: two saved in the same minute can be told
apart, and a version's page says which two versions it compares (knowledge/versions.py)."""

import re
from datetime import datetime

import pytest
from django.urls import reverse

from knowledge import versions
from knowledge.models import ResourceStatus

from .factories import make_item, make_member
from .helpers import AMSTERDAM, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def writer(db):
    return make_member("noor@example.org", display_name="Noor Bakker")


def _save(item, approach: str) -> None:
    item.sections = {**item.sections, "approach": approach}
    item.save()


def _dated(item, *seconds):
    """Date the item's versions, oldest first, in the same minute: at these seconds."""
    for version, second in zip(versions.versions_of(item).reverse(), seconds, strict=True):
        version.history_date = datetime(2026, 3, 3, 14, 5, second, tzinfo=AMSTERDAM)
        version.save()


@pytest.fixture
def item(writer):
    """A tool in three versions, saved within one minute."""
    item = make_item("buurtgesprek", writer, title="Het buurtgesprek")
    _save(item, "Praat met bewoners.")
    _save(item, "Praat met bewoners. Luister vooral goed.")
    _dated(item, 7, 21, 48)
    return item


def test_the_list_numbers_the_versions_and_shows_their_seconds(client, item):
    client.force_login(make_member("lezer@example.org"))
    page = text(client.get(reverse("knowledge:versions", args=[item.slug])))
    links = [re.search(rf">\s*Versie {number}\s*</a>", page) for number in (3, 2, 1)]
    assert all(links)
    newest, middle, first = (link.start() for link in links)
    assert newest < middle < first
    for second in ("14:05:07", "14:05:21", "14:05:48"):
        assert f"3 maart 2026, {second}" in page


def test_each_version_knows_its_number(item):
    assert [version.number for version in versions.versions_of(item)] == [3, 2, 1]
    newest = versions.current_version(item)
    assert versions.previous_version(newest).number == 2


def test_a_version_says_which_two_versions_it_compares(client, item):
    newest = versions.current_version(item)
    previous = versions.previous_version(newest)
    client.force_login(make_member("lezer@example.org"))
    page = text(client.get(reverse("knowledge:version", args=[item.slug, newest.history_id])))
    assert "Versie 3 vergeleken met" in page
    previous_url = reverse("knowledge:version", args=[item.slug, previous.history_id])
    assert f'<a href="{previous_url}">versie 2</a>' in page
    assert "(3 maart 2026, 14:05:21)" in page
    assert "<ins>Luister vooral goed.</ins>" in page


def test_a_version_keeps_its_number_for_readers_who_do_not_see_the_drafts(client, writer):
    tool = make_item("concept", writer, status=ResourceStatus.DRAFT)
    _save(tool, "Eerste opzet.")
    tool.status = ResourceStatus.PUBLISHED
    tool.save()
    client.force_login(make_member("lezer@example.org"))
    lines = client.get(reverse("knowledge:versions", args=[tool.slug])).context["lines"]
    # The two drafts before it are not shown, yet the published version is the third.
    assert [line.number for line in lines] == [3]
