"""Sending the site's own e-mails from templates, in the recipient's language (Dutch)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation

from .models import SiteSettings


def send_templated_mail(
    template: str,
    context: dict,
    to: list[str],
    attachments: list | None = None,
    *,
    language: str | None = None,
    headers: dict[str, str] | None = None,
) -> None:
    """Render `<template>_subject.txt` and `<template>.txt` and send them, with
    `<template>.html` as the HTML part where the e-mail has one.

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
    message.send()


def mail_coordinator(template: str, context: dict) -> bool:
    """Send one of the site's e-mails to the coordinator, if the site settings name them."""
    coordinator_email = SiteSettings.load().coordinator_email
    if not coordinator_email:
        return False
    send_templated_mail(template, context, [coordinator_email])
    return True
