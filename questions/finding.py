"""Finding questions: the list's filters and search, for one reader."""

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from members import access

from . import search
from .forms import ANSWERED, OPEN
from .models import Question

if TYPE_CHECKING:
    from members.access import AnyUser


def find(user: "AnyUser", filters: dict, candidates: int | None = None) -> QuerySet[Question]:
    """The questions `user` may see that match `filters` (QuestionFilterForm.filters()),
    newest activity first. "Mine" and "in my expertise" are for members only. A search
    reads the newest `candidates` matches of the index (questions/search.py)."""
    questions = Question.objects.visible_to(user)
    if filters["status"] == OPEN:
        questions = questions.unanswered()
    elif filters["status"] == ANSWERED:
        questions = questions.answered()
    if filters["sector"]:
        questions = questions.asked_in_sector(filters["sector"])
    if filters["tag"]:
        questions = questions.tagged(filters["tag"])
    if access.is_member(user):
        if filters["mine"]:
            questions = questions.asked_by(user)
        if filters["expertise"]:
            questions = questions.in_expertise_of(user)
    if not (access.is_member(user) and filters["mine"]):
        # Drafts are listed under "mine" only; elsewhere a list shows what others can read.
        questions = questions.published()
    return search.search(questions.newest_activity_first(), filters["q"], candidates)
