"""How far one app server and one PostgreSQL carry the site: `make bench-capacity`.

Measures CPU time per request rather than requests per second: on a machine shared with
other work the wall clock tells as much about the neighbours as about the site, while the
CPU seconds a process spends on a request hardly change (docs/scaling.md).

    bin/with-postgresql .venv/bin/python -m bench.capacity    # what `make bench-capacity` runs

Builds the large data set in DATABASE_URL's PostgreSQL database (bench/run.py's steps),
starts a redis-server of its own as the shared cache (as with several app servers), and
serves the site with gunicorn (production settings, sync workers). Each page of
bench/run.py's plan is warmed up, then loaded with wrk for --duration seconds, first with
the page cache off, then on, then on with a new database connection per request
(CONN_MAX_AGE 0). Around each page it reads the CPU seconds (user + system,
/proc/<pid>/stat) of gunicorn (master and workers), of PostgreSQL (postmaster and every
backend) and of Redis, and divides them by the requests answered. Then the memory of each
worker after the run, without and with gunicorn's --preload, and what Redis holds.

Prints a Markdown report (also written to var/bench/capacity-<time>.md): per page, for the
mix of pages below, and the capacity that follows: cores x 0.7 / CPU per request.

Options: --duration seconds per page (4), --connections (2), --workers (2), --port (8775),
--redis-port (26385), --only SUBSTRING to measure some pages, --reuse to keep the data
already in the database (a second run in the same bin/with-postgresql), --scale N for N
times the large data set (1).
"""

import argparse
import os
import subprocess
import sys
import time
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import psycopg
import redis

from bench.run import (
    BENCH_VAR,
    HOST,
    ROOT,
    SERVER_ENV,
    bench_environment,
    check_page,
    discover,
    ensure_wrk,
    generic_path,
    gunicorn,
    load,
    log,
    page_plan,
    prepare_database,
    shown_path,
    static_css_url,
    versions,
)

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
# A server kept busy 70 % of the time still answers without long queues: the capacity
# figures leave the rest for bursts.
BUSY_SHARE = 0.7
SERVER_LOG = BENCH_VAR / "gunicorn-capacity.log"

# The mix of pages: how often each is asked for against the others (a page not named: 1),
# and visitors and members half of the requests each. Home, the library's items and the
# agenda's events are what search engines, newsletters and the digests link to.
WEIGHTS = {
    "/": 4,
    "/kennisbank/<an item>/": 4,
    "/agenda/<an event>/": 3,
    "/kennisbank/": 2,
    "/agenda/": 2,
    "/kennisbank/<a tool>/": 2,
    "/vragen/<a question>/": 2,
}
ROLE_SHARES = {"visitor": 0.5, "member": 0.5}
# The share of requests a stored page answers (docs/scaling.md): visitors share one copy
# of each page, a member's pages are kept for that member alone.
HIT_RATES = {"visitor": 0.8, "member": 0.2}
# A person using the site asks a page every half minute; at the busiest moment one member
# in twenty does.
THINK_SECONDS = 30
PEAK_SHARE = 0.05
PROCESSES = ("app", "postgresql", "redis")
RUNS = {
    "off": {"PAGE_CACHE_SECONDS": "0"},
    "on": {"PAGE_CACHE_SECONDS": "60"},
    "fresh": {"PAGE_CACHE_SECONDS": "60", "CONN_MAX_AGE": "0"},
}


def stat_fields(stat: str) -> list[str]:
    """The fields of a /proc/<pid>/stat line from the third on (the state): the name in
    brackets before them may itself hold spaces and brackets."""
    return stat[stat.rindex(")") + 2 :].split()


def cpu_seconds(stat: str) -> float:
    """User and system time of the process and of the children it has waited for."""
    # utime, stime, cutime, cstime: fields 14 to 17 of proc(5).
    return sum(int(tick) for tick in stat_fields(stat)[11:15]) / CLOCK_TICKS


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int(stat_fields((entry / "stat").read_text())[1])
        except (FileNotFoundError, ProcessLookupError):
            continue  # ended meanwhile
        if parent == pid:
            found.append(int(entry.name))
    return found


def tree_cpu_seconds(pid: int) -> float:
    """CPU seconds of a process and everything below it, living or ended: a child that
    ended counts in its parent's children's time once the parent waited for it."""
    try:
        own = cpu_seconds(Path(f"/proc/{pid}/stat").read_text())
    except (FileNotFoundError, ProcessLookupError):
        return 0.0
    return own + sum(tree_cpu_seconds(child) for child in children(pid))


