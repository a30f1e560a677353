"""`manage.py backup`: the database and the media files in one archive, while the site runs.

From cron, e.g. every night at 03:15, keeping two weeks:

    15 3 * * * cd /srv/leeratelier && .venv/bin/python manage.py backup --keep 14

With several app servers, each runs it with `--once-per day` (deploy/systemd/): the first
to start makes the backup, into a folder they share.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from atelier.backup import BackupError, make_backup, prune_backups
from atelier.scheduled_runs import PERIODS, claim_run


class Command(BaseCommand):
    help = (
        "Make a consistent backup of the database (SQLite online backup or pg_dump) and "
        "MEDIA_ROOT as one .tar.gz archive, safely while the site is running."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            default=None,
            help="folder for the archive (default: VAR_DIR/backups)",
        )
        parser.add_argument(
            "--keep",
            type=int,
            default=None,
            help="afterwards keep only the newest N archives in that folder (default: keep all)",
        )
        parser.add_argument(
            "--once-per",
            choices=sorted(PERIODS),
            default=None,
            help="make it only if no server has made one this day or hour (for the timer "
            "that runs on every app server)",
        )

    def handle(self, *args, output=None, keep=None, once_per=None, **options):
        if keep is not None and keep < 1:
            raise CommandError("--keep must be at least 1.")
        claim = claim_run("backup", once_per) if once_per else None
        if once_per and claim is None:
            self.stdout.write(f"Another server makes this {once_per}'s backup.")
            return
        destination = output or Path(settings.VAR_DIR) / "backups"
        try:
            archive = make_backup(destination)
            removed = prune_backups(destination, keep) if keep else []
        except BackupError as error:
            if claim is not None:
                claim.delete()
            raise CommandError(str(error)) from error
        for path in removed:
            self.stdout.write(f"Removed old backup {path}")
        self.stdout.write(self.style.SUCCESS(f"Backup written to {archive}"))
