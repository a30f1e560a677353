"""The citation on an item's page names its current version's date, and gives an address
the reader can open: the version's for members, who read versions; the item's own for
visitors, who cannot (docs/design.md: "item versions" are for members)."""

import pytest
from django.conf import settings

from knowledge import versions

from .factories import make_item, make_member
from .helpers import text

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(db):
    writer = make_member("noor@example.org", display_name="Noor Bakker")
    item = make_item("buurtgesprek", writer, title="Het buurtgesprek")
    item.sections = {**item.sections, "approach": "Praat met bewoners. Luister."}
    item.save()
    return item


def citation_of(page: str) -> str:
    start = page.index('id="cite-heading"')
    return page[start : page.index("</section>", start)]


def test_a_visitor_is_given_the_items_own_address_and_no_version_address(client, item):
    page = text(client.get(item.get_absolute_url()))
    citation = citation_of(page)
    assert f"{settings.SITE_URL}/kennisbank/buurtgesprek/</p>" in citation
    assert "/versies/" not in page


def test_a_member_is_given_the_address_of_the_version_cited(client, item):
    client.force_login(make_member("lezer@example.org"))
    current = versions.current_version(item)
    citation = citation_of(text(client.get(item.get_absolute_url())))
    assert f"{settings.SITE_URL}{versions.version_url(item, current)}</p>" in citation


def test_both_cite_the_versions_date(client, item):
    current = versions.current_version(item)
    year = current.history_date.year
    assert f"({year}, " in citation_of(text(client.get(item.get_absolute_url())))
    client.force_login(make_member("lezer@example.org"))
    assert f"({year}, " in citation_of(text(client.get(item.get_absolute_url())))
