"""The site on separate hosts (tests/cluster/cluster.py), proved over real HTTP through
nginx: issue 20, item 3. `make test-cluster` runs these (as root) in this order; each
leaves the cluster whole for the next.

1. 100 members register for 10 places at the same moment, spread over both app servers:
   exactly 10 confirmed, 90 waiting, no 5xx; cancellations promote the first in line.
2. A change saved through app server A is served by B on the very next request.
3. The login limit counts attempts that arrive on both servers.
4. An app server killed under load: nginx sends the traffic to the other, no answered
   write is lost, and the server rejoins once started again.
5. Redis stopped for 30 s: pages still served, none stale after a change, no 5xx; all
   recovers when it is back.
6. PostgreSQL restarted: requests fail cleanly meanwhile (503, the site's page), and the
   app servers recover without being restarted.
7. The mail worker on one host killed while it sends: every queued e-mail is sent
   exactly once (the one it held after the other host's timer gives it back).
8. A rolling upgrade under load (issue 20, item 6): one app server at a time is taken
   out of nginx, stopped gracefully, started as the new release and taken back; no
   request fails meanwhile, and both servers end on the new release.
9. nginx compresses a visitor's pages and not a member's, and keeps /metrics, which each
   app server shows Prometheus, to itself.
"""

import re
import signal
import threading
import time
import uuid
from collections import Counter

import pytest

from ..conftest import run_threads
from ..http_browser import Answer
from .browser import Browser
from .cluster import APP_PORT, FIRST_RELEASE, METRICS_TOKEN, STALLED_AFTER_SECONDS, Cluster
from .hosts import answers, wait_for

pytestmark = pytest.mark.cluster

CANCEL_FORM = re.compile(r'action="(/agenda/afmelden/[^/"]+/)"')
# The Dutch texts the tests look for (locale/nl/LC_MESSAGES/django.po).
TOO_MANY_LOGINS = "Te veel inlogpogingen"
UNAVAILABLE_TITLE = "Even niet bereikbaar"
REDIS_AWAY_SECONDS = 30
RECOVERY_SECONDS = 60
NEW_RELEASE = "2026.12.1"


def registrations(cluster: Cluster, slug: str) -> Counter:
    rows = cluster.sql(
        "SELECT r.status, count(*) FROM sessions_app_registration r "
        "JOIN sessions_app_event e ON e.id = r.event_id WHERE e.slug = %s GROUP BY r.status",
        slug,
    )
    return Counter(dict(rows))


def comment(cluster: Cluster, browser: Browser, text: str) -> Answer:
    """`browser`'s member places a comment under the cluster's library item."""
    item = cluster.data["item"]
    page = browser.get(item)
    assert page.status == 200, page.status
    return browser.post(f"{item}reacties/", {"body": text})


def shown_on_both_servers(cluster: Cluster, reader: Browser, text: str) -> None:
    """The next two requests through nginx (one to each server) show `text`."""
    marks = cluster.access_marks()
    for _ in range(2):
        page = reader.get(cluster.data["item"])
        assert page.status == 200 and text in page.body, page.status
    assert cluster.served_all(marks, "GET", cluster.data["item"], 2) == {"app-a": 1, "app-b": 1}


# --- 1. -------------------------------------------------------------------------------


