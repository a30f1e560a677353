"""The arithmetic of bench/capacity.py, whose figures docs/scaling.md gives: CPU time read
from /proc, per request, and the capacity and mix that follow from it."""

import os
import subprocess
import sys

import pytest

from bench.capacity import (
    capacity,
    cpu_seconds,
    expected,
    mix_ms,
    per_request_ms,
    stat_fields,
    tree_cpu_seconds,
)

# A process named "gunicorn: (w) 1" (brackets and spaces in the name), parent 4200, with
# 150 ticks of user time, 25 of system time, and 7 and 3 of children it waited for.
STAT = "4242 (gunicorn: (w) 1) S 4200 4242 4242 0 -1 4194560 100 0 0 0 150 25 7 3 20 0 1 0"
# Burns this much CPU, says so, and waits until its input closes.
BURN = (
    "import sys, time\n"
    "until = time.process_time() + {seconds}\n"
    "while time.process_time() < until:\n"
    "    pass\n"
    "print('burnt', flush=True)\n"
    "sys.stdin.read()\n"
)


def test_the_fields_of_a_stat_line_follow_the_last_bracket_of_the_name():
    fields = stat_fields(STAT)

    assert fields[0] == "S"
    assert fields[1] == "4200"


def test_cpu_seconds_add_user_system_and_waited_for_children():
    ticks = os.sysconf("SC_CLK_TCK")

    assert cpu_seconds(STAT) == pytest.approx((150 + 25 + 7 + 3) / ticks)


def test_a_child_counts_while_it_runs_and_after_it_ended():
    burn = 0.3
    before = tree_cpu_seconds(os.getpid())
    child = subprocess.Popen(
        [sys.executable, "-c", BURN.format(seconds=burn)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout.readline() == "burnt\n"
        running = tree_cpu_seconds(os.getpid())
    finally:
        child.stdin.close()
        child.wait()
        child.stdout.close()
    ended = tree_cpu_seconds(os.getpid())

    # The kernel counts in clock ticks: a few may fall either side.
    assert running - before >= burn - 0.05
    assert ended - before >= burn - 0.05


def test_cpu_per_request_counts_the_requests_wrk_left_open():
    before = {"app": 1.0, "postgresql": 0.5}
    after = {"app": 2.0, "postgresql": 0.7}

    per_request = per_request_ms(before, after, requests=98, in_flight=2)

    assert per_request == pytest.approx({"app": 10.0, "postgresql": 2.0})


def test_capacity_is_cores_times_the_busy_share_over_the_cpu_per_request():
    assert capacity(cpu_ms=10, cores=2) == pytest.approx(140)


def page(path, role, off, on):
    return {"page": path, "role": role, "off": {"app": off}, "on": {"app": on}}


def test_the_mix_weighs_each_page_then_visitors_and_members_half_each():
    pages = [
        page("/", "visitor", off=10, on=1),  # weight 4
        page("/over/", "visitor", off=20, on=1),  # weight 1
        page("/mijn/", "member", off=30, on=30),
    ]

    built = mix_ms(pages, "app", lambda row, part: row["off"][part])

    assert built == pytest.approx(0.5 * (4 * 10 + 20) / 5 + 0.5 * 30)


def test_the_expected_cost_mixes_stored_and_built_pages_by_the_role_s_hit_rate():
    visitor = page("/", "visitor", off=12, on=2)
    member = page("/", "member", off=12, on=2)

    assert expected(visitor, "app") == pytest.approx(0.8 * 2 + 0.2 * 12)
    assert expected(member, "app") == pytest.approx(0.2 * 2 + 0.8 * 12)
