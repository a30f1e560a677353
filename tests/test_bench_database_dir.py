"""Where bench/run.py keeps its SQLite databases: var/bench/ unless --database-dir says
otherwise (docs/benchmarks.md: on a machine that drops files from its page cache), and
the table's title says where they were."""

from argparse import Namespace
from pathlib import Path

import pytest

from bench.run import BENCH_VAR, bench_environment, database_place


@pytest.fixture
def no_database_url(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)


@pytest.mark.usefixtures("no_database_url")
def test_the_databases_go_to_var_bench_by_default():
    env, vendor = bench_environment(Namespace(database_dir=BENCH_VAR), scale=10)

    assert vendor == "sqlite"
    assert env["DATABASE_URL"] == f"sqlite:///{BENCH_VAR / 'bench-x10.sqlite3'}"
    assert database_place(Namespace(database_dir=BENCH_VAR), vendor) == ""


@pytest.mark.usefixtures("no_database_url")
def test_another_directory_holds_both_sizes_and_the_title_says_so():
    args = Namespace(database_dir=Path("/dev/shm/atelier-bench"))

    large, vendor = bench_environment(args)
    larger, _vendor = bench_environment(args, scale=10)

    assert large["DATABASE_URL"] == "sqlite:////dev/shm/atelier-bench/bench.sqlite3"
    assert larger["DATABASE_URL"] == "sqlite:////dev/shm/atelier-bench/bench-x10.sqlite3"
    # The server's files (static, media, logs) stay in var/bench/.
    assert large["VAR_DIR"] == str(BENCH_VAR)
    assert database_place(args, vendor) == "; the SQLite databases in /dev/shm/atelier-bench"


def test_postgresql_is_not_said_to_be_anywhere():
    args = Namespace(database_dir=Path("/dev/shm/atelier-bench"))

    assert database_place(args, "postgresql") == ""
