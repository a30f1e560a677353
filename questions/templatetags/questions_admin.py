from django import template

from questions.models import Question

register = template.Library()


@register.simple_tag
def waiting_questions_count() -> int:
    """Published questions without an answer for a week, for the admin's front page."""
    return Question.objects.waiting_for_an_answer().count()
