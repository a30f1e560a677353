"""deploy/gunicorn.conf.py tells prometheus_client when a worker has ended (its
`child_exit` hook): with the workers' figures in one folder (PROMETHEUS_MULTIPROC_DIR,
docs/operations.md), the ended worker's live gauges go, and everything else stays."""

import runpy
from pathlib import Path
from types import SimpleNamespace

CONFIG = Path(__file__).resolve().parent.parent / "deploy" / "gunicorn.conf.py"
ENDED = SimpleNamespace(pid=4321)


def child_exit():
    return runpy.run_path(str(CONFIG))["child_exit"]


def test_an_ended_worker_takes_its_live_gauges_along(tmp_path, monkeypatch):
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    files = ["gauge_livesum_4321.db", "gauge_liveall_4321.db", "gauge_all_4321.db"]
    files += ["counter_4321.db", "gauge_livesum_1234.db"]
    for name in files:
        (tmp_path / name).write_bytes(b"")

    child_exit()(None, ENDED)

    # Its counters and its last gauges still count; the other worker's gauges are its own.
    left = sorted(path.name for path in tmp_path.iterdir())
    assert left == ["counter_4321.db", "gauge_all_4321.db", "gauge_livesum_1234.db"]


def test_without_the_folder_an_ended_worker_is_no_matter(monkeypatch):
    monkeypatch.delenv("PROMETHEUS_MULTIPROC_DIR", raising=False)
    child_exit()(None, ENDED)  # raises nothing: prometheus_client would, without a folder


def test_the_site_is_loaded_in_the_master_before_the_workers_are_forked():
    assert runpy.run_path(str(CONFIG))["preload_app"] is True
