"""Load and faults through real HTTP: gunicorn with several workers on the test database.

The other concurrency tests call the registration rules from threads; these go through
the whole stack as production runs it: gunicorn (3 sync workers), Django's middleware,
sessions, CSRF, the page cache, rate limits in the shared database cache. The test
database is committed (`transactional_db`) and gunicorn is pointed at it, so the suite
runs these on SQLite (`make test`) and again on PostgreSQL (`make test-postgres`, CI).

1. A burst: 40 members, each logged in with their own session, press "Register" for
   an event with 10 places at the same moment.
2. A mixed load for a minute (LOAD_TEST_SECONDS shortens it outside CI): visitors and
   members reading pages and feeds, members registering and cancelling (by the link the
   event page offers), guests registering and confirming, members commenting, while a
   checker watches the database.
3. A worker is killed (SIGKILL) while it serves a write: the master starts a new one, no
   answered write is lost and the database stays consistent.

Everywhere: no 5xx, never more confirmed than places, nobody waiting while a place is
free, one active registration per person, the waiting list first come first served, and
no "database is locked" (nor any traceback) in gunicorn's output.
"""

import os
import random
import re
import signal
import socket
import subprocess
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.messages import constants as message_level
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.db.models import Count

from knowledge.models import Comment, Visibility
from members.models import ParticipationLevel
from sessions_app.models import EventKind, Registration, RegistrationStatus

from .conftest import run_threads
from .factories import make_event, make_item, make_member
from .http_browser import REQUEST_SECONDS, Answer, Browser
from .processes import children

# Alone, after the tests in parallel (Makefile): gunicorn's workers want the cores.
pytestmark = pytest.mark.serial

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
HOST = "127.0.0.1"
WORKERS = 3
# Three workers import Django at once; on a busy two-core machine that takes a while.
BOOT_SECONDS = 120
# CI always runs the full minute; locally LOAD_TEST_SECONDS may shorten it.
LOAD_SECONDS = 60.0 if os.environ.get("CI") else float(os.environ.get("LOAD_TEST_SECONDS", 60))
# How much longer the mixed load may run to get enough of each kind of work done.
STALL_SECONDS = 180
CANCEL_FORM = re.compile(r'action="(/agenda/afmelden/[^/"]+/)"')
# What gunicorn's output must never hold (a killed worker is reported, but not like this).
BAD_OUTPUT = ("database is locked", "Traceback", "Internal Server Error", "WORKER TIMEOUT")


# --- gunicorn on the test database ---------------------------------------------------


