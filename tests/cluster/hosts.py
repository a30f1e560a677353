"""Hosts out of network namespaces on this machine, joined by a bridge, and the processes
they run: the harness of `make test-cluster` (tests/cluster/test_cluster.py holds the proofs).

Every name starts with PREFIX and every address lies in SUBNET, so whatever an earlier
run left behind (it was killed, the machine lost power) is found and removed before a new
run begins and after it ends: the processes still inside the namespaces (`ip netns
pids`), the namespaces, the bridge and the run's folder. A process is started with
`ip netns exec`, which execs it in place: the Popen is the server itself, and stopping it
by its process group reaches its children (gunicorn's workers, PostgreSQL's backends).

Waiting is always on an event with a deadline (a port answering, a log line, a row), as
in the rest of the test suite.
"""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

PREFIX = "lacl-"
BRIDGE = f"{PREFIX}br0"
SUBNET = "10.213.0"
# The machine itself on the bridge: the tests, and the e-mail server they run.
GATEWAY = f"{SUBNET}.1"
FOLDER = Path("/tmp") / f"{PREFIX}cluster"
T = TypeVar("T")


class ClusterError(RuntimeError):
    """A part of the cluster did not come up or go down in time."""


def wait_for(what: str, ready: Callable[[], T], seconds: float, failed=None) -> T:
    """Call `ready()` until it returns something true (and return that), or fail after
    `seconds`; `failed()` may name a reason to stop at once (a process that died)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            result = ready()
        except OSError:
            result = None
        if result:
            return result
        reason = failed() if failed else None
        if reason:
            raise ClusterError(f"{what}: {reason}")
        if time.monotonic() > deadline:
            raise ClusterError(f"{what}: not within {seconds:.0f} s")
        time.sleep(0.1)


def answers(address: str, port: int) -> bool:
    """Whether something accepts connections on address:port."""
    with socket.create_connection((address, port), timeout=1):
        return True


def run(command: list, check: bool = True, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(part) for part in command], check=check, capture_output=True, text=True, **kwargs
    )


def as_user(user: str) -> list[str]:
    """The command prefix that runs a program as this system user (setpriv execs it)."""
    return ["setpriv", f"--reuid={user}", f"--regid={user}", "--init-groups", "--"]


class Host:
    """A network namespace with one address on the bridge."""

    def __init__(self, name: str, number: int):
        self.name = name
        self.namespace = f"{PREFIX}{name}"
        self.address = f"{SUBNET}.{number}"

    def create(self) -> None:
        namespace = self.namespace
        run(["ip", "netns", "add", namespace])
        # The machine's end of the cable is named after the host; the host's end is eth0.
        run(
            [
                "ip",
                "link",
                "add",
                namespace,
                "type",
                "veth",
                "peer",
                "name",
                "eth0",
                "netns",
                namespace,
            ]
        )
        run(["ip", "link", "set", namespace, "master", BRIDGE, "up"])
        run(["ip", "-n", namespace, "addr", "add", f"{self.address}/24", "dev", "eth0"])
        run(["ip", "-n", namespace, "link", "set", "eth0", "up"])
        run(["ip", "-n", namespace, "link", "set", "lo", "up"])

    def start(self, name: str, command: list, env: dict | None = None, cwd=None) -> "Process":
        """Start `command` inside this host; its output goes to FOLDER/logs/<host>-<name>.log."""
        process = Process(f"{self.name}-{name}", self, [str(part) for part in command], env, cwd)
        process.start()
        return process


class Process:
    """A long-running program on a host, started again as often as a test needs."""

    def __init__(self, name: str, host: Host, command: list[str], env: dict | None, cwd):
        self.name = name
        self.host = host
        self.command = command
        self.env = env
        self.cwd = cwd
        self.log = FOLDER / "logs" / f"{name}.log"
        self.popen: subprocess.Popen | None = None

    def start(self) -> None:
        with open(self.log, "ab") as log:
            self.popen = subprocess.Popen(
                ["ip", "netns", "exec", self.host.namespace, *self.command],
                env=self.env,
                cwd=self.cwd,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: stopped as a whole
            )

    def died(self) -> str | None:
        """Why waiting for it is pointless: it ended (with the end of its log)."""
        if self.popen is None or self.popen.poll() is None:
            return None
        return f"{self.name} ended with {self.popen.returncode}:\n{self.tail()}"

    def running(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def stop(self, how: signal.Signals = signal.SIGTERM, seconds: float = 30) -> None:
        """Send `how` to its process group and wait until the program has ended; what is
        left of the group after that is killed."""
        if self.popen is None:
            return
        group = self.popen.pid
        if self.popen.poll() is None:
            os.killpg(group, how)
            try:
                self.popen.wait(timeout=seconds)
            except subprocess.TimeoutExpired as timeout:
                os.killpg(group, signal.SIGKILL)
                self.popen.wait(timeout=10)
                raise ClusterError(f"{self.name} did not stop within {seconds:.0f} s") from timeout
        with contextlib.suppress(ProcessLookupError):
            os.killpg(group, signal.SIGKILL)  # children the program left behind

    def tail(self, characters: int = 3000) -> str:
        return self.log.read_bytes()[-characters:].decode(errors="replace")


def leftover_namespaces() -> list[str]:
    listed = run(["ip", "netns", "list"]).stdout.split("\n")
    return [line.split()[0] for line in listed if line.startswith(PREFIX)]


def remove_everything() -> None:
    """Kill every process inside our namespaces, remove the namespaces and the bridge.

    Run before a cluster is built (an earlier run may have been killed half-way) and after
    it, whatever happened in between. Only what carries PREFIX is touched.
    """
    namespaces = leftover_namespaces()
    for namespace in namespaces:
        pids = run(["ip", "netns", "pids", namespace], check=False).stdout.split()
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(int(pid), signal.SIGKILL)
        for pid in pids:
            wait_for(f"process {pid} of {namespace} ends", lambda p=pid: not alive(p), 30)
        run(["ip", "netns", "delete", namespace])
    links = run(["ip", "-o", "link", "show"]).stdout.splitlines()
    for line in links:
        name = line.split(":")[1].strip().split("@")[0]
        if name.startswith(PREFIX):
            run(["ip", "link", "delete", name], check=False)


def alive(pid: str) -> bool:
    """Whether the process still exists and is not a zombie waiting to be reaped."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return False
    return state != "Z"


def build_network(hosts: list[Host]) -> None:
    run(["ip", "link", "add", BRIDGE, "type", "bridge"])
    run(["ip", "addr", "add", f"{GATEWAY}/24", "dev", BRIDGE])
    run(["ip", "link", "set", BRIDGE, "up"])
    for host in hosts:
        host.create()


def fresh_folder() -> None:
    """FOLDER, empty, readable by the servers' own users (postgres, www-data)."""
    shutil.rmtree(FOLDER, ignore_errors=True)
    (FOLDER / "logs").mkdir(parents=True)
    FOLDER.chmod(0o755)