def test_a_hundred_members_register_for_ten_places_at_the_same_moment(cluster):
    crowd = cluster.data["crowd"]
    url = cluster.data["event"]
    register = f"{url}aanmelden/"
    browsers = [Browser(session_key=person["session"]) for person in crowd]
    barrier = threading.Barrier(len(crowd))
    answered: list = [None] * len(crowd)

    def press_register(index: int) -> None:
        try:
            page = browsers[index].get(url)  # the page with the button, and a CSRF token
            assert page.status == 200 and f'action="{register}"' in page.body, page.status
            barrier.wait(timeout=120)
            answered[index] = browsers[index].post(register)
        except BaseException as error:  # noqa: BLE001 - reported below
            answered[index] = error
            barrier.abort()

    marks = cluster.access_marks()
    run_threads(
        [threading.Thread(target=press_register, args=(i,)) for i in range(len(crowd))],
        timeout=300,
    )

    failed = [repr(answer) for answer in answered if not isinstance(answer, Answer)]
    assert not failed, "\n".join(failed[:5])
    assert Counter(answer.status for answer in answered) == {302: 100}
    assert {answer.location for answer in answered} == {url}
    assert registrations(cluster, "stormloop") == {"confirmed": 10, "waitlisted": 90}
    spread = cluster.served_all(marks, "POST", register, 100)
    assert spread["app-a"] >= 10 and spread["app-b"] >= 10 and spread.total() == 100, spread

    # Three with a place cancel: the first three on the waiting list move up, in order.
    by_user = {person["user"]: browser for person, browser in zip(crowd, browsers, strict=True)}
    line = (
        "SELECT user_id FROM sessions_app_registration WHERE status = %s AND event_id = "
        "(SELECT id FROM sessions_app_event WHERE slug = 'stormloop') ORDER BY {}, id"
    )
    confirmed = [row[0] for row in cluster.sql(line.format("confirmed_at"), "confirmed")]
    waiting = [row[0] for row in cluster.sql(line.format("waitlisted_at"), "waitlisted")]
    for user in confirmed[:3]:
        page = by_user[user].get(url)
        cancel = CANCEL_FORM.search(page.body)
        assert page.status == 200 and cancel, page.status
        assert by_user[user].post(cancel.group(1)).status == 302
    assert registrations(cluster, "stormloop") == {
        "confirmed": 10,
        "waitlisted": 87,
        "cancelled": 3,
    }
    now_confirmed = {row[0] for row in cluster.sql(line.format("confirmed_at"), "confirmed")}
    assert set(waiting[:3]) <= now_confirmed
    assert not set(waiting[3:]) & now_confirmed


# --- 2. -------------------------------------------------------------------------------


def test_a_change_through_one_server_is_served_by_the_other_on_the_next_request(cluster):
    a, b = (host.address for host in cluster.app_hosts)
    item = cluster.data["item"]
    reader = {address: Browser(address, APP_PORT, cluster.data["reader"]) for address in (a, b)}
    for address in (a, b):
        for _ in range(4):  # each of the server's workers has most likely kept the page
            assert reader[address].get(item).status == 200
    for number, (written_on, read_on) in enumerate([(a, b), (b, a)]):
        text = f"Gezien op de andere server {number} {uuid.uuid4().hex}"
        writer = Browser(written_on, APP_PORT, cluster.data["writers"][number])
        assert comment(cluster, writer, text).status == 302
        page = reader[read_on].get(item)
        assert page.status == 200 and text in page.body

    text = f"Via nginx {uuid.uuid4().hex}"
    assert comment(cluster, Browser(session_key=cluster.data["writers"][2]), text).status == 302
    shown_on_both_servers(cluster, Browser(session_key=cluster.data["reader"]), text)


# --- 3. -------------------------------------------------------------------------------


def test_the_login_limit_counts_attempts_on_both_servers(cluster):
    browser = Browser()
    assert browser.get("/accounts/login/").status == 200
    marks = cluster.access_marks()
    refused = []
    for attempt in range(6):
        form = {"login": cluster.data["login_email"], "password": f"geen-wachtwoord-{attempt}"}
        answer = browser.post("/accounts/login/", form)
        assert answer.status == 200, answer.status
        refused.append(TOO_MANY_LOGINS in answer.body)
    # Five wrong passwords for one address in five minutes (settings.ACCOUNT_RATE_LIMITS).
    assert refused == [False] * 5 + [True]
    assert cluster.served_all(marks, "POST", "/accounts/login/", 6) == {"app-a": 3, "app-b": 3}


# --- 4. -------------------------------------------------------------------------------


