"""Reply coach benchmark: replies assessed per second on one core, and precision/recall.

Run: .venv/bin/python benchmarks/bench_coach.py
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

from unruffled.coach import assess, default_lexicon
from unruffled.coach.evaluate import evaluate, parts as file_parts

ROOT = Path(__file__).resolve().parents[1]
DATA = sorted((ROOT / "tests" / "data").glob("coach_labelled*.yaml"))
GRADE_ONE = ("from unruffled.coach import check_reply; "
             "check_reply('Sorry about that, I will fix it today.', require=['apology'])")


def throughput(replies: list[tuple[str, str | None]], seconds: float = 3.0) -> tuple[float, int]:
    """Replies per CPU second assessing ``replies`` round and round for about ``seconds`` of CPU time.

    CPU time of this process (one thread, so one core), not wall time: on a
    shared machine other processes would otherwise be counted against us.
    """
    default_lexicon()  # load once, outside the timing
    for reply, customer in replies:
        assess(reply, customer)  # cue regexes compile on first use: warm them, as a grading kernel soon is
    n = 0
    start = time.process_time()
    while time.process_time() - start < seconds:
        for reply, customer in replies:
            assess(reply, customer)
        n += len(replies)
    return n / (time.process_time() - start), n


def reference_ms() -> float:
    """CPU ms for a fixed pure-Python loop: compare machines (about 20 ms on an idle modern core)."""
    start = time.process_time()
    total = 0
    for i in range(1_000_000):
        total += i
    return (time.process_time() - start) * 1000


def kernel_cpu_ms(code: str) -> float:
    """CPU ms (user + system) of a fresh Python process running ``code``: what a graded kernel pays."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-c", code], check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000


def main() -> None:
    parts = [file_parts(path) for path in DATA]
    items = [i for tune, held in parts for i in tune + held]
    replies = [(i["reply"], i.get("customer")) for i in items]
    t0 = time.perf_counter()
    default_lexicon.cache_clear()
    default_lexicon()
    load_ms = (time.perf_counter() - t0) * 1000
    t0 = time.process_time()
    for reply, customer in replies:
        assess(reply, customer)
    first_pass_ms = (time.process_time() - t0) * 1000
    rate, n = throughput(replies)
    rate_no_customer, _ = throughput([(r, None) for r, _ in replies])
    # Grading a class on one exercise: every reply answers the same customer line.
    one_line = next(c for _, c in replies if c)
    rate_one_line, _ = throughput([(r, one_line) for r, _ in replies])
    long_reply = "I'm sorry about the wait, I'll call you tomorrow. " * 2000
    t0 = time.perf_counter()
    assess(long_reply)
    long_ms = (time.perf_counter() - t0) * 1000
    print("Reply coach benchmark (one core, CPU time; load average at start: %.1f)" % os.getloadavg()[0])
    print(f"{'measure':44} {'value':>12}")
    print(f"{'lexicon load + compile (ms, once)':44} {load_ms:12.1f}")
    print(f"{'first pass over all replies, CPU ms':44} {first_pass_ms:12.1f}")
    print(f"{'  (compiles each cue regex on first use)':44} {len(replies):12,}")
    print(f"{'replies/s with customer line':44} {rate:12,.0f}")
    print(f"{'replies/s without customer line':44} {rate_no_customer:12,.0f}")
    print(f"{'replies/s, one customer line (a class, one task)':44} {rate_one_line:12,.0f}")
    print(f"{'replies assessed':44} {n:12,}")
    print(f"{'one 100,000-char reply (ms)':44} {long_ms:12.1f}")
    print(f"{'goal replies/s':44} {5000:12,}")
    kernel_cpu_ms(GRADE_ONE)  # warms the compiled-lexicon cache, as the first kernel on a machine does
    bare = min(kernel_cpu_ms("pass") for _ in range(3))
    graded = min(kernel_cpu_ms(GRADE_ONE) for _ in range(3))
    print(f"{'python start, CPU ms (bare interpreter)':44} {bare:12.1f}")
    print(f"{'python start + import + one check_reply, CPU ms':44} {graded:12.1f}")
    print(f"{'reference loop (CPU ms; ~20 on an idle core)':44} {reference_ms():12.1f}")
    print()
    tune = [i for t, _ in parts for i in t]
    held = [i for _, h in parts for i in h]
    names = " + ".join(p.name for p in DATA)
    print(evaluate(tune).table(f"Tuning parts of {names}"))
    print()
    print(evaluate(held).table(f"Held-out parts of {names} (never tuned on)"))
    for path, (_, h) in zip(DATA, parts):
        if h:
            print()
            print(evaluate(h).table(f"Held-out part of {path.name}"))
    print()
    print(evaluate(items).table("All labelled replies"))


if __name__ == "__main__":
    main()
