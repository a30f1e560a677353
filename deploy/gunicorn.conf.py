"""Gunicorn on one app server, started by deploy/systemd/leeratelier-web.service.

Check it with `.venv/bin/gunicorn --config deploy/gunicorn.conf.py --check-config atelier.wsgi`.
Each setting can be changed in the environment file without editing this one.
"""

import multiprocessing
import os

wsgi_app = "atelier.wsgi"
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