def database_url() -> str:
    """The test database (not the configured one), as DATABASE_URL for gunicorn."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    assert connection.vendor == "postgresql", connection.vendor
    user = quote(db["USER"] or "", safe="")
    password = quote(db["PASSWORD"] or "", safe="")
    credentials = f"{user}:{password}@" if password else f"{user}@" if user else ""
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{credentials}{db['HOST'] or 'localhost'}{port}/{quote(db['NAME'])}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


class Gunicorn:
    """gunicorn serving atelier.wsgi on a free port of 127.0.0.1, on the test database."""

    def __init__(self, folder: Path):
        self.port = free_port()
        self.folder = folder
        self.stderr_path = folder / "gunicorn.stderr"
        self.process: subprocess.Popen | None = None
        self.output_from = 0

    def start(self) -> None:
        var = self.folder / "var"
        (var / "static").mkdir(parents=True)  # WhiteNoise warns when it is missing
        env = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "SECRET_KEY": settings.SECRET_KEY,  # sessions made by the test must work
            "ALLOWED_HOSTS": HOST,
            "DEBUG": "false",
            "CONN_MAX_AGE": "60",  # as in production
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "VAR_DIR": str(var),
            "MEDIA_ROOT": str(var / "media"),
            "LOG_LEVEL": "WARNING",
        }
        env.pop("PRODUCTION", None)  # production would need collectstatic and HTTPS
        command = [
            str(GUNICORN),
            "atelier.wsgi",
            f"--bind={HOST}:{self.port}",
            f"--workers={WORKERS}",
            "--worker-class=sync",
            "--timeout=30",
            "--graceful-timeout=5",
            "--no-control-socket",  # its default path is shared by every gunicorn
            f"--access-logfile={self.folder / 'access.log'}",
        ]
        with open(self.stderr_path, "wb") as stderr:
            self.process = subprocess.Popen(
                command,
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=stderr,
                start_new_session=True,  # its own process group: stopped as a whole
            )
        self.wait_for_workers()

    def wait_for_workers(self, seconds: float = BOOT_SECONDS) -> None:
        """Until the master runs all its workers and one of them answers /health/."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"gunicorn stopped:\n{self.output()}")
            try:
                if (
                    len(self.workers()) == WORKERS
                    and Browser(self.port).get("/health/").status == 200
                ):
                    return
            except OSError:
                pass
            time.sleep(0.2)
        pytest.fail(f"gunicorn did not answer /health/ within {seconds:.0f} s:\n{self.output()}")

    def wait_until_replaced(self, victim: int, seconds: float = BOOT_SECONDS) -> None:
        """Until the master has reaped the killed worker and runs a full set again.

        A killed worker stays in /proc, first dying and then as a zombie, until the master
        reaps it; only then does the master start its replacement. Counting workers before
        that would count the dying one, so wait for its /proc entry to go first.
        """
        deadline = time.monotonic() + seconds
        while Path(f"/proc/{victim}").exists():
            if self.process.poll() is not None:
                pytest.fail(f"gunicorn stopped:\n{self.output()}")
            if time.monotonic() > deadline:
                pytest.fail(f"the master did not reap worker {victim} within {seconds:.0f} s")
            time.sleep(0.05)
        self.wait_for_workers(max(deadline - time.monotonic(), 1.0))

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def mark_output(self) -> None:
        self.output_from = self.stderr_path.stat().st_size

    def output(self) -> str:
        """What gunicorn wrote to stderr since the test began."""
        with open(self.stderr_path, "rb") as stderr:
            stderr.seek(self.output_from)
            return stderr.read().decode(errors="replace")

    def assert_clean_output(self) -> None:
        output = self.output()
        found = [bad for bad in BAD_OUTPUT if bad in output]
        assert not found, f"gunicorn's output holds {found}:\n{output[-6000:]}"

    def workers(self) -> set[int]:
        """The master's living children."""
        return children(self.process.pid)

    def busy_workers(self) -> set[int]:
        """Workers holding an established connection from a client: mid-request."""
        inodes = set()
        for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
            columns = line.split()
            local_port = int(columns[1].rsplit(":", 1)[1], 16)
            if local_port == self.port and columns[3] == "01":  # ESTABLISHED
                inodes.add(f"socket:[{columns[9]}]")
        busy = set()
        for pid in self.workers():
            try:
                links = {os.readlink(fd) for fd in Path(f"/proc/{pid}/fd").iterdir()}
            except OSError:
                continue
            if links & inodes:
                busy.add(pid)
        return busy


@pytest.fixture(scope="module")
def gunicorn_server(django_db_setup, django_db_blocker, tmp_path_factory):
    """One gunicorn for the module: workers take seconds to boot on a busy machine."""
    with django_db_blocker.unblock():
        tables = connection.introspection.table_names()
    assert "atelier_cache" in tables, "the shared cache table is missing from the test database"
    server = Gunicorn(tmp_path_factory.mktemp("gunicorn"))
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture
def gunicorn(transactional_db, gunicorn_server):
    """The running gunicorn, with an empty shared cache and its output read from here on."""
    with connection.cursor() as cursor:
        # Rate-limit counters and the page generation of an earlier test must not leak.
        cursor.execute("DELETE FROM atelier_cache")
    gunicorn_server.wait_for_workers()
    gunicorn_server.mark_output()
    return gunicorn_server


# --- Members' sessions -----------------------------------------------------------


def log_in(user) -> str:
    """A session as django.contrib.auth.login makes it; returns the session key."""
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


# --- Shared bookkeeping for threads --------------------------------------------------