class Load:
    """Members reading pages and placing comments through nginx, until stopped."""

    def __init__(self, cluster: Cluster):
        self.cluster = cluster
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.reads: Counter = Counter()
        self.writes: Counter = Counter()
        self.answered_writes: list[str] = []
        self.errors: list[str] = []
        data = cluster.data
        self.pages = ["/", "/agenda/", "/kennisbank/", data["item"], data["event"], "/leden/"]
        self.threads = [
            threading.Thread(target=self.guarded, args=(self.read, n)) for n in range(3)
        ] + [threading.Thread(target=self.guarded, args=(self.write, n)) for n in range(2)]

    def guarded(self, loop, number: int) -> None:
        try:
            loop(number)
        except BaseException as error:  # noqa: BLE001 - reported by the test
            with self.lock:
                self.errors.append(f"{type(error).__name__}: {error}")

    def read(self, number: int) -> None:
        browser = Browser(session_key=self.cluster.data["crowd"][number]["session"])
        for count in range(10**6):
            if self.stopping.is_set():
                return
            answer = browser.get(self.pages[count % len(self.pages)])
            with self.lock:
                self.reads[answer.status] += 1

    def write(self, number: int) -> None:
        crowd = self.cluster.data["crowd"]
        for count in range(10**6):
            if self.stopping.is_set():
                return
            # A different member each time: no one reaches the comment limit.
            person = crowd[(count * 2 + number) % len(crowd)]
            text = f"Onder belasting {number}-{count} {uuid.uuid4().hex}"
            answer = comment(self.cluster, Browser(session_key=person["session"]), text)
            with self.lock:
                self.writes[answer.status] += 1
                if answer.status == 302:
                    self.answered_writes.append(text)

    def count(self) -> int:
        with self.lock:
            return len(self.answered_writes)

    def start(self) -> None:
        for thread in self.threads:
            thread.start()

    def stop(self) -> None:
        self.stopping.set()
        for thread in self.threads:
            thread.join(120)
        assert not any(thread.is_alive() for thread in self.threads), "the load did not stop"


def test_an_app_server_killed_under_load_loses_no_answered_write_and_rejoins(cluster):
    a = cluster.app_hosts[0]
    load = Load(cluster)
    load.start()
    try:
        wait_for("ten answered writes", lambda: load.count() >= 10, 120)
        cluster.gunicorns[a.name].stop(signal.SIGKILL)  # master and workers at once
        killed_at = load.count()
        marks = cluster.access_marks()
        wait_for("ten more writes after the kill", lambda: load.count() >= killed_at + 10, 120)
        after_kill = cluster.served(marks, "GET")
        assert after_kill["app-b"] and not after_kill["app-a"], after_kill

        cluster.start_app_server(a)
        rejoined = cluster.access_marks()
        wait_for("reads through app-a", lambda: cluster.served(rejoined, "GET")["app-a"], 60)
        wait_for("writes through app-a", lambda: cluster.served(rejoined, "POST")["app-a"], 60)
    finally:
        load.stop()

    assert not load.errors, load.errors[:5]
    assert set(load.reads) == {200}, load.reads
    # Only a write that app-a was handling when it died may get no answer but 502.
    assert set(load.writes) <= {302, 502} and load.writes[502] <= 2, load.writes
    stored = {row[0] for row in cluster.sql("SELECT body FROM knowledge_comment")}
    lost = [text for text in load.answered_writes if text not in stored]
    assert not lost, f"{len(lost)} of {len(load.answered_writes)} answered writes lost"


# --- 5. -------------------------------------------------------------------------------


def test_pages_are_served_while_redis_is_away_and_none_is_stale(cluster):
    reader = Browser(session_key=cluster.data["reader"])
    visitor = Browser()
    writer = Browser(session_key=cluster.data["writers"][3])
    pages = ["/", "/agenda/", "/kennisbank/", cluster.data["item"]]
    statuses: Counter = Counter()
    for page in pages * 2:  # kept by both servers
        statuses[visitor.get(page).status] += 1
        statuses[reader.get(page).status] += 1

    cluster.redis_server.stop(signal.SIGTERM)
    wait_for("Redis is gone", lambda: not port_open(cluster.redis.address, 6379), 30)
    away_since = time.monotonic()
    changes = 0
    while time.monotonic() - away_since < REDIS_AWAY_SECONDS:  # the scenario's duration
        for page in pages:
            statuses[visitor.get(page).status] += 1
            statuses[reader.get(page).status] += 1
        if changes < 2:  # a change while Redis is away shows at once, on both servers
            text = f"Zonder Redis {changes} {uuid.uuid4().hex}"
            assert comment(cluster, writer, text).status == 302
            shown_on_both_servers(cluster, reader, text)
            changes += 1
    assert set(statuses) == {200}, statuses

    cluster.start_redis()
    text = f"Redis terug {uuid.uuid4().hex}"
    assert comment(cluster, writer, text).status == 302
    shown_on_both_servers(cluster, reader, text)
    # The servers use Redis again: the page generations are back in it.
    wait_for(
        "the shared cache holds the page generations again",
        lambda: reader.get("/agenda/").status == 200 and cluster.redis_command("DBSIZE") != ":0",
        RECOVERY_SECONDS,
    )


