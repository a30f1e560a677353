"""Searching questions: every word in the title, the situation or a tag.

A plain match, the same on SQLite and PostgreSQL; the ordering is the caller's (lists
put the newest activity first). The library's search shows the questions it finds as a
group of their own (knowledge/search_groups.py; registered in questions/apps.py).
"""

from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from knowledge.search_groups import SearchGroup, SearchHit

from .models import Question, TaggedQuestion

if TYPE_CHECKING:
    from members.access import AnyUser

MAX_QUERY_LENGTH = 200
MAX_WORDS = 10


def search(questions: QuerySet[Question], text: str) -> QuerySet[Question]:
    """The questions with every word of `text`; an empty text leaves them as they are."""
    words = " ".join(text.split())[:MAX_QUERY_LENGTH].split()[:MAX_WORDS]
    for word in words:
        tagged = TaggedQuestion.objects.filter(tag__name__icontains=word)
        questions = questions.filter(
            Q(title__icontains=word)
            | Q(body__icontains=word)
            | Q(pk__in=tagged.values("content_object_id"))
        )
    return questions


def library_group(reader: "AnyUser", text: str, limit: int) -> SearchGroup:
    """The questions group under a search of the library (knowledge/search_groups.py):
    the published questions `reader` may see, newest activity first, in one query."""
    questions = Question.objects.visible_to(reader).published().newest_activity_first()
    hits = [
        SearchHit(question.title, question.get_absolute_url())
        for question in search(questions, text).only("title", "slug")[:limit]
    ]
    more_url = f"{reverse('questions:list')}?{urlencode({'q': text})}"
    return SearchGroup(str(_("Questions from practice")), hits, more_url)
