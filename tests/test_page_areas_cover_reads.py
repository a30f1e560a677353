"""Every stored page, and every feed answering conditional requests, names the areas of
all the data it reads (atelier/page_areas.py).

A page that reads a table of an area it does not name is served stale after a change to
that table, until some other change or the time runs out: a member's new answer stayed
off their stored profile this way; a feed would answer "304 Not Modified" with old
content. So each such page of the access matrix is built once for a visitor and once
for a member, and every table its queries read must belong to an area the page names,
or to one every page reads anyway (the site texts; for a member, the roles and the
member's own area).
"""

import re

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve

from atelier import page_areas
from atelier.page_cache import EVERY_PAGE_READS

from .factories import make_role
from .test_access_matrix import ACCESS_MATRIX, OK, objects  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db

TABLE_READ = re.compile(r'\b(?:FROM|JOIN)\s+"([^"]+)"', re.IGNORECASE)
READERS = {"visitor": 0, "member_meetings": 4}


def models_by_table() -> dict[str, str]:
    return {
        model._meta.db_table: model._meta.label_lower
        for model in apps.get_models(include_auto_created=True)
    }


class AnyValue(dict):
    """Fills every `{name}` of an address with a value each converter accepts."""

    def __missing__(self, key: str) -> str:
        return "1"


def named_areas(url: str) -> list[tuple[str, ...]]:
    """The areas the stored page and the feed's validator at `url` name (either, both
    or neither)."""
    view = resolve(url.split("?")[0]).func
    return [
        getattr(view, attribute)
        for attribute in ("page_areas", "feed_areas")
        if hasattr(view, attribute)
    ]


def stored_pages():
    for address, outcomes in ACCESS_MATRIX.items():
        if not named_areas(address.format_map(AnyValue())):
            continue
        for role, column in READERS.items():
            if outcomes[column] == OK:
                yield pytest.param(address, role, id=f"{address}-{role}")


def areas_covering(label: str, for_member: bool) -> set[str]:
    """The areas whose staleness a change to rows of `label` reaches."""
    if label in page_areas.UNSHOWN:
        return set(page_areas.AREAS)
    shown_in = set(page_areas.SHOWN_IN.get(label, page_areas.AREAS))
    if page_areas.THE_MEMBER in shown_in and for_member:
        # The member's own rows (their account, profile, follows) mark their own area,
        # which every page built for them reads.
        return set(page_areas.AREAS)
    return shown_in - {page_areas.THE_MEMBER}


@pytest.mark.parametrize(("address", "role"), list(stored_pages()))
def test_a_stored_page_names_the_areas_of_every_table_it_reads(
    client,
    objects,  # noqa: F811 (the access matrix's fixture, imported above)
    page_cache_off,
    address,
    role,
):
    url = address.format(**objects)
    named = named_areas(url)
    user = make_role(role)
    if user is not None:
        client.force_login(user)
    tables = models_by_table()

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200

    read_tables = {
        tables[table]
        for query in queries.captured_queries
        for table in TABLE_READ.findall(query["sql"])
        if table in tables  # not a search index of the library
    }
    for areas in named:
        read = set(EVERY_PAGE_READS) | set(areas)
        if user is not None:
            read.add(page_areas.ROLES)
        missing = {
            label: sorted(page_areas.SHOWN_IN.get(label, ()))
            for label in read_tables
            if not areas_covering(label, user is not None) & read
        }
        assert not missing, f"{url} reads {missing} but names only {sorted(areas)}"
