"""Kill-9 check of the progress store, shared by the crash test and the benchmark.

A writer process records attempts in a loop and prints each acknowledged row
id (after COMMIT) on its own line. :func:`kill_test` kills such writers with
SIGKILL at random moments and then checks the file is sound and holds every
id that was acknowledged.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path


def writer_main(db: str, limit: int | None = None) -> None:
    """Record attempts forever (or ``limit`` times), printing each acknowledged id."""
    from .store import ProgressStore

    store = ProgressStore(db)
    n = 0
    while limit is None or n < limit:
        row = store.record("crash-writer", "00-crash", f"q{n % 17}", "single",
                           {"choice": n, "padding": "x" * (n % 200)}, (n % 5) / 4,
                           outcome="written", syllabus=["WHO-1"])
        sys.stdout.write(f"{row}\n")
        sys.stdout.flush()
        n += 1


@dataclass(frozen=True)
class KillReport:
    """What one kill-9 run found."""

    kills: int
    acknowledged: int
    rows: int
    missing: tuple[int, ...]
    integrity: str

    @property
    def ok(self) -> bool:
        return self.integrity == "ok" and not self.missing and self.kills > 0


def _start_writer(db: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", f"from unruffled.progress.crashcheck import writer_main; writer_main({str(db)!r})"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, bufsize=1,
    )


def kill_test(db: Path, kills: int = 25, seed: int = 0, max_delay: float = 0.25) -> KillReport:
    """Start a writer, let it acknowledge at least one attempt, SIGKILL it after a
    random delay; repeat ``kills`` times; then check integrity and acknowledged ids."""
    import sqlite3

    rng = random.Random(seed)
    acked: set[int] = set()
    done = 0
    for _ in range(kills):
        proc = _start_writer(db)
        try:
            first = proc.stdout.readline()  # wait until the writer is really writing
            if not first.endswith("\n"):
                raise RuntimeError(f"writer exited before writing (code {proc.poll()})")
            acked.add(int(first))
            time.sleep(rng.uniform(0.0, max_delay))
            os.kill(proc.pid, signal.SIGKILL)
            done += 1
            rest, _ = proc.communicate(timeout=30)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        # A partial last line was never fully acknowledged; only whole lines count.
        for line in rest.split("\n")[:-1] if not rest.endswith("\n") else rest.split("\n"):
            if line.strip():
                acked.add(int(line))
    conn = sqlite3.connect(db)
    try:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        present = {r[0] for r in conn.execute("SELECT id FROM attempts")}
    finally:
        conn.close()
    return KillReport(kills=done, acknowledged=len(acked), rows=len(present),
                      missing=tuple(sorted(acked - present)), integrity=integrity)
