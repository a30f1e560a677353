"""Dutch full-text search, the same on SQLite and PostgreSQL: words, stems, queries,
suggestions and snippets.

PostgreSQL 15's `dutch` text search configuration stems with the Snowball algorithm
that Snowball 3 calls `dutch_porter` (Snowball 3's `dutch` is a newer one, which
PostgreSQL 15 does not have); PyStemmer runs the same C code, so a word has the same
stem in SQLite's index (written by the functions `add_sqlite_functions` registers) as
in PostgreSQL's (tests/test_search_dutch_words.py compares them). Queries are parsed
here once, bounded in length and words, and written out for either database: an FTS5
MATCH expression or a tsquery of the stems, so no character a reader types is syntax.

The parts that know the library (its tables and ranking) live in knowledge/search.py.
"""

import bisect
import functools
import json
import re
from dataclasses import dataclass, field

import Stemmer
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from rapidfuzz.distance import DamerauLevenshtein

MAX_QUERY_LENGTH = 200
MAX_WORDS = 10

# PostgreSQL's list (share/tsearch_data/dutch.stop), which the `dutch` configuration
# leaves out of its index: a search for them alone finds nothing on either database.
STOP_WORDS = frozenset(
    """de en van ik te dat die in een hij het niet zijn is was op aan met als voor had er
    maar om hem dan zou of wat mijn men dit zo door over ze zich bij ook tot je mij uit der
    daar haar naar heb hoe heeft hebben deze u want nog zal me zij nu ge geen omdat iets
    worden toch al waren veel meer doen toen moet ben zonder kan hun dus alles onder ja eens
    hier wie werd altijd doch wordt wezen kunnen ons zelf tegen na reeds wil kon niets uw
    iemand geweest andere""".split()  # noqa: SIM905 (a list of a hundred words, readable)
)

# A word: letters and digits (SQLite's unicode61 tokenizer splits on all else, as does
# PostgreSQL's parser for plain words).
WORD = re.compile(r"[^\W_]+")
# In a query: a quoted phrase (the closing quote may be missing), or a run of other
# characters, with a minus in front to exclude it.
QUERY_PART = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')
# Diminutive endings with the base they come from: "buurtje" is a small "buurt".
DIMINUTIVE_ENDINGS = ["tjes", "tje", "pjes", "pje", "jes", "je"]
# The vocabulary suggests words of letters only, of a length worth correcting.
LETTERS = re.compile(r"[^\W\d_]+")
VOCABULARY_LENGTHS = range(3, 41)


@functools.cache
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("dutch_porter")


@functools.lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """The stem of a lower-case word, as PostgreSQL's `dutch` configuration makes it."""
    if word.isdigit():
        return word  # PostgreSQL indexes numbers as they are
    return _stemmer().stemWord(word)


def words(text: str) -> list[str]:
    """The words of `text`, in lower case, in order."""
    return WORD.findall(text.lower())


# Bulk loaders write the same texts many times (the demo's large data set draws them from
# pools): remembering the last few thousand saves stemming them again.
@functools.lru_cache(maxsize=4096)
def stems_text(text: str | None) -> str:
    """The stems of every word of `text`, joined by spaces: what SQLite's index holds."""
    return " ".join(stem(word) for word in words(text or ""))


def vocabulary_words(*texts: str | None) -> list[str]:
    """The distinct words of the texts a suggestion may offer, in lower case."""
    found = LETTERS.findall(" ".join(text or "" for text in texts).lower())
    return sorted({word for word in found if len(word) in VOCABULARY_LENGTHS})


def add_sqlite_functions(sender: object, connection: BaseDatabaseWrapper, **kwargs: object) -> None:
    """Give every SQLite connection the functions its search triggers call.

    The triggers that keep the index up to date call Python, so every way of writing an
    item (a save, a queryset update, a bulk insert) stems its words the same way.
    """
    if connection.vendor == "sqlite":
        connection.connection.create_function("search_stems", 1, stems_text, deterministic=True)
        connection.connection.create_function(
            "search_words", 3, _vocabulary_json, deterministic=True
        )


