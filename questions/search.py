"""Searching questions: every word in the title, the situation or a tag.

A plain match, the same on SQLite and PostgreSQL; the ordering is the caller's (lists
put the newest activity first).
"""

from django.db.models import Q, QuerySet

from .models import Question, TaggedQuestion

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
