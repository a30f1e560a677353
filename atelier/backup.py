"""Backups of the database and the media files, and restoring them.

`make_backup(destination_dir)` writes one archive, `atelier-backup-<UTC time>.tar.gz`:

    database/db.sqlite3   SQLite: a copy made with SQLite's online backup API
    database/db.pgdump    PostgreSQL: `pg_dump --format=custom`
    media/...             every regular file under MEDIA_ROOT
    manifest.json         when, which database, the migration state, and every file
                          above with its size and SHA-256

Both database copies are consistent snapshots taken while the site keeps running:
SQLite copies every page inside one read transaction (in WAL mode writers carry on),
pg_dump reads everything in one repeatable-read snapshot.

`restore_backup(archive_path)` checks the archive before it touches anything (only
expected names, no absolute paths, no "..", no links or devices; every file's size
and checksum as the manifest says; the same database vendor; `--yes` in production),
then replaces the database (SQLite: a temporary file in the database's folder moved
over it with os.replace; PostgreSQL: `pg_restore --clean --if-exists --no-owner` in
one transaction) and then MEDIA_ROOT (unpacked beside it, then swapped in).

Stop the site (every worker) before restoring: restoring replaces what it is using.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import shutil
import sqlite3
import stat
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import IO

import django
from django.conf import settings
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder

ARCHIVE_PREFIX = "atelier-backup-"
ARCHIVE_SUFFIX = ".tar.gz"
MANIFEST = "manifest.json"
MANIFEST_FORMAT = 1
DATABASE_FILES = {"sqlite": "database/db.sqlite3", "postgresql": "database/db.pgdump"}
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup could not be made, or an archive is refused for restoring."""


# Making a backup


def make_backup(destination_dir: str | os.PathLike | None = None, using: str = "default") -> Path:
    """Write a backup archive into `destination_dir` (default VAR_DIR/backups); return it.

    The archive appears under its final name only when it is complete.
    """
    destination = Path(destination_dir or Path(settings.VAR_DIR) / "backups")
    destination.mkdir(parents=True, exist_ok=True, mode=0o700)
    connection = connections[using]
    vendor = connection.vendor
    if vendor not in DATABASE_FILES:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {vendor}.")

    created_at = datetime.now(UTC)
    name = f"{ARCHIVE_PREFIX}{created_at.strftime('%Y%m%dT%H%M%S.%fZ')}{ARCHIVE_SUFFIX}"
    archive = destination / name
    with tempfile.TemporaryDirectory(prefix=".backup-", dir=destination) as work:
        work_dir = Path(work)
        database_copy = work_dir / "database"
        if vendor == "sqlite":
            _dump_sqlite(connection.settings_dict, database_copy)
        else:
            _dump_postgresql(connection.settings_dict, database_copy)

        files = []
        partial = work_dir / "archive.partial"
        # The archive holds password hashes and personal data: only the owner reads it.
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
            files.append(_add_file(tar, database_copy, DATABASE_FILES[vendor]))
            files.extend(_add_media(tar, Path(settings.MEDIA_ROOT)))
            manifest = {
                "format": MANIFEST_FORMAT,
                "created_at": created_at.isoformat(),
                "database": {"vendor": vendor, "file": DATABASE_FILES[vendor]},
                "django": django.get_version(),
                "migrations": migration_state(using),
                "files": files,
            }
            _add_bytes(tar, MANIFEST, json.dumps(manifest, indent=2).encode())
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(partial, archive)
    return archive


def _dump_sqlite(settings_dict: dict, target: Path) -> None:
    source_path = _sqlite_path(settings_dict)
    if not source_path.exists():
        raise BackupError(f"The SQLite database {source_path} does not exist.")
    source = sqlite3.connect(source_path, timeout=_sqlite_timeout(settings_dict))
    copy = sqlite3.connect(target)
    try:
        # pages=-1: every page in one step, so in one read transaction: a consistent
        # snapshot that includes what is committed in the WAL, while writers continue.
        source.backup(copy, pages=-1)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        (result,) = copy.execute("PRAGMA quick_check").fetchone()
        if result != "ok":
            raise BackupError(f"The copy of the SQLite database is damaged: {result}")
    finally:
        copy.close()
        source.close()


