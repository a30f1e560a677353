"""One page of a list of matches: its ids and how many there are in all.

Paginator asks for the count and then for the page, which runs a search twice. Most
people read only the first page, so there one query gives both; further pages go
through Paginator, which also turns a page past the end into the last one. For lists
whose matches are bounded already (a search's candidates): the library's search
(knowledge/search.py) and the questions' (questions/views.py).
"""

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Page, Paginator
from django.db import connections
from django.db.models import F, OrderBy, QuerySet

from .bounded_paging import BoundedPaginator


def page_of_ids(resources: QuerySet, number: str | None, per_page: int) -> Page:
    """Page `number` of the ids of `resources` (rows of any model), with the count of them all.

    The first page comes from one query of raw SQL (below). Measured on the large data
    set, first page against Paginator's count and page: a search 7.3 against 12.2 ms
    on SQLite and 10.1 against 14.3 on PostgreSQL (visitor, mean of the bench's 12
    searches), a tag 3.8 against 5.8 and 5.7 against 9.6 ms. The whole library is the
    exception on SQLite (19 against 3 ms) but not on PostgreSQL (a member's: 26 against
    36 ms); it is one page per reader, and the page cache keeps it.
    """
    ids = resources.values_list("pk", flat=True)
    if str(number or "1").strip() != "1":
        return Paginator(ids, per_page).get_page(number)
    rows = _first_ids_and_total(resources, per_page)
    paginator: Paginator = Paginator([], per_page)
    paginator.count = rows[0][1] if rows else 0  # known already: Paginator would count again
    return Page([pk for pk, _total in rows], 1, paginator)


def _sort_keys(resources: QuerySet) -> dict[str, OrderBy]:
    """The queryset's ordering as expressions, each under a column name of its own."""
    query = resources.query
    ordering = query.order_by or (query.default_ordering and resources.model._meta.ordering)
    keys = {}
    for index, key in enumerate(ordering or ()):
        if isinstance(key, str):
            key = OrderBy(F(key.removeprefix("-")), descending=key.startswith("-"))
        keys[f"sort_key_{index}"] = key
    return keys


def _first_ids_and_total(resources: QuerySet, limit: int) -> list[tuple[int, int]]:
    """The first `limit` ids in the queryset's order, each with the number of all rows.

    The matches are gathered once, with their sort keys, in a materialized CTE, which
    both the count and the top rows read. A window count (COUNT(*) OVER ()) does the
    same in one query but makes SQLite store and sort every match in full: for a search
    with thousands of matches that took half again as long. (MATERIALIZED needs SQLite
    3.35 or PostgreSQL 12; Debian 12 has SQLite 3.40.)
    """
    keys = _sort_keys(resources)
    matches = resources.order_by().annotate(**{name: key.expression for name, key in keys.items()})
    connection = connections[resources.db]
    compiler = matches.values_list("pk", *keys).query.get_compiler(connection=connection)
    try:
        inner_sql, params = compiler.as_sql()
    except EmptyResultSet:  # .none(): a search with no word to look for
        return []
    order = ", ".join(
        name
        + (" DESC" if key.descending else " ASC")
        + (" NULLS LAST" if key.nulls_last else " NULLS FIRST" if key.nulls_first else "")
        for name, key in keys.items()
    )
    sql = (
        f"WITH matches ({', '.join(['pk', *keys])}) AS MATERIALIZED ({inner_sql}) "
        "SELECT pk, (SELECT COUNT(*) FROM matches) FROM matches"
        + (f" ORDER BY {order}" if order else "")
        + " LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit])
        return cursor.fetchall()


def bounded_page_of_ids(rows: QuerySet, number: str | None, per_page: int) -> Page:
    """Page `number` of the ids of `rows`, its paginator a BoundedPaginator: a count above
    MAX_COUNTED says "more than". The first page and the count come from one query."""
    paginator = BoundedPaginator(rows.values_list("pk", flat=True), per_page)
    if str(number or "1").strip() != "1":
        return paginator.get_page(number)
    found = _first_ids_and_total(rows, per_page)
    paginator.counted = found[0][1] if found else 0  # known already: not counted again
    return Page([pk for pk, _total in found], 1, paginator)
