"""Links that apps above the questions add to a question's page.

Like the library's item page (knowledge/item_links.py): the questions app knows no app
above it, yet a question's page shows what refers to it, such as the value stories that
name it. An app above registers a function in its AppConfig.ready(); for a question and
a reader it returns titled lists of links, each to something the reader may open.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from knowledge.item_links import LinkGroup

from .models import Question

if TYPE_CHECKING:
    from members.access import AnyUser

QuestionLinks = Callable[["Question", "AnyUser"], list[LinkGroup]]

_registered: list[QuestionLinks] = []


def register(question_links: QuestionLinks) -> None:
    """Show what `question_links(question, reader)` returns on every question's page
    (once, however often an app's ready() runs)."""
    if question_links not in _registered:
        _registered.append(question_links)


def links_for(question: Question, reader: AnyUser) -> list[LinkGroup]:
    """The non-empty lists of links the registered apps give for this question and reader.
    Each function must run a fixed number of queries: the page's budget counts them."""
    return [
        group
        for question_links in _registered
        for group in question_links(question, reader)
        if group.links
    ]