def per_request_ms(before: dict, after: dict, requests: int, in_flight: int) -> dict:
    """CPU milliseconds per request of each process. wrk stops with a request open on
    each connection, which the server still answers (and spends CPU on): counted too."""
    answered = requests + in_flight
    return {name: (after[name] - before[name]) * 1000 / answered for name in before}


def capacity(cpu_ms: float, cores: int) -> float:
    """Requests a second that `cores` carry at BUSY_SHARE when each costs `cpu_ms`."""
    return cores * BUSY_SHARE * 1000 / cpu_ms


def mix_ms(pages: list[dict], part: str, cost) -> float:
    """The mean of `cost(page, part)` over the mix: weighted per page, then by ROLE_SHARES."""
    total, shares = 0.0, 0.0
    for role, share in ROLE_SHARES.items():
        mine = [page for page in pages if page["role"] == role]
        if not mine:
            continue  # a run of some pages (--only)
        weights = [WEIGHTS.get(page["page"], 1) for page in mine]
        costs = [cost(page, part) for page in mine]
        total += share * sum(w * c for w, c in zip(weights, costs, strict=True)) / sum(weights)
        shares += share
    return total / shares


def stored(page: dict, part: str) -> float:
    return page["on"][part]


def built(page: dict, part: str) -> float:
    return page["off"][part]


def reconnecting(page: dict, part: str) -> float:
    return page["fresh"][part]


def memory_mib(pid: int) -> dict:
    """Resident memory (RSS), its proportional share (PSS: shared pages split between the
    processes that share them) and the process's own (USS: private pages), in MiB."""
    values = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, kib = line.split()[:2]
        values[name.rstrip(":")] = int(kib) / 1024
    own = values["Private_Clean"] + values["Private_Dirty"]
    return {"rss": values["Rss"], "pss": values["Pss"], "uss": own}


def cpu_now(roots: dict) -> dict:
    return {name: tree_cpu_seconds(pid) for name, pid in roots.items()}


def settled_cpu(roots: dict) -> dict:
    """The CPU seconds once the app server has finished what wrk left open: the reading
    no longer grows over a fifth of a second (at most 5 s)."""
    reading = cpu_now(roots)
    for _ in range(25):
        time.sleep(0.2)
        later = cpu_now(roots)
        if later["app"] == reading["app"]:
            return later
        reading = later
    return reading


@contextmanager
def redis_server(port: int):
    """A redis-server of its own that keeps nothing on disk, as deploy/redis-cache.conf;
    yields a client and its pid."""
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", HOST, "--save", "", "--appendonly", "no"],
        cwd=BENCH_VAR,
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    client = redis.Redis(host=HOST, port=port)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if server.poll() is not None or time.monotonic() > deadline:
                    sys.exit(f"redis-server did not start on port {port}")
                time.sleep(0.1)
        yield client, server.pid
    finally:
        server.terminate()
        server.wait(timeout=30)


def postmaster_pid(url: str) -> int:
    """The pid of the PostgreSQL server behind `url` (it runs on this machine)."""
    with psycopg.connect(url) as connection:
        backend = connection.execute("SELECT pg_backend_pid()").fetchone()[0]
    return int(stat_fields(Path(f"/proc/{backend}/stat").read_text())[1])


