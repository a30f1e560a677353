"""Searching the library: Dutch word forms, phrases, words left out, best matches first.

A search is parsed once (atelier/textsearch.py): plain words, "phrases in quotes" and
-words to leave out, at most ten words. An item needs every phrase and at least one of
the words; it ranks by how many of the words it has, then by where they are (title,
then tags and summary, then body), then newest first.

PostgreSQL: full-text search on the stored `dutch` vector of each item (GIN index,
migration 0002), ranked on the smaller stored vector of title, tags and summary
(migration 0003). SQLite: an FTS5 index of the same Snowball stems (migration 0005),
ranked by which columns hold each word. Both get a tsquery or FTS5 expression built from
the stems, so what a reader types is never syntax.

Beside `search`: `search_results` (a page of results with snippets, a suggestion for
mistyped words, and the search with the suggestion applied when the original found
nothing), `suggestion` and `snippets`.
"""

from dataclasses import dataclass, field
from typing import ClassVar

from django.contrib.postgres.search import TrigramSimilarity
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import BooleanField, FloatField, IntegerField, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import Length
from django.utils.html import strip_tags
from django.utils.safestring import SafeString

from atelier import textsearch
from atelier.newest_matches import newest_of
from atelier.one_query_paging import page_of_ids
from atelier.textsearch import Query, parse_query

from .models import Resource, SearchWord

MAX_QUERY_LENGTH = textsearch.MAX_QUERY_LENGTH
# The SQLite full-text index of the items (migration 0005): the stems of title,
# tags_text, summary and body, kept up to date by triggers on the items' table.
FTS_TABLE = "knowledge_resource_fts"
# Where a word is found counts for the rank on SQLite: in the title most, then tags,
# then summary, then anywhere (the body).
SCORED_COLUMNS = [("title", 8), ("tags_text", 4), ("summary", 2), ("", 1)]
# Every word found weighs more than any place it is found in.
POINTS_PER_WORD = 100
# "Very little": with fewer results than this, mistyped words get a suggestion.
FEW_RESULTS = 3
# A search ranks and counts at most this many matches (and one to know there are more).
COUNTED_MATCHES = 1000
# The index hands over only the newest matches the reader may see, so a common word
# costs the same in a library of any size: SQLite's FTS5 reads its ids backwards, each
# checked by its key; PostgreSQL walks the newest ids and takes older matches from its
# GIN index (atelier/newest_matches.py). Just those to rank, or, when a kind or tag
# narrows the search, this many for them to pick from.
INDEX_CANDIDATES = 2 * (COUNTED_MATCHES + 1)
# No kind or tag: every item the reader may see.
NOT_NARROWED = Q()


def search(visible: QuerySet[Resource], text: str, ranked: int | None = None) -> QuerySet[Resource]:
    """The items of `visible` (what the reader may see) matching `text`, the best of
    the newest `ranked` matches first (by default one more than are counted). An empty
    text leaves them as they are; a text with nothing to look for (only punctuation,
    stop words) finds nothing."""
    if not text.strip():
        return visible
    return matching(visible, parse_query(text), ranked or COUNTED_MATCHES + 1)


def matching(
    visible: QuerySet[Resource], query: Query, limit: int | None = None, narrowing: Q = NOT_NARROWED
) -> QuerySet[Resource]:
    """The items of `visible` (what the reader may see) matching a parsed search and
    `narrowing` (a kind, tags), the best first.

    With a `limit`, only that many matches, the last added, are ranked: a search for a
    common word then reads a bounded number of items however large the library grows.
    """
    if query.is_empty():
        return visible.none()
    if limit is None:
        return _ranked(_matches(visible, query).filter(narrowing), query)
    candidates = _newest_matches(visible, query, INDEX_CANDIDATES if narrowing else limit)
    newest: RawSQL | QuerySet = candidates
    if narrowing:
        newest = (
            Resource.objects.filter(narrowing, pk__in=candidates).order_by("-pk").values("pk")
        )[:limit]
    # Only "one of these ids" around the ranked matches: the reader's filter is the
    # index's. Asked again here, a member's ("published, or their own draft") made
    # PostgreSQL read the whole library to apply it to the thousand it ranks.
    return _ranked(Resource.objects.filter(pk__in=newest), query, candidates)


def _ranked(
    matches: QuerySet[Resource], query: Query, candidates: RawSQL | None = None
) -> QuerySet[Resource]:
    if connection.vendor == "postgresql":
        return _ranked_full_text(matches, query)
    return matches.annotate(rank=_score(query, candidates)).order_by("-rank", "-published_at")


