"""Asking a question: saving it as a draft or publishing it, and the asker's edits."""

from django.db import transaction
from django.utils import timezone

from atelier import slugs
from members.models import User

from .forms import QuestionForm
from .models import RESERVED_SLUGS, Question, QuestionStatus


def unique_slug(title: str) -> str:
    """A free address for a question titled `title`."""
    return slugs.unique_slug(Question, title, reserved=RESERVED_SLUGS, fallback="vraag")


@transaction.atomic
def save_question(form: QuestionForm, asker: User, publish: bool) -> Question:
    """Save a valid QuestionForm: as a draft, or published (a published question stays so).

    A new question is `asker`'s; an edit of a published question records when it was
    edited, shown as "bewerkt op …".
    """
    question = form.save(commit=False)
    if question.pk is None:
        question.asker = asker
        question.slug = unique_slug(question.title)
    elif question.is_published:
        question.edited_at = timezone.now()
    if publish:
        question.status = QuestionStatus.PUBLISHED
    slugs.save_with_unique_slug(question, unique_slug)
    form.save_m2m()  # tags
    return question


def publish_draft(question: Question) -> None:
    """Publish a draft as its asker saved it: the same step as the form's publish button,
    without changing the text (so not an edit). A published question stays as it is."""
    if question.is_draft:
        question.status = QuestionStatus.PUBLISHED
        question.save()
