"""`manage.py mail_worker`: the worker that sends the queued e-mail (atelier/mail_queue.py).

django-tasks-db's `db_worker` (with all its options: `--batch`, `--interval`, …), which
first gives the queue back what a worker that died left behind: nothing is lost when
it is killed while sending. `make run` starts it beside the development server; in
production systemd keeps it running (README, "Production").
"""

from datetime import timedelta

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from atelier.mail_queue import STALLED_AFTER, requeue_lost


class Command(DatabaseWorkerCommand):
    help = "Send the queued e-mail: put back what a killed worker left, then run db_worker."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--stalled-after",
            type=float,
            default=STALLED_AFTER.total_seconds(),
            help=(
                "seconds after which an e-mail still marked as being sent counts as left by "
                "a worker that died (default: %(default)s; 0 when only one worker runs)"
            ),
        )

    def handle(self, *args, stalled_after, **options):
        requeued = requeue_lost(timedelta(seconds=stalled_after))
        if requeued:
            self.stdout.write(f"{requeued} e-mail(s) put back in the queue.")
        super().handle(*args, **options)
