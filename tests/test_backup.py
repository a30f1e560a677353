"""Backup and restore: a round trip brings back exactly what was saved.

These tests replace the test database itself (a file on SQLite, the test database on
PostgreSQL), so they use `transactional_db`: nothing is hidden in an open transaction.
All but the last run on whichever database is configured; the last checks pg_dump and
pg_restore specifically and runs only in `make test-postgres`.
"""

import io
import json
import tarfile
import threading
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections, transaction
from taggit.models import Tag

from atelier.backup import BackupError, make_backup, restore_backup
from knowledge.models import Resource, ResourceKind, ResourceStatus, Visibility
from members.models import User

from .factories import make_member, make_user

pytestmark = pytest.mark.django_db(transaction=True)

MEDIA_BYTES = bytes(range(256)) * 64 + b"\x00 einde van het handboek"


def make_site_data() -> dict:
    """Two members, a library item and an uploaded file; returns what to compare later."""
    author = make_member("auteur@example.org")
    make_user("tweede@example.org")
    Resource.objects.create(
        kind=ResourceKind.TOOL,
        title="Het buurtgesprek",
        slug="het-buurtgesprek",
        summary="Een werkvorm.",
        body="Een werkvorm om met **bewoners** in gesprek te gaan.",
        visibility=Visibility.MEMBERS,
        status=ResourceStatus.PUBLISHED,
        created_by=author,
    )
    media_name = default_storage.save("library/handboek.pdf", ContentFile(MEDIA_BYTES))
    return {"media_name": media_name, **snapshot()}


def snapshot() -> dict:
    return {
        "users": list(User.objects.order_by("pk").values()),
        "resources": list(Resource.objects.order_by("pk").values()),
    }


def change_site_data(media_name: str) -> None:
    User.objects.get(email="tweede@example.org").delete()
    Resource.objects.filter(slug="het-buurtgesprek").update(title="Veranderd", body="Iets anders.")
    default_storage.delete(media_name)
    default_storage.save("library/nieuw.txt", ContentFile(b"nieuw"))
    make_user("nieuw@example.org")


def assert_restored(saved: dict, settings) -> None:
    assert snapshot() == {"users": saved["users"], "resources": saved["resources"]}
    assert not User.objects.filter(email="nieuw@example.org").exists()
    media_root = Path(settings.MEDIA_ROOT)
    assert (media_root / saved["media_name"]).read_bytes() == MEDIA_BYTES
    assert sorted(p.relative_to(media_root).as_posix() for p in media_root.rglob("*")) == [
        "library",
        saved["media_name"],
    ]


def read_manifest(archive: Path) -> dict:
    with tarfile.open(archive, "r:gz") as tar:
        return json.load(tar.extractfile("manifest.json"))


def rewrite_archive(source: Path, target: Path, change) -> Path:
    """A copy of the archive with `change(name, data)` applied to every member's bytes."""
    with tarfile.open(source, "r:gz") as old, tarfile.open(target, "w:gz") as new:
        for member in old:
            data = old.extractfile(member).read() if member.isreg() else b""
            data = change(member.name, data)
            member.size = len(data)
            new.addfile(member, io.BytesIO(data) if member.isreg() else None)
    return target


def test_round_trip_brings_back_exactly_what_was_saved(settings, tmp_path):
    saved = make_site_data()
    archive = make_backup(tmp_path / "backups")

    assert archive.name.startswith("atelier-backup-") and archive.name.endswith("Z.tar.gz")
    assert archive.stat().st_mode & 0o077 == 0  # only the owner may read it
    manifest = read_manifest(archive)
    assert manifest["database"]["vendor"] == connection.vendor
    assert manifest["migrations"]["knowledge"].startswith("0")
    assert {entry["path"] for entry in manifest["files"]} == {
        manifest["database"]["file"],
        f"media/{saved['media_name']}",
    }
    with tarfile.open(archive, "r:gz") as tar:
        database = tar.extractfile(manifest["database"]["file"]).read(16)
    expected_header = b"SQLite format 3\x00" if connection.vendor == "sqlite" else b"PGDMP"
    assert database.startswith(expected_header)

    change_site_data(saved["media_name"])
    assert snapshot() != {"users": saved["users"], "resources": saved["resources"]}

    database_file = Path(connection.settings_dict["NAME"])
    mode = database_file.stat().st_mode if connection.vendor == "sqlite" else None

    restore_backup(archive)

    assert_restored(saved, settings)
    if connection.vendor == "sqlite":  # the file was replaced, its permissions kept
        assert database_file.stat().st_mode == mode
        assert not Path(f"{database_file}-journal").exists()
    # The restored database takes new writes, and ids continue after the restored rows.
    newcomer = make_user("na-herstel@example.org")
    assert newcomer.pk > max(row["id"] for row in saved["users"])


def test_commands_back_up_prune_and_restore(settings, tmp_path):
    saved = make_site_data()
    output = tmp_path / "backups"
    for _ in range(3):
        call_command("backup", "--output", str(output), "--keep", "2", stdout=io.StringIO())
    archives = sorted(output.glob("atelier-backup-*.tar.gz"))
    assert len(archives) == 2
    assert not list(output.glob(".backup-*"))  # no half-written leftovers

    change_site_data(saved["media_name"])
    out = io.StringIO()
    call_command("restore_backup", str(archives[-1]), stdout=out)

    assert "Restored" in out.getvalue()
    assert_restored(saved, settings)


def test_production_restore_needs_yes(settings, tmp_path):
    saved = make_site_data()
    archive = make_backup(tmp_path)
    change_site_data(saved["media_name"])
    settings.PRODUCTION = True

    with pytest.raises(CommandError, match="--yes"):
        call_command("restore_backup", str(archive), stdout=io.StringIO())
    assert User.objects.filter(email="nieuw@example.org").exists()  # nothing changed

    call_command("restore_backup", str(archive), "--yes", stdout=io.StringIO())
    assert_restored(saved, settings)