def _matches(visible: QuerySet[Resource], query: Query) -> QuerySet[Resource]:
    """Every item of `visible` matching the search."""
    if connection.vendor == "postgresql":
        # search_vector (title A, tags and summary B, body C) finds the matches through
        # its GIN index. Raw SQL only names the column: PostgreSQL generates it, Django
        # does not know it. Unqualified, so that it is the items' of the query it is in
        # when it is a subquery (Django renames the table there).
        tsquery = textsearch.ts_query(query)
        if not tsquery:  # phrases of stop words only
            return visible.none()
        return visible.filter(textsearch.vector_matches(tsquery))
    # SQLite: the FTS5 index of the stems. Raw SQL: the FTS5 table has no model.
    select = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"
    return visible.filter(pk__in=RawSQL(select, [textsearch.fts_match(query)]))


def _newest_matches(visible: QuerySet[Resource], query: Query, limit: int) -> RawSQL:
    """The ids of the newest `limit` matches among `visible`, reading no further back."""
    if connection.vendor == "postgresql":
        return newest_of(_matches(visible, query), limit)
    return textsearch.fts_newest_rowids(FTS_TABLE, textsearch.fts_match(query), limit, visible)


def _table() -> str:
    return connection.ops.quote_name(Resource._meta.db_table)


def _ranked_full_text(matches: QuerySet[Resource], query: Query) -> QuerySet[Resource]:
    # rank_vector, of the title, tags and summary only, orders the matches: a tenth of
    # the size of search_vector, so ranking thousands of matches stays cheap. Items with
    # the words only in their body rank 0: newest first.
    tsquery = textsearch.ts_query(query)
    rank = RawSQL(f"ts_rank({_table()}.rank_vector, %s::tsquery)", [tsquery], FloatField())
    matches = matches.annotate(rank=rank)
    if len(query.words) < 2:
        return matches.order_by("-rank", "-published_at")
    words_found = RawSQL(
        " + ".join(f"({_table()}.search_vector @@ %s::tsquery)::int" for _ in query.words),
        [textsearch.ts_term(term) for term in query.words],
        IntegerField(),
    )
    return matches.annotate(words_found=words_found).order_by(
        "-words_found", "-rank", "-published_at"
    )


def _score(query: Query, candidates: RawSQL | None) -> RawSQL:
    """Per word or phrase 100 if the item has it, plus 8 if it is in the title, else 4 in
    the tags, 2 in the summary, 1 elsewhere: every word found outweighs where.

    With the `candidates` the ranked matches are among, the index is asked only about
    ids from the oldest of them on (FTS5 seeks to it), so each question reads at most
    about as many ids as there are candidates, not every item with the word.
    """
    table = _table()
    bound = ""
    bound_params: list = []
    if candidates is not None:
        bound = f" AND rowid >= (SELECT MIN(rowid) FROM ({candidates.sql}))"
        bound_params = list(candidates.params)
    # Every match has each phrase, and the word if there is only one: for those the
    # index need not be asked whether the item has them at all.
    single_word = len(query.words) == 1
    units = [
        (lambda columns, term=term: textsearch.fts_term(term, columns), single_word)
        for term in query.words
    ] + [
        (lambda columns, phrase=phrase: columns + textsearch.fts_phrase(phrase), True)
        for phrase in query.phrases
    ]
    cases, params = [], []
    for unit, required in units:
        whens = []
        for column, points in SCORED_COLUMNS:
            if required and not column:
                whens.append(f"ELSE {POINTS_PER_WORD + points}")
                continue
            whens.append(
                f"WHEN {table}.id IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"
                f"{bound}) THEN {POINTS_PER_WORD + points}"
            )
            params += [unit(f"{column} : " if column else ""), *bound_params]
        if not required:
            whens.append("ELSE 0")
        cases.append(f"(CASE {' '.join(whens)} END)")
    return RawSQL(" + ".join(cases), params, output_field=IntegerField())


def _vocabulary(audience: str) -> QuerySet[SearchWord]:
    # `audience` is knowledge.models.library_audience(user): visitors are offered words
    # of public items only.
    words = SearchWord.objects.filter(documents__gt=0)
    if audience == "public":
        words = words.filter(public_documents__gt=0)
    return words