class Log:
    """What every thread saw: answers by kind, unexpected answers, exceptions."""

    def __init__(self):
        self.lock = threading.Lock()
        self.counts: Counter = Counter()
        self.times: list[float] = []
        self.problems: list[str] = []
        self.errors: list[str] = []

    def answer(self, kind: str, answer: Answer, expected: tuple[int, ...]) -> bool:
        with self.lock:
            self.counts[f"{kind} {answer.status}"] += 1
            self.times.append(answer.seconds)
            if answer.status not in expected:
                self.problems.append(f"{kind}: {answer.status} (expected {expected})")
                return False
            return True

    def problem(self, text: str) -> None:
        with self.lock:
            self.problems.append(text)

    def error(self, kind: str, error: BaseException) -> None:
        with self.lock:
            self.counts[f"{kind} {type(error).__name__}"] += 1
            self.errors.append(f"{kind}: {type(error).__name__}: {error}")

    def fivexx(self) -> int:
        return sum(n for key, n in self.counts.items() if key.rsplit(" ", 1)[1].startswith("5"))

    def summary(self) -> str:
        times = sorted(self.times) or [0.0]
        p95 = times[int(0.95 * (len(times) - 1))]
        return (
            f"{len(self.times)} answers, p95 {p95 * 1000:.0f} ms, max {times[-1] * 1000:.0f} ms; "
            + ", ".join(f"{key}: {n}" for key, n in sorted(self.counts.items()))
        )


def event_states(events) -> dict[int, Counter]:
    """Per event, its registrations by status, read in one statement (one snapshot)."""
    rows = (
        Registration.objects.filter(event__in=events)
        .values_list("event_id", "status")
        .annotate(n=Count("pk"))
    )
    states = {event.pk: Counter() for event in events}
    for event_id, status, n in rows:
        states[event_id][status] = n
    return states


def rule_breaks(events) -> list[str]:
    """Places never overbooked; nobody waiting while a place is free."""
    breaks = []
    states = event_states(events)
    for event in events:
        counts = states[event.pk]
        confirmed = counts[RegistrationStatus.CONFIRMED]
        waiting = counts[RegistrationStatus.WAITLISTED]
        if confirmed > event.capacity:
            breaks.append(f"{event.slug}: {confirmed} confirmed for {event.capacity} places")
        if confirmed < event.capacity and waiting:
            breaks.append(f"{event.slug}: {waiting} waiting while {confirmed}/{event.capacity}")
    return breaks


class Checker(threading.Thread):
    """Reads the database over and over while the load runs; remembers every rule break."""

    def __init__(self, events):
        super().__init__(name="checker")
        self.events = events
        self.stop = threading.Event()
        self.checks = 0
        self.breaks: list[str] = []

    def run(self):
        try:
            while not self.stop.is_set():
                self.breaks += rule_breaks(self.events)
                self.checks += 1
                self.stop.wait(0.2)
        except BaseException as error:  # noqa: BLE001 - reported by the test
            self.breaks.append(f"checker failed: {type(error).__name__}: {error}")
        finally:
            connection.close()


def assert_consistent(events) -> None:
    """The database after the load: every rule of docs/design.md about places holds."""
    assert not rule_breaks(events)
    for who, is_guest in (("user_id", False), ("guest_email", True)):
        doubles = (
            Registration.objects.filter(event__in=events, user__isnull=is_guest)
            .exclude(status=RegistrationStatus.CANCELLED)
            .values("event_id", who)
            .annotate(n=Count("pk"))
            .filter(n__gt=1)
        )
        assert not list(doubles), f"more than one active registration per {who}"
    for event in events:
        registrations = event.registrations.all()
        confirmed = [r for r in registrations if r.status == RegistrationStatus.CONFIRMED]
        waiting = [r for r in registrations if r.status == RegistrationStatus.WAITLISTED]
        assert all(r.confirmed_at for r in confirmed)
        assert all(r.waitlisted_at and not r.confirmed_at for r in waiting)
        # First come, first served: whoever moved up from the list was in line before
        # everyone still waiting.
        promoted = [r.waitlisted_at for r in confirmed if r.waitlisted_at]
        if promoted and waiting:
            assert max(promoted) <= min(r.waitlisted_at for r in waiting), event.slug


# --- 1. A burst of registrations -----------------------------------------------------