def _sqlite_path(settings_dict: dict) -> Path:
    name = str(settings_dict["NAME"])
    if not name or name == ":memory:" or name.startswith("file:") or "mode=memory" in name:
        raise BackupError("An in-memory SQLite database cannot be backed up or restored.")
    return Path(name)


def _sqlite_timeout(settings_dict: dict) -> float:
    return (settings_dict.get("OPTIONS") or {}).get("timeout", 20)


def _dump_postgresql(settings_dict: dict, target: Path) -> None:
    _run_postgresql_tool(
        "pg_dump",
        ["--format=custom", "--no-password", f"--file={target}"],
        settings_dict,
    )


def _add_media(tar: tarfile.TarFile, media_root: Path) -> list[dict]:
    tar.addfile(_directory_info("media"))
    files: list[dict] = []
    if not media_root.is_dir():
        return files
    for folder, directories, names in os.walk(media_root):  # never follows links
        directories.sort()
        for name in sorted(names):
            path = Path(folder) / name
            if path.is_symlink() or not path.is_file():
                continue  # only regular files; a link could point anywhere
            relative = path.relative_to(media_root).as_posix()
            try:
                files.append(_add_file(tar, path, f"media/{relative}"))
            except FileNotFoundError:
                continue  # deleted while the backup ran: it is not part of the site any more
    return files


def _add_file(tar: tarfile.TarFile, path: Path, arcname: str) -> dict:
    """Add one regular file, hashing exactly the bytes that go into the archive."""
    with open(path, "rb") as stream:
        info = tarfile.TarInfo(arcname)
        status = os.fstat(stream.fileno())
        info.size = status.st_size
        info.mtime = int(status.st_mtime)
        info.mode = 0o600
        reader = _HashingReader(stream)
        tar.addfile(info, reader)
    return {"path": arcname, "size": info.size, "sha256": reader.digest.hexdigest()}


def _add_bytes(tar: tarfile.TarFile, arcname: str, data: bytes) -> None:
    info = tarfile.TarInfo(arcname)
    info.size = len(data)
    info.mtime = int(datetime.now(UTC).timestamp())
    info.mode = 0o600
    tar.addfile(info, io.BytesIO(data))


def _directory_info(arcname: str) -> tarfile.TarInfo:
    info = tarfile.TarInfo(arcname)
    info.type = tarfile.DIRTYPE
    info.mode = 0o700
    info.mtime = int(datetime.now(UTC).timestamp())
    return info


def _content(tar: tarfile.TarFile, member: tarfile.TarInfo) -> IO[bytes]:
    source = tar.extractfile(member)
    if source is None:  # _checked_name lets only files and folders through
        raise BackupError(f"Refused archive member {member.name!r}: not a file.")
    return source


class _HashingReader:
    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        self.digest.update(data)
        return data


def migration_state(using: str = "default") -> dict[str, str]:
    """The latest applied migration of every app, as recorded in the database."""
    recorder = MigrationRecorder(connections[using])
    if not recorder.has_table():
        return {}
    latest = {}
    for app, name in recorder.migration_qs.order_by("id").values_list("app", "name"):
        latest[app] = name
    return dict(sorted(latest.items()))


def prune_backups(destination_dir: str | os.PathLike, keep: int) -> list[Path]:
    """Delete all but the newest `keep` archives in the folder; return what was deleted."""
    if keep < 1:
        raise BackupError("Keep at least one backup.")
    archives = sorted(Path(destination_dir).glob(f"{ARCHIVE_PREFIX}*{ARCHIVE_SUFFIX}"))
    doomed = archives[:-keep]
    for path in doomed:
        path.unlink()
    return doomed


# Restoring a backup


