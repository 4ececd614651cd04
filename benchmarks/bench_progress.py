"""Benchmark: progress-store attempts saved per second, and the kill -9 test's counts.

Run: ``.venv/bin/python benchmarks/bench_progress.py [--n 500] [--kills 25]``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from unruffled.progress.crashcheck import kill_test  # noqa: E402
from unruffled.progress.store import ProgressStore  # noqa: E402


def saves_per_second(n: int, folder: Path) -> float:
    """Attempts recorded per second, each in its own durable (synchronous=FULL) transaction."""
    with ProgressStore(folder / "rate.sqlite3") as store:
        t = time.perf_counter()
        for i in range(n):
            store.record("bench", "01-who-is-difficult", f"q{i % 9}", "single", {"choice": "a"}, 1.0,
                         outcome="correct", syllabus=["WHO-2"])
        return n / (time.perf_counter() - t)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=500)
    ap.add_argument("--kills", type=int, default=25)
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-progress-"))
    rate = saves_per_second(args.n, folder)
    t = time.perf_counter()
    report = kill_test(folder / "crash.sqlite3", kills=args.kills, seed=1)
    took = time.perf_counter() - t
    print(f"{'benchmark':44} result")
    print(f"{'attempts saved per second (n=%d)' % args.n:44} {rate:,.0f}/s")
    print(f"{'kill -9 runs':44} {report.kills}")
    print(f"{'attempts acknowledged before the kills':44} {report.acknowledged}")
    print(f"{'rows in the database afterwards':44} {report.rows}")
    print(f"{'acknowledged but missing':44} {len(report.missing)}")
    print(f"{'PRAGMA integrity_check':44} {report.integrity}")
    print(f"{'kill test wall time':44} {took:.1f} s")
    sys.exit(0 if report.ok else 1)


if __name__ == "__main__":
    main()
