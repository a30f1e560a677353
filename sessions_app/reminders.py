"""Reminder e-mails the day before: safe to run from cron every few minutes."""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext as _

from atelier import page_cache

from . import notifications
from .models import Event, Registration, RegistrationStatus

REMINDER_WINDOW = timedelta(hours=24)


def day_word(start: datetime, now: datetime) -> str:
    """ "today", "tomorrow" or "later": when `start` falls, seen from `now` on the
    Amsterdam calendar (an event at 20:00 is "today" for a reminder sent that morning)."""
    days = (timezone.localdate(start) - timezone.localdate(now)).days
    return {0: "today", 1: "tomorrow"}.get(days, "later")


def subject_for(title: str, start: datetime, day: str) -> str:
    """The reminder's subject: "Today: …", "Tomorrow: …", or the day's date before the title."""
    if day == "today":
        return _("Today: %(title)s") % {"title": title}
    if day == "tomorrow":
        return _("Tomorrow: %(title)s") % {"title": title}
    date = format_date(timezone.localtime(start), "l j F")
    return _("%(date)s: %(title)s") % {"date": date, "title": title}


def send_due_reminders(now: datetime | None = None) -> int:
    """E-mail confirmed registrants whose event starts within a day; never twice.

    Each registration is claimed with a conditional UPDATE before its mail goes out,
    so two runs at the same moment cannot both send it.
    """
    now = now or timezone.now()
    due = Registration.objects.filter(
        status=RegistrationStatus.CONFIRMED,
        reminder_sent_at__isnull=True,
        event__in=Event.objects.published(),
        event__start__gt=now,
        event__start__lte=now + REMINDER_WINDOW,
    ).values_list("pk", flat=True)
    sent = 0
    for pk in list(due):
        # The claim and the queued e-mail commit together: neither without the other.
        with transaction.atomic():
            claimed = Registration.objects.filter(pk=pk, reminder_sent_at__isnull=True).update(
                reminder_sent_at=now
            )
            if claimed:
                registration = Registration.objects.select_related("event", "user__profile").get(
                    pk=pk
                )
                notifications.reminder(registration, day_word(registration.event.start, now))
                sent += 1
    if sent:
        # update() sends no signals. No page shows when a reminder went out today; marked
        # all the same, so that a page that comes to show it cannot go stale unseen.
        page_cache.mark_stale("registrations")
    return sent
