"""The coordinator's message to everyone registered for an event, from the admin.

One e-mail per registration (guests at their own address), in the person's language,
queued like all the site's mail. A message has an id, given when its preview is shown:
each registration gets one e-mail per id, so sending the same preview twice (a double
click, the browser's back button) sends nothing twice.
"""

import uuid

from django.db import models, transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from atelier.addresses import absolute_url
from atelier.mail import send_templated_mail
from atelier.markdown import render_markdown

from .models import Event, Registration, RegistrationStatus


class Audience(models.TextChoices):
    CONFIRMED = "confirmed", _("Everyone with a place")
    WAITLISTED = "waitlisted", _("Everyone on the waiting list")
    BOTH = "both", _("Both: everyone with a place and everyone on the waiting list")


STATUSES = {
    Audience.CONFIRMED: [RegistrationStatus.CONFIRMED],
    Audience.WAITLISTED: [RegistrationStatus.WAITLISTED],
    Audience.BOTH: [RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED],
}


def new_message_id() -> str:
    """The id of a message about to be previewed."""
    return uuid.uuid4().hex


def recipients(event: Event, audience: str) -> QuerySet[Registration]:
    """The registrations that get the message: never cancelled ones, nor guests who have
    not confirmed their registration."""
    return (
        event.registrations.filter(status__in=STATUSES[Audience(audience)])
        .select_related("user__profile")
        .order_by("created_at", "pk")
    )


# The preview's cancel link: an example, never a real person's way to cancel.
PREVIEW_TOKEN = "voorbeeld"

# Why the person gets the message and how they give up their place or their wait: lazy,
# so that each e-mail has them in its recipient's language.
WHY = {
    False: _("You get this message from the coordinator because you are registered for:"),
    True: _("You get this message from the coordinator because you are on the waiting list for:"),
}
HOW_TO_CANCEL = {
    False: _(
        "Can't make it after all? Cancel your registration, so someone else can take your place:"
    ),
    True: _("No longer want a place? Take yourself off the waiting list:"),
}


def context_for(
    event: Event, subject: str, body: str, registration: Registration, token: str = ""
) -> dict:
    """What the e-mail's templates show one registrant: whoever waits for a place is told
    how to leave the waiting list, not how to give up a place. The admin's preview shows
    it too, with `token` for the cancel link instead of the registrant's own."""
    cancel_token = token or registration.token
    return {
        "event": event,
        "subject": subject,
        "body": body,
        "body_html": render_markdown(body),
        "name": registration.person_name,
        "why": WHY[registration.is_waitlisted],
        "how_to_cancel": HOW_TO_CANCEL[registration.is_waitlisted],
        "event_url": absolute_url(event.get_absolute_url()),
        "cancel_url": absolute_url(reverse("agenda:cancel", args=[cancel_token])),
    }


def preview(event: Event, audience: str, subject: str, body: str) -> dict:
    """What the preview shows: how many get the message, the e-mail (text and HTML) as the
    first of them gets it but with an example cancel link, and the id that sending this
    preview will use."""
    registrations = recipients(event, audience)
    first = registrations[0]  # the form refuses a group without anyone in it
    example = context_for(event, subject, body, first, token=PREVIEW_TOKEN)
    return {
        "message_id": new_message_id(),
        "recipient_count": registrations.count(),
        "example_name": first.person_name,
        "example_text": render_to_string("sessions_app/email/event_message.txt", example),
        "example_html": render_to_string("sessions_app/email/_event_message_body.html", example),
    }


def send_message(event: Event, audience: str, subject: str, body: str, message_id: str) -> int:
    """Queue the message to each of `recipients`; returns how many e-mails were queued now
    (none for those that had this message already)."""
    queued = 0
    with transaction.atomic():
        for registration in recipients(event, audience):
            profile = getattr(registration.user, "profile", None)
            queued += send_templated_mail(
                "sessions_app/email/event_message",
                context_for(event, subject, body, registration),
                [registration.email],
                language=profile.language if profile else None,
                key=f"event_message:{message_id}:{registration.pk}",
            )
    return queued
