from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString

from atelier.templatetags.html_time import datetime_attribute
from sessions_app.models import Event
from sessions_app.reminders import subject_for

register = template.Library()


@register.filter
def reminder_subject(event: Event, day: str) -> str:
    """The reminder's subject for `event` on `day` (sessions_app.reminders.day_word)."""
    return subject_for(event.title, event.start, day)


@register.simple_tag
def time_range(start: datetime, end: datetime) -> SafeString:
    """When an event is, as two <time> elements; the end's date only when it is another day."""
    start, end = timezone.localtime(start), timezone.localtime(end)
    end_text = date_format(end, "H:i")
    if end.date() != start.date():
        end_text = f"{date_format(end, 'l j F Y')}, {end_text}"
    return format_html(
        '<time datetime="{}">{}, {}</time>–<time datetime="{}">{}</time>',
        datetime_attribute(start),
        date_format(start, "l j F Y"),
        date_format(start, "H:i"),
        datetime_attribute(end),
        end_text,
    )