@functools.lru_cache(maxsize=4096)
def _vocabulary_json(*texts: str | None) -> str:
    return json.dumps(vocabulary_words(*texts))


@dataclass(frozen=True)
class Term:
    """A word of a query: its stems (the word's own, and its base if a diminutive)."""

    word: str
    stems: tuple[str, ...]


def _term(word: str) -> Term:
    # "buurtje" could be "buur" + "tje" or "buurt" + "je": both are looked for.
    alternatives = [stem(word)] + [
        stem(word.removesuffix(ending))
        for ending in DIMINUTIVE_ENDINGS
        if word.endswith(ending) and len(word) - len(ending) >= 3
    ]
    return Term(word, tuple(dict.fromkeys(alternatives)))


@dataclass
class Query:
    """A reader's search, parsed: words to rank by, phrases and words to leave out.

    `words` are the plain words: an item needs one, and the more it has the higher it
    ranks. A `phrase` (a list of words, in quotes in the search) is required; `excluded`
    (each a list of words: a word or phrase with a minus) must not be in the item.
    """

    words: list[Term] = field(default_factory=list)
    phrases: list[list[str]] = field(default_factory=list)
    excluded: list[list[str]] = field(default_factory=list)
    shortened: bool = False  # the search had more words or characters than are used

    def is_empty(self) -> bool:
        """Nothing to look for: no word, no phrase (leaving out words alone finds nothing)."""
        return not self.words and not self.phrases

    def text(self) -> str:
        """The search as a reader would type it."""
        parts = [term.word for term in self.words]
        parts += [_quoted(phrase) for phrase in self.phrases]
        parts += ["-" + _quoted(words) for words in self.excluded]
        return " ".join(parts)

    def highlighted_stems(self) -> set[str]:
        """The stems a snippet marks: those of every word looked for."""
        found = {alternative for term in self.words for alternative in term.stems}
        in_phrases = {word for phrase in self.phrases for word in phrase} - STOP_WORDS
        return found | {stem(word) for word in in_phrases}

    def replaced(self, corrections: dict[str, str]) -> "Query":
        """This search with some of its plain words replaced."""
        replaced = [_term(corrections.get(term.word, term.word)) for term in self.words]
        return Query(replaced, self.phrases, self.excluded, self.shortened)


def _quoted(words: list[str]) -> str:
    return words[0] if len(words) == 1 else '"' + " ".join(words) + '"'


def parse_query(text: str) -> Query:
    """Parse a search as typed: "quotes" for a phrase, -minus to leave a word out.

    At most MAX_QUERY_LENGTH characters and MAX_WORDS words are used (so no search
    costs more than a few lookups); words only the punctuation of syntax are ignored, as
    are stop words outside phrases, which the index leaves out.
    """
    text = " ".join(text.split())
    shortened = len(text) > MAX_QUERY_LENGTH
    query = Query(shortened=shortened)
    budget = MAX_WORDS
    seen: set[str] = set()
    for match in QUERY_PART.finditer(text[:MAX_QUERY_LENGTH]):
        minus = match.group(1) or match.group(3)
        quoted = match.group(2) is not None
        found = words(match.group(2) if quoted else match.group(4))
        if all(word in STOP_WORDS for word in found):  # also when nothing was found
            continue
        if budget < len(found):
            query.shortened = True
            break
        budget -= len(found)
        if minus:
            query.excluded.append(found)
        elif quoted or len(found) > 1:  # "co-creatie" is the phrase "co creatie"
            query.phrases.append(found)
        elif found[0] not in seen:
            seen.add(found[0])
            query.words.append(_term(found[0]))
    return query


# --- SQLite: FTS5 ------------------------------------------------------------------------------


def _fts_phrase(stems: list[str]) -> str:
    # Stems are letters and digits only: quoted, nothing in them is FTS5 syntax.
    return '"' + " ".join(stems) + '"'


def fts_phrase(words_of_phrase: list[str]) -> str:
    """An FTS5 phrase of the stems of these words, in this order."""
    return _fts_phrase([stem(word) for word in words_of_phrase])


