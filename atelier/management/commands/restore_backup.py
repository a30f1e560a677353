"""`manage.py restore_backup PATH`: put a backup's database and media files back.

Stop the site first. The archive is checked (names, checksums, database vendor) before
anything changes; with PRODUCTION on, the command refuses to run without --yes.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from atelier import page_cache
from atelier.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Replace the database and MEDIA_ROOT with those in a backup archive made by "
        "`manage.py backup`. Stop the site first."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="the backup archive (.tar.gz)")
        parser.add_argument(
            "--yes",
            action="store_true",
            help="confirm the restore; required when PRODUCTION is on",
        )

    def handle(self, *args, path, yes=False, **options):
        if not path.is_file():
            raise CommandError(f"No such backup archive: {path}")
        try:
            manifest = restore_backup(path, confirmed=yes)
        except BackupError as error:
            raise CommandError(f"Restore refused or failed: {error}") from error
        page_cache.mark_everything_stale()  # pages built before the restore are stale
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored the {manifest['database']['vendor']} database and "
                f"{len(manifest['files']) - 1} media file(s) from the backup of "
                f"{manifest['created_at']}."
            )
        )
        self.stdout.write("Run `manage.py migrate` if this code is newer than the backup.")
