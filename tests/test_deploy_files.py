"""The files in deploy/ work as they stand: nginx accepts its configuration, systemd its
units (each running a command manage.py has), gunicorn its configuration, and the
environment template names only settings the site reads, without secrets."""

import configparser
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import get_commands

from knowledge.attachments import MAX_ATTACHMENT_BYTES

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
NGINX_SITE = DEPLOY / "nginx" / "leeratelier.conf"
UNITS = sorted((DEPLOY / "systemd").glob("leeratelier-*.*"))
INSTALLED_AT = "/srv/leeratelier"
CERTIFICATES = "/etc/letsencrypt/live/leeratelier.example.org/"
# Where the site's configuration includes deploy/nginx/'s other files from.
NGINX_SNIPPETS = "/etc/nginx/leeratelier/"
MIB = 1024 * 1024


def nginx_site() -> str:
    return NGINX_SITE.read_text()


def tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path="/usr/sbin:/sbin")
    if found is None:
        pytest.skip(f"{name} is not installed (make system-packages-cluster)")
    return found


def test_nginx_accepts_the_configuration(tmp_path):
    nginx = tool("nginx")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=leeratelier.example.org",
         "-keyout", tmp_path / "privkey.pem", "-out", tmp_path / "fullchain.pem"],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    site = (
        nginx_site()
        .replace(CERTIFICATES, f"{tmp_path}/")
        .replace("/var/cache/nginx/", f"{tmp_path}/cache/")
        .replace(NGINX_SNIPPETS, f"{DEPLOY}/nginx/")
    )
    (tmp_path / "leeratelier.conf").write_text(site)
    (tmp_path / "cache").mkdir()  # as Debian's nginx package makes /var/cache/nginx
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\n"
        "events {}\n"
        f"http {{ include /etc/nginx/mime.types; include {tmp_path}/leeratelier.conf; }}\n"
    )
    result = subprocess.run(
        [nginx, "-t", "-p", str(tmp_path), "-e", str(tmp_path / "error.log"),
         "-c", str(tmp_path / "nginx.conf")],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


def test_nginx_takes_the_largest_upload_the_site_accepts_and_little_more():
    (limit,) = re.findall(r"client_max_body_size (\d+)m;", nginx_site())
    assert MAX_ATTACHMENT_BYTES < int(limit) * MIB <= MAX_ATTACHMENT_BYTES + 2 * MIB


def test_nginx_leaves_out_failing_app_servers_and_passes_on_only_what_is_safe_to_repeat():
    site = nginx_site()
    servers = re.findall(r"^\s*server (\S+) (.*);$", site, flags=re.MULTILINE)
    assert len(servers) >= 2
    for _address, options in servers:
        assert "max_fails=" in options and "fail_timeout=" in options
    next_upstream = re.findall(r"proxy_next_upstream (.*);", site)
    assert next_upstream and not any("non_idempotent" in rule for rule in next_upstream)
    for header in ("X-Forwarded-For", "X-Forwarded-Proto"):
        assert f"proxy_set_header {header} " in site


def test_the_internal_location_is_the_one_the_environment_template_names():
    (location,) = re.findall(r"location (\S+) \{\s*internal;", nginx_site())
    assert f"MEDIA_ACCEL_REDIRECT={location}\n" in (DEPLOY / "leeratelier.env.example").read_text()


def unit(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # systemd's keys are case-sensitive
    parser.read_string(path.read_text())
    return parser


def test_every_unit_runs_a_command_the_site_has():
    commands = get_commands()
    services = [path for path in UNITS if path.suffix == ".service"]
    assert len(services) >= 10
    for path in services:
        words = unit(path)["Service"]["ExecStart"].split()
        program = Path(words[0]).relative_to(INSTALLED_AT)
        assert program.parent == Path(".venv/bin"), path.name
        if words[1:2] == ["manage.py"]:
            assert words[2] in commands, f"{path.name}: no command {words[2]}"
        else:
            assert program.name == "gunicorn", path.name


def test_every_job_has_its_timer_and_every_timer_its_job():
    jobs = {
        path.stem for path in UNITS
        if path.suffix == ".service" and unit(path)["Service"].get("Type") == "oneshot"
    }  # fmt: skip
    timers = {path.stem: unit(path)["Timer"]["Unit"] for path in UNITS if path.suffix == ".timer"}
    assert set(timers) == jobs
    assert all(service == f"{name}.service" for name, service in timers.items())
    expected = {"send_reminders", "send_digests", "send_follow_ups", "send_help_requests",
                "backup", "clearsessions"}  # fmt: skip
    run = {unit(DEPLOY / "systemd" / f"{job}.service")["Service"]["ExecStart"].split()[2]
           for job in jobs}  # fmt: skip
    assert expected <= run


def test_systemd_accepts_the_units(tmp_path):
    analyze = tool("systemd-analyze")
    for path in UNITS:  # the checkout stands where the units expect /srv/leeratelier
        (tmp_path / path.name).write_text(path.read_text().replace(INSTALLED_AT, str(ROOT)))
    result = subprocess.run(
        [analyze, "verify", "--man=no", *sorted(str(p) for p in tmp_path.iterdir())],
        capture_output=True, text=True, timeout=120,
        env={**os.environ, "SYSTEMD_UNIT_PATH": f"{tmp_path}:"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr


def test_gunicorn_accepts_its_configuration():
    result = subprocess.run(
        [Path(sys.executable).parent / "gunicorn", "--config", DEPLOY / "gunicorn.conf.py",
         "--check-config"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr + result.stdout


def test_the_environment_template_names_only_what_the_site_reads_and_no_secret():
    read = (ROOT / "atelier" / "settings.py").read_text() + (
        DEPLOY / "gunicorn.conf.py"
    ).read_text()
    for line in (DEPLOY / "leeratelier.env.example").read_text().splitlines():
        setting = re.match(r"#? ?([A-Z][A-Z0-9_]+)=(.*)", line)
        if setting is None:
            continue
        name, value = setting.groups()
        assert f'"{name}"' in read, f"{name} is read nowhere"
        if re.search(r"SECRET|PASSWORD", name) or "://" in value and "@" in value:
            assert "<" in value, f"{name} holds a value, not a placeholder"