def test_burst_of_registrations_fills_exactly_the_places(gunicorn):
    capacity, crowd = 10, 40
    event = make_event("stormloop", capacity=capacity)
    people = [make_member(f"storm{number}@example.org") for number in range(crowd)]
    browsers = [Browser(gunicorn.port, log_in(person)) for person in people]
    url = event.get_absolute_url()
    register_url = f"/agenda/{event.slug}/aanmelden/"
    barrier = threading.Barrier(crowd)
    answers: list = [None] * crowd

    def press_register(index: int) -> None:
        try:
            page = browsers[index].get(url)  # the page with the button, and a CSRF token
            assert page.status == 200 and f'action="{register_url}"' in page.body, page.status
            barrier.wait(timeout=60)
            answers[index] = browsers[index].post(register_url)
        except BaseException as error:  # noqa: BLE001 - reported below
            answers[index] = error
            barrier.abort()

    run_threads(
        [threading.Thread(target=press_register, args=(i,), name=f"lid-{i}") for i in range(crowd)],
        timeout=120,
    )

    failed = [
        f"{people[i].email}: {a!r}" for i, a in enumerate(answers) if not isinstance(a, Answer)
    ]
    assert not failed, "\n".join(failed)
    assert Counter(answer.status for answer in answers) == {302: crowd}, gunicorn.output()[-3000:]
    assert {answer.location for answer in answers} == {url}
    told = [answer.level for answer in answers]
    assert Counter(told) == {message_level.SUCCESS: capacity, message_level.INFO: crowd - capacity}

    registrations = {r.user_id: r for r in Registration.objects.filter(event=event)}
    assert len(registrations) == crowd  # exactly one per member: the rest refused by the DB
    assert Counter(r.status for r in registrations.values()) == {
        RegistrationStatus.CONFIRMED: capacity,
        RegistrationStatus.WAITLISTED: crowd - capacity,
    }
    # What each person was told ("registered" or "waiting list") is what the database holds.
    for person, level in zip(people, told, strict=True):
        expected = (
            RegistrationStatus.CONFIRMED
            if level == message_level.SUCCESS
            else RegistrationStatus.WAITLISTED
        )
        assert registrations[person.pk].status == expected, person.email
    waiting = [r.waitlisted_at for r in registrations.values() if r.waitlisted_at]
    confirmed = [r.confirmed_at for r in registrations.values() if r.confirmed_at]
    assert max(confirmed) <= min(waiting)
    assert_consistent([event])
    gunicorn.assert_clean_output()


# --- 2. A minute of mixed reading and writing ----------------------------------------


