"""E-mails about registrations, in Dutch, each with a cancel link and the event as .ics."""

from django.urls import reverse

from atelier.addresses import absolute_url
from atelier.mail import send_templated_mail
from members.models import User

from .calendar import calendar_bytes
from .models import Event, Registration
from .online_link import carries_online_link


def _context(registration: Registration, event: Event | None = None) -> dict:
    event = event or registration.event
    return {
        "registration": registration,
        "event": event,
        "name": registration.person_name,
        "event_url": absolute_url(event.get_absolute_url()),
        "cancel_url": absolute_url(reverse("agenda:cancel", args=[registration.token])),
        "confirm_url": absolute_url(reverse("agenda:confirm", args=[registration.token])),
        "my_url": absolute_url(reverse("agenda:mine")),
        "show_online_link": carries_online_link(registration),
    }


def _ics_attachment(registration: Registration, event: Event | None = None) -> tuple:
    event = event or registration.event
    with_link = {event.pk} if carries_online_link(registration) else set()
    waiting = {event.pk} if registration.is_waitlisted else set()
    content = calendar_bytes(
        [event],
        event.title,
        online_link_events=with_link,
        method="PUBLISH",
        waitlisted_events=waiting,
    )
    # Django adds the charset itself: naming it here too would repeat it in the header.
    return (f"{event.slug}.ics", content, "text/calendar")


def _send(
    template: str,
    registration: Registration,
    key: str | None,
    event: Event | None = None,
    ics: bool = True,
    extra: dict | None = None,
) -> None:
    send_templated_mail(
        f"sessions_app/email/{template}",
        _context(registration, event) | (extra or {}),
        [registration.email],
        attachments=[_ics_attachment(registration, event)] if ics else None,
        key=key,
    )


def _key(template: str, registration: Registration, again: bool) -> str | None:
    # Asked for again (a guest who registers twice gets the link again): a new event.
    return None if again else f"{template}:{registration.pk}"


def registration_received(registration: Registration, again: bool = False) -> None:
    """A place, or a place on the waiting list; `again` when the person asked again."""
    template = "registration_confirmed" if registration.is_confirmed else "registration_waitlisted"
    _send(template, registration, _key(template, registration, again))


def guest_confirmation_requested(registration: Registration, again: bool = False) -> None:
    _send("guest_confirm", registration, _key("guest_confirm", registration, again))


def promoted_from_waitlist(registration: Registration) -> None:
    _send("promoted", registration, f"promoted:{registration.pk}")


def registration_cancelled(registration: Registration) -> None:
    _send("registration_cancelled", registration, f"cancelled:{registration.pk}", ics=False)


def event_cancelled(event: Event, registration: Registration) -> None:
    _send("event_cancelled", registration, f"event_cancelled:{event.pk}:{registration.pk}", event)


def reminder(registration: Registration, day: str) -> None:
    """`day` is "today", "tomorrow" or "later" (sessions_app.reminders.day_word)."""
    key = f"reminder:{registration.event_id}:{registration.pk}"
    _send("reminder", registration, key, extra={"day": day})


def registrations_released(user: User, registrations: list[Registration]) -> None:
    """One e-mail listing the registrations a change of membership cancelled.

    Only titles and dates: a meeting the person can no longer see is not linked.
    """
    send_templated_mail(
        "sessions_app/email/registrations_released",
        {
            "name": user.display_name,
            "profile": getattr(user, "profile", None),
            "registrations": registrations,
            "membership_url": absolute_url(reverse("members:membership")),
            "my_url": absolute_url(reverse("agenda:mine")),
        },
        [user.email],
        # A registration is released once: the first of them names the e-mail.
        key=f"registrations_released:{min(r.pk for r in registrations)}",
    )