def fts_term(term: Term, columns: str = "") -> str:
    """An FTS5 expression for one word, in the given columns (e.g. "{title}: ") or all."""
    return "(" + " OR ".join(columns + _fts_phrase([stem]) for stem in term.stems) + ")"


def fts_match(query: Query) -> str:
    """The FTS5 expression for items that match `query` (which is not empty)."""
    required = [fts_phrase(phrase) for phrase in query.phrases]
    if query.words:
        required.append("(" + " OR ".join(fts_term(term) for term in query.words) + ")")
    expression = "(" + " AND ".join(required) + ")"
    for words_left_out in query.excluded:
        expression += " NOT " + fts_phrase(words_left_out)
    return expression


def fts_prefix_match(typed_words: list[str]) -> str:
    """An FTS5 expression for rows with every typed word as the beginning of a word
    ("armoede" finds "armoede en bestaanszekerheid"); "" when no word has a letter or
    digit. A typed word of several parts ("Jan_de") needs them in a row, the last as a
    prefix; quoted, nothing a reader types is FTS5 syntax."""
    phrases = [words(word) for word in typed_words]
    return " AND ".join('"' + " ".join(parts) + '"*' for parts in phrases if parts)


def fts_newest_rowids(
    fts_table: str, expression: str, limit: int, among: QuerySet | None = None
) -> RawSQL:
    """The rowids of the newest `limit` rows of an FTS5 table that match `expression`
    (an fts_… expression), and with `among` that are the keys of its rows: FTS5 reads its
    lists of ids backwards and stops there, so a common word costs the same however
    large the table grows. Each id is looked up by its key in `among`, in a subquery
    SQLite folds into that lookup."""
    condition, params = f"{fts_table} MATCH %s", [expression]
    if among is not None:
        among_sql, among_params = among.order_by().values("pk").query.sql_with_params()
        condition += (
            f" AND EXISTS (SELECT 1 FROM ({among_sql}) AS among WHERE among.pk = {fts_table}.rowid)"
        )
        params += among_params
    select = f"SELECT rowid FROM {fts_table} WHERE {condition} ORDER BY rowid DESC LIMIT %s"
    return RawSQL(select, [*params, limit])


# --- PostgreSQL: tsquery -----------------------------------------------------------------------


def vector_matches(tsquery: str) -> RawSQL:
    """The condition that a row's `search_vector` matches `tsquery`: a column PostgreSQL
    generates (library, agenda, stories), which Django does not know, so it is named in
    raw SQL, unqualified, to be the table's of whatever query the condition is in."""
    return RawSQL("search_vector @@ %s::tsquery", [tsquery], BooleanField())


def ts_prefix_query(typed_words: list[str]) -> str:
    """The tsquery (as text) for rows of a `simple` vector with every typed word as the
    beginning of a word, as `fts_prefix_match` on SQLite; "" when no word has a letter or
    digit. A typed word of several parts ("co-creatie") needs them in a row, the last as
    a prefix; the parts are letters and digits only, so nothing typed is tsquery syntax."""
    phrases = []
    for parts in (words(word) for word in typed_words):
        if parts:
            quoted = [f"'{part}'" for part in parts]
            quoted[-1] += ":*"
            phrases.append("(" + " <-> ".join(quoted) + ")")
    return " & ".join(phrases)


def _ts_phrase(words_of_phrase: list[str]) -> str:
    """A tsquery phrase of stems; stop words are left out but keep their place."""
    parts: list[str] = []
    gap = 1
    for word in words_of_phrase:
        if word in STOP_WORDS:
            gap += 1
            continue
        if parts:
            parts.append(f"<{gap}>" if gap > 1 else "<->")
        parts.append(f"'{stem(word)}'")
        gap = 1
    return "(" + " ".join(parts) + ")" if parts else ""


def ts_term(term: Term) -> str:
    """A tsquery for one word (its stem, or its base's): stems are letters and digits."""
    return "(" + " | ".join(f"'{stem}'" for stem in term.stems) + ")"