def test_mixed_load_for_a_minute_keeps_every_rule(gunicorn):
    meeting = make_event("volle-bijeenkomst", capacity=6)
    public = make_event("open-middag", kind=EventKind.PUBLIC, capacity=5, days_ahead=10)
    make_event("ruime-bijeenkomst", days_ahead=14)  # unlimited, for the lists
    text = {
        "summary": "Een werkvorm om met bewoners in gesprek te gaan.",
        "body": "Zo voer je **een buurtgesprek**.",
    }
    open_item = make_item("buurtgesprek", **text)
    members_item = make_item("intervisie", visibility=Visibility.MEMBERS, **text)
    events = [meeting, public]

    registrants = [make_member(f"deelnemer{n}@example.org") for n in range(24)]
    commenters = [
        make_member(f"online{n}@example.org", level=ParticipationLevel.ONLINE) for n in range(8)
    ]
    reader = make_member("lezer@example.org")
    port = gunicorn.port
    sessions = {person.pk: log_in(person) for person in [*registrants, *commenters, reader]}
    public_pages = [
        "/",
        "/over/",
        "/agenda/",
        public.get_absolute_url(),
        f"/agenda/{public.slug}.ics",
        "/agenda/feed.ics",
        "/kennisbank/",
        "/kennisbank/?q=buurtgesprek",
        open_item.get_absolute_url(),
        "/kennisbank/feed/",
        "/health/",
    ]
    member_pages = public_pages + [
        meeting.get_absolute_url(),
        members_item.get_absolute_url(),
        "/leden/",
        f"/leden/{reader.profile.pk}/",
        "/agenda/mijn/",
        "/agenda/archief/",
    ]
    log = Log()
    # The load runs for LOAD_SECONDS and on until each kind of work has happened often
    # enough to judge (a slow machine takes longer); a stall still ends at the deadline.
    done = threading.Event()
    # Who is registered where, as the members themselves know from their answers.
    registered: dict[tuple[int, int], bool] = {}
    acknowledged_comments: list[tuple[int, str]] = []
    guests: dict[str, str] = {}  # e-mail -> what the guest last did successfully

    def guarded(kind: str, loop):
        def run():
            rng = random.Random(kind)
            try:
                while not done.is_set():
                    try:
                        loop(rng)
                    except OSError as error:
                        log.error(kind, error)
            except BaseException as error:  # noqa: BLE001 - reported by the test
                log.error(kind, error)
            finally:
                connection.close()

        return threading.Thread(target=run, name=kind)

    def read(browser: Browser, pages: list[str], kind: str):
        def loop(rng):
            log.answer(kind, browser.get(rng.choice(pages)), (200,))
            time.sleep(rng.uniform(0, 0.05))

        return loop

    def register_and_cancel(pool):
        def loop(rng):
            person = rng.choice(pool)
            event = rng.choice(events)
            browser = Browser(port, sessions[person.pk])
            page = browser.get(event.get_absolute_url())
            if not log.answer("event page", page, (200,)):
                return
            cancel = CANCEL_FORM.search(page.body)
            key = (person.pk, event.pk)
            if registered.get(key, False) != bool(cancel):
                log.problem(f"{person.email} on {event.slug}: page disagrees with {key}")
                return
            if cancel:
                answer = browser.post(cancel.group(1))
                if log.answer("cancel", answer, (302,)):
                    if answer.level != message_level.SUCCESS or answer.location != "/agenda/mijn/":
                        log.problem(f"cancel answered {answer.location} {answer.messages}")
                    registered[key] = False
            else:
                answer = browser.post(f"/agenda/{event.slug}/aanmelden/")
                if log.answer("register", answer, (302,)):
                    if answer.level not in (message_level.SUCCESS, message_level.INFO):
                        log.problem(f"register answered {answer.messages}")
                    else:
                        registered[key] = True
            time.sleep(rng.uniform(0, 0.1))

        return loop

    guest_numbers = iter(range(10_000))

    def guest(rng):
        number = next(guest_numbers)
        email = f"gast{number}@example.org"
        browser = Browser(port)
        if log.answer("guest page", browser.get(public.get_absolute_url()), (200,)):
            data = {"name": f"Gast {number}", "email": email}
            # The site allows 10 guest registrations a minute from one address: 429 after.
            answer = browser.post(f"/agenda/{public.slug}/gast/", data)
            if log.answer("guest register", answer, (200, 429)) and answer.status == 200:
                guests[email] = "registered"
                guest_follows_links(rng, browser, email)
        time.sleep(rng.uniform(1.5, 2.5))

    def guest_follows_links(rng, browser: Browser, email: str) -> None:
        # The guest opens the link in the e-mail (gunicorn's mail stays in its memory).
        token = Registration.objects.get(event=public, guest_email=email).token
        link = f"/agenda/bevestigen/{token}/"
        if not log.answer("guest link", browser.get(link), (200,)):
            return
        if not log.answer("guest confirm", browser.post(link), (200,)):
            return
        guests[email] = "confirmed"
        if rng.random() < 0.4:
            cancel = f"/agenda/afmelden/{token}/"
            if log.answer("guest cancel page", browser.get(cancel), (200,)) and log.answer(
                "guest cancel", browser.post(cancel), (200,)
            ):
                guests[email] = "cancelled"

    comment_numbers = iter(range(10_000))

    def comment(rng):
        person = commenters[next(comment_numbers) % len(commenters)]
        item = rng.choice([open_item, members_item])
        browser = Browser(port, sessions[person.pk])
        if not log.answer("item page", browser.get(item.get_absolute_url()), (200,)):
            return
        body = f"Reactie {rng.random():.12f} over *{item.slug}*."
        answer = browser.post(f"/kennisbank/{item.slug}/reacties/", {"body": body})
        if log.answer("comment", answer, (302, 200)) and answer.status == 302:
            acknowledged_comments.append((person.pk, body))
        elif answer.status == 200 and "Te veel reacties" not in answer.body:
            log.problem("comment refused without the rate-limit message")
        time.sleep(rng.uniform(0.8, 1.2))

    threads = [
        guarded("visitor reads", read(Browser(port), public_pages, "visitor read")),
        guarded("visitor reads 2", read(Browser(port), public_pages, "visitor read")),
        guarded(
            "member reads", read(Browser(port, sessions[reader.pk]), member_pages, "member read")
        ),
        guarded(
            "member reads 2", read(Browser(port, sessions[reader.pk]), member_pages, "member read")
        ),
        guarded("registrants 1", register_and_cancel(registrants[0:8])),
        guarded("registrants 2", register_and_cancel(registrants[8:16])),
        guarded("registrants 3", register_and_cancel(registrants[16:24])),
        guarded("guests", guest),
        guarded("comments", comment),
    ]

    def enough() -> bool:
        counts = log.counts
        return (
            counts["register 302"] >= 10
            and counts["cancel 302"] >= 5
            and counts["member read 200"] + counts["visitor read 200"] >= 100
            and "confirmed" in guests.values()
            and bool(acknowledged_comments)
            and checker.checks >= 10
        )

    checker = Checker(events)
    checker.start()
    started = time.monotonic()
    try:
        for thread in threads:
            thread.start()
        deadline = started + LOAD_SECONDS + STALL_SECONDS
        while time.monotonic() < deadline and not (
            time.monotonic() >= started + LOAD_SECONDS and enough()
        ):
            if log.errors or not all(thread.is_alive() for thread in threads):
                break
            done.wait(0.2)
    finally:
        done.set()
        for thread in threads:
            thread.join(2 * REQUEST_SECONDS)
        checker.stop.set()
        checker.join(30)
    assert not any(thread.is_alive() for thread in threads), "a load thread is stuck"
    seconds = time.monotonic() - started

    print(f"\nmixed load, {connection.vendor}, {seconds:.0f} s: {log.summary()}")
    assert not log.errors, "\n".join(log.errors[:20])
    assert log.fivexx() == 0, log.summary()
    assert not log.problems, "\n".join(log.problems[:20]) + "\n" + log.summary()
    assert not checker.breaks, checker.breaks[:10]
    assert enough(), f"too little work done in {seconds:.0f} s: {log.summary()}"

    # Nothing acknowledged is lost, nothing refused is there.
    for (person_pk, event_pk), is_registered in registered.items():
        active = Registration.objects.filter(user_id=person_pk, event_id=event_pk).exclude(
            status=RegistrationStatus.CANCELLED
        )
        assert active.count() == int(is_registered), (person_pk, event_pk)
    for email, last in guests.items():
        registration = Registration.objects.get(event=public, guest_email=email)
        expected = {
            "registered": {RegistrationStatus.PENDING},
            "confirmed": {RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED},
            "cancelled": {RegistrationStatus.CANCELLED},
        }[last]
        assert registration.status in expected, (email, last, registration.status)
    saved = Counter(Comment.objects.values_list("author_id", "body"))
    assert all(saved[pair] == 1 for pair in acknowledged_comments)
    assert_consistent(events)
    gunicorn.assert_clean_output()


