"""Gunicorn on one app server, started by deploy/systemd/leeratelier-web.service.

Check it with `.venv/bin/gunicorn --config deploy/gunicorn.conf.py --check-config atelier.wsgi`.
Each setting can be changed in the environment file without editing this one.
"""

import multiprocessing
import os

from prometheus_client import multiprocess

wsgi_app = "atelier.wsgi"
# The site is loaded once, in the master, before the port opens and the workers are
# forked: nginx never sends a request to a server that is still starting (on a busy
# machine such a request waited for nginx's whole read timeout and got 504), a broken
# release fails at its start, and the workers share the loaded code's memory. Safe to
# load early: nothing opens a database or Redis connection while loading (each worker
# opens its own), prometheus_client writes each worker's figures to files of that
# worker's pid (PROMETHEUS_MULTIPROC_DIR; child_exit below), and sentry-sdk starts its
# sending thread again in each worker. So a new release needs a restart: a reload (HUP)
# forks new workers from the master's old code (docs/operations.md, "Rolling upgrades").
preload_app = True
# nginx reaches the app server at this address (deploy/nginx/leeratelier.conf).
bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
# Synchronous workers: nginx buffers slow clients, so a worker only ever waits on the
# database. Two per core and one more, as gunicorn advises; each holds one database
# connection (CONN_MAX_AGE), so workers x app servers stays below PostgreSQL's max_connections.
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * multiprocessing.cpu_count() + 1))
# A request that takes longer is killed (nginx then answers 502 and may retry a GET on
# the other server); below nginx's proxy_read_timeout (60 s), so nginx sees the kill.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# On a restart (a new release), workers finish what they are doing first; systemd's
# TimeoutStopSec is a little longer.
graceful_timeout = 30
# A fresh worker now and then: memory a long-lived worker gathers is given back.
max_requests = 2000
max_requests_jitter = 200
# Workers signal gunicorn that they live through this file: memory, never a slow disk.
worker_tmp_dir = "/dev/shm"
# No control socket: systemd controls the server (signals), nothing else needs one.
control_socket_disable = True
# Access log on standard output, errors on standard error: the journal keeps both.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Only nginx may set X-Forwarded-*; Django reads the scheme (SECURE_PROXY_SSL_HEADER) and
# the client's address (TRUSTED_PROXY_COUNT) itself.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
proc_name = "leeratelier"


def child_exit(server, worker):
    """A worker has ended (a restart, max_requests, a crash): with several workers counted
    together (PROMETHEUS_MULTIPROC_DIR, docs/operations.md), its live gauges go with it."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.mark_process_dead(worker.pid)
