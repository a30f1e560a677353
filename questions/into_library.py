"""An answered question becomes a library item: a practice case, a tool or background.

The asker, a member who answered or the coordinator opens the library's item form filled
in from the question: its title, its situation and the answer that helped as the text,
the other answerers named, its tags. The answerers are proposed as co-authors: they are
asked and are shown as authors once they agree (knowledge/coauthors.py). Saving the item
links the question to it; the question then links to the item and the item back to the
question (questions/links.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from taggit.utils import edit_string_for_tags

from knowledge import sharing
from knowledge.models import Resource
from members import access
from members.models import Profile, User

from .models import Answer, Question

if TYPE_CHECKING:
    from members.access import AnyUser

    from .library_forms import LibraryItemFromQuestionForm

SUMMARY_LENGTH = 280


class IntoLibraryError(Exception):
    """The question cannot become a library item (now); `message` says why, in Dutch."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def refusal(question: Question, user: AnyUser) -> str:
    """Why `user` may not turn `question` into a library item; empty when they may."""
    if not access.can_contribute(user):
        return _("Only members add items to the library.")
    involved = (
        question.is_asked_by(user)
        or access.is_coordinator(user)
        or question.answers.shown().by(user).exists()
    )
    if not involved:
        return _(
            "Only the person who asked, a member who answered or the coordinator can turn "
            "this question into a library item."
        )
    return _state_refusal(question)


def _state_refusal(question: Question) -> str:
    if not question.is_published:
        return _("Publish the question first.")
    if not question.is_answered:
        return _(
            "Only an answered question can become a library item: first mark the answer "
            "that helped."
        )
    if question.library_item_id is not None:
        return _("This question is a library item already.")
    return ""


def initial_for(question: Question, user: AnyUser) -> dict[str, str]:
    """The item form's first values: the question's title and tags, a summary from its
    situation, a text of the situation, the answer that helped and the other answerers,
    and the answerers (apart from `user`) as co-authors."""
    answers = list(question.answers.shown().select_related("author__profile"))
    helped = [answer for answer in answers if answer.pk == question.helped_answer_id]
    # Outside f-strings, so that makemessages finds the headings.
    body = ["## " + _("The question"), question.body]
    for answer in helped:
        body += [
            "## " + _("The answer that helped"),
            _("By %(name)s:") % {"name": answer.author_name()},
            answer.body,
        ]
    helped_by = {answer.author_id for answer in helped}
    others = list(
        dict.fromkeys(
            answer.author_name() for answer in answers if answer.author_id not in helped_by
        )
    )
    if others:
        body.append(
            ngettext(
                "With thanks to %(names)s, who answered as well.",
                "With thanks to %(names)s, who answered as well.",
                len(others),
            )
            % {"names": ", ".join(others)}
        )
    return {
        "title": question.title,
        "summary": Truncator(" ".join(strip_tags(question.body_html).split())).chars(
            SUMMARY_LENGTH
        ),
        "body": "\n\n".join(body),
        "tags": edit_string_for_tags(question.tag_list()),
        "visibility": question.visibility,
        "coauthors": ", ".join(_coauthor_names(answers, user)),
    }


def _coauthor_names(answers: list[Answer], user: AnyUser) -> list[str]:
    """The answerers who are active members, each once, in the order they answered."""
    answerer_ids = [answer.author_id for answer in answers if answer.author_id != user.pk]
    names = dict(
        Profile.objects.active()
        .filter(user__in=[pk for pk in answerer_ids if pk is not None])
        .values_list("user_id", "display_name")
    )
    return list(dict.fromkeys(names[pk] for pk in answerer_ids if pk in names))


@transaction.atomic
def save_item(
    question: Question, form: LibraryItemFromQuestionForm, author: User, publish: bool
) -> Resource:
    """Save the valid item form as a library item made from `question`, and link them.

    The question is locked first: two people saving at the same moment make one item,
    and the second is told the question is a library item already.
    """
    locked = Question.objects.select_for_update().get(pk=question.pk)
    problem = _state_refusal(locked)
    if problem:
        raise IntoLibraryError(problem)
    item = sharing.save_resource(form, author, publish=publish)
    locked.library_item = item
    locked.save(update_fields=["library_item", "updated_at"])
    return item
