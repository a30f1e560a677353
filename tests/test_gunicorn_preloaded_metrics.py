"""gunicorn as deploy/gunicorn.conf.py runs it: the site loaded once in the master
(preload_app), then forked into the workers. With the workers' metrics in one folder
(PROMETHEUS_MULTIPROC_DIR, docs/operations.md) each worker still counts in a file of its
own, the scrape adds them all up, and a worker that ends is reported to prometheus_client
by the `child_exit` hook. A real gunicorn on the committed test database.
"""

import os
import re
import signal
import subprocess

import pytest
from django.conf import settings

from .cluster.hosts import wait_for
from .http_browser import LOCALHOST, Browser
from .processes import children
from .test_load import GUNICORN, ROOT, database_url, free_port

# Alone, after the tests in parallel (Makefile): gunicorn's workers want the cores.
pytestmark = [pytest.mark.serial, pytest.mark.django_db(transaction=True)]
TOKEN = "metrics-token-for-the-preload-test-0123456789"
WORKERS = 2
# Starting Django on a busy two-core machine takes a while.
BOOT_SECONDS = 120
HEALTH_COUNT = re.compile(
    r'^django_http_requests_total_by_view_transport_method_total\{[^}]*view="health"[^}]*\} '
    r"(\S+)$",
    re.MULTILINE,
)


@pytest.fixture
def gunicorn(tmp_path):
    metrics = tmp_path / "metrics"
    metrics.mkdir()
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "SECRET_KEY": settings.SECRET_KEY,
        "ALLOWED_HOSTS": LOCALHOST,
        "DEBUG": "false",
        "VAR_DIR": str(tmp_path / "var"),
        "LOG_LEVEL": "WARNING",
        "GUNICORN_BIND": f"{LOCALHOST}:{port}",
        "GUNICORN_WORKERS": str(WORKERS),
        "PROMETHEUS_MULTIPROC_DIR": str(metrics),
        "METRICS_TOKEN": TOKEN,
    }
    env.pop("PRODUCTION", None)  # production would need collectstatic and HTTPS
    (tmp_path / "var" / "static").mkdir(parents=True)  # WhiteNoise warns when it is missing
    with open(tmp_path / "gunicorn.log", "wb") as log:
        process = subprocess.Popen(
            [GUNICORN, "--config", ROOT / "deploy" / "gunicorn.conf.py"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=log,
            start_new_session=True,  # its own process group: stopped as a whole
        )
    server = Server(process, port, metrics, tmp_path / "gunicorn.log")
    try:
        wait_for(
            "gunicorn runs its workers and answers",
            lambda: len(server.workers()) == WORKERS and server.health() == 200,
            BOOT_SECONDS,
            server.died,
        )
        yield server
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=BOOT_SECONDS)


class Server:
    def __init__(self, process, port, metrics, log):
        self.process, self.port, self.metrics, self.log = process, port, metrics, log
        self.asked = 0  # /health/ requests answered

    def workers(self) -> set[int]:
        return children(self.process.pid)

    def died(self) -> str | None:
        if self.process.poll() is None:
            return None
        return f"gunicorn ended:\n{self.log.read_text(errors='replace')[-3000:]}"

    def health(self) -> int:
        answer = Browser(self.port).get("/health/")
        self.asked += 1
        return answer.status

    def counting(self) -> set[int]:
        """The processes that wrote figures to the shared folder (files named by pid)."""
        return {int(path.stem.rpartition("_")[2]) for path in self.metrics.glob("*.db")}

    def health_requests(self) -> float:
        scrape = Browser(self.port, headers={"Authorization": f"Bearer {TOKEN}"}).get("/metrics")
        assert scrape.status == 200, scrape.status
        return sum(float(count) for count in HEALTH_COUNT.findall(scrape.body))


def test_preloaded_workers_each_count_and_the_scrape_adds_them_up(gunicorn):
    workers = gunicorn.workers()
    wait_for(
        "both workers have answered (each writes files of its own pid)",
        lambda: gunicorn.health() == 200 and workers <= gunicorn.counting(),
        BOOT_SECONDS,
        gunicorn.died,
    )

    assert gunicorn.health_requests() == gunicorn.asked


def test_a_worker_that_ends_takes_its_live_gauges_along(gunicorn):
    worker = min(gunicorn.workers())
    live_gauge = gunicorn.metrics / f"gauge_livesum_{worker}.db"
    live_gauge.write_bytes(b"")  # as a gauge counted while the worker lives would

    os.kill(worker, signal.SIGTERM)  # as when gunicorn replaces it (max_requests)

    wait_for(
        "the master replaces the worker and forgets its live gauges",
        lambda: worker not in gunicorn.workers() and not live_gauge.exists(),
        BOOT_SECONDS,
        gunicorn.died,
    )
    wait_for("a full set of workers", lambda: len(gunicorn.workers()) == WORKERS, BOOT_SECONDS)
    assert gunicorn.health() == 200
