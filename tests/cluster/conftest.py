"""The cluster the tests of this folder run against: built once for the run, and taken
down at its end whatever happened (an interrupted run too; one that was killed is
cleaned up by the next, tests/cluster/hosts.py).

These tests run only when asked for by their marker (`make test-cluster`: `-m cluster`);
the suite's own runs leave them out (deselected, not skipped).
"""

import os

import pytest

from .cluster import Cluster
from .hosts import FOLDER


def pytest_collection_modifyitems(config, items):
    if "cluster" in (config.getoption("markexpr") or ""):
        return
    deselected = [item for item in items if item.get_closest_marker("cluster")]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if not item.get_closest_marker("cluster")]


@pytest.fixture(scope="session")
def cluster(request):
    # With CI set a skip fails the run (tests/conftest.py): CI runs as root.
    if os.geteuid() != 0:
        pytest.skip("the cluster needs root: network namespaces, servers as their own users")
    cluster = Cluster()
    built = False
    try:
        cluster.build()
        built = True
        yield cluster
    finally:
        failed = not built or request.session.testsfailed > 0
        cluster.close(keep_logs=failed)
        if failed:
            print(f"\nThe cluster's logs: {FOLDER / 'logs'}")
