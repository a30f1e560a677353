"""One run per period of a scheduled command, however many app servers start it.

Every app server has the same timers (deploy/systemd/), so a daily backup starts on each
of them at about the same moment. Commands whose work is claimed row by row (reminders,
digests, follow-ups, requests for help) need nothing more; a command that does one piece
of work per run, such as the backup, first claims the run for the current period: a
row in the database with a unique (job, period), which only one server can insert.
"""

import socket
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import ScheduledRun

PERIODS = {"day": "%Y-%m-%d", "hour": "%Y-%m-%dT%H"}


def period_of(moment: datetime, length: str) -> str:
    """The period (a day or an hour on the site's clock) that `moment` falls in."""
    return timezone.localtime(moment).strftime(PERIODS[length])


def claim_run(job: str, length: str, now: datetime | None = None) -> ScheduledRun | None:
    """The claim on `job` for the current day or hour, for the one caller that gets it;
    None for every other, also when they ask at the same moment. A run that fails deletes
    its claim, so that the next attempt may do the work."""
    period = period_of(now or timezone.now(), length)
    try:
        with transaction.atomic():
            return ScheduledRun.objects.create(job=job, period=period, host=socket.gethostname())
    except IntegrityError:
        return None