def restore_backup(
    archive_path: str | os.PathLike, *, confirmed: bool = False, using: str = "default"
) -> dict:
    """Replace the database and MEDIA_ROOT with the archive's; return its manifest.

    Refuses (BackupError) before changing anything when the archive is damaged or
    tampered with, was made from another database vendor, or when PRODUCTION is on
    and `confirmed` is not set.
    """
    archive = Path(archive_path)
    if getattr(settings, "PRODUCTION", False) and not confirmed:
        raise BackupError("PRODUCTION is on: confirm the restore (restore_backup --yes).")
    connection = connections[using]
    media_root = Path(settings.MEDIA_ROOT)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    # Unpacked beside MEDIA_ROOT, so the new media folder can be renamed into place.
    with tempfile.TemporaryDirectory(prefix=".restore-", dir=media_root.parent) as work:
        work_dir = Path(work)
        manifest = _unpack_and_verify(archive, work_dir)
        vendor = manifest["database"]["vendor"]
        if vendor != connection.vendor:
            raise BackupError(
                f"The backup is of a {vendor} database; this site uses {connection.vendor}."
            )
        database_copy = work_dir / DATABASE_FILES[vendor]
        connections.close_all()
        if vendor == "sqlite":
            _restore_sqlite(connection.settings_dict, database_copy)
        else:
            _restore_postgresql(connection.settings_dict, database_copy)
        connections.close_all()
        _swap_media(work_dir / "media", media_root, work_dir)
    return manifest


def _unpack_and_verify(archive: Path, work_dir: Path) -> dict:
    """Unpack the expected members into work_dir and check them against the manifest."""
    try:
        with tarfile.open(archive, mode="r:gz") as tar:
            manifest_bytes, found = _unpack(tar, work_dir)
    except (tarfile.TarError, EOFError, OSError) as error:
        raise BackupError(f"{archive} is not a readable backup archive: {error}") from error
    if manifest_bytes is None:
        raise BackupError(f"{archive} has no {MANIFEST}.")
    try:
        manifest = json.loads(manifest_bytes)
        vendor = manifest["database"]["vendor"]
        listed = {entry["path"]: entry for entry in manifest["files"]}
    except (ValueError, KeyError, TypeError) as error:
        raise BackupError(f"The manifest of {archive} is not readable: {error}") from error
    if manifest.get("format") != MANIFEST_FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    if vendor not in DATABASE_FILES or DATABASE_FILES[vendor] not in listed:
        raise BackupError(f"The backup holds no database file for {vendor!r}.")
    if set(listed) != set(found):
        missing = sorted(set(listed) - set(found))
        unlisted = sorted(set(found) - set(listed))
        raise BackupError(f"Archive and manifest differ: missing {missing}, unlisted {unlisted}.")
    for path, entry in listed.items():
        size, digest = found[path]
        if size != entry.get("size") or digest != entry.get("sha256"):
            raise BackupError(f"Checksum mismatch for {path}: the archive was changed or damaged.")
    return manifest


def _unpack(tar: tarfile.TarFile, work_dir: Path) -> tuple[bytes | None, dict]:
    manifest_bytes = None
    found: dict[str, tuple[int, str]] = {}
    root = work_dir.resolve()
    (root / "media").mkdir()
    for member in tar:
        relative = _checked_name(member)
        if relative == MANIFEST:
            if manifest_bytes is not None:
                raise BackupError(f"The archive holds {MANIFEST} twice.")
            manifest_bytes = _content(tar, member).read()
            continue
        target = root / relative
        if not target.resolve().is_relative_to(root):
            raise BackupError(f"Refused archive member {member.name!r}: outside the backup.")
        if member.isdir():
            target.mkdir(parents=True, exist_ok=True)
            continue
        if relative in found:
            raise BackupError(f"The archive holds {relative} twice.")
        target.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        size = 0
        source = _content(tar, member)
        with open(target, "xb") as out:
            while chunk := source.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
                out.write(chunk)
        found[relative] = (size, digest.hexdigest())
    return manifest_bytes, found


def _checked_name(member: tarfile.TarInfo) -> str:
    """The member's relative path, or BackupError for anything unexpected or unsafe."""
    name = member.name
    path = PurePosixPath(name)
    refused = BackupError(f"Refused archive member {name!r}.")
    if not name or "\\" in name or "\x00" in name or path.is_absolute() or ".." in path.parts:
        raise refused
    if not (member.isreg() or member.isdir()):
        raise refused  # links, devices, fifos
    parts = path.parts
    if not parts:
        raise refused
    relative = path.as_posix()
    if relative == MANIFEST and member.isreg():
        return relative
    if parts[0] == "database" and (
        (len(parts) == 1 and member.isdir())
        or (len(parts) == 2 and member.isreg() and relative in DATABASE_FILES.values())
    ):
        return relative
    if parts[0] == "media" and (len(parts) > 1 or member.isdir()):
        return relative
    raise refused