def port_open(address: str, port: int) -> bool:
    try:
        return answers(address, port)
    except OSError:
        return False


# --- 6. -------------------------------------------------------------------------------


def test_a_postgresql_restart_fails_cleanly_and_the_servers_recover_by_themselves(cluster):
    reader = Browser(session_key=cluster.data["reader"])
    masters = {name: process.popen.pid for name, process in cluster.gunicorns.items()}
    assert reader.get("/agenda/mijn/").status == 200

    cluster.postgresql.stop(signal.SIGINT)  # a fast shutdown: every session is ended
    during = [reader.get(f"/kennisbank/?q=herstart{number}") for number in range(6)]
    during += [Browser().get(f"/agenda/?herstart={number}") for number in range(4)]
    assert {answer.status for answer in during} == {503}, [a.status for a in during]
    for answer in during:
        assert UNAVAILABLE_TITLE in answer.body and "Traceback" not in answer.body
        assert answer.retry_after

    cluster.restart_postgresql()
    wait_for(
        "pages that read the database answer again",
        lambda: reader.get(f"/kennisbank/?q=weer{uuid.uuid4().hex[:6]}").status == 200,
        RECOVERY_SECONDS,
    )
    text = f"Na de herstart {uuid.uuid4().hex}"
    assert comment(cluster, Browser(session_key=cluster.data["writers"][0]), text).status == 302
    assert {name: process.popen.pid for name, process in cluster.gunicorns.items()} == masters
    assert all(process.running() for process in cluster.gunicorns.values())
    # The mail workers are not web servers: one ends when its database goes away, and
    # systemd starts it again.
    cluster.restart_mail_workers()


# --- 7. -------------------------------------------------------------------------------


def test_a_mail_worker_killed_while_sending_leaves_every_email_sent_exactly_once(cluster):
    suffix = "@post.example.org"
    addresses = [f"bericht{number}{suffix}" for number in range(12)]
    assert all(worker.running() for worker in cluster.mail_workers.values())
    cluster.mail.hold_next(suffix)
    cluster.script(cluster.app_hosts[0], "queue_mail", ADDRESSES=addresses)

    held = wait_for("a worker is sending", lambda: cluster.mail.held, 120)
    host = cluster.app_host(held.peer)
    cluster.mail_workers[host.name].stop(signal.SIGKILL)
    wait_for("the sending breaks off", lambda: cluster.mail.aborted, 30)
    wait_for(
        "the other host's worker sends the rest",
        lambda: len(cluster.mail.accepted_to(suffix)) == len(addresses) - 1,
        120,
    )
    status = 'SELECT status FROM atelier_outgoingmail WHERE "to" = %s'
    assert cluster.sql(status, held.to) == [("sending",)]  # claimed, never taken

    # Once the e-mail the killed worker claimed has stalled, the other host's timer
    # (deploy/systemd/leeratelier-mail-requeue.timer) puts it back in the queue, and the
    # worker still running there sends it.
    wait_for(
        "the claimed e-mail counts as stalled",
        lambda: cluster.sql(
            'SELECT 1 FROM atelier_outgoingmail WHERE "to" = %s '
            "AND claimed_at < now() - make_interval(secs => %s)",
            held.to,
            STALLED_AFTER_SECONDS,
        ),
        STALLED_AFTER_SECONDS * 10,
    )
    other = next(other for other in cluster.app_hosts if other is not host)
    requeue = ["mail_queue", "--requeue", f"--stalled-after={STALLED_AFTER_SECONDS}"]
    assert cluster.manage(other, *requeue) == "1 e-mail(s) put back in the queue.\n"
    wait_for(
        "every e-mail is sent",
        lambda: len(cluster.mail.accepted_to(suffix)) == len(addresses),
        120,
    )
    assert Counter(cluster.mail.accepted_to(suffix)) == dict.fromkeys(addresses, 1)
    rows = cluster.sql(
        'SELECT status, count(*) FROM atelier_outgoingmail WHERE "to" LIKE %s GROUP BY status',
        f"%{suffix}",
    )
    assert rows == [("sent", len(addresses))]
    cluster.start_mail_worker(host)  # as systemd does (Restart=always)


