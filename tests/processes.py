"""What the tests that start servers ask of /proc: a process's living children."""

from pathlib import Path


def children(pid: int) -> set[int]:
    """The living child processes of `pid` (gunicorn's or nginx's workers)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # "pid (name) state ppid ...": the name may hold spaces, so split after ")".
        state, ppid = stat.rpartition(")")[2].split()[:2]
        if int(ppid) == pid and state != "Z":
            found.add(int(entry.name))
    return found
