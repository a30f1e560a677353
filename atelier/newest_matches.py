"""PostgreSQL: the newest rows matching a condition that an index finds in no order.

A GIN index (full text, trigrams) finds every row with a word, but not newest first: to
hand over "the newest 2,000 matches" PostgreSQL visited every match and sorted them, so
a common word cost ten times as much in a library ten times as large. SQLite's FTS5
reads its ids backwards and stops; this is the same bound for PostgreSQL.

The rows are asked window by window of ids, the newest window first, each window
WINDOW_GROWTH times as large as the one before, in one query: its LIMIT stops PostgreSQL
in the window where the wanted number of matches is reached, and later windows are never
read. Within a window the index and the id's range together pick the rows, so only the
matches in the windows read are visited. A common word is done in the first windows at
any size; a rare word reads every window, each with its few matches. The matches of the
last window read come in the table's order, not newest first: the caller takes them as
candidates, as it does SQLite's.
"""

from django.db import connection

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
    table: str, key: str, condition: str, params: list, limit: int
) -> tuple[str, list]:
    """SQL (and its parameters) of at most `limit` values of the column `key` (a table's
    ascending id) of the rows of `table` for which the SQL `condition` (with `params`)
    holds, from the newest windows of ids backwards."""
    quote = connection.ops.quote_name
    table, key = quote(table), quote(key)
    newest = f"(SELECT MAX({key}) FROM {table})"
    windows, all_params = [], []
    for older_than, newer_than in window_bounds():
        bounds = [] if older_than < 0 else [f"{key} > {newest} - {older_than}"]
        if newer_than is not None:
            bounds.append(f"{key} <= {newest} - {newer_than}")
        where = " AND ".join([f"({condition})", *bounds])
        windows.append(f"(SELECT {key} FROM {table} WHERE {where})")
        all_params += params
    return f"SELECT {key} FROM ({' UNION ALL '.join(windows)}) AS windows LIMIT %s", [
        *all_params,
        limit,
    ]
