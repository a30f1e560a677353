"""The site's benchmark: `make bench` (SQLite) and `make bench-postgres` (PostgreSQL).

Builds a fresh database with the large data set, serves it with gunicorn and production
settings on 127.0.0.1, and drives each page in turn with wrk (keep-alive HTTP, a fixed
number of concurrent connections), as a visitor and as a logged-in member. Prints, per
page: requests per second, that as a ratio to /health/ (the cheapest request that still
reaches Django and the database), p50 / p95 / p99 latency and the number of errors
(socket errors and answers that are not 2xx). A static file is measured in the same run.
Then each page's size on the wire, without and with `Accept-Encoding: gzip, br`.

The "mixed" scenario (run by default) loads each page twice more right after its
read-only run: once while 50 POSTs a second that the CSRF check refuses (403) arrive
beside wrk's reads, and once with those and 2 real writes a second on top (a member's
comment on an item, a member's registration for an event). It prints each page's
throughput in both as a share of its read-only figure, and what the writers sent.

    .venv/bin/python bench/run.py                       # SQLite in var/bench/
    bin/with-postgresql .venv/bin/python bench/run.py   # PostgreSQL (DATABASE_URL)

Options: --duration seconds per page (10), --connections (4), --threads (2),
--workers gunicorn workers (2), --port (8765), --only SUBSTRING to run some pages,
--reuse to skip building the database (SQLite only, after a first run), --read-only to
leave out the mixed scenario, --database-dir DIR to keep the SQLite databases in DIR
rather than var/bench/ (e.g. /dev/shm: on a machine that drops files from its page cache
after a few minutes, so that disk reads do not pass for the site's cost; see
docs/benchmarks.md, "The machine").

--scale N measures how the cost grows with the data: every page read-only on the large
data set and on N times it (a database each: var/bench/bench.sqlite3 and
bench-xN.sqlite3, or on PostgreSQL DATABASE_URL's database and a new one beside it named
with _xN), each with the page cache off and on, and prints the p95 of each side
by side with the growth per page (p95 at xN / p95 at large). Both sizes are served at
once (on --port and the next port), and each page is loaded at one size and then at
the other, so that both sides of a page's growth are measured within seconds.
Only 127.0.0.1 is loaded; gunicorn is stopped at the end, also on Ctrl-C or failure.
"""

import argparse
import http.client
import itertools
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
BENCH_VAR = ROOT / "var" / "bench"
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
LUA = Path(__file__).resolve().parent / "wrk_report.lua"
SERVER_LOG = BENCH_VAR / "gunicorn.log"
HOST = "127.0.0.1"
MEMBER_EMAIL = "lid00001@large.example.org"
SEARCH = "bewoners wijk"
TAG = "wonen"
MEMBER_SEARCH = "jansen"
# A search with other words on every request: no stored page can answer it, so this row
# measures the search itself (bench/wrk_report.lua makes the queries).
VARIED_SEARCH = "/kennisbank/?q=*"

# What a browser says it can unpack (the row "Bytes on the wire").
ACCEPT_COMPRESSED = "gzip, br"

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

# The mixed scenario: refused POSTs and real writes a second, beside wrk's reads.
REFUSED_PER_SECOND = 50
REFUSING_THREADS = 5
WRITES_PER_SECOND = 2  # a comment and a registration
WRITERS = 30  # members who write: a comment a second stays inside each one's rate limit
# Any 32 letters serve as the CSRF secret: the same value as cookie and form field.
CSRF_SECRET = "benchBenchBenchBenchBenchBench42"
COMMENT_MARK = "Bench-reactie"

