"""A public question as schema.org QAPage JSON-LD and its description for link previews."""

import json

from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from atelier.addresses import absolute_url
from atelier.markdown import plain_text
from sessions_app.structured_data import JSON_SCRIPT_ESCAPES

from .models import Answer, Question

DESCRIPTION_WORDS = 30


def description(question: Question) -> str:
    """The start of the situation, for the description and the link preview."""
    return Truncator(plain_text(question.body_html)).words(DESCRIPTION_WORDS)


def _person(name: str) -> dict:
    return {"@type": "Person", "name": name}


def _answer(answer: Answer, url: str) -> dict:
    return {
        "@type": "Answer",
        "text": plain_text(answer.body_html),
        "dateCreated": timezone.localtime(answer.created_at).isoformat(),
        "url": f"{url}#antwoord-{answer.pk}",
        "author": _person(answer.author_name()),
    }


def qa_page(question: Question, answers: list[Answer]) -> SafeString:
    """The question and its shown answers as a QAPage: the answer that helped as its
    acceptedAnswer, the others as suggestedAnswer. Escaped so it cannot close its script
    element. Hidden answers never appear, whoever the page is built for."""
    url = absolute_url(question.get_absolute_url())
    shown = [answer for answer in answers if not answer.hidden]
    main: dict = {
        "@type": "Question",
        "name": question.title,
        "text": plain_text(question.body_html),
        "answerCount": len(shown),
        "url": url,
        "author": _person(question.asker_name()),
    }
    if question.published_at:
        main["datePublished"] = timezone.localtime(question.published_at).isoformat()
        main["dateCreated"] = main["datePublished"]
    accepted = [answer for answer in shown if answer.is_the_one_that_helped]
    suggested = [answer for answer in shown if not answer.is_the_one_that_helped]
    if accepted:
        main["acceptedAnswer"] = _answer(accepted[0], url)
    if suggested:
        main["suggestedAnswer"] = [_answer(answer, url) for answer in suggested]
    data = {"@context": "https://schema.org", "@type": "QAPage", "mainEntity": main}
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES))