# --- 8. -------------------------------------------------------------------------------


def test_a_rolling_upgrade_under_load_fails_no_request(cluster):
    assert {cluster.release_on(host) for host in cluster.app_hosts} == {FIRST_RELEASE}
    load = Load(cluster)
    load.start()
    try:
        wait_for("ten answered writes", lambda: load.count() >= 10, 120)
        for host in cluster.app_hosts:  # docs/operations.md, "Rolling upgrades"
            cluster.leave_out(host)  # returns once nothing through nginx is left on it
            gunicorn = cluster.gunicorns[host.name]
            gunicorn.stop(signal.SIGTERM)  # graceful: the workers finish what they have
            assert gunicorn.popen.returncode == 0, gunicorn.tail()
            if host is cluster.app_hosts[0]:
                # The new release's migrations, once, while the other server serves the
                # old code (they keep it working: docs/operations.md).
                cluster.manage(host, "migrate", "--noinput", "-v0")
            cluster.start_app_server(host, release=NEW_RELEASE)
            wait_for(
                f"{host.name} is ready as the new release",
                lambda host=host: cluster.release_on(host) == NEW_RELEASE,
                60,
                gunicorn.died,
            )
            back = cluster.access_marks()
            cluster.leave_out(host, out=False)
            for method in ("GET", "POST"):
                wait_for(
                    f"nginx sends {method} requests to {host.name} again",
                    lambda m=method, h=host, b=back: cluster.served(b, m)[h.name],
                    60,
                )
    finally:
        load.stop()

    assert not load.errors, load.errors[:5]
    assert set(load.reads) == {200}, load.reads
    assert set(load.writes) == {302}, load.writes
    stored = {row[0] for row in cluster.sql("SELECT body FROM knowledge_comment")}
    lost = [text for text in load.answered_writes if text not in stored]
    assert not lost, f"{len(lost)} of {len(load.answered_writes)} answered writes lost"
    assert {cluster.release_on(host) for host in cluster.app_hosts} == {NEW_RELEASE}
    marks = cluster.access_marks()
    visitor = Browser()
    assert {visitor.get("/health/").headers["X-Release"] for _ in range(2)} == {NEW_RELEASE}
    assert cluster.served_all(marks, "GET", "/health/", 2) == {"app-a": 1, "app-b": 1}


# --- 9. -------------------------------------------------------------------------------


def test_nginx_compresses_for_visitors_only_and_keeps_the_metrics_to_itself(cluster):
    gzip = {"Accept-Encoding": "gzip"}
    visitor = Browser(headers=gzip).get("/kennisbank/")
    assert (visitor.status, visitor.headers["Content-Encoding"]) == (200, "gzip")
    member = Browser(session_key=cluster.data["reader"], headers=gzip).get("/kennisbank/")
    assert member.status == 200 and "Content-Encoding" not in member.headers  # BREACH

    bearer = {"Authorization": f"Bearer {METRICS_TOKEN}"}
    for host in cluster.app_hosts:  # as Prometheus asks each app server
        assert Browser(host.address, APP_PORT, headers=bearer).get("/metrics").status == 200
    through_nginx = Browser(headers=bearer).get("/metrics")
    assert through_nginx.status == 404
    assert "<center>nginx" in through_nginx.body  # nginx's own page: no app server asked