# Finds the pages to load and logs the member (and the writers) in once: sessions made
# the way django.contrib.auth.login makes one.
DISCOVER = """
import json
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.urls import reverse
from django.utils import timezone
from django.contrib.auth.models import Group
from dashboard import year_reports
from dashboard.models import YearReport
from atelier.coordinator import COORDINATOR_GROUP
from django.db.models import Count
from knowledge.models import Authorship, Resource
from members import access
from members.models import Profile, User
from questions.models import Question
from sessions_app.models import CalendarFeed, Event, EventStatus
from sessions_app.registration import closed_reason

def log_in(user):
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key

user = User.objects.get(email=EMAIL)
event = Event.objects.public().filter(status=EventStatus.PUBLISHED).upcoming().first()
tool = Resource.objects.public().tools_and_cases().newest_first().first()
# Another page than the tool's: the table names each row by its address.
item = Resource.objects.public().exclude(pk=tool.pk).newest_first().first()
# The listed member with the most public items (the first by name among equals): their
# profile lists a full page of them, or nearly, at both sizes (the first listed by name had
# none at one size and some at the other, and the growth measured that difference).
# Counted per author first: asked together with "listed", SQLite took minutes at x10.
most_items = (
    Authorship.objects.accepted()
    .filter(resource__in=Resource.objects.public())
    .values_list("user")
    .annotate(items=Count("pk"))
    .order_by("-items")[:100]
)
names = dict(
    Profile.objects.listed().exclude(user=user)
    .filter(user__in=[author for author, _items in most_items])
    .values_list("user", "display_name")
)
_items, _name, author = min(
    (-items, names[author], author) for author, items in most_items if author in names
)
profile = Profile.objects.get(user=author)
question = Question.objects.published().newest_activity_first().first()
writers = [
    p.user for p in Profile.objects.listed().exclude(user=user).select_related("user")
    .order_by("pk") if access.can_contribute(p.user) and access.can_register_for_meetings(p.user)
][:WRITERS]
# Comments go to other items than the one measured, so its page keeps its size.
commented = list(
    Resource.objects.public().exclude(pk=item.pk).newest_first().values_list("slug", flat=True)[:50]
)
registrations = []
for number, writer in enumerate(writers):
    taken = set(writer.registrations.active().values_list("event_id", flat=True))
    events = [
        open_event.slug
        for open_event in Event.objects.visible_to(writer)
        .upcoming()
        .filter(status=EventStatus.PUBLISHED)
        if open_event.pk not in taken and closed_reason(open_event) is None
    ]
    events = events[number % len(events):] + events[:number % len(events)] if events else []
    registrations += [(position, number, slug) for position, slug in enumerate(events)]
# In turn: each writer's first event (each starts at another), then each one's second, ...
registrations = [[number, slug] for _position, number, slug in sorted(registrations)]
calendar, _new = CalendarFeed.objects.get_or_create(user=user)
# The large data set has no coordinator: one for the dashboard, in the coordinator's group.
coordinator, _new = User.objects.get_or_create(
    email="bench-coordinator@example.org", defaults={"is_staff": True}
)
coordinator.groups.add(Group.objects.get(name=COORDINATOR_GROUP))
# Nor a yearly report: last year's, as the coordinator makes one (a few of the year's public
# stories, the figures taken), published. Made once; a reused database keeps it.
report, _new = YearReport.objects.get_or_create(year=timezone.localdate().year - 1)
if not report.is_published:
    year_reports.pick_stories(report, year_reports.stories_to_choose(report.year)[:5])
    year_reports.take_figures(report)
    year_reports.publish(report)
print("DISCOVER " + json.dumps({
    "personal_feed": f"/agenda/persoonlijk/{calendar.token}.ics",
    "session": log_in(user),
    "coordinator_session": log_in(coordinator),
    "event": event.get_absolute_url(),
    "item": item.get_absolute_url(),
    "handout": reverse("knowledge:handout", args=[tool.slug]),
    "tool": tool.get_absolute_url(),
    "profile": f"/leden/{profile.pk}/",
    "report": report.get_absolute_url(),
    "report_pdf": report.get_pdf_url(),
    "question": question.get_absolute_url(),
    "writers": [log_in(writer) for writer in writers],
    "commented": commented,
    "registrations": registrations,
}))
"""
# The handout of the longest public tool or case, rendered as when nobody downloaded it
# before (its stored one removed), in a process of its own: first another item's handout
# (the first in a process also loads translations and fonts), then the one measured.
FIRST_HANDOUT = """
import time
from django.db.models.functions import Length
from knowledge import handouts
from knowledge.models import Handout, Resource
tools = Resource.objects.public().tools_and_cases()
big = tools.annotate(length=Length("body")).order_by("-length").first()
other = tools.exclude(pk=big.pk).first()
started = time.perf_counter()
handouts.render_handout(other, handouts.latest_version(other))
first = time.perf_counter() - started
Handout.objects.filter(resource=big).delete()
started = time.perf_counter()
handouts.handout_for(big)
print("HANDOUT", big.length, first, time.perf_counter() - started)
"""
# After the run: what the writers' requests left in the database.
COUNT_WRITES = """
from knowledge.models import Comment
from sessions_app.models import Registration
print("WRITES", Comment.objects.filter(body__startswith=MARK).count(), Registration.objects.count())
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


def prepare_database(
    env: dict, vendor: str, reuse: bool, scale: float = 1, database_dir: Path = BENCH_VAR
) -> None:
    database = database_dir / sqlite_name(scale)
    if vendor == "sqlite" and reuse and database.exists():
        log(f"reusing {database}")
        return
    if vendor == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            (database_dir / f"{database.name}{suffix}").unlink(missing_ok=True)
    # load_large_data refuses production settings, so the data goes in without them.
    build_env = {k: v for k, v in env.items() if k not in SERVER_ENV}
    log("migrate")
    run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], build_env)
    log(f"load_large_data --yes --scale {scale:g}")
    started = time.monotonic()
    # Each step's time goes to a log beside the database: the figures of docs/benchmarks.md.
    load_log = BENCH_VAR / f"load-{database.stem}.log"
    with load_log.open("w") as out:
        run(
            [PYTHON, "manage.py", "load_large_data", "--yes", f"--scale={scale:g}"],
            build_env,
            stdout=out,
        )
    log(
        f"large data set (scale {scale:g}) loaded in {time.monotonic() - started:.0f} s "
        f"(steps in {load_log.relative_to(ROOT)})"
    )


def sqlite_name(scale: float) -> str:
    return "bench.sqlite3" if scale == 1 else f"bench-x{scale:g}.sqlite3"


def static_css_url(env: dict) -> str:
    run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], env)
    manifest = json.loads((BENCH_VAR / "static" / "staticfiles.json").read_text())
    css = next(name for name in manifest["paths"] if name.endswith("site.css"))
    return "/static/" + manifest["paths"][css]


def discover(env: dict) -> dict:
    script = f"EMAIL = {MEMBER_EMAIL!r}\nWRITERS = {WRITERS}\n{DISCOVER}"
    out = run([PYTHON, "manage.py", "shell", "-c", script], env, capture_output=True, text=True)
    line = next(ln for ln in out.stdout.splitlines() if ln.startswith("DISCOVER "))
    return json.loads(line.removeprefix("DISCOVER "))


def first_handout(env: dict) -> str:
    """The report's line on rendering a handout that is not stored yet (target: under 2 s)."""
    out = run(
        [PYTHON, "manage.py", "shell", "-c", FIRST_HANDOUT], env, capture_output=True, text=True
    )
    line = next(ln for ln in out.stdout.splitlines() if ln.startswith("HANDOUT "))
    _mark, length, first, seconds = line.split()
    verdict = "met" if float(seconds) < 2 else "MISSED"
    return (
        f"Handout not stored yet, the longest public tool or case ({int(length):,} characters): "
        f"rendered and stored in {float(seconds):.2f} s (target under 2 s: {verdict}); "
        f"the first handout of a fresh process took {float(first):.2f} s"
    )