def test_tampered_archive_is_refused_and_nothing_changes(settings, tmp_path):
    saved = make_site_data()
    archive = make_backup(tmp_path)
    media_member = f"media/{saved['media_name']}"
    tampered = rewrite_archive(
        archive,
        tmp_path / "tampered.tar.gz",
        lambda name, data: data.replace(b"einde", b"EINDE") if name == media_member else data,
    )
    change_site_data(saved["media_name"])

    with pytest.raises(BackupError, match="Checksum mismatch"):
        restore_backup(tampered)

    assert User.objects.filter(email="nieuw@example.org").exists()
    assert not (Path(settings.MEDIA_ROOT) / saved["media_name"]).exists()


def test_backup_of_another_database_vendor_is_refused(tmp_path):
    make_site_data()
    archive = make_backup(tmp_path)
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"

    def claim_other_vendor(name, data):
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["database"]["vendor"] = other
        return json.dumps(manifest).encode()

    with pytest.raises(BackupError):
        restore_backup(rewrite_archive(archive, tmp_path / "other.tar.gz", claim_other_vendor))


def unsafe_archive(path: Path, member: tarfile.TarInfo, data: bytes = b"boe") -> Path:
    with tarfile.open(path, "w:gz") as tar:
        manifest = json.dumps({"format": 1, "database": {"vendor": "sqlite"}, "files": []})
        info = tarfile.TarInfo("manifest.json")
        info.size = len(manifest)
        tar.addfile(info, io.BytesIO(manifest.encode()))
        if member.isreg():
            member.size = len(data)
            tar.addfile(member, io.BytesIO(data))
        else:
            tar.addfile(member)
    return path


def symlink(name: str, target: str) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type = tarfile.SYMTYPE
    info.linkname = target
    return info


def hardlink(name: str, target: str) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type = tarfile.LNKTYPE
    info.linkname = target
    return info


@pytest.mark.parametrize(
    "member",
    [
        tarfile.TarInfo("../evil"),
        tarfile.TarInfo("media/../../evil"),
        tarfile.TarInfo("/tmp/evil"),
        tarfile.TarInfo("elsewhere/evil"),
        tarfile.TarInfo("database/evil.sh"),
        symlink("media/evil", "/etc/passwd"),
        hardlink("media/evil", "/etc/passwd"),
    ],
    ids=["dotdot", "media-dotdot", "absolute", "unexpected", "database-extra", "sym", "hard"],
)
def test_unsafe_archive_members_are_refused(settings, tmp_path, member):
    make_site_data()
    before = snapshot()
    (tmp_path / "archives").mkdir()
    archive = unsafe_archive(tmp_path / "archives" / "evil.tar.gz", member)

    with pytest.raises(BackupError, match="Refused archive member"):
        restore_backup(archive)

    assert snapshot() == before
    assert not (tmp_path / "evil").exists()
    assert not Path("/tmp/evil").exists()
    assert not (Path(settings.MEDIA_ROOT).parent / "evil").exists()


def test_backup_while_another_connection_writes_is_consistent(settings, tmp_path):
    """A writer commits pairs of rows throughout: the backup holds whole pairs only."""
    make_site_data()
    stop = threading.Event()
    written = threading.Event()
    errors: list[BaseException] = []
    pairs = [0]

    def writer():
        try:
            while not stop.is_set():
                number = pairs[0]
                with transaction.atomic():
                    Tag.objects.create(name=f"paar-{number}-a", slug=f"paar-{number}-a")
                    Tag.objects.create(name=f"paar-{number}-b", slug=f"paar-{number}-b")
                pairs[0] += 1
                if pairs[0] >= 5:
                    written.set()
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
            written.set()
        finally:
            connections.close_all()

    thread = threading.Thread(target=writer, name="backup-writer")
    thread.start()
    try:
        assert written.wait(30), "the writer did not get going"
        archive = make_backup(tmp_path)
        during = pairs[0]
        # The writer keeps committing after the backup: it was never blocked for long.
        deadline = threading.Event()
        for _ in range(300):
            if pairs[0] >= during + 5 or errors:
                break
            deadline.wait(0.1)
    finally:
        stop.set()
        thread.join(30)
    assert not thread.is_alive()
    assert not errors, errors
    assert pairs[0] >= during + 5
    total_written = pairs[0]

    restore_backup(archive)

    tags = Tag.objects.filter(name__startswith="paar-")
    count = tags.count()
    assert count % 2 == 0, "the backup holds half a transaction"
    assert 10 <= count < 2 * total_written
    restored_pairs = count // 2
    assert set(tags.values_list("name", flat=True)) == {
        f"paar-{number}-{half}" for number in range(restored_pairs) for half in "ab"
    }
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA integrity_check")
            assert cursor.fetchone()[0] == "ok"


@pytest.mark.postgresql
def test_postgresql_round_trip_uses_pg_dump_and_pg_restore(settings, tmp_path):
    saved = make_site_data()
    archive = make_backup(tmp_path)
    manifest = read_manifest(archive)
    assert manifest["database"] == {"vendor": "postgresql", "file": "database/db.pgdump"}
    with tarfile.open(archive, "r:gz") as tar:
        assert tar.extractfile("database/db.pgdump").read(5) == b"PGDMP"  # custom format

    change_site_data(saved["media_name"])
    restore_backup(archive)

    assert_restored(saved, settings)
    newcomer = make_user("na-herstel@example.org")
    assert newcomer.pk > max(row["id"] for row in saved["users"])
