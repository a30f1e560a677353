"""Is this app server fit to take requests? For load balancers and rolling upgrades.

`/health/` says the process answers (after one database round trip); `/health/ready/`
says more: the database and the shared cache answer, and every migration this code
brings has been applied. During a rolling upgrade a server with new code is not ready
until `migrate` has run, while the servers with the old code stay ready (the old code's
migrations are applied). Each check costs one round trip; the list of migrations in the
code is read from disk once per process.
"""

import functools
import logging
from collections.abc import Callable

from django.core.cache import caches
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

logger = logging.getLogger(__name__)
OK = "ok"
FAILED = "failed"
PROBE_KEY = "readiness-probe"


class NotReady(Exception):
    pass


def database_answers() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def cache_answers() -> None:
    # A read is enough: a cache that is down or unreachable raises on any call.
    caches["default"].get(PROBE_KEY)


@functools.cache
def latest_migrations() -> frozenset[tuple[str, str]]:
    """The last migration of each app in the code (it cannot change while running)."""
    return frozenset(MigrationLoader(None, ignore_no_migrations=True).graph.leaf_nodes())


def migrations_applied() -> None:
    latest = latest_migrations()
    applied = set(
        MigrationRecorder(connection)
        .migration_qs.filter(name__in=[name for _app, name in latest])
        .values_list("app", "name")
    )
    missing = latest - applied
    if missing:
        raise NotReady(f"not applied: {', '.join(sorted(f'{a}.{n}' for a, n in missing))}")


CHECKS: dict[str, Callable[[], None]] = {
    "database": database_answers,
    "cache": cache_answers,
    "migrations": migrations_applied,
}


def readiness() -> dict[str, str]:
    """ "ok" or "failed" for each check; the reason of a failure goes to the log."""
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        # Whatever goes wrong (a driver's own errors, a refused connection, a timeout),
        # the answer is "not ready", never a 500 the load balancer cannot tell apart.
        except Exception as error:
            logger.warning("Not ready: %s: %s: %s", name, type(error).__name__, error)
            results[name] = FAILED
        else:
            results[name] = OK
    return results


def is_ready(results: dict[str, str]) -> bool:
    return all(result == OK for result in results.values())
