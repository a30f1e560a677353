"""The site as it runs on several machines, built on this one (tests/cluster/hosts.py):

    host      address       runs
    db        10.213.0.10   PostgreSQL 15 (Debian's binaries, as bin/with-postgresql)
    redis     10.213.0.11   Redis: the shared cache (page generations, rate limits, sessions)
    app-a     10.213.0.21   gunicorn with production settings, and a mail worker
    app-b     10.213.0.22   the same
    web       10.213.0.30   nginx, balancing over app-a and app-b
    (bridge)  10.213.0.1    this machine: the tests, and the SMTP server the workers send to

Each part runs with the site's own deployment files (deploy/: gunicorn.conf.py, the nginx
site with TLS, Redis's cache settings), with this cluster's addresses and folders filled
in; the nginx certificate is made for the run. Media lie in one folder that both app
servers reach, as a shared path would in production. The database is prepared once
(migrate, then the test data of tests/cluster/site_data.py), and the site is served only
through the addresses above.
"""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg

from ..processes import children
from .browser import Browser
from .hosts import (
    FOLDER,
    GATEWAY,
    SUBNET,
    ClusterError,
    Host,
    Process,
    answers,
    as_user,
    build_network,
    fresh_folder,
    remove_everything,
    run,
    wait_for,
)
from .mail_server import MailServer

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
PG_BIN = Path("/usr/lib/postgresql/15/bin")
# nginx's main file, around the site's configuration (deploy/nginx/leeratelier.conf).
NGINX_MAIN = Path(__file__).resolve().parent / "nginx.conf"
APP_PORT = 8000
SMTP_PORT = 2525
SECRET_KEY = "cluster-test-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz-not-real"
# What Prometheus shows each app server (docs/operations.md, "Metrics").
METRICS_TOKEN = "cluster-test-metrics-token-0123456789abcdef"
# The release every server runs at first (settings.RELEASE: /health/ names it).
FIRST_RELEASE = "2026.12.0"
# Starting Django in a new process on a busy two-core machine takes a while.
BOOT_SECONDS = 120
# A mail worker here gives back what a killed one claimed after this long (the README's
# default is ten minutes); the other worker's e-mails take milliseconds each.
STALLED_AFTER_SECONDS = 5
# A line of gunicorn's access log (on its standard output, deploy/gunicorn.conf.py): who
# asked, then the request line and the status.
ACCESS_LINE = re.compile(r'^(\S+) .*?"(\S+) (\S+) [^"]*" (\d{3}) ')


