"""PostgreSQL: the newest rows matching a condition that an index finds in no order.

A GIN index (full text, trigrams) finds every row with a word, but not newest first: to
hand over "the newest 2,000 matches" PostgreSQL visited every match and sorted them, so
a common word cost ten times as much in a library ten times as large. SQLite's FTS5
reads its ids backwards and stops; this is the same bound for PostgreSQL.

The rows are asked window by window of ids, the newest window first, each window
WINDOW_GROWTH times as large as the one before, in one query: its LIMIT stops PostgreSQL
in the window where the wanted number of matches is reached, and later windows are never
read. Within a window the index and the id's range together pick the rows, so only the
matches in the windows read are visited, newest first within each window. A common word
is done in the first windows at any size; a rare word reads every window, each with its
few matches, and windows before the table's first id are not read at all.

The windows' bounds depend on the newest id, which PostgreSQL learns only as the query
runs: a search costs one query, as on SQLite.
"""

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

# The newest FIRST_WINDOW ids, then windows WINDOW_GROWTH times as large, then the rest:
# eight windows reach back 87 million ids.
FIRST_WINDOW = 4000
WINDOW_GROWTH = 4
WINDOWS = 8


def window_bounds() -> list[tuple[int, int | None]]:
    """Each window as (from, to): ids above the newest id minus `from` and at most the
    newest id minus `to`; the first has no upper bound (None), the last reaches back
    to the first id."""
    bounds: list[tuple[int, int | None]] = []
    newer, size = 0, FIRST_WINDOW
    for _ in range(WINDOWS):
        bounds.append((newer + size, newer if newer else None))
        newer, size = newer + size, size * WINDOW_GROWTH
    bounds.append((-1, newer))
    return bounds


def newest_matching_ids(
    table: str, key: str, matches: str, params: list, limit: int, *, words_first: bool = False
) -> tuple[str, list]:
    """SQL (and its parameters) of at most `limit` values of `key`, the ascending id of
    `table`, from `matches`: the SQL (with `params`) of a SELECT of `key` from `table`
    where a condition holds. From the newest window of ids backwards.

    Each window reads `matches` as a subquery, which PostgreSQL folds into the window's
    own scan: the window's range of ids and the condition's index are read together.

    `words_first`, for a table of only ids and word vectors: the windows after the
    first take their rows from the condition's index alone, never by walking the ids and
    testing each row's words. PostgreSQL cannot know a window's bounds when it plans and
    guesses that a range with two ends holds a handful of rows: it walked a window of
    16,000 profiles by id for a name that 250 of them have (14 ms, against 1 ms from
    the index). Such a window's bounds are written so that the id's index cannot serve
    them. The price is paid by words in a large share of the rows, whose every match
    the index then hands over: "bewoners wijk", in a quarter of the profiles at ten
    times the large data set, went from 9 to 18 ms. Names and expertise are what the
    directory is searched for; the questions' table, searched for common words, keeps
    the usual bounds ("wijk" there went from 9 to 52 ms).
    """
    quote = connection.ops.quote_name
    table, key = quote(table), quote(key)
    newest = f"(SELECT MAX({key}) FROM {table})"
    oldest = f"(SELECT MIN({key}) FROM {table})"
    windows, all_params = [], []
    for older_than, newer_than in window_bounds():
        # After the first window, with `words_first`, no bound the id's index can serve.
        bounded = f"{key} + 0" if words_first and newer_than is not None else key
        bounds = [] if older_than < 0 else [f"{bounded} > {newest} - {older_than}"]
        if newer_than is not None:
            bounds.append(f"{bounded} <= {newest} - {newer_than}")
            # Windows before the first id are not read at all (a one-time filter).
            bounds.append(f"{newest} - {newer_than} >= {oldest}")
        # Its one column named `key` whatever `matches` called it.
        rows = f"({matches}) AS matches ({key})"
        where = " AND ".join(bounds)
        windows.append(f"(SELECT {key} FROM {rows} WHERE {where} ORDER BY {key} DESC)")
        all_params += params
    sql = f"SELECT {key} FROM ({' UNION ALL '.join(windows)}) AS windows LIMIT %s"
    return sql, [*all_params, limit]


def newest_of(matches: QuerySet, limit: int) -> RawSQL:
    """The ids of at most `limit` of the newest rows of `matches` (a queryset whose
    condition an index serves), for `pk__in=`."""
    meta = matches.model._meta
    sql, params = matches.order_by().values("pk").query.sql_with_params()
    return RawSQL(*newest_matching_ids(meta.db_table, meta.pk.column, sql, list(params), limit))
