from django import template

from sessions_app.models import Event
from sessions_app.reminders import subject_for

register = template.Library()


@register.filter
def starts_with(text: str, prefix: str) -> bool:
    """Whether `text` begins with `prefix`, ignoring case: a report titled "Verslag: …"
    needs no "Verslag:" label before it."""
    return str(text).casefold().startswith(str(prefix).casefold())


@register.filter
def reminder_subject(event: Event, day: str) -> str:
    """The reminder's subject for `event` on `day` (sessions_app.reminders.day_word)."""
    return subject_for(event.title, event.start, day)
