"""The question page's links to the agenda and the library (questions/links.py), with the
coordinator's form to put the question on a meeting's agenda and the button that turns
an answered question into a library item."""

from django import template

from questions import into_library, links, page_links
from questions.library_forms import AgendaForm
from questions.models import Question

register = template.Library()


@register.inclusion_tag("questions/_question_links.html", takes_context=True)
def question_links(context, question: Question) -> dict:
    reader = context["request"].user
    shown = links.links_of(question, reader)
    return {
        "question": question,
        "meetings": shown.meetings,
        "reports": shown.reports,
        "library_item": shown.library_item,
        "link_groups": page_links.links_for(question, reader),
        "agenda_form": AgendaForm(question=question) if links.may_put_on_agenda(reader) else None,
        "may_turn_into_item": not into_library.refusal(question, reader),
        "csrf_token": context.get("csrf_token"),
    }