def _restore_sqlite(settings_dict: dict, database_copy: Path) -> None:
    target = _sqlite_path(settings_dict)
    target.parent.mkdir(parents=True, exist_ok=True)
    check = sqlite3.connect(database_copy)
    try:
        (result,) = check.execute("PRAGMA integrity_check").fetchone()
    finally:
        check.close()
    if result != "ok":
        raise BackupError(f"The database in the backup is damaged: {result}")
    descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.restore-", dir=target.parent)
    try:
        with os.fdopen(descriptor, "wb") as out, open(database_copy, "rb") as source:
            shutil.copyfileobj(source, out, CHUNK)
            out.flush()
            os.fsync(out.fileno())
        if target.exists():
            _copy_ownership(target, Path(temporary))
            # Fold the live WAL into the old file first: a WAL left beside the new
            # file would otherwise be replayed onto it.
            live = sqlite3.connect(target, timeout=_sqlite_timeout(settings_dict))
            try:
                live.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                live.close()
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    _fsync_directory(target.parent)


def _restore_postgresql(settings_dict: dict, database_copy: Path) -> None:
    _run_postgresql_tool(
        "pg_restore",
        [
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            "--no-password",
            f"--dbname={settings_dict['NAME']}",
            str(database_copy),
        ],
        settings_dict,
    )


def _swap_media(new_media: Path, media_root: Path, work_dir: Path) -> None:
    old = work_dir / "media-before-restore"
    if media_root.exists():
        try:
            media_root.rename(old)
        except OSError:
            # MEDIA_ROOT is a mount point (or otherwise fixed): replace its contents.
            for child in media_root.iterdir():
                if child.is_dir() and not child.is_symlink():
                    shutil.rmtree(child)
                else:
                    child.unlink()
            shutil.copytree(new_media, media_root, dirs_exist_ok=True)
            return
    new_media.rename(media_root)


def _copy_ownership(original: Path, replacement: Path) -> None:
    """Give the new database file the old one's permissions (and owner, when allowed)."""
    status = original.stat()
    os.chmod(replacement, stat.S_IMODE(status.st_mode))
    with contextlib.suppress(PermissionError):  # not root: the file is ours, like the old one
        os.chown(replacement, status.st_uid, status.st_gid)


def _fsync_directory(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


# PostgreSQL's client programs


def find_postgresql_tool(name: str) -> str:
    """pg_dump or pg_restore: from PG_BIN, the PATH, or Debian's newest PostgreSQL."""
    candidates = []
    if os.environ.get("PG_BIN"):
        candidates.append(Path(os.environ["PG_BIN"]) / name)
    found = shutil.which(name)
    if found:
        candidates.append(Path(found))
    debian = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
        key=lambda path: int(path.parent.parent.name) if path.parent.parent.name.isdigit() else 0,
        reverse=True,
    )
    candidates.extend(debian)
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    raise BackupError(f"{name} not found: install PostgreSQL's client programs or set PG_BIN.")


# libpq reads these from the environment, so no password appears on a command line.
_LIBPQ_OPTIONS = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "sslcrl": "PGSSLCRL",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "options": "PGOPTIONS",
    "service": "PGSERVICE",
    "passfile": "PGPASSFILE",
    "target_session_attrs": "PGTARGETSESSIONATTRS",
}


def _postgresql_environment(settings_dict: dict) -> dict[str, str]:
    environment = dict(os.environ)
    values = {
        "PGDATABASE": settings_dict.get("NAME"),
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": settings_dict.get("PORT"),
    }
    for option, variable in _LIBPQ_OPTIONS.items():
        values[variable] = (settings_dict.get("OPTIONS") or {}).get(option)
    for variable, value in values.items():
        if value not in (None, ""):
            environment[variable] = str(value)
    return environment


def _run_postgresql_tool(name: str, arguments: list[str], settings_dict: dict) -> None:
    command = [find_postgresql_tool(name), *arguments]
    result = subprocess.run(
        command,
        env=_postgresql_environment(settings_dict),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise BackupError(f"{name} failed ({result.returncode}): {result.stderr.strip()}")