def ts_query(query: Query) -> str:
    """The tsquery (as text, for a cast) for items that match `query`, or "" for none."""
    required = [phrase for phrase in map(_ts_phrase, query.phrases) if phrase]
    if query.words:
        required.append("(" + " | ".join(ts_term(term) for term in query.words) + ")")
    if not required:
        return ""
    excluded = [phrase for phrase in map(_ts_phrase, query.excluded) if phrase]
    return " & ".join(required + ["!" + phrase for phrase in excluded])


def ts_query_every_word(query: Query) -> str:
    """The tsquery (as text) for rows with every word and phrase of `query` and none of
    the words left out, or "" for none."""
    required = [ts_term(term) for term in query.words]
    required += [phrase for phrase in map(_ts_phrase, query.phrases) if phrase]
    if not required:
        return ""
    excluded = [phrase for phrase in map(_ts_phrase, query.excluded) if phrase]
    return " & ".join(required + ["!" + phrase for phrase in excluded])


# --- Suggestions -------------------------------------------------------------------------------


def closest_word(word: str, candidates: list[str]) -> str | None:
    """The candidate nearest `word` in typing errors (a swap of two letters is one), if
    it is near enough: one error in a short word, two in a longer one.

    rapidfuzz computes it in C: a few thousand candidates take a millisecond.
    """
    limit = 1 if len(word) <= 5 else 2
    best = None
    best_distance = limit + 1
    for candidate in candidates:
        distance = DamerauLevenshtein.distance(word, candidate, score_cutoff=limit)
        if distance < best_distance and candidate != word:
            best, best_distance = candidate, distance
    return best


# --- Snippets ----------------------------------------------------------------------------------

SNIPPET_LENGTH = 180
SNIPPET_SOURCE_LENGTH = 20_000  # the part of a long text a snippet is looked for in


def snippet(text: str, stems: set[str], length: int = SNIPPET_LENGTH) -> SafeString:
    """A part of `text` around the most words with these stems, marked with <mark>.

    Empty when none of them is in the text. The text is escaped here: only the <mark>
    elements are markup.
    """
    text = " ".join(text[:SNIPPET_SOURCE_LENGTH].split())
    hits = _hits(text, stems)
    if not hits:
        return mark_safe("")
    # The window that holds the most hits, starting a little before its first.
    best_start = densest_window([start for start, _end in hits], length)
    begin = max(0, text.rfind(" ", 0, max(0, best_start - length // 4)) + 1)
    end = min(len(text), begin + length)
    if end < len(text):
        end = text.rfind(" ", begin, end) if " " in text[begin:end] else end
    parts = ["…" if begin else ""]
    position = begin
    for start, stop in hits:
        if start < begin or stop > end:
            continue
        parts.append(escape(text[position:start]))
        parts.append(f"<mark>{escape(text[start:stop])}</mark>")
        position = stop
    parts.append(escape(text[position:end]))
    parts.append("…" if end < len(text) else "")
    return mark_safe("".join(parts))


def _hits(text: str, stems: set[str]) -> list[tuple[int, int]]:
    """Where the words with these stems are in `text`: (start, end) of each, in order."""
    hits: list[tuple[int, int]] = []
    is_hit: dict[str, bool] = {}
    for match in WORD.finditer(text):
        word = match.group().lower()
        found = is_hit.get(word)
        if found is None:  # thousands of words in a long text, a few hundred different
            found = is_hit[word] = stem(word) in stems
        if found:
            hits.append(match.span())
    return hits


def densest_window(starts: list[int], length: int) -> int:
    """Of the windows of `length` characters that begin at a hit, the start of the first
    that holds the most hits (`starts`: where the hits begin, in order, at least one).

    Counted by bisection: a text that is one word over and over has thousands of hits,
    and counting each window's hits one by one took a quarter of a second per text.
    """
    best_start, best_count = starts[0], 0
    for index, start in enumerate(starts):
        count = bisect.bisect_left(starts, start + length, lo=index) - index
        if count > best_count:
            best_start, best_count = start, count
    return best_start
