"""Times in the form HTML's <time datetime> accepts.

Django's |date:"c" writes microseconds (six digits), which HTML does not allow (at most
three); the Nu Html Checker reports every one. Whole seconds say all a page needs.
"""

from datetime import date, datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def datetime_attribute(value: datetime | date | None) -> str:
    """`value` for a datetime attribute: local time to the second with its offset
    ("2026-09-09T19:30:00+02:00"), or a date ("2026-09-09"); empty for None."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.isoformat(timespec="seconds")
    return value.isoformat()