class Cluster:
    def __init__(self):
        self.db = Host("db", 10)
        self.redis = Host("redis", 11)
        self.app_hosts = [Host("app-a", 21), Host("app-b", 22)]
        self.web = Host("web", 30)
        self.site = self.web.address
        self.mail = MailServer(GATEWAY, SMTP_PORT)
        self.postgresql: Process | None = None
        self.redis_server: Process | None = None
        self.gunicorns: dict[str, Process] = {}
        self.mail_workers: dict[str, Process] = {}
        self.nginx: Process | None = None
        # App servers nginx sends no new requests (a rolling upgrade takes them out).
        self.left_out: set[str] = set()
        self.data: dict = {}

    # --- building and removing --------------------------------------------------------

    def build(self) -> None:
        remove_everything()
        fresh_folder()
        build_network([self.db, self.redis, *self.app_hosts, self.web])
        self.mail.start()
        self.start_postgresql()
        self.start_redis()
        self.prepare_site()
        for host in self.app_hosts:  # both boot at once, then both are waited for
            self.start_app_server(host, wait=False)
            self.start_mail_worker(host)
        for host in self.app_hosts:
            self.wait_for_app_server(host)
        self.start_nginx()

    def processes(self) -> list[Process]:
        parts = [self.nginx, *self.gunicorns.values(), *self.mail_workers.values()]
        return [p for p in [*parts, self.redis_server, self.postgresql] if p is not None]

    def close(self, keep_logs: bool) -> None:
        """Stop every process, remove namespaces and bridge; the logs stay after a failure."""
        try:
            for process in self.processes():
                process.stop(signal.SIGKILL, seconds=30)
            self.mail.stop()
        finally:
            remove_everything()
            if keep_logs:
                shutil.rmtree(FOLDER / "pg", ignore_errors=True)
            else:
                shutil.rmtree(FOLDER, ignore_errors=True)

    # --- PostgreSQL --------------------------------------------------------------------

    def start_postgresql(self) -> None:
        data = FOLDER / "pg" / "data"
        data.parent.mkdir()
        shutil.chown(data.parent, "postgres", "postgres")
        run(
            [*as_user("postgres"), PG_BIN / "initdb", "-A", "trust", "-U", "postgres"]
            + ["-E", "UTF8", "--locale=C.UTF-8", "-D", data],
            cwd=FOLDER,
        )
        with open(data / "pg_hba.conf", "a") as rules:
            rules.write(f"host all all {SUBNET}.0/24 trust\n")
        options = {
            "listen_addresses": self.db.address,
            "port": "5432",
            "unix_socket_directories": str(data.parent),
            "max_connections": "100",
            "fsync": "off",
        }
        command = [*as_user("postgres"), PG_BIN / "postgres", "-D", data]
        for name, value in options.items():
            command += ["-c", f"{name}={value}"]
        self.postgresql = self.db.start("postgresql", command, cwd=FOLDER)
        self.wait_for_postgresql()
        with psycopg.connect(self.database_url("postgres", "postgres"), autocommit=True) as admin:
            admin.execute("CREATE ROLE atelier LOGIN PASSWORD 'atelier'")
            admin.execute("CREATE DATABASE atelier OWNER atelier")

    def database_url(self, user: str = "atelier", database: str = "atelier") -> str:
        return f"postgres://{user}:{user}@{self.db.address}:5432/{database}"

    def database_answers(self) -> bool:
        try:
            with psycopg.connect(self.database_url("postgres", "postgres"), connect_timeout=2):
                return True
        except psycopg.OperationalError:
            return False

    def wait_for_postgresql(self) -> None:
        wait_for(
            "PostgreSQL accepts connections",
            self.database_answers,
            BOOT_SECONDS,
            self.postgresql.died,
        )

    def restart_postgresql(self) -> None:
        self.postgresql.start()
        self.wait_for_postgresql()

    def sql(self, query: str, *parameters) -> list[tuple]:
        """Rows of a query on the site's database, read from this machine."""
        with psycopg.connect(self.database_url(), connect_timeout=5) as connection:
            return connection.execute(query, parameters).fetchall()

    # --- Redis -------------------------------------------------------------------------

    def start_redis(self) -> None:
        folder = FOLDER / "redis"
        folder.mkdir(exist_ok=True)
        # The site's Redis settings (no persistence: a restarted Redis starts empty), on
        # this host's address.
        command = [
            "redis-server", DEPLOY / "redis-cache.conf",
            "--bind", self.redis.address,
            "--port", "6379",
            "--dir", folder,
            "--daemonize", "no",
            "--protected-mode", "no",
        ]  # fmt: skip
        if self.redis_server is None:
            self.redis_server = self.redis.start("redis", command)
        else:
            self.redis_server.start()
        wait_for(
            "Redis answers",
            lambda: self.redis_command("PING") == "+PONG",
            BOOT_SECONDS,
            self.redis_server.died,
        )

    def redis_command(self, *words: str) -> str:
        """One command to Redis; its answer's first line (e.g. "+PONG", ":12")."""
        request = f"*{len(words)}\r\n" + "".join(f"${len(w)}\r\n{w}\r\n" for w in words)
        with socket.create_connection((self.redis.address, 6379), timeout=2) as connection:
            connection.sendall(request.encode())
            with connection.makefile("rb") as reply:
                return reply.readline().decode().strip()

    # --- the site ----------------------------------------------------------------------

    def site_env(self) -> dict:
        """Production settings, with the addresses of this cluster."""
        return {
            **os.environ,
            "PRODUCTION": "true",
            "DEBUG": "false",
            "SECRET_KEY": SECRET_KEY,
            "ALLOWED_HOSTS": self.site,
            "SITE_URL": f"https://{self.site}",
            "DATABASE_URL": self.database_url(),
            "CONN_MAX_AGE": "60",
            "CACHE_BACKEND": "atelier.shared_cache.RedisCache",
            "CACHE_LOCATION": f"redis://{self.redis.address}:6379/0",
            # nginx is the one proxy: rate limits count the visitor it names.
            "TRUSTED_PROXY_COUNT": "1",
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": GATEWAY,
            "EMAIL_PORT": str(SMTP_PORT),
            "EMAIL_USE_TLS": "false",
            "VAR_DIR": str(FOLDER / "var"),
            "STATIC_ROOT": str(FOLDER / "static"),
            "MEDIA_ROOT": str(FOLDER / "media"),
            "MEDIA_ACCEL_REDIRECT": "/protected-media/",
            "LOG_LEVEL": "WARNING",
            # nginx compresses (deploy/nginx/compression.conf), as the environment file says.
            "COMPRESS_RESPONSES": "false",
            "RELEASE": FIRST_RELEASE,
            "METRICS_TOKEN": METRICS_TOKEN,
            # deploy/gunicorn.conf.py: two workers a server on this small machine; the
            # forwarded headers are trusted from nginx, and from the tests when they
            # speak to one app server directly.
            "GUNICORN_WORKERS": "2",
            # A fresh worker's first request (imports, templates) took over the default 30 s
            # on this machine while six other test runs shared its two cores.
            "GUNICORN_TIMEOUT": "90",
            "GUNICORN_FORWARDED_ALLOW_IPS": f"{self.site},{GATEWAY}",
        }

    def manage(self, host: Host, *arguments: str, seconds: float = BOOT_SECONDS) -> str:
        """`manage.py` on a host, to its end; its standard output."""
        command = ["ip", "netns", "exec", host.namespace, PYTHON, "manage.py", *arguments]
        try:
            done = run(command, check=False, env=self.site_env(), cwd=ROOT, timeout=seconds)
        except subprocess.TimeoutExpired as timeout:
            raise ClusterError(f"manage.py {arguments[0]} took over {seconds:.0f} s") from timeout
        if done.returncode:
            raise ClusterError(f"manage.py {arguments[0]} failed:\n{done.stdout}{done.stderr}")
        return done.stdout

    def script(self, host: Host, name: str, **values) -> dict:
        """Run tests/cluster/<name>.py in `manage.py shell` on a host, with `values` as its
        globals; what it prints on a line starting "RESULT " (JSON)."""
        source = (Path(__file__).resolve().parent / f"{name}.py").read_text()
        preamble = "".join(f"{key} = {value!r}\n" for key, value in values.items())
        out = self.manage(host, "shell", "--no-imports", "-c", preamble + source)
        line = next((ln for ln in out.splitlines() if ln.startswith("RESULT ")), None)
        if line is None:
            raise ClusterError(f"{name} printed no result:\n{out}")
        return json.loads(line.removeprefix("RESULT "))

    def prepare_site(self) -> None:
        (FOLDER / "media").mkdir()
        (FOLDER / "var").mkdir()
        first = self.app_hosts[0]
        # collectstatic needs no database: it runs while migrate does.
        with ThreadPoolExecutor(1) as beside:
            collecting = beside.submit(
                self.manage, first, "collectstatic", "--noinput", "-v0", seconds=300
            )
            self.manage(first, "migrate", "--noinput", "-v0", seconds=600)
            self.data = self.script(first, "site_data")
            collecting.result()

    def start_app_server(self, host: Host, wait: bool = True, release: str = "") -> None:
        """gunicorn on `host`, again if it ran before; with `release`, as that release."""
        if host.name in self.gunicorns:
            if release:
                self.gunicorns[host.name].env["RELEASE"] = release
            self.gunicorns[host.name].start()
        else:
            # deploy/gunicorn.conf.py loads the site before the port opens (preload_app).
            command = [GUNICORN, "--config", DEPLOY / "gunicorn.conf.py"]
            env = {**self.site_env(), "GUNICORN_BIND": f"{host.address}:{APP_PORT}"}
            self.gunicorns[host.name] = host.start("gunicorn", command, env, ROOT)
        if wait:
            self.wait_for_app_server(host)

    def wait_for_app_server(self, host: Host) -> None:
        wait_for(
            f"gunicorn on {host.name} answers /health/",
            lambda: Browser(host.address, APP_PORT).get("/health/").status == 200,
            BOOT_SECONDS,
            self.gunicorns[host.name].died,
        )

    def release_on(self, host: Host) -> str | None:
        """The release `host` answers with once it is ready (/health/ready/), else None."""
        answer = Browser(host.address, APP_PORT).get("/health/ready/")
        return answer.headers.get("X-Release") if answer.status == 200 else None

    def start_mail_worker(self, host: Host) -> None:
        command = [
            PYTHON,
            "manage.py",
            "mail_worker",
            "--no-reload",
            "--no-startup-delay",
            "--interval=0.2",
            f"--stalled-after={STALLED_AFTER_SECONDS}",
        ]
        if host.name in self.mail_workers:
            self.mail_workers[host.name].start()
        else:
            self.mail_workers[host.name] = host.start("mail-worker", command, self.site_env(), ROOT)

    def restart_mail_workers(self) -> None:
        """Each mail worker stopped and started again: a worker ends when its database goes
        away, and systemd starts it again (Restart=always in deploy/systemd/)."""
        for host in self.app_hosts:
            self.mail_workers[host.name].stop(signal.SIGTERM)
            self.start_mail_worker(host)

    def app_host(self, address: str) -> Host:
        return next(host for host in self.app_hosts if host.address == address)

    def access_log(self, host: Host) -> Path:
        return self.gunicorns[host.name].log

    def access_marks(self) -> dict[str, int]:
        """Where each app server's access log ends now."""
        return {host.name: self.access_log(host).stat().st_size for host in self.app_hosts}

    def served(self, marks: dict[str, int], method: str, path: str = "") -> Counter:
        """Per app server, how many `method` requests for paths starting with `path`
        arrived through nginx since `marks`."""
        counts: Counter = Counter()
        for host in self.app_hosts:
            with open(self.access_log(host), "rb") as log:
                log.seek(marks[host.name])
                for line in log.read().decode(errors="replace").splitlines():
                    found = ACCESS_LINE.match(line)
                    if (
                        found
                        and found[1] == self.site
                        and found[2] == method
                        and found[3].startswith(path)
                    ):
                        counts[host.name] += 1
        return counts

    def served_all(self, marks: dict[str, int], method: str, path: str, total: int) -> Counter:
        """`served`, once the logs hold all `total` of those requests: gunicorn writes a
        request's line just after its answer has gone out."""

        def logged() -> Counter | None:
            counts = self.served(marks, method, path)
            return counts if counts.total() >= total else None

        return wait_for(f"{total} × {method} {path} in the access logs", logged, 30)

    # --- nginx -------------------------------------------------------------------------

    def start_nginx(self) -> None:
        folder = FOLDER / "nginx"
        folder.mkdir()
        shutil.chown(folder, "www-data", "www-data")
        run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"]
            + ["-keyout", folder / "site.key", "-out", folder / "site.crt"]
            + ["-subj", f"/CN={self.site}", "-addext", f"subjectAltName=IP:{self.site}"]
        )
        self.write_nginx_site()
        config = NGINX_MAIN.read_text()
        for name, value in {
            "@FOLDER@": folder,
            "@LOGS@": FOLDER / "logs",
            "@SITE@": folder / "site.conf",
        }.items():
            config = config.replace(name, str(value))
        (folder / "nginx.conf").write_text(config)
        command = [
            "nginx",
            "-c",
            folder / "nginx.conf",
            "-p",
            folder,
            "-e",
            FOLDER / "logs/nginx.log",
        ]
        self.nginx = self.web.start("nginx", [*command, "-g", "daemon off;"])
        wait_for("nginx answers", lambda: answers(self.site, 443), 30, self.nginx.died)

    def write_nginx_site(self) -> None:
        folder = FOLDER / "nginx"
        (folder / "site.conf").write_text(self.nginx_site(folder))

    def nginx_site(self, folder: Path) -> str:
        """deploy/nginx/leeratelier.conf with this cluster's app servers, certificate and
        folders in place of the examples; an app server left out is marked `down`."""
        config = (DEPLOY / "nginx" / "leeratelier.conf").read_text()
        upstream = re.search(r"^upstream \S+ \{$(.*?)^\}", config, re.MULTILINE | re.DOTALL)
        examples = re.findall(r"^\s*server (\S+)", upstream.group(1), re.MULTILINE)
        for example, host in zip(examples, self.app_hosts, strict=True):
            down = " down" if host.name in self.left_out else ""
            config = config.replace(
                f"server {example} ", f"server {host.address}:{APP_PORT}{down} "
            )
        for pattern, value in [
            (r"ssl_certificate \S+;", f"ssl_certificate {folder}/site.crt;"),
            (r"ssl_certificate_key \S+;", f"ssl_certificate_key {folder}/site.key;"),
            (r"proxy_cache_path \S+", f"proxy_cache_path {folder}/cache"),
            (r"alias \S+/media/;", f"alias {FOLDER}/media/;"),
            (r"include /etc/nginx/leeratelier/", f"include {DEPLOY}/nginx/"),
        ]:
            config, found = re.subn(pattern, value, config)
            assert found, f"deploy/nginx/leeratelier.conf has no {pattern}"
        return config

    def leave_out(self, host: Host, out: bool = True) -> None:
        """Take `host` out of nginx's pool (or back into it), as an operator does in a
        rolling upgrade: the upstream marks it `down`, and nginx reloads gracefully. Its
        new worker sends requests by the new list; the old one finishes the requests it
        has (some of them on `host`), then ends. Returns once it has ended: from then on
        nothing goes to a server left out, and nothing is still on its way there."""
        if out:
            self.left_out.add(host.name)
        else:
            self.left_out.discard(host.name)
        self.write_nginx_site()
        master = self.nginx.popen.pid
        before = children(master)

        def reloaded() -> bool:
            now = children(master)
            return bool(now) and not now & before

        os.kill(master, signal.SIGHUP)
        wait_for("nginx's old workers have finished", reloaded, 120, self.nginx.died)
