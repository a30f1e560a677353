# The two commands a newcomer needs: `make run` and `make test`. See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := run

VENV := .venv
PY := $(VENV)/bin/python
UV := python3 -m uv
export UV_PYTHON_DOWNLOADS := never
export UV_PYTHON := python3

.PHONY: run test lint format check serve messages compile test-postgres test-repeat test-repeat-postgres \
	system-packages bench bench-postgres screenshots test-cluster

## run: install, prepare the SQLite database with demo data, serve on 127.0.0.1:8000 with the mail worker
run: $(VENV)/.synced compile system-packages-pdf
	mkdir -p var/static
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	@# The mail worker beside the server (e-mail lands in var/mail/); Ctrl-C stops both,
	@# and the worker stops when the server does. No reloading: a reloaded worker's
	@# child would outlive the kill.
	$(PY) manage.py mail_worker --no-reload --stalled-after 0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT; \
	$(PY) manage.py runserver 127.0.0.1:8000

# Every test in two steps: most in two processes at once (pytest-xdist; each has its own
# test database and temporary folders), then those marked `serial` alone: servers,
# racing threads and timings, which another process on the cores would sway.
PYTEST_SUITE := $(VENV)/bin/pytest -n 2 -m "not serial" && $(VENV)/bin/pytest -m serial

## test: lint, then every test (browser tests included)
test: $(VENV)/.synced system-packages system-packages-cluster node_modules/.package-lock.json compile lint
	$(PYTEST_SUITE)

## test-cluster: a cluster of hosts on this machine (network namespaces: PostgreSQL, Redis, two
##               app servers, nginx) and the proofs of tests/cluster/; needs root, under 10 minutes
test-cluster: $(VENV)/.synced compile system-packages-pdf system-packages-cluster
	@test -x /usr/lib/postgresql/15/bin/initdb || bin/apt-install postgresql-15
	timeout --signal=INT --kill-after=60 600 $(VENV)/bin/pytest -q -p no:cacheprovider --durations=0 -m cluster tests/cluster

## screenshots: walk through docs/coordinator.md in Chromium and renew its pictures
screenshots: $(VENV)/.synced system-packages compile
	UPDATE_SCREENSHOTS=1 $(VENV)/bin/pytest -q -p no:cacheprovider tests/e2e/test_coordinator_guide.py

## test-postgres: the whole suite against a throwaway PostgreSQL 15 cluster
test-postgres: $(VENV)/.synced system-packages system-packages-cluster node_modules/.package-lock.json compile
	bin/with-postgresql bash -c '$(PYTEST_SUITE)'

# The tests that use processes, threads and time, run again and again: a race shows.
REPEAT_TESTS := tests/test_load.py tests/test_agenda_concurrency.py \
	tests/test_notifications_digest_overlap.py tests/test_mail_queue_killed_worker.py \
	tests/test_scheduled_commands_at_once.py
PYTEST_ONCE := $(VENV)/bin/pytest -q -p no:cacheprovider $(REPEAT_TESTS)

## test-repeat: those tests REPEAT times in a row on SQLite (default 20), stopping at a failure
test-repeat: $(VENV)/.synced system-packages system-packages-cluster compile
	bin/repeat $${REPEAT:-20} $(PYTEST_ONCE)

## test-repeat-postgres: the same REPEAT times (default 5) on a throwaway PostgreSQL 15 cluster
test-repeat-postgres: $(VENV)/.synced system-packages system-packages-cluster compile
	bin/with-postgresql bin/repeat $${REPEAT:-5} $(PYTEST_ONCE)

lint: $(VENV)/.synced
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache --no-logo
	$(VENV)/bin/mypy

