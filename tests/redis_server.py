"""A real redis-server for the tests of the shared cache, on a free port in a temporary
folder, and the settings that point the site's shared cache at it.

Skipped when Debian's redis-server is not installed (`make system-packages-cluster`
installs it; in CI the skip fails the run, tests/conftest.py).
"""

import selectors
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
import redis
from django.core.cache import caches

from atelier.shared_cache import FailSoftRedisCacheClient

START_SECONDS = 60
READY = b"Ready to accept connections"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    """One redis-server that the test can stop and start again on the same port and folder.
    It writes its data to disk only when stopped (`stop(save=True)`), so that a test can
    bring back exactly what Redis held."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        executable = shutil.which("redis-server") or "/usr/bin/redis-server"
        self.process = subprocess.Popen(
            [
                executable,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--dir",
                str(self.folder),
                "--save",
                "",
                "--appendonly",
                "no",
                "--logfile",
                "",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            # Unbuffered: a line read ahead into a buffer would hide from select().
            bufsize=0,
        )
        self._wait_for_log_line(READY)
        assert self.client().ping()

    def _wait_for_log_line(self, line: bytes) -> None:
        assert self.process is not None and self.process.stdout is not None
        deadline = time.monotonic() + START_SECONDS
        with selectors.DefaultSelector() as selector:
            selector.register(self.process.stdout, selectors.EVENT_READ)
            while time.monotonic() < deadline:
                if not selector.select(timeout=deadline - time.monotonic()):
                    break
                output = self.process.stdout.readline()
                if line in output:
                    return
                assert output, "redis-server stopped while starting"
        raise AssertionError(f"redis-server not ready within {START_SECONDS} s")

    def client(self) -> redis.Redis:
        return redis.Redis(port=self.port, socket_timeout=5)

    def stop(self, save: bool = False) -> None:
        """Stop the server; with `save`, what it holds is back when it starts again."""
        if self.process is None:
            return
        self.client().shutdown(save=save, nosave=not save)
        self.process.wait(timeout=START_SECONDS)
        self.process.stdout.close()
        self.process = None


@pytest.fixture
def redis_server(tmp_path):
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed (make system-packages-cluster)")
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


def server_settings(settings, redis_url: str, server: str) -> None:
    """The cache settings of one app server: the shared Redis, and pages in this server's
    own memory (a LocMemCache of its own name)."""
    settings.CACHES = {
        "default": {
            "BACKEND": "atelier.shared_cache.RedisCache",
            "LOCATION": redis_url,
            # Generous: a busy machine must not make a running Redis look away.
            "OPTIONS": {"socket_connect_timeout": 10, "socket_timeout": 10},
        },
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": server},
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"


@pytest.fixture
def shared_redis(settings, redis_server, monkeypatch):
    """The site on the test's Redis, as app server "a"; a Redis that is back is tried at
    once (no pause after a failure)."""
    monkeypatch.setattr(FailSoftRedisCacheClient, "retry_seconds", 0)
    for server in ("b", "a"):  # pages kept by an earlier test are gone
        server_settings(settings, redis_server.url, server)
        caches["pages"].clear()
    return redis_server
