"""Searching questions: every word in the title, the situation or a tag, in its Dutch
word forms ("wijken" finds "wijk"), with "phrases" and -words left out as in the library
(atelier/textsearch.py parses the search).

Both databases index the stems of title, text and tag names and hand over at most
INDEX_CANDIDATES matches, the newest, so a common word costs the same however many
questions there are: SQLite an FTS5 table (migration 0004), PostgreSQL a table of `dutch`
vectors (migration 0006) read newest first (atelier/newest_matches.py). The ordering
is the caller's (lists put the newest activity first). The library's search shows the
questions it finds as a group of their own (knowledge/search_groups.py; registered in
questions/apps.py).
"""

from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils.translation import gettext as _

from atelier import textsearch
from atelier.newest_matches import newest_matching_ids
from atelier.textsearch import Query, parse_query
from knowledge.search_groups import SearchGroup, SearchHit

from .models import Question
from .search_index import FTS_TABLE, PG_INDEX

if TYPE_CHECKING:
    from members.access import AnyUser

# The most matches the index gives (the newest questions): more than a list counts.
INDEX_CANDIDATES = 2000
# For the few hits of the group under a library search: the newest 200 matches. On
# PostgreSQL the first window of the index (atelier/newest_matches.py) then holds enough
# for a common word, and the next window is not read (25 -> 13 ms at ten times the
# large data set).
GROUP_CANDIDATES = 200


def search(
    questions: QuerySet[Question], text: str, candidates: int | None = None
) -> QuerySet[Question]:
    """The questions with every word of `text`, among the newest `candidates` matches
    (INDEX_CANDIDATES unless given); an empty text leaves them as they are, a text with
    nothing to look for (only punctuation, stop words) finds none."""
    candidates = INDEX_CANDIDATES if candidates is None else candidates
    if not text.strip():
        return questions
    query = parse_query(text)
    if query.is_empty():
        return questions.none()
    if connection.vendor == "postgresql":
        return _postgresql(questions, query, candidates)
    required = [textsearch.fts_term(term) for term in query.words]
    required += [textsearch.fts_phrase(phrase) for phrase in query.phrases]
    expression = " AND ".join(required)
    for words_left_out in query.excluded:
        expression += " NOT " + textsearch.fts_phrase(words_left_out)
    return questions.filter(pk__in=textsearch.fts_newest_rowids(FTS_TABLE, expression, candidates))


def _postgresql(questions: QuerySet[Question], query: Query, limit: int) -> QuerySet[Question]:
    tsquery = textsearch.ts_query_every_word(query)
    if not tsquery:  # phrases of stop words only
        return questions.none()
    table = PG_INDEX.table
    matches = f"SELECT question_id FROM {table} WHERE vector @@ %s::tsquery"
    candidates = newest_matching_ids(table, "question_id", matches, [tsquery], limit)
    return questions.filter(pk__in=RawSQL(*candidates))


def library_group(reader: "AnyUser", text: str, limit: int) -> SearchGroup:
    """The questions group under a search of the library (knowledge/search_groups.py):
    the published questions `reader` may see, newest activity first, in one query."""
    questions = Question.objects.visible_to(reader).published().newest_activity_first()
    hits = [
        SearchHit(question.title, question.get_absolute_url())
        for question in search(questions, text, GROUP_CANDIDATES).only("title", "slug")[:limit]
    ]
    more_url = f"{reverse('questions:list')}?{urlencode({'q': text})}"
    return SearchGroup(str(_("Questions from practice")), hits, more_url)
