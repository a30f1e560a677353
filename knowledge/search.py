"""Searching the library: best matches first.

On PostgreSQL its full-text search with the Dutch configuration (stemming, so
"wijken" finds "wijk") on a vector that PostgreSQL stores and indexes (GIN), ranked
title > tags and summary, then newest, on a second, smaller stored vector. On SQLite
a plain match on each word with a simple score for where it was found, among the items
an FTS5 index finds (every word as the start of a word in the item).
"""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection
from django.db.models import IntegerField, Q, QuerySet
from django.db.models.expressions import RawSQL

from .models import Resource

MAX_QUERY_LENGTH = 200

# The SQLite full-text index of the items (migration 0002): title, tags_text, summary
# and body, kept up to date by triggers on the items' table.
FTS_TABLE = "knowledge_resource_fts"


def search(resources: QuerySet[Resource], text: str) -> QuerySet[Resource]:
    """Resources matching `text`, the best first. An empty text leaves them as they are."""
    text = " ".join(text.split())[:MAX_QUERY_LENGTH]
    if not text:
        return resources
    if connection.vendor == "postgresql":
        return _full_text(resources, text)
    return _simple(resources, text)


def _full_text(resources: QuerySet[Resource], text: str) -> QuerySet[Resource]:
    # Tags are searched like the words of the item, weighted as the summary: a match on
    # the rank alone (rank > 0) would let in items that match only some of the words,
    # and a tag match ordered before everything would outrank a title match.
    # PostgreSQL stores both vectors (migrations 0002 and 0003), so no search computes
    # them again per item. search_vector, of title (A), tags_text and summary (B) and
    # body (C), finds the matches through its GIN index; rank_vector, of the title, tags
    # and summary only, orders them: a tenth of the size, so ranking thousands of
    # matches stays cheap. Items with the words only in their body rank 0: newest first.
    # Raw SQL only names the columns: PostgreSQL generates them, Django does not know them.
    table = Resource._meta.db_table
    vector = RawSQL(f'"{table}"."search_vector"', [], SearchVectorField())
    rank_vector = RawSQL(f'"{table}"."rank_vector"', [], SearchVectorField())
    query = SearchQuery(text, search_type="websearch", config="dutch")
    return (
        resources.alias(search=vector)
        .annotate(rank=SearchRank(rank_vector, query))
        .filter(search=query)
        .order_by("-rank", "-published_at")
    )


def _fts_query(words: list[str]) -> str | None:
    """An FTS5 query for items with every word (as the start of a word), or None.

    Each word is quoted, so nothing in it is FTS5 syntax. Words without a letter or
    digit leave nothing to look up; they are matched by the LIKE filter alone.
    """
    terms = [
        '"' + word.replace('"', '""') + '"*' for word in words if any(c.isalnum() for c in word)
    ]
    return " AND ".join(terms) or None


def _indexed_exactly(word: str) -> bool:
    """Whether the index's match on `word` already says it is in the item.

    The index matches the starts of words, ignoring case: for letters and digits of
    ASCII, that match is also a LIKE match, which then need not read every text again.
    """
    return word.isascii() and word.isalnum()


# Where a word is found counts for the rank: in the title most, then tags, then summary.
SCORED_COLUMNS = [("title", 8), ("tags_text", 4), ("summary", 2)]


def _simple(resources: QuerySet[Resource], text: str) -> QuerySet[Resource]:
    words = text.split()[:10]
    # The FTS5 index is SQLite's; elsewhere (tests of this fallback) every row is read.
    fts_query = _fts_query(words) if connection.vendor == "sqlite" else None
    if fts_query is not None:
        # The index finds the items with every word; the LIKE filter (for words the
        # index cannot settle) and the score then look at those rows only. Raw SQL: the
        # FTS5 table has no model.
        resources = resources.filter(
            pk__in=RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [fts_query])
        )
    matches = Q()
    for word in words:
        if fts_query is None or not _indexed_exactly(word):
            # A word has no spaces, so it is in the joined names only if it is in one name.
            matches &= (
                Q(title__icontains=word)
                | Q(tags_text__icontains=word)
                | Q(summary__icontains=word)
                | Q(body__icontains=word)
            )
    return resources.filter(matches).annotate(rank=_score(words)).order_by("-rank", "-published_at")


def _score(words: list[str]) -> RawSQL:
    """Per word 8 if it is in the title, else 4 in the tags, 2 in the summary, 1 elsewhere.

    The SQL is what Django writes for `icontains` on this database, written here once
    for all words and columns: as Case/When expressions, a search's first page took
    9.4 ms against 6.7 ms (visitor, mean of the bench's 12 searches, large data set).
    """
    table = connection.ops.quote_name(Resource._meta.db_table)
    columns = [
        (
            connection.ops.lookup_cast("icontains") % f"{table}.{connection.ops.quote_name(name)}",
            points,
        )
        for name, points in SCORED_COLUMNS
    ]
    contains = connection.operators["icontains"]
    cases, params = [], []
    for word in words:
        pattern = f"%{connection.ops.prep_for_like_query(word)}%"
        whens = []
        for column, points in columns:
            whens.append(f"WHEN {column} {contains} THEN {points}")
            params.append(pattern)
        cases.append(f"(CASE {' '.join(whens)} ELSE 1 END)")
    return RawSQL(" + ".join(cases), params, output_field=IntegerField())
