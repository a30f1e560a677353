"""The site's benchmark: `make bench` (SQLite) and `make bench-postgres` (PostgreSQL).

Builds a fresh database with the large data set, serves it with gunicorn and production
settings on 127.0.0.1, and drives each page in turn with wrk (keep-alive HTTP, a fixed
number of concurrent connections), as a visitor and as a logged-in member. Prints, per
page: requests per second, that as a ratio to /health/ (the cheapest request that still
reaches Django and the database), p50 / p95 / p99 latency and the number of errors
(socket errors and answers that are not 2xx). A static file is measured in the same run.

    .venv/bin/python bench/run.py                       # SQLite in var/bench/
    bin/with-postgresql .venv/bin/python bench/run.py   # PostgreSQL (DATABASE_URL)

Options: --duration seconds per page (10), --connections (4), --threads (2),
--workers gunicorn workers (2), --port (8765), --only SUBSTRING to run some pages,
--reuse to skip building the database (SQLite only, after a first run).
Only 127.0.0.1 is loaded; gunicorn is stopped at the end, also on Ctrl-C or failure.
"""

import argparse
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_VAR = ROOT / "var" / "bench"
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
LUA = Path(__file__).resolve().parent / "wrk_report.lua"
HOST = "127.0.0.1"
MEMBER_EMAIL = "lid00001@large.example.org"
SEARCH = "bewoners wijk"
TAG = "wonen"
MEMBER_SEARCH = "jansen"
# A search with other words on every request: no stored page can answer it, so this row
# measures the search itself (bench/wrk_report.lua makes the queries).
VARIED_SEARCH = "/kennisbank/?q=*"

# What the server runs with: production settings, plain HTTP on 127.0.0.1.
SERVER_ENV = {
    "PRODUCTION": "true",
    "SECRET_KEY": "bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz-not-for-real-use",
    "ALLOWED_HOSTS": HOST,
    "SITE_URL": f"http://{HOST}",
    "SECURE_SSL_REDIRECT": "false",
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    "LOG_LEVEL": "ERROR",
}

# Finds the pages to load and logs the member in once: a session made the way
# django.contrib.auth.login makes one.
DISCOVER = """
import json
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from knowledge.models import Resource
from members.models import Profile, User
from sessions_app.models import Event
user = User.objects.get(email=EMAIL)
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
event = Event.objects.public().filter(status="published").upcoming().first()
item = Resource.objects.public().newest_first().first()
profile = Profile.objects.listed().exclude(user=user).order_by("display_name", "pk").first()
print("DISCOVER " + json.dumps({
    "session": session.session_key,
    "event": event.get_absolute_url(),
    "item": item.get_absolute_url(),
    "profile": f"/leden/{profile.pk}/",
}))
"""


def log(message: str) -> None:
    print(f"[bench {datetime.now():%H:%M:%S}] {message}", flush=True)


def run(args: list, env: dict, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], cwd=ROOT, env=env, check=True, **kwargs)


def ensure_wrk() -> str:
    wrk = shutil.which("wrk")
    if wrk is None:
        log("wrk is missing: installing the Debian package")
        run([ROOT / "bin" / "apt-install", "wrk"], os.environ.copy())
        wrk = shutil.which("wrk")
    return wrk


def prepare_database(env: dict, vendor: str, reuse: bool) -> None:
    if vendor == "sqlite" and reuse and (BENCH_VAR / "bench.sqlite3").exists():
        log("reusing var/bench/bench.sqlite3")
        return
    if vendor == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            (BENCH_VAR / f"bench.sqlite3{suffix}").unlink(missing_ok=True)
    # load_large_data refuses production settings, so the data goes in without them.
    build_env = {k: v for k, v in env.items() if k not in SERVER_ENV}
    log("migrate")
    run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], build_env)
    log("load_large_data --yes")
    started = time.monotonic()
    run([PYTHON, "manage.py", "load_large_data", "--yes"], build_env, stdout=subprocess.DEVNULL)
    log(f"large data set loaded in {time.monotonic() - started:.0f} s")