# --- 3. A worker killed while it writes ----------------------------------------------

# Kill until one kill has cut a write off mid-request (a client got no answer at all).
MAX_KILLS = 5


def wait_for_rounds(rounds: Counter, target: dict[str, int], seconds: float = 90) -> None:
    """Until every writer has begun its round after the target (a round ends the one before)."""
    deadline = time.monotonic() + seconds
    while any(rounds[name] <= n for name, n in target.items()):
        assert time.monotonic() < deadline, f"writers stalled: {rounds}"
        time.sleep(0.05)


def test_killed_worker_loses_no_answered_write(gunicorn):
    capacity, writers, per_writer = 10, 6, 8
    event = make_event("onderbroken", capacity=capacity)
    people = [make_member(f"schrijver{n}@example.org") for n in range(writers * per_writer)]
    sessions = {person.pk: log_in(person) for person in people}
    url = event.get_absolute_url()
    log = Log()
    lock = threading.Lock()
    in_flight = Counter()  # requests sent and not yet answered, by method
    registered: dict[int, bool] = {}  # per member, what the answers said
    unknown: set[int] = set()  # members whose last request died with a worker
    stop = threading.Event()
    rounds = Counter()  # rounds begun by each writer

    def send(browser: Browser, method: str, path: str) -> Answer:
        with lock:
            in_flight[method] += 1
        try:
            return browser.get(path) if method == "GET" else browser.post(path)
        finally:
            with lock:
                in_flight[method] -= 1

    def step(person) -> None:
        """One member toggles: registers if not registered, else cancels by the link."""
        browser = Browser(gunicorn.port, sessions[person.pk])
        page = send(browser, "GET", url)
        if not log.answer("event page", page, (200,)):
            return
        cancel = CANCEL_FORM.search(page.body)
        if person.pk in unknown:
            # As a person would after a failed click: the page says what happened.
            registered[person.pk] = bool(cancel)
            unknown.discard(person.pk)
        elif registered.get(person.pk, False) != bool(cancel):
            log.problem(f"{person.email}: the page disagrees with the answers so far")
            return
        if cancel:
            answer = send(browser, "POST", cancel.group(1))
            if log.answer("cancel", answer, (302,)):
                registered[person.pk] = False
        else:
            answer = send(browser, "POST", f"/agenda/{event.slug}/aanmelden/")
            if log.answer("register", answer, (302,)):
                if answer.level in (message_level.SUCCESS, message_level.INFO):
                    registered[person.pk] = True
                else:
                    log.problem(f"{person.email}: register told {answer.messages}")

    def write(pool):
        def run():
            try:
                while not stop.is_set():
                    rounds[threading.current_thread().name] += 1
                    for person in pool:
                        try:
                            step(person)
                        except OSError as error:
                            # The request a killed worker was serving: no answer at all.
                            log.error("write", error)
                            unknown.add(person.pk)
                        time.sleep(0.05)
            except BaseException as error:  # noqa: BLE001 - reported by the test
                log.error("writer", error)

        return run

    threads = [
        threading.Thread(target=write(people[i * per_writer : (i + 1) * per_writer]), name=f"w{i}")
        for i in range(writers)
    ]
    checker = Checker([event])
    checker.start()
    before = gunicorn.workers()
    victims: list[int] = []
    try:
        for thread in threads:
            thread.start()
        while not log.errors and len(victims) < MAX_KILLS:
            # Wait until only writes are in flight, then kill a worker holding a client's
            # connection: it is in the middle of a write.
            deadline = time.monotonic() + 30
            victim = None
            while victim is None and time.monotonic() < deadline:
                with lock:
                    only_writes = in_flight["POST"] >= 2 and in_flight["GET"] == 0
                busy = gunicorn.busy_workers() if only_writes else set()
                if busy:
                    victim = busy.pop()
                    os.kill(victim, signal.SIGKILL)
                    victims.append(victim)
                time.sleep(0.001)
            assert victim is not None, "never caught a worker in the middle of a write"
            # The master starts a new worker in its place; the writes go on meanwhile.
            gunicorn.wait_until_replaced(victim)
            assert victim not in gunicorn.workers()
            # Every writer gets a round in with the new worker before the next kill.
            wait_for_rounds(rounds, {thread.name: rounds[thread.name] + 1 for thread in threads})
        # Every member registers or cancels twice more, with the new worker serving too.
        wait_for_rounds(rounds, {thread.name: rounds[thread.name] + 2 for thread in threads})
    finally:
        stop.set()
        for thread in threads:
            thread.join(120)
        checker.stop.set()
        checker.join(30)

    print(f"\nkilled {victims}, {connection.vendor}: {log.summary()}")
    assert not any(thread.is_alive() for thread in threads)
    assert gunicorn.process.poll() is None, "the master died"
    assert len(gunicorn.workers()) == WORKERS and not set(victims) & gunicorn.workers()
    # Each first-generation worker killed left one new worker in its place (a killed
    # replacement was itself replaced, so it adds none).
    assert len(gunicorn.workers() - before) == len(set(victims) & before)
    assert Browser(gunicorn.port).get("/health/").status == 200
    assert log.fivexx() == 0, log.summary()
    assert not log.problems, "\n".join(log.problems)
    # Only requests a killed worker held went unanswered, and one kill did cut one off.
    assert log.errors, f"no kill cut a request off: {log.summary()}"
    assert len(log.errors) <= len(victims), "\n".join(log.errors)
    assert all("writer" not in error for error in log.errors), log.errors
    assert not checker.breaks, checker.breaks[:10]
    assert log.counts["register 302"] >= 20 and log.counts["cancel 302"] >= 10, log.summary()

    for person in people:
        active = Registration.objects.filter(event=event, user=person).exclude(
            status=RegistrationStatus.CANCELLED
        )
        if person.pk in unknown:
            assert active.count() <= 1, person.email
        else:
            # Every answered registration is there, every answered cancellation too.
            assert active.count() == int(registered.get(person.pk, False)), person.email
    assert_consistent([event])
    output = gunicorn.output()
    for victim in victims:
        assert f"Worker (pid:{victim}) was sent SIGKILL" in output, output[-3000:]
    gunicorn.assert_clean_output()
