"""The cost of building each page in one process, by CPU time: where `make bench` needs a quiet
machine, this measures on a busy one.

Each page of `make bench`'s plan is asked through Django's test client, with production
settings and the page cache off, a few times after two warm-up requests; the median CPU
time of the process (`time.process_time`, which other programs on the machine do not
lengthen) and the number of queries are printed. Run it once per data set, on a copy of
the database (the member's session and calendar address are written to it):

    cp var/bench/bench.sqlite3 /tmp/copy.sqlite3
    .venv/bin/python bench/in_process.py --database /tmp/copy.sqlite3 [--runs 7]
        [--only SUBSTRING] [--profile SUBSTRING]

--profile runs the first matching page under cProfile and prints where its time goes.
STATIC_ROOT must hold collected static files (production settings read their manifest).
The pages are bench/run.py's plan (its discovery runs on the copy first). A copy whose
stored handouts were made under another checkout needs that checkout's MEDIA_ROOT.
"""

import argparse
import cProfile
import itertools
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.run import MEMBER_EMAIL, VARIED_SEARCH, discover, generic_path, page_plan  # noqa: E402

# bench/wrk_report.lua's words.
VARIED_TERMS = [
    *("bewoners", "wijk", "signaleren", "beleid", "collectief", "professionaliteit"),
    *("buurt", "participatie", "eenzaamheid", "armoede", "jongeren", "legitimiteit"),
]


def set_up(database: str) -> None:
    os.environ.update(
        {
            "DATABASE_URL": f"sqlite:///{database}",
            "PAGE_CACHE_SECONDS": "0",
            "PRODUCTION": "true",
            "SECRET_KEY": "in-process-bench-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
            "ALLOWED_HOSTS": "testserver",
            "SITE_URL": "http://testserver",
            "SECURE_SSL_REDIRECT": "false",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "LOG_LEVEL": "ERROR",
        }
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "atelier.settings")
    import django

    django.setup()


def plan() -> list[tuple[str, str, str]]:
    """(name, path, role) of every page `make bench` loads as a visitor or a member:
    bench/run.py's own plan and names (its discovery runs on the same database), so a page
    added there is timed here too; the name is the same at every size."""
    found = discover(dict(os.environ))
    return [
        (generic_path(path, found), path, role)
        for path, role, _cookie in page_plan(found, static="", only="")
        if role in ("visitor", "member") and path not in ("", "/health/")
    ]


_varied = itertools.count()


def concrete(path: str) -> str:
    """The varied search gets other words (and a unique address) on every request."""
    if path != VARIED_SEARCH:
        return path
    n = next(_varied)
    first = VARIED_TERMS[n % len(VARIED_TERMS)]
    second = VARIED_TERMS[(n * 5 + 3) % len(VARIED_TERMS)]
    return f"/kennisbank/?q={first}+{second}&r={n}"


def fetch(client, path: str) -> None:
    response = client.get(concrete(path))
    if response.status_code != 200:
        raise SystemExit(f"{path}: {response.status_code}")
    if hasattr(response, "streaming_content"):
        b"".join(response.streaming_content)


def measure(client, path: str, runs: int) -> tuple[float, int]:
    from django.db import connection

    for _ in range(2):
        fetch(client, path)
    queries = []

    def counted(execute, sql, *rest):
        queries.append(sql)
        return execute(sql, *rest)

    # Counted by a wrapper: Django empties its own log of queries when a request starts.
    with connection.execute_wrapper(counted):
        fetch(client, path)
    times = []
    for _ in range(runs):
        started = time.process_time()
        fetch(client, path)
        times.append(time.process_time() - started)
    return statistics.median(times) * 1000, len(queries)


def profile(client, path: str, runs: int) -> None:
    fetch(client, path)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(runs):
        fetch(client, path)
    profiler.disable()
    stats = pstats.Stats(profiler)
    # The site's own functions first (where to look), then everything by its own time.
    stats.sort_stats("cumulative").print_stats(str(ROOT / "[a-z]*/") + "(?!.*site-packages)", 40)
    stats.strip_dirs().sort_stats("tottime").print_stats(25)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", required=True, help="a copy of a bench SQLite database")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--only", default="", help="only pages whose path holds this")
    parser.add_argument("--role", default="", help="only this role (visitor or member)")
    parser.add_argument("--profile", default="", help="profile the first page holding this")
    args = parser.parse_args()
    set_up(args.database)
    from django.test import Client

    from members.models import User

    clients = {"visitor": Client(), "member": Client()}
    clients["member"].force_login(User.objects.get(email=MEMBER_EMAIL))
    pages = [
        (name, path, role)
        for name, path, role in plan()
        if args.only in name and args.role in role and args.profile in name
    ]
    if args.profile:
        _name, path, role = pages[0]
        print(f"profile: {path} ({role}), {args.runs} requests")
        profile(clients[role], path, args.runs)
        return
    print(f"{Path(args.database).name}: median CPU ms of {args.runs} requests, page cache off")
    print("| page | role | CPU ms | queries |")
    print("|---|---|---:|---:|")
    for name, path, role in pages:
        cpu, queries = measure(clients[role], path, args.runs)
        print(f"| `{name}` | {role} | {cpu:.1f} | {queries} |", flush=True)


if __name__ == "__main__":
    main()
