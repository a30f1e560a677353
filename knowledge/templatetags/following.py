"""The follow buttons of knowledge/follow_buttons.py, for the pages of the library, the
questions and the members: `{% follow_button resource %}`, or `{% follow_buttons tags %}`
for several things."""

from collections.abc import Iterable

from django import template
from django.db.models import Model

from knowledge.follow_buttons import buttons_for

register = template.Library()


@register.inclusion_tag("includes/follow_buttons.html", takes_context=True)
def follow_buttons(context, things: Iterable[Model]) -> dict:
    request = context["request"]
    return {
        "buttons": buttons_for(request.user, things),
        # Back to this page once the form is sent.
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("includes/follow_buttons.html", takes_context=True)
def follow_button(context, thing: Model) -> dict:
    return follow_buttons(context, [thing])