def database_facts(url: str) -> dict:
    """The database's size, the connections that others (the workers) hold to it, and the
    mean memory of the backends behind them."""
    with psycopg.connect(url) as connection:
        size = connection.execute("SELECT pg_database_size(current_database())").fetchone()[0]
        backends = connection.execute(
            "SELECT pid FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).fetchall()
    memory = [memory_mib(pid) for (pid,) in backends]
    return {
        "size_mib": size / 2**20,
        "connections": len(backends),
        "backend_uss": sum(m["uss"] for m in memory) / max(len(memory), 1),
    }


def vacuum_analyze(url: str) -> None:
    """Vacuum and statistics at once after the load, so that autovacuum does not do it
    in the background while the CPU is counted."""
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")


def measure(args, wrk: str, plan: list, roots: dict) -> list[dict]:
    """Each page warmed up, then loaded with wrk: CPU per request of each process."""
    rows = []
    for path, role, cookie in plan:
        check_page(args.port, path, cookie)
        before = settled_cpu(roots)
        result = load(wrk, args, args.port, path, cookie)
        after = settled_cpu(roots)
        row = per_request_ms(before, after, result["requests"], args.connections)
        row.update(
            path=path,
            role=role,
            requests=result["requests"],
            errors=result["non2xx"] + result["socket_errors"],
            load=os.getloadavg()[0],
        )
        rows.append(row)
        log(f"{role:7} {path}  app {row['app']:.1f} ms, PostgreSQL {row['postgresql']:.1f} ms")
    return rows


def workers_memory(master: int) -> dict:
    workers = [memory_mib(pid) for pid in children(master)]
    mean = {key: sum(w[key] for w in workers) / len(workers) for key in ("rss", "pss", "uss")}
    return {"master": memory_mib(master)["rss"], **mean}


def redis_memory(client: redis.Redis) -> dict:
    """What Redis holds: its memory, its keys, and the mean size of a session."""
    sessions = [
        client.memory_usage(key) or 0 for key in client.scan_iter(match="*sessions*", count=1000)
    ]
    return {
        "used_mib": client.info("memory")["used_memory"] / 2**20,
        "keys": client.dbsize(),
        "sessions": len(sessions),
        "session_bytes": sum(sessions) / max(len(sessions), 1),
    }


def page_rows(runs: dict, found: dict) -> list[dict]:
    """The runs of each page side by side, under the page's general name."""
    pages = []
    for measured in zip(*runs.values(), strict=True):
        first = measured[0]
        page = {"page": generic_path(first["path"], found), "role": first["role"]}
        pages.append(page | dict(zip(runs, measured, strict=True)))
    return pages


def expected(page: dict, part: str) -> float:
    """A request's cost when the page is stored as often as HIT_RATES says."""
    hit = HIT_RATES[page["role"]]
    return hit * stored(page, part) + (1 - hit) * built(page, part)


def page_table(pages: list[dict]) -> list[str]:
    lines = [
        "| page | role | off: app | PostgreSQL | Redis | requests | load "
        "| on: app | PostgreSQL | Redis | requests | load |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for page in pages:
        cells = []
        for cache in ("off", "on"):
            measured = page[cache]
            cells += [f"{measured[part]:.1f}" for part in PROCESSES]
            cells += [str(measured["requests"]), f"{measured['load']:.1f}"]
        lines.append(f"| `{shown_path(page['page'])}` | {page['role']} | {' | '.join(cells)} |")
    errors = sum(page[cache]["errors"] for page in pages for cache in ("off", "on"))
    loads = [page[cache]["load"] for page in pages for cache in ("off", "on")]
    return lines + [
        "",
        f"Errors (not 2xx, socket): {errors}. Load average during the run: "
        f"{min(loads):.1f} to {max(loads):.1f} on {os.cpu_count()} cores.",
    ]


def mix_table(pages: list[dict], cores: int) -> list[str]:
    mixes = {
        "page cache off (every request builds its page)": built,
        "page cache on, every page stored": stored,
        "the same with a new connection per request (CONN_MAX_AGE 0)": reconnecting,
        f"expected: stored for visitors {HIT_RATES['visitor']:.0%}, for members "
        f"{HIT_RATES['member']:.0%}": expected,
    }
    lines = [
        f"The mix: weights {', '.join(f'`{page}` {w}' for page, w in WEIGHTS.items())} "
        "(others 1), visitors and members half each. Capacity = "
        f"{cores} cores x {BUSY_SHARE} / CPU per request, for an app server and for a "
        "PostgreSQL server with as many cores as this machine.",
        "",
        "| mix | app ms | PostgreSQL ms | Redis ms | one app server req/s "
        "| one PostgreSQL req/s | app servers per PostgreSQL |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, cost in mixes.items():
        ms = {part: mix_ms(pages, part, cost) for part in PROCESSES}
        app, database = capacity(ms["app"], cores), capacity(ms["postgresql"], cores)
        lines.append(
            f"| {name} | {ms['app']:.1f} | {ms['postgresql']:.1f} | {ms['redis']:.2f} "
            f"| {app:.0f} | {database:.0f} | {database / app:.1f} |"
        )
    return lines


def servers_table(pages: list[dict], cores: int) -> list[str]:
    """Requests a second, people and members that 1, 2 and 4 app servers carry."""
    app = capacity(mix_ms(pages, "app", expected), cores)
    database = capacity(mix_ms(pages, "postgresql", expected), cores)
    lines = [
        f"The expected mix; a person asks a page every {THINK_SECONDS} s, and {PEAK_SHARE:.0%} "
        "of the members are on the site at the busiest moment:",
        "",
        "| app servers | req/s | limited by | people at once | members |",
        "|---:|---:|---|---:|---:|",
    ]
    for servers in (1, 2, 4):
        carried = min(servers * app, database)
        limit = "the app servers" if servers * app <= database else "PostgreSQL"
        people = carried * THINK_SECONDS
        lines.append(
            f"| {servers} | {carried:.0f} | {limit} | {people:,.0f} | {people / PEAK_SHARE:,.0f} |"
        )
    return lines


def memory_lines(args, facts: dict) -> list[str]:
    lines = [
        "Memory of gunicorn in MiB: the master's RSS; per worker the mean RSS, PSS (shared "
        "pages split) and USS (its own pages).",
        "",
        "| run | master RSS | worker RSS | PSS | USS |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, memory in facts["memory"].items():
        lines.append(
            f"| {name} | {memory['master']:.0f} | {memory['rss']:.0f} | {memory['pss']:.0f} "
            f"| {memory['uss']:.0f} |"
        )
    held, postgresql = facts["redis"], facts["database"]
    return lines + [
        "",
        f"Redis after the run with the page cache on: {held['used_mib']:.1f} MiB used, "
        f"{held['keys']} keys, of which {held['sessions']} sessions of "
        f"{held['session_bytes']:.0f} bytes on average.",
        f"PostgreSQL: the database {postgresql['size_mib']:.0f} MiB; connections held by "
        f"the app server after the run: {postgresql['connections']} ({args.workers} workers), "
        f"each backend {postgresql['backend_uss']:.1f} MiB of its own (USS).",
    ]


def report(args, facts: dict) -> str:
    pages, cores = facts["pages"], os.cpu_count() or 1
    heading = [
        f"Capacity, {facts['when']}: {facts['machine']}; the large data set x{args.scale:g}; "
        "Redis as the shared cache; gunicorn "
        f"{args.workers} sync workers, CONN_MAX_AGE 60 (production); wrk {args.connections} "
        f"connections, {args.duration} s per page.",
        "",
        "CPU milliseconds per request (user + system): app = gunicorn, master and workers; "
        "PostgreSQL = all its processes; load = the 1-minute load average after the page "
        "(this run included).",
    ]
    parts = [
        heading,
        page_table(pages),
        mix_table(pages, cores),
        servers_table(pages, cores),
        memory_lines(args, facts),
    ]
    return "\n\n".join("\n".join(part) for part in parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=4)
    parser.add_argument("--connections", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8775)
    parser.add_argument("--redis-port", type=int, default=26385)
    parser.add_argument("--only", default="")
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--scale", type=float, default=1, help="of the large data set")
    args = parser.parse_args()
    args.threads = 1  # bench/run.py's load() passes it to wrk

    BENCH_VAR.mkdir(parents=True, exist_ok=True)
    wrk = ensure_wrk()
    env, vendor = bench_environment(args, args.scale)
    if vendor != "postgresql":
        sys.exit("bench/capacity.py measures PostgreSQL: run it as `make bench-capacity`.")
    url = env["DATABASE_URL"]
    if not args.reuse:
        prepare_database(env, vendor, reuse=False, scale=args.scale)
        log("VACUUM ANALYZE")
        vacuum_analyze(url)
    env.update(SERVER_ENV)
    static = static_css_url(env)
    found = discover(env)
    facts = {"when": f"{datetime.now():%Y-%m-%d %H:%M}", "machine": versions(env, vendor)}
    # The pages people read: not /health/, the static file or the coordinator's dashboard.
    plan = [
        step
        for step in page_plan(found, static, args.only)
        if step[1] != "coordinator" and step[0] != "/health/" and step[0] != static
    ]
    facts["memory"], runs = {}, {}
    with redis_server(args.redis_port) as (client, redis_pid):
        env.update(
            CACHE_BACKEND="atelier.shared_cache.RedisCache",
            CACHE_LOCATION=f"redis://{HOST}:{args.redis_port}/0",
        )
        # The page cache off, on, and on with a connection per request (CONN_MAX_AGE 0).
        for run, settings in RUNS.items():
            log(f"run {run}: {settings}")
            with gunicorn({**env, **settings}, args, args.port, SERVER_LOG) as server:
                master = server.pid
                roots = {"app": master, "postgresql": postmaster_pid(url), "redis": redis_pid}
                runs[run] = measure(args, wrk, plan, roots)
                if run != "fresh":
                    name = f"page cache {run}, after the run"
                    facts["memory"][name] = workers_memory(master)
                    facts["database"] = database_facts(url)
        facts["redis"] = redis_memory(client)
        log("--preload, page cache on: warming up")
        with gunicorn(env, args, args.port, SERVER_LOG, preload=True) as server:
            for path, _role, cookie in plan:
                check_page(args.port, path, cookie)
            facts["memory"]["--preload, page cache on, after warming up"] = workers_memory(
                server.pid
            )
    facts["pages"] = page_rows(runs, found)
    text = report(args, facts)
    print("\n" + text)
    out = BENCH_VAR / f"capacity-{datetime.now():%Y%m%d-%H%M%S}.md"
    out.write_text(text + "\n")
    log(f"written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