def wait_until_up(port: int, server: subprocess.Popen, log_path: Path = SERVER_LOG) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn stopped before it answered; see {log_path.relative_to(ROOT)}.")
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/health/", timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    sys.exit("gunicorn did not answer /health/ within 60 s.")


@contextmanager
def gunicorn(env: dict, args, port: int, log_path: Path = SERVER_LOG, preload: bool = False):
    """gunicorn serving the site of `env` on `port` (args.workers sync workers), stopped on
    leaving the block, also on failure or Ctrl-C; yields its master process. Its output
    goes to `log_path`: the refused POSTs of the mixed scenario are logged, 50 a second."""
    command = [
        GUNICORN,
        "atelier.wsgi",
        f"--bind={HOST}:{port}",
        f"--workers={args.workers}",
        "--threads=1",
        "--no-control-socket",  # gunicorn 27 shares one control socket path otherwise
        *(["--preload"] if preload else []),
    ]
    log(f"starting gunicorn ({args.workers} workers) on {HOST}:{port}")
    log(f"its log: {log_path.relative_to(ROOT)}")
    with log_path.open("w") as output:
        server = subprocess.Popen(
            [str(part) for part in command],
            cwd=ROOT,
            env=env,
            start_new_session=True,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_until_up(port, server, log_path)
            yield server
        finally:
            if server.poll() is None:
                os.killpg(server.pid, signal.SIGTERM)
                try:
                    server.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    os.killpg(server.pid, signal.SIGKILL)


def stop_on_sigterm() -> None:
    """A SIGTERM ends the run as Ctrl-C does: the servers' blocks stop them on the way out."""
    signal.signal(signal.SIGTERM, lambda *_signal: sys.exit(1))


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def concrete_path(path: str) -> str:
    """The address as one request asks it (the varied search with one set of words)."""
    return path.replace("q=*", "q=bewoners+signaleren")


def check_page(port: int, path: str, cookie: str | None, times: int = 6) -> int:
    """Warm every worker up on the page, and return its status (200 expected)."""
    path = concrete_path(path)
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


def wire_sizes(port: int, path: str, cookie: str | None) -> dict:
    """The answer's bytes on the wire without Accept-Encoding and with it (one request
    each), and what it came encoded with."""
    sizes = {}
    for name, accepted in (("bytes", None), ("compressed_bytes", ACCEPT_COMPRESSED)):
        connection = http.client.HTTPConnection(HOST, port, timeout=30)
        headers = {"Host": HOST, **({"Cookie": cookie} if cookie else {})}
        if accepted:
            headers["Accept-Encoding"] = accepted
        try:
            connection.request("GET", concrete_path(path), headers=headers)
            response = connection.getresponse()
            sizes[name] = len(response.read())
        finally:
            connection.close()
    sizes["encoding"] = response.getheader("Content-Encoding", "none")
    return sizes


def size_report(rows: list) -> list[str]:
    """Each page's size without and with compression asked for."""
    lines = [
        "",
        f"Bytes on the wire: without Accept-Encoding, and with `{ACCEPT_COMPRESSED}` (and what "
        "came back; a signed-in member's pages are never compressed: atelier/compression.py).",
        "",
        "| page | role | KiB | KiB asked compressed | encoding | share |",
        "|---|---|---:|---:|---|---:|",
    ]
    for r in rows:
        lines.append(
            f"| `{shown_path(r['path'])}` | {r['role']} | {r['bytes'] / 1024:.1f} | "
            f"{r['compressed_bytes'] / 1024:.1f} | {r['encoding']} | "
            f"{r['compressed_bytes'] / max(r['bytes'], 1):.0%} |"
        )
    return lines


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


def post(port: int, path: str, form: dict, cookie: str | None) -> int:
    """One POST as a browser's form sends it; its status (a redirect is not followed)."""
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    headers = {"Host": HOST, "Content-Type": "application/x-www-form-urlencoded"}
    if cookie:
        headers["Cookie"] = cookie
    try:
        connection.request("POST", path, urllib.parse.urlencode(form), headers)
        response = connection.getresponse()
        response.read()
        return response.status
    except OSError:
        return 0
    finally:
        connection.close()


class Paced(threading.Thread):
    """Calls `send(number)` `per_second` times a second until stopped, on a fixed
    schedule (a late answer does not move the calls after it); counts what it returns."""

    def __init__(self, per_second: float, send, numbers=None):
        super().__init__(daemon=True)
        self.per_second, self.send = per_second, send
        self.numbers = numbers or itertools.count()
        self.stopping = threading.Event()
        self.answers = Counter()

    def run(self) -> None:
        started = time.monotonic()
        for count, number in enumerate(self.numbers):
            due = started + count / self.per_second
            if self.stopping.wait(max(0.0, due - time.monotonic())):
                return
            self.answers[self.send(number)] += 1

    def stop(self) -> Counter:
        self.stopping.set()
        self.join()
        return self.answers


class Writers:
    """The POSTs of the mixed scenario: refused ones, and members' comments and
    registrations."""

    def __init__(self, port: int, found: dict):
        self.port = port
        self.found = found
        self.member_cookie = f"sessionid={found['session']}"
        self.registrations = iter(found["registrations"])
        self.comment_numbers = itertools.count()  # the comments go on from pass to pass

    def refused(self, number: int) -> str:
        """A POST without a CSRF token, which the site refuses (403) before any view."""
        item = self.found["item"]
        targets = [
            ("/i18n/setlang/", {"language": "en"}, None),
            (f"{item}reacties/", {"body": "Zonder token."}, self.member_cookie),
            (f"{self.found['event']}aanmelden/", {}, None),
        ]
        path, form, cookie = targets[number % len(targets)]
        return f"refused {post(self.port, path, form, cookie)}"

    def _as_writer(self, number: int) -> str:
        writers = self.found["writers"]
        return f"sessionid={writers[number % len(writers)]}; csrftoken={CSRF_SECRET}"

    def comment(self, number: int) -> str:
        commented = self.found["commented"]
        slug = commented[number % len(commented)]
        form = {
            "csrfmiddlewaretoken": CSRF_SECRET,
            "body": f"{COMMENT_MARK} {number}: dit hebben we ook geprobeerd.",
        }
        status = post(self.port, f"/kennisbank/{slug}/reacties/", form, self._as_writer(number))
        return f"comment {status}"

    def register(self, _number: int) -> str:
        pair = next(self.registrations, None)  # only this thread registers
        if pair is None:
            return "registration: none left"
        writer, slug = pair
        form = {"csrfmiddlewaretoken": CSRF_SECRET}
        status = post(self.port, f"/agenda/{slug}/aanmelden/", form, self._as_writer(writer))
        return f"registration {status}"

    def start(self, with_writes: bool) -> list[Paced]:
        # Several threads, so that slow answers under load do not lower the rate sent.
        share = REFUSED_PER_SECOND / REFUSING_THREADS
        threads = [
            Paced(share, self.refused, itertools.count(first, REFUSING_THREADS))
            for first in range(REFUSING_THREADS)
        ]
        if with_writes:
            threads += [
                Paced(WRITES_PER_SECOND / 2, self.comment, self.comment_numbers),
                Paced(WRITES_PER_SECOND / 2, self.register),
            ]
        for thread in threads:
            thread.start()
        return threads


def count_writes(env: dict) -> tuple[int, int]:
    script = f"MARK = {COMMENT_MARK!r}\n{COUNT_WRITES}"
    out = run([PYTHON, "manage.py", "shell", "-c", script], env, capture_output=True, text=True)
    line = next(ln for ln in out.stdout.splitlines() if ln.startswith("WRITES "))
    comments, registrations = line.split()[1:]
    return int(comments), int(registrations)


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


def shown_path(path: str) -> str:
    if path == VARIED_SEARCH:
        return "/kennisbank/?q=… (other words every request)"
    return "static site.css" if path.startswith("/static/") else path


def mixed_report(mixed: list, sent: Counter, before: tuple, after: tuple) -> list[str]:
    """The mixed scenario's table: each page's throughput as a share of its read-only one."""
    lines = [
        "",
        f"Mixed: each page again with {REFUSED_PER_SECOND} refused POSTs a second (403, no "
        f"CSRF token), then with those and {WRITES_PER_SECOND} real writes a second (a "
        "comment and a registration); share = req/s as a part of the read-only run.",
        "",
        "| page | role | read-only req/s | with refused POSTs: req/s | share | p99 ms "
        "| with writes too: req/s | share | p99 ms |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for m in mixed:
        read, refused, writes = m["read"]["rps"], m["refused"], m["writes"]
        lines.append(
            f"| `{shown_path(m['path'])}` | {m['role']} | {read:.0f} | {refused['rps']:.0f} | "
            f"{refused['rps'] / read:.0%} | {ms(refused['p99'])} | {writes['rps']:.0f} | "
            f"{writes['rps'] / read:.0%} | {ms(writes['p99'])} |"
        )
    refused_seconds = sum(m["refused_seconds"] + m["writes_seconds"] for m in mixed)
    writes_seconds = sum(m["writes_seconds"] for m in mixed)
    refused_sent = sum(n for answer, n in sent.items() if answer.startswith("refused"))
    writes_sent = sum(n for answer, n in sent.items() if not answer.startswith("refused"))
    answers = ", ".join(f"{answer}: {n}" for answer, n in sorted(sent.items()))
    cached = [m for m in mixed if m["path"] != VARIED_SEARCH]  # every other page is stored

    def below(scenario: str, share: float) -> str:
        missed = [m for m in cached if m[scenario]["rps"] < share * m["read"]["rps"]]
        return ", ".join(f"{m['path']} ({m['role']})" for m in missed) or "none"

    lines += [
        "",
        f"Sent: {refused_sent} refused POSTs in {refused_seconds:.0f} s "
        f"({refused_sent / refused_seconds:.1f} a second), {writes_sent} writes in "
        f"{writes_seconds:.0f} s ({writes_sent / writes_seconds:.1f} a second); answers: "
        f"{answers}. In the database afterwards: {after[0] - before[0]} new comments, "
        f"{after[1] - before[1]} new registrations.",
        "",
        f"Targets (mixed, stored pages): under 80 % with refused POSTs: "
        f"{below('refused', 0.8)}; under 50 % with writes: {below('writes', 0.5)}",
    ]
    return lines


def page_plan(found: dict, static: str, only: str) -> list[tuple[str, str, str | None]]:
    """Every page to load, as (path, role, cookie): the visitor's, the member's, then the
    coordinator's.

    One list per role: a new page of the site is one more line here.
    """
    cookie = f"sessionid={found['session']}"
    search = "/kennisbank/?q=" + SEARCH.replace(" ", "+")
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
        search,
        VARIED_SEARCH,
        "/kennisbank/?tag=" + TAG,
        found["item"],
        found["tool"],
        found["handout"],
        "/kennisbank/feed/",
        "/opbrengst/",
        found["report"],
        found["report_pdf"],
        "/zoeken/?q=" + SEARCH.replace(" ", "+"),
        "/vragen/",
        "/vragen/?q=" + SEARCH.replace(" ", "+"),
        "/vragen/feed/",
    ]
    member_pages = [
        "/",
        "/agenda/",
        "/agenda/archief/",
        found["event"],
        "/kennisbank/",
        search,
        VARIED_SEARCH,
        "/kennisbank/?tag=" + TAG,
        found["item"],
        found["tool"],
        found["tool"] + "versies/",
        found["tool"] + "gebruikt/",
        found["handout"],
        "/opbrengst/",
        "/leden/",
        "/leden/?q=" + MEMBER_SEARCH,
        "/zoeken/?q=" + SEARCH.replace(" ", "+"),
        found["profile"],
        "/agenda/mijn/",
        "/mijn/",
        "/meldingen/",
        "/vragen/",
        "/vragen/?q=" + SEARCH.replace(" ", "+"),
        found["question"],
        found["personal_feed"],
    ]
    # The coordinator's pages in the admin.
    coordinator_pages = ["/admin/overzicht/"]
    coordinator_cookie = f"sessionid={found['coordinator_session']}"
    plan = (
        [(p, "visitor", None) for p in visitor_pages]
        + [(p, "member", cookie) for p in member_pages]
        + [(p, "coordinator", coordinator_cookie) for p in coordinator_pages]
    )
    return [step for step in plan if only in step[0] or step[0] == "/health/"]


def serve_and_load(env: dict, args, wrk: str, plan: list, writers: "Writers | None") -> tuple:
    """Start gunicorn, load each page of the plan (and the mixed scenario with `writers`),
    stop it; returns the rows, the mixed rows and what the writers were answered."""
    rows, mixed, sent = [], [], Counter()
    with gunicorn(env, args, args.port):
        for path, role, page_cookie in plan:
            status = check_page(args.port, path, page_cookie)
            log(f"{role:7} {path}  (answers {status})")
            result = load(wrk, args, args.port, path, page_cookie)
            result.update(
                path=path, role=role, status=status, **wire_sizes(args.port, path, page_cookie)
            )
            rows.append(result)
            if writers is None or path == "/health/" or path.startswith("/static/"):
                continue
            shares = {"path": path, "role": role, "read": result}
            for scenario, with_writes in (("refused", False), ("writes", True)):
                threads = writers.start(with_writes)
                started = time.monotonic()
                shares[scenario] = load(wrk, args, args.port, path, page_cookie)
                shares[f"{scenario}_seconds"] = time.monotonic() - started
                for thread in threads:
                    sent += thread.stop()
            mixed.append(shares)
            log(
                f"{role:7} {path}  mixed: {shares['refused']['rps'] / result['rps']:.0%} "
                f"with refused POSTs, {shares['writes']['rps'] / result['rps']:.0%} with writes"
            )
    return rows, mixed, sent


def bench_environment(args, scale: float = 1) -> tuple[dict, str]:
    env = os.environ.copy()
    env["VAR_DIR"] = str(BENCH_VAR)
    database_dir = getattr(args, "database_dir", BENCH_VAR)
    env.setdefault("DATABASE_URL", f"sqlite:///{database_dir / sqlite_name(scale)}")
    vendor = "sqlite" if env["DATABASE_URL"].startswith("sqlite") else "postgresql"
    if vendor == "postgresql" and scale != 1:
        env["DATABASE_URL"] = new_postgresql_database(env["DATABASE_URL"], scale)
    return env, vendor


def new_postgresql_database(url: str, scale: float) -> str:
    """The address of an empty database for the data set at `scale`, made beside the one
    `url` names (on the same server, by the same role: bin/with-postgresql's role may)."""
    parts = urllib.parse.urlsplit(url)
    name = f"{parts.path.lstrip('/')}_x{scale:g}".replace(".", "_")
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))