def static_css_url(env: dict) -> str:
    run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], env)
    manifest = json.loads((BENCH_VAR / "static" / "staticfiles.json").read_text())
    css = next(name for name in manifest["paths"] if name.endswith("site.css"))
    return "/static/" + manifest["paths"][css]


def discover(env: dict) -> dict:
    script = f"EMAIL = {MEMBER_EMAIL!r}\n{DISCOVER}"
    out = run([PYTHON, "manage.py", "shell", "-c", script], env, capture_output=True, text=True)
    line = next(ln for ln in out.stdout.splitlines() if ln.startswith("DISCOVER "))
    return json.loads(line.removeprefix("DISCOVER "))


def wait_until_up(port: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit("gunicorn stopped before it answered; see the output above.")
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/health/", timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    sys.exit("gunicorn did not answer /health/ within 60 s.")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def check_page(port: int, path: str, cookie: str | None, times: int = 6) -> int:
    path = path.replace("q=*", "q=bewoners+signaleren")
    """Warm every worker up on the page, and return its status (200 expected)."""
    opener = urllib.request.build_opener(NoRedirect)
    status = 0
    for _ in range(times):
        request = urllib.request.Request(f"http://{HOST}:{port}{path}")
        if cookie:
            request.add_header("Cookie", cookie)
        try:
            with opener.open(request, timeout=30) as response:
                response.read()
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
    return status


def load(wrk: str, args, port: int, path: str, cookie: str | None) -> dict:
    command = [
        wrk,
        f"--connections={args.connections}",
        f"--threads={args.threads}",
        f"--duration={args.duration}s",
        "--timeout=10s",
        "--latency",
        f"--script={LUA}",
        "--header=Host: 127.0.0.1",
    ]
    if cookie:
        command.append(f"--header=Cookie: {cookie}")
    if path == VARIED_SEARCH:
        command += [f"http://{HOST}:{port}/kennisbank/", "--", "vary"]
    else:
        command.append(f"http://{HOST}:{port}{path}")
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    match = re.search(r"^BENCH (.*)$", out, re.MULTILINE)
    if not match:
        sys.exit(f"could not read wrk's output:\n{out}")
    values = {k: int(v) for k, v in (pair.split("=") for pair in match.group(1).split())}
    values["rps"] = values["requests"] / (values["duration_us"] / 1e6)
    return values


def versions(env: dict, vendor: str) -> str:
    script = (
        "from django.db import connection\n"
        "c = connection.cursor()\n"
        "c.execute('select sqlite_version()' if connection.vendor == 'sqlite' "
        "else 'show server_version')\n"
        "print('DBVERSION', c.fetchone()[0])\n"
    )
    out = run([PYTHON, "manage.py", "shell", "-c", script], env, capture_output=True, text=True)
    db = next(ln for ln in out.stdout.splitlines() if ln.startswith("DBVERSION")).split()[1]
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    return (
        f"{os.cpu_count()} cores, {cpu}; Python {platform.python_version()}; "
        f"{'SQLite' if vendor == 'sqlite' else 'PostgreSQL'} {db}"
    )


def ms(microseconds: int) -> str:
    return f"{microseconds / 1000:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--only", default="")
    parser.add_argument("--reuse", action="store_true")
    args = parser.parse_args()

    BENCH_VAR.mkdir(parents=True, exist_ok=True)
    env = os.environ.copy()
    env["VAR_DIR"] = str(BENCH_VAR)
    env.setdefault("DATABASE_URL", f"sqlite:///{BENCH_VAR / 'bench.sqlite3'}")
    vendor = "sqlite" if env["DATABASE_URL"].startswith("sqlite") else "postgresql"
    wrk = ensure_wrk()
    prepare_database(env, vendor, args.reuse)
    env.update(SERVER_ENV)
    static = static_css_url(env)
    found = discover(env)
    cookie = f"sessionid={found['session']}"
    machine = versions(env, vendor)

    visitor_pages = [
        "/health/",
        static,
        "/",
        "/over/",
        "/agenda/",
        "/agenda/archief/",
        found["event"],
        "/agenda/feed.ics",
        "/kennisbank/",
        "/kennisbank/?q=" + SEARCH.replace(" ", "+"),
        VARIED_SEARCH,
        "/kennisbank/?tag=" + TAG,
        found["item"],
        "/kennisbank/feed/",
    ]
    member_pages = [
        "/",
        "/agenda/",
        "/kennisbank/",
        "/kennisbank/?q=" + SEARCH.replace(" ", "+"),
        VARIED_SEARCH,
        found["item"],
        "/leden/",
        "/leden/?q=" + MEMBER_SEARCH,
        found["profile"],
        "/agenda/mijn/",
    ]
    plan = [(p, "visitor", None) for p in visitor_pages] + [
        (p, "member", cookie) for p in member_pages
    ]
    plan = [step for step in plan if args.only in step[0] or step[0] == "/health/"]

    command = [
        GUNICORN,
        "atelier.wsgi",
        f"--bind={HOST}:{args.port}",
        f"--workers={args.workers}",
        "--threads=1",
        "--no-control-socket",  # gunicorn 27 shares one control socket path otherwise
    ]
    log(f"starting gunicorn ({args.workers} workers) on {HOST}:{args.port}")
    server = subprocess.Popen([str(c) for c in command], cwd=ROOT, env=env, start_new_session=True)

    def stop_server(*_signal):
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
        if _signal:
            sys.exit(1)

    signal.signal(signal.SIGTERM, stop_server)
    signal.signal(signal.SIGINT, stop_server)
    rows = []
    try:
        wait_until_up(args.port, server)
        for path, role, page_cookie in plan:
            status = check_page(args.port, path, page_cookie)
            log(f"{role:7} {path}  (answers {status})")
            result = load(wrk, args, args.port, path, page_cookie)
            result.update(path=path, role=role, status=status)
            rows.append(result)
    finally:
        stop_server()

    health = next(r["rps"] for r in rows if r["path"] == "/health/")
    when = datetime.now().strftime("%Y-%m-%d %H:%M")
    title = (
        f"{vendor}, {when}: wrk {args.connections} connections, {args.threads} threads, "
        f"{args.duration} s per page; gunicorn {args.workers} sync workers; {machine}"
    )
    lines = [
        title,
        "",
        "| page | role | req/s | ratio to /health/ | p50 ms | p95 ms | p99 ms | errors |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        errors = r["non2xx"] + r["socket_errors"]
        shown = "static site.css" if r["path"].startswith("/static/") else r["path"]
        if r["path"] == VARIED_SEARCH:
            shown = "/kennisbank/?q=… (other words every request)"
        lines.append(
            f"| `{shown}` | {r['role']} | {r['rps']:.0f} | {r['rps'] / health:.2f} | "
            f"{ms(r['p50'])} | {ms(r['p95'])} | {ms(r['p99'])} | {errors} |"
        )
    pages = [r for r in rows if r["path"] != "/health/" and not r["path"].startswith("/static/")]
    slow = [r for r in pages if r["p95"] >= 50_000]
    low = [r for r in pages if r["rps"] < health / 4]
    failed = [r for r in rows if r["non2xx"] + r["socket_errors"]]

    def named(missed):
        return ", ".join(f"{r['path']} ({r['role']})" for r in missed) or "none"

    lines += [
        "",
        f"Targets: pages with errors: {len(failed)}; "
        f"pages under 1/4 of /health/: {named(low)}; pages with p95 >= 50 ms: {named(slow)}",
    ]
    report = "\n".join(lines)
    print("\n" + report)
    out = BENCH_VAR / f"results-{vendor}-{datetime.now():%Y%m%d-%H%M%S}.md"
    out.write_text(report + "\n")
    log(f"written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