def unknown_words(query: Query, audience: str) -> list[str]:
    """The plain words of the search that are not in the vocabulary this audience sees
    (words too short or too long to correct are left out), in one query."""
    typed = [term.word for term in query.words if len(term.word) in textsearch.VOCABULARY_LENGTHS]
    known = set(_vocabulary(audience).filter(word__in=typed).values_list("word", flat=True))
    return [word for word in typed if word not in known]


def suggestion(query: Query, audience: str, unknown: list[str] | None = None) -> Query | None:
    """The search with its unknown words replaced by the nearest words of the library
    that this audience may see, or None when there is nothing to suggest.

    `unknown` saves looking up which words are unknown when the caller knows.
    """
    if unknown is None:
        unknown = unknown_words(query, audience)
    corrections = {}
    for word in unknown:
        closest = _closest(_vocabulary(audience), word)
        if closest:
            corrections[word] = closest
    return query.replaced(corrections) if corrections else None


def _closest(words: QuerySet[SearchWord], word: str) -> str | None:
    if connection.vendor == "postgresql":
        # The trigram index (migration 0005) finds the words that share most of the
        # letter triples: the most similar few are then measured as on SQLite.
        similar = words.filter(RawSQL("word %% %s", [word], BooleanField()))
        candidates = list(
            similar.annotate(similarity=TrigramSimilarity("word", word))
            .order_by("-similarity", "-documents")
            .values_list("word", flat=True)[:20]
        )
    else:
        # Only words of about the same length can be two typing errors away; the
        # vocabulary is a few thousand words, so reading those stays cheap.
        candidates = list(
            words.annotate(length=Length("word"))
            .filter(length__range=(len(word) - 2, len(word) + 2))
            .order_by("-documents")
            .values_list("word", flat=True)
        )
    return textsearch.closest_word(word, candidates)


def snippets(ids: list[int], query: Query) -> dict[int, SafeString]:
    """For each item, a part of its summary or text with the search's words marked."""
    stems = query.highlighted_stems()
    found = {}
    rows = Resource.objects.filter(pk__in=ids).values_list("pk", "summary", "body_html")
    for pk, summary, body_html in rows:
        text = textsearch.snippet(strip_tags(body_html), stems) or textsearch.snippet(
            summary, stems
        )
        if text:
            found[pk] = text
    return found


@dataclass
class SearchResults:
    """A page of a library search, as the library shows it."""

    query: Query
    page: Page
    # The items' ids with the part of their text that has the words.
    snippets: dict[int, SafeString] = field(default_factory=dict)
    # A search with mistyped words replaced, offered as a link ("Did you mean")...
    suggested: Query | None = None
    # ... or already applied, because the search as typed found nothing.
    corrected_from: Query | None = None
    max_words: ClassVar[int] = textsearch.MAX_WORDS
    max_length: ClassVar[int] = textsearch.MAX_QUERY_LENGTH

    @property
    def counted_matches(self) -> int:
        return COUNTED_MATCHES

    def is_count_approximate(self) -> bool:
        """More matches than are counted: the page says "more than 1,000"."""
        return self.page.paginator.count > COUNTED_MATCHES


def search_results(
    visible: QuerySet[Resource],
    text: str,
    audience: str,
    page_number: str | None,
    per_page: int,
    narrowing: Q = NOT_NARROWED,
) -> SearchResults:
    """A page of the search for `text` among the items of `visible` (what the reader may
    see) that `narrowing` (a kind, tags) picks, with snippets and suggestions."""
    query = parse_query(text)
    if query.is_empty():  # nothing to look up: the page says why
        return SearchResults(query, Paginator([], per_page).page(1))
    matches = matching(visible, query, COUNTED_MATCHES + 1, narrowing)
    page = page_of_ids(matches, page_number, per_page)
    results = SearchResults(query, page)
    # Asked for every search, so that a page costs the same queries at any size.
    unknown = unknown_words(query, audience)
    if unknown and page.paginator.count < FEW_RESULTS:
        results.suggested = suggestion(query, audience, unknown)
    if page.paginator.count == 0 and results.suggested is not None:
        matches = matching(visible, results.suggested, COUNTED_MATCHES + 1, narrowing)
        corrected = page_of_ids(matches, page_number, per_page)
        if corrected.paginator.count:
            results.corrected_from, results.query = query, results.suggested
            results.page, results.suggested = corrected, None
    results.snippets = snippets(list(results.page.object_list), results.query)
    return results
