"""Writing the site's own e-mails from templates, in the recipient's language (Dutch),
and queueing them for the worker (atelier/mail_queue.py)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation

from .mail_queue import queue_message
from .models import SiteSettings


def send_templated_mail(
    template: str,
    context: dict,
    to: list[str],
    attachments: list | None = None,
    *,
    language: str | None = None,
    headers: dict[str, str] | None = None,
    key: str | None = None,
) -> int:
    """Render `<template>_subject.txt` and `<template>.txt` and queue them, with
    `<template>.html` as the HTML part where the e-mail has one (`templated_message`).

    `key` names the event the e-mail tells of, e.g. "reminder:<event id>:<registration
    id>": each address in `to` gets one e-mail per key, however often this is called
    (`mail_queue.queue_message`). Without a key every call sends. Call it inside the
    transaction that makes the event, never from `transaction.on_commit`: the e-mail is
    queued in that transaction, so it is committed with the event or rolled back with it,
    and the worker sends it once it is committed. Returns how many e-mails were queued
    now (0 when each address had this key's e-mail already).
    """
    message = templated_message(
        template, context, to, attachments, language=language, headers=headers
    )
    return len(queue_message(message, key))


def templated_message(
    template: str,
    context: dict,
    to: list[str],
    attachments: list | None = None,
    *,
    language: str | None = None,
    headers: dict[str, str] | None = None,
) -> EmailMultiAlternatives:
    """One of the site's e-mails, rendered and not yet queued (`send_templated_mail`
    queues it; a run of digests queues many at once with `mail_queue.queue_messages`).

    E-mails are written in the recipient's `language` where the caller knows it (a
    member's profile says it), otherwise in Dutch, the site's first language, whatever
    language the person who triggered them has chosen. `headers` are added as they are
    (e.g. List-Unsubscribe).
    """
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}.txt", context)
        try:
            html = render_to_string(f"{template}.html", context)
        except TemplateDoesNotExist:
            html = None
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        attachments=attachments or [],
        headers=headers,
    )
    if html is not None:
        message.attach_alternative(html, "text/html")
    return message


def mail_coordinator(template: str, context: dict, key: str | None = None) -> bool:
    """Send one of the site's e-mails to the coordinator, if the site settings name them."""
    coordinator_email = SiteSettings.load().coordinator_email
    if not coordinator_email:
        return False
    send_templated_mail(template, context, [coordinator_email], key=key)
    return True
