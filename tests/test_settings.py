"""Settings come from the environment; production refuses unsafe values."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_SECRET = "k8Qz-3vLm_p0Xr7tYw2Ns5Jd9Hf4Gb6Ca1Ue8Io0Pl3Mn7Bv2Cx5Zs9Dq4Wr6Ty1"


def manage(*args: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    clean = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DEBUG",
            "PRODUCTION",
            "DATABASE_URL",
            "SITE_URL",
            "DJANGO_ALLOW_ASYNC_UNSAFE",  # set for the browser tests only
        }
    }
    clean.update({"VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "atelier.settings", **env})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def shell(code: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    """Run Python `code` in `manage.py shell` with these environment variables."""
    return manage("shell", "--no-imports", "-c", code, tmp_path=tmp_path, **env)


def test_production_passes_check_deploy_without_warnings(tmp_path):
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        tmp_path=tmp_path,
        PRODUCTION="true",
        SECRET_KEY=PRODUCTION_SECRET,
        ALLOWED_HOSTS="leeratelier.example.org",
        SITE_URL="https://leeratelier.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("SECRET_KEY", "Set SECRET_KEY"),
        ("ALLOWED_HOSTS", "Set ALLOWED_HOSTS"),
        ("SITE_URL", "Set SITE_URL"),
    ],
)
def test_production_refuses_to_start_without(missing, message, tmp_path):
    env = {
        "PRODUCTION": "true",
        "SECRET_KEY": PRODUCTION_SECRET,
        "ALLOWED_HOSTS": "x.example",
        "SITE_URL": "https://x.example",
    }
    del env[missing]
    result = manage("check", tmp_path=tmp_path, **env)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_refuses_debug(tmp_path):
    result = manage(
        "check",
        tmp_path=tmp_path,
        PRODUCTION="true",
        DEBUG="true",
        SECRET_KEY=PRODUCTION_SECRET,
        ALLOWED_HOSTS="x.example",
        SITE_URL="https://x.example",
    )
    assert result.returncode != 0
    assert "DEBUG must be off" in result.stderr


@pytest.mark.parametrize(
    "site_url", ["leeratelier.example.org", "https://x.example/pad", "ftp://x.example", " "]
)
def test_production_refuses_a_site_url_that_is_not_scheme_and_host(site_url, tmp_path):
    result = manage(
        "check",
        tmp_path=tmp_path,
        PRODUCTION="true",
        SECRET_KEY=PRODUCTION_SECRET,
        ALLOWED_HOSTS="x.example",
        SITE_URL=site_url,
    )
    assert result.returncode != 0
    assert "SITE_URL" in result.stderr


def test_local_defaults_run_without_any_environment(tmp_path):
    result = manage("check", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr


def test_local_defaults_warn_in_check_deploy(tmp_path):
    # Shows the deploy check is real: the laptop defaults are not production-safe.
    result = manage("check", "--deploy", "--fail-level", "WARNING", tmp_path=tmp_path)
    assert result.returncode != 0
    assert "security.W" in result.stderr + result.stdout


def test_database_url_selects_the_database(tmp_path):
    result = shell(
        "from django.conf import settings; print(settings.DATABASES['default']['NAME'])",
        tmp_path=tmp_path,
        DATABASE_URL=f"sqlite:///{tmp_path}/other.sqlite3",
    )
    assert result.stdout.strip().endswith(f"{tmp_path}/other.sqlite3"), result.stderr


def test_sqlite_default_lives_in_var_and_uses_wal_and_immediate_transactions(tmp_path):
    code = (
        "from django.conf import settings; d = settings.DATABASES['default']; "
        "print(d['NAME']); print(d['OPTIONS']['transaction_mode'])"
    )
    result = shell(code, tmp_path)
    name, mode = result.stdout.split()
    assert name == str(tmp_path / "atelier.sqlite3")
    assert mode == "IMMEDIATE"


def test_production_serves_hashed_compressed_static_files_and_smtp_mail(tmp_path):
    code = (
        "from django.conf import settings; "
        "print(settings.STORAGES['staticfiles']['BACKEND']); print(settings.EMAIL_BACKEND); "
        "print(settings.CACHES['default']['BACKEND'])"
    )
    result = shell(
        code,
        tmp_path=tmp_path,
        PRODUCTION="true",
        SECRET_KEY=PRODUCTION_SECRET,
        ALLOWED_HOSTS="x.example",
        SITE_URL="https://x.example",
    )
    storage, email, cache = result.stdout.split()
    assert storage == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert email == "django.core.mail.backends.smtp.EmailBackend"
    assert cache == "django.core.cache.backends.db.DatabaseCache"


def test_expected_database_vendor(db):
    """Guards CI's PostgreSQL run: it must really run on PostgreSQL."""
    from django.db import connection

    expected = os.environ.get("EXPECT_DATABASE_VENDOR")
    assert connection.vendor == (expected or connection.vendor)
    if not expected:
        assert connection.vendor in {"sqlite", "postgresql"}


def test_connections_are_tuned_for_reading_many_rows(db):
    """SQLite reads through a memory map and a larger page cache; PostgreSQL's planner
    treats random reads as cheap, so a search uses the GIN index (docs/benchmarks.md)."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA mmap_size")
            assert cursor.fetchone()[0] == 256 * 1024 * 1024
            cursor.execute("PRAGMA cache_size")
            assert cursor.fetchone()[0] == -32 * 1024
        else:
            cursor.execute("SHOW random_page_cost")
            assert cursor.fetchone()[0] == "1.1"


def test_the_tuning_comes_from_the_environment(tmp_path):
    code = (
        "from django.db import connection; c = connection.cursor(); "
        "c.execute('PRAGMA mmap_size'); print(c.fetchone()[0]); "
        "c.execute('PRAGMA cache_size'); print(c.fetchone()[0])"
    )
    result = shell(
        code,
        tmp_path=tmp_path,
        SQLITE_MMAP_BYTES="1048576",
        SQLITE_CACHE_KIB="4096",
    )
    assert result.stdout.split() == ["1048576", "-4096"], result.stderr
    code = "from django.conf import settings; print(settings.DATABASES['default']['OPTIONS'])"
    result = shell(
        code,
        tmp_path=tmp_path,
        DATABASE_URL="postgres://u:p@127.0.0.1:1/x",
        POSTGRES_RANDOM_PAGE_COST="2",
    )
    assert "'options': '-c random_page_cost=2'" in result.stdout, result.stderr
