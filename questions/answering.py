"""Answering: adding, editing and hiding answers, and marking the answer that helped.

Each keeps the question's bookkeeping right in the same transaction: `answer_count`
(shown answers only), `last_activity_at` (lists put the newest activity first) and
`helped_answer` (never a hidden answer). The question's row is locked first, so two
answers at the same moment cannot both count from the same number.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import User

from . import notifications
from .models import Answer, Question


class AnsweringError(Exception):
    """An action on answers that the rules refuse; `message` says why, for the person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _locked(question: Question) -> Question:
    return Question.objects.select_for_update().get(pk=question.pk)


def _recount(question: Question) -> None:
    question.answer_count = question.answers.shown().count()


@transaction.atomic
def add_answer(question: Question, author: User, body: str) -> Answer:
    """Save `author`'s answer and tell the asker (notifications.answer_added)."""
    locked = _locked(question)
    answer = Answer.objects.create(question=locked, author=author, body=body)
    _recount(locked)
    locked.last_activity_at = answer.created_at
    locked.save(update_fields=["answer_count", "last_activity_at", "updated_at"])
    notifications.answer_added(answer)
    return answer


def edit_answer(answer: Answer, body: str) -> Answer:
    """The author changes their answer; the page shows when."""
    answer.body = body
    answer.edited_at = timezone.now()
    answer.save()
    return answer


@transaction.atomic
def set_hidden(answer: Answer, hidden: bool) -> Answer:
    """The coordinator hides an answer, or shows it again.

    A hidden answer is no longer the answer that helped: the question is open again
    until the asker marks another.
    """
    question = _locked(answer.question)
    answer.hidden = hidden
    answer.save(update_fields=["hidden", "updated_at"])
    if hidden and question.helped_answer_id == answer.pk:
        question.helped_answer = None
    _recount(question)
    question.save(update_fields=["answer_count", "helped_answer", "updated_at"])
    answer.question = question
    return answer


@transaction.atomic
def mark_helped(question: Question, answer: Answer, marked_by: User) -> Question:
    """`answer` is the one that helped (the asker or the coordinator says so).

    Its author is told (notifications.answer_marked), unless they marked it themselves.
    """
    locked = _locked(question)
    if not locked.may_mark_helped(marked_by):
        raise AnsweringError(_("Only the asker marks the answer that helped."))
    if answer.question_id != locked.pk or answer.hidden or not locked.is_published:
        raise AnsweringError(_("This answer cannot be marked."))
    if locked.helped_answer_id == answer.pk:
        return locked
    locked.helped_answer = answer
    locked.last_activity_at = timezone.now()
    locked.save(update_fields=["helped_answer", "last_activity_at", "updated_at"])
    if not answer.is_written_by(marked_by):
        notifications.answer_marked(answer)
    return locked


@transaction.atomic
def clear_helped(question: Question, cleared_by: User) -> Question:
    """No answer helped after all: the question is open again."""
    locked = _locked(question)
    if not locked.may_mark_helped(cleared_by):
        raise AnsweringError(_("Only the asker marks the answer that helped."))
    locked.helped_answer = None
    locked.save(update_fields=["helped_answer", "updated_at"])
    return locked