def growth_report(scale: float, results: dict, title: str) -> str:
    """The p95 of every page at both sizes, page cache off and on, and how it grew."""
    larger = f"x{scale:g}"
    lines = [
        title,
        "",
        f"p95 in ms at the large data set and at {scale:g} times it; growth = p95 {larger} / "
        "p95 large (target: at most 1.5 with the page cache off, and under 100 ms at large).",
        "",
        f"| page | role | cache off: large | {larger} | growth | cache on: large | {larger} "
        "| growth |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    keys = [(r["path"], r["role"]) for r in results[(1, "off")]]
    index = {run: {(r["path"], r["role"]): r for r in rows} for run, rows in results.items()}
    missed = []
    for key in keys:
        path, role = key
        if path == "/health/" or path.startswith("/static/"):
            continue
        cells = []
        for cache in ("off", "on"):
            small, big = index[(1, cache)].get(key), index[(scale, cache)].get(key)
            if small is None or big is None:
                cells += ["", "", ""]
                continue
            growth = big["p95"] / max(small["p95"], 1)
            cells += [ms(small["p95"]), ms(big["p95"]), f"{growth:.2f}"]
            if cache == "off" and (growth > 1.5 or small["p95"] >= 100_000):
                missed.append(f"{shown_path(path)} ({role})")
        lines.append(f"| `{shown_path(path)}` | {role} | " + " | ".join(cells) + " |")
    lines += ["", f"Targets missed (page cache off): {', '.join(missed) or 'none'}"]
    return "\n".join(lines)


@dataclass
class Size:
    """One size of the data set, as main_scale serves it: its site and its plan of pages."""

    scale: float
    env: dict
    found: dict
    plan: list
    port: int

    @property
    def log_path(self) -> Path:
        return BENCH_VAR / f"gunicorn-x{self.scale:g}.log"


def main_scale(args, wrk: str) -> None:
    """Both sizes, page cache off and on, read-only: how each page's cost grows.

    The two sizes are served side by side (on --port and the next one), and each page is
    loaded at the large size and right after at the larger one: a shared virtual machine
    whose speed drifts during a run (this one's did, by up to twice between runs) then
    weighs on both sides of a page's growth alike, where one size after the other put a
    drift of minutes between them. The server that is not being loaded waits, idle.
    """
    sizes, handouts, machine, vendor = [], [], "", ""
    for number, scale in enumerate((1, args.scale)):
        env, vendor = bench_environment(args, scale)
        prepare_database(env, vendor, args.reuse, scale, args.database_dir)
        env.update(SERVER_ENV)
        found = discover(env)
        plan = page_plan(found, static_css_url(env), args.only)
        sizes.append(Size(scale, env, found, plan, args.port + number))
        machine = versions(env, vendor)
        handouts.append(f"x{scale:g}: {first_handout(env)}")
    large, larger = sizes
    named = [
        [generic_path(path, size.found) for path, _role, _cookie in size.plan] for size in sizes
    ]
    if named[0] != named[1]:
        sys.exit("the two sizes' plans name different pages")
    results: dict = {}
    for cache, seconds in (("off", "0"), ("on", os.environ.get("PAGE_CACHE_SECONDS", "60"))):
        log(f"page cache {cache}: both sizes side by side")
        with ExitStack() as servers:
            for size in sizes:
                env = {**size.env, "PAGE_CACHE_SECONDS": seconds}
                servers.enter_context(gunicorn(env, args, size.port, size.log_path))
            for steps in zip(large.plan, larger.plan, strict=True):
                for size, (path, role, cookie) in zip(sizes, steps, strict=True):
                    status = check_page(size.port, path, cookie)
                    log(f"x{size.scale:g} {role:7} {path}  (answers {status})")
                    result = load(wrk, args, size.port, path, cookie)
                    result.update(path=generic_path(path, size.found), role=role, status=status)
                    results.setdefault((size.scale, cache), []).append(result)
    title = (
        f"{vendor}, {datetime.now():%Y-%m-%d %H:%M}: large and x{args.scale:g}, page cache off and "
        f"on, each page at both sizes in turn; wrk {args.connections} connections, "
        f"{args.threads} threads, {args.duration} s per page; gunicorn {args.workers} sync "
        f"workers; {machine}{database_place(args, vendor)}"
    )
    report = "\n\n".join([growth_report(args.scale, results, title), *handouts])
    print("\n" + report)
    out = BENCH_VAR / f"results-scale-{vendor}-{datetime.now():%Y%m%d-%H%M%S}.md"
    out.write_text(report + "\n")
    log(f"written to {out.relative_to(ROOT)}")


def database_place(args, vendor: str) -> str:
    """For the title of a table: where SQLite's files were, when not in var/bench/."""
    if vendor != "sqlite" or args.database_dir == BENCH_VAR:
        return ""
    return f"; the SQLite databases in {args.database_dir}"


def generic_path(path: str, found: dict) -> str:
    """The same page at both sizes under one name (each database has its own event...)."""
    names = {
        found["event"]: "/agenda/<an event>/",
        found["item"]: "/kennisbank/<an item>/",
        found["handout"]: "/kennisbank/<a tool>.pdf",
        found["tool"]: "/kennisbank/<a tool>/",
        found["tool"] + "versies/": "/kennisbank/<a tool>/versies/",
        found["tool"] + "gebruikt/": "/kennisbank/<a tool>/gebruikt/",
        found["profile"]: "/leden/<a profile>/",
        found["question"]: "/vragen/<a question>/",
        found["personal_feed"]: "/agenda/persoonlijk/<token>.ics",
    }
    return names.get(path, path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--only", default="")
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--read-only", action="store_true", help="leave out the mixed scenario")
    parser.add_argument("--scale", type=float, help="also measure at this many times the data")
    parser.add_argument(
        "--database-dir", type=Path, default=BENCH_VAR, help="where the SQLite databases go"
    )
    args = parser.parse_args()

    BENCH_VAR.mkdir(parents=True, exist_ok=True)
    args.database_dir.mkdir(parents=True, exist_ok=True)
    stop_on_sigterm()
    wrk = ensure_wrk()
    if args.scale:
        main_scale(args, wrk)
        return
    env, vendor = bench_environment(args)
    prepare_database(env, vendor, args.reuse, database_dir=args.database_dir)
    env.update(SERVER_ENV)
    static = static_css_url(env)
    found = discover(env)
    handout_line = first_handout(env)
    machine = versions(env, vendor)
    writes_before = count_writes(env)
    writers = None if args.read_only else Writers(args.port, found)
    plan = page_plan(found, static, args.only)
    rows, mixed, sent = serve_and_load(env, args, wrk, plan, writers)
    health = next(r["rps"] for r in rows if r["path"] == "/health/")
    when = datetime.now().strftime("%Y-%m-%d %H:%M")
    title = (
        f"{vendor}, {when}: wrk {args.connections} connections, {args.threads} threads, "
        f"{args.duration} s per page; gunicorn {args.workers} sync workers; {machine}"
        f"{database_place(args, vendor)}"
    )
    lines = [
        title,
        "",
        "| page | role | req/s | ratio to /health/ | p50 ms | p95 ms | p99 ms | errors |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        errors = r["non2xx"] + r["socket_errors"]
        lines.append(
            f"| `{shown_path(r['path'])}` | {r['role']} | {r['rps']:.0f} | "
            f"{r['rps'] / health:.2f} | {ms(r['p50'])} | {ms(r['p95'])} | {ms(r['p99'])} | "
            f"{errors} |"
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
        "",
        handout_line,
        *size_report(rows),
    ]
    if mixed:
        lines += mixed_report(mixed, sent, writes_before, count_writes(env))
    report = "\n".join(lines)
    print("\n" + report)
    out = BENCH_VAR / f"results-{vendor}-{datetime.now():%Y%m%d-%H%M%S}.md"
    out.write_text(report + "\n")
    log(f"written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
