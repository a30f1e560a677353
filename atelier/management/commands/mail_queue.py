"""`manage.py mail_queue`: how the outgoing e-mail stands (the admin shows it too).

.venv/bin/python manage.py mail_queue            # counts, and every failed e-mail
.venv/bin/python manage.py mail_queue --requeue  # give lost e-mail to the worker again
.venv/bin/python manage.py mail_queue --prune 30 # forget e-mail sent over 30 days ago

With --requeue or --prune it says only what it did: timers run those (deploy/systemd/),
and the journal need not list the failed e-mails' addresses every few minutes.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db.models import Count
from django.utils import timezone

from atelier.mail_queue import STALLED_AFTER, prune_sent, requeue_lost
from atelier.models import OutgoingMail


class Command(BaseCommand):
    help = "Show the queue of outgoing e-mail: how many wait, are sent and failed, and why."

    def add_arguments(self, parser):
        parser.add_argument(
            "--requeue",
            action="store_true",
            help="enqueue again the e-mail no task will send (left by a worker that died)",
        )
        parser.add_argument(
            "--stalled-after",
            type=float,
            default=STALLED_AFTER.total_seconds(),
            metavar="SECONDS",
            help=(
                "with --requeue: seconds after which an e-mail still marked as being sent "
                "counts as left by a worker that died (default: %(default)s)"
            ),
        )
        parser.add_argument(
            "--prune",
            type=int,
            metavar="DAYS",
            help="delete the record of e-mail sent more than DAYS days ago",
        )

    def handle(self, *args, requeue, stalled_after, prune, **options):
        if requeue:
            requeued = requeue_lost(timedelta(seconds=stalled_after))
            self.stdout.write(f"{requeued} e-mail(s) put back in the queue.")
        if prune is not None:
            pruned = prune_sent(timedelta(days=prune))
            self.stdout.write(f"{pruned} sent e-mail(s) forgotten.")
        if not requeue and prune is None:
            self.report()

    def report(self) -> None:
        counts = dict(OutgoingMail.objects.values_list("status").annotate(Count("pk")).order_by())
        for status, label in OutgoingMail.Status.choices:
            self.stdout.write(f"{label}: {counts.get(status, 0)}")
        failed = OutgoingMail.objects.filter(status=OutgoingMail.Status.FAILED)
        for mail in failed.order_by("created_at", "pk"):
            queued = timezone.localtime(mail.created_at).strftime("%Y-%m-%d %H:%M")
            self.stdout.write(f"failed #{mail.pk} {queued} to {mail.to}: {mail.last_error}")
