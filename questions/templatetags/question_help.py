from django import template

from questions import help_requests, matching
from questions.models import Question

register = template.Library()


@register.inclusion_tag("questions/_who_can_help.html", takes_context=True)
def who_can_help(context: template.Context, question: Question) -> dict:
    """ "Who can help" on a question's page, for whoever may ask members directly (the
    asker and the coordinator): the best fitting members, each with a button, and those
    already asked. Nothing for anyone else, nor once an answer helped."""
    user = context["request"].user
    if question.is_answered or not help_requests.may_ask_for_help(question, user):
        return {"shown": False}
    return {
        "shown": True,
        "question": question,
        "helpers": matching.who_can_help(question, user),
        "asked": help_requests.asked_members(question, user),
    }