format: $(VENV)/.synced
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## serve: gunicorn with production settings, locally (plain HTTP on 127.0.0.1:8000)
serve: $(VENV)/.synced compile system-packages-pdf
	mkdir -p var/static
	PRODUCTION=true SECRET_KEY=$${SECRET_KEY:-local-serve-$$(hostname)-not-for-real-use-0123456789abcdef} \
	ALLOWED_HOSTS=$${ALLOWED_HOSTS:-127.0.0.1,localhost} SECURE_SSL_REDIRECT=false \
	SITE_URL=$${SITE_URL:-http://127.0.0.1:8000} \
	EMAIL_BACKEND=$${EMAIL_BACKEND:-django.core.mail.backends.filebased.EmailBackend} \
	bash -c '$(PY) manage.py migrate --noinput && $(PY) manage.py collectstatic --noinput -v0 && \
	  exec $(VENV)/bin/gunicorn atelier.wsgi --bind 127.0.0.1:8000 --workers 3 --no-control-socket --access-logfile -'

## bench: load test (wrk) of gunicorn with production settings on the large data set, SQLite
##        (BENCH_ARGS="--scale 10": also at ten times the data, page cache off and on, side by side)
bench: $(VENV)/.synced compile system-packages-pdf
	$(PY) bench/run.py $(BENCH_ARGS)

## bench-postgres: the same benchmark on a throwaway PostgreSQL 15 cluster (own port)
bench-postgres: $(VENV)/.synced compile system-packages-pdf
	PG_PORT=$${PG_PORT:-25442} bin/with-postgresql $(PY) bench/run.py $(BENCH_ARGS)

## bench-capacity: CPU time per request of app server, PostgreSQL and Redis, page cache off and
##                 on, and memory per worker, on a throwaway PostgreSQL 15 (docs/scaling.md)
.PHONY: bench-capacity
bench-capacity: $(VENV)/.synced compile system-packages-pdf system-packages-cluster
	PG_PORT=$${PG_PORT:-25452} bin/with-postgresql $(PY) -m bench.capacity $(BENCH_ARGS)

## messages: collect translatable strings into locale/nl/LC_MESSAGES/django.po
messages: $(VENV)/.synced
	$(PY) manage.py makemessages --locale nl --no-obsolete --ignore '.venv/*' --ignore 'var/*' --ignore 'tests/*'

compile: $(VENV)/.synced system-packages-gettext
	$(PY) manage.py compilemessages --ignore '.venv/*' -v0

# The virtual environment, exactly as the lock file says.
$(VENV)/.synced: pyproject.toml uv.lock
	python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install --quiet uv
	$(UV) sync --frozen
	touch $@

.PHONY: system-packages-gettext
system-packages-gettext:
	@command -v msgfmt >/dev/null || bin/apt-install gettext

# WeasyPrint's libraries (Pango, HarfBuzz's subsetter) and a font for the PDF handouts:
# a fresh Debian has none of them.
.PHONY: system-packages-pdf
system-packages-pdf:
	@/sbin/ldconfig -p | grep -q 'libpangoft2-1.0.so.0 ' && /sbin/ldconfig -p | grep -q 'libharfbuzz-subset.so.0 ' \
	  || bin/apt-install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
	@test -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf || bin/apt-install fonts-dejavu-core

# Debian's nginx and Redis: the tests of the shared cache start a redis-server of their
# own, the deploy tests check deploy/nginx with `nginx -t`, and the cluster runs both.
.PHONY: system-packages-cluster
system-packages-cluster:
	@command -v redis-server >/dev/null && command -v nginx >/dev/null \
	  || bin/apt-install nginx redis-server

# Debian's Chromium for the browser tests (never a downloaded browser); Node and Java
# for the independent validators (ical.js, the Nu Html Checker).
system-packages: system-packages-gettext system-packages-pdf
	@command -v chromium >/dev/null || bin/apt-install chromium
	@command -v node >/dev/null || bin/apt-install nodejs npm
	@command -v java >/dev/null || bin/apt-install default-jre-headless

# The validators the tests run, exactly as package-lock.json says; again only when the
# lock is newer than the installed packages. No install scripts: vnu-jar's would fetch a
# Java of its own, and Debian's serves.
node_modules/.package-lock.json: package.json package-lock.json
	@command -v npm >/dev/null || bin/apt-install nodejs npm
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

## audit: check the locked dependencies (all groups, with hashes) for known vulnerabilities
audit:
	@mkdir -p var
	$(UV) export --frozen --format requirements.txt --all-groups --no-emit-project --quiet \
	  > var/requirements-audit.txt
	$(UV) tool run pip-audit==2.10.1 --strict --require-hashes --disable-pip \
	  -r var/requirements-audit.txt
.PHONY: audit
