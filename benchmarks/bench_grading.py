"""Benchmark: sequential ``nbgrader autograde`` vs ``unruffled grade`` on a synthetic class.

Builds a throwaway copy of the course, releases the assignment with nbgrader,
writes N synthetic submissions (good, partial and blank in turn, built by
``unruffled.grading.synthetic``, the same builder the tests use), grades
identical copies both ways in the same run and prints a table: wall time,
time per submission, speed-up, CPU time (this process and its children, kernels
included: the machine is shared, so CPU time is steadier than wall time), the
load average while each row ran, and the bare kernel floor (start a kernel, run
the notebook with nbclient, stop it). Scores must be identical cell by cell.

    .venv/bin/python benchmarks/bench_grading.py [--students 100] [--jobs 2 3 4] [--plain 2]

``--plain J ...`` adds rows with the kernel pool off (plain sharding into J
groups), to show what the pool adds.

Not part of the test run; 100 students take a few minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def nbgrader(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    return subprocess.run([str(BIN / "nbgrader"), *args], cwd=root, env=env, capture_output=True, text=True)


def make_course(root: Path, assignment: str, students: int) -> dict[str, str]:
    from unruffled.grading.synthetic import build_class

    root.mkdir(parents=True)
    shutil.copy(ROOT / "nbgrader_config.py", root)
    shutil.copytree(ROOT / "solutions" / assignment, root / "solutions" / assignment)
    proc = nbgrader(root, "generate_assignment", assignment, "--force")
    if proc.returncode:
        sys.exit(f"generate_assignment failed:\n{proc.stderr[-2000:]}")
    return build_class(root, assignment, students=students)


def scores(root: Path, assignment: str) -> dict[tuple[str, str], float]:
    from unruffled.grading.export import per_question_scores

    return {(r["student_id"], r["grade_id"]): r["score"]
            for r in per_question_scores(f"sqlite:///{root / 'grading' / 'gradebook.db'}", assignment)}


def cpu_seconds() -> float:
    """CPU time of this process and of its waited-for children (nbgrader, and the kernels they reaped)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def kernel_floor(root: Path, assignment: str, samples: int) -> float:
    """Mean seconds to start a kernel, run one submission with nbclient and stop the kernel."""
    from nbclient import NotebookClient

    paths = sorted((root / "grading" / "submitted").glob(f"*/{assignment}/*.ipynb"))[:samples]
    times = []
    for p in paths:
        nb = nbformat.read(p, as_version=4)
        t0 = time.perf_counter()
        NotebookClient(nb, timeout=60, kernel_name="python3", allow_errors=True).execute()
        times.append(time.perf_counter() - t0)
    return statistics.mean(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=100)
    parser.add_argument("--jobs", type=int, nargs="*", default=None, help="shard counts to try (default: number of cores)")
    parser.add_argument("--assignment", default=None, help="default: the first assignment in solutions/")
    parser.add_argument("--floor-samples", type=int, default=10)
    parser.add_argument("--plain", type=int, nargs="*", default=[], help="shard counts to grade with the kernel pool off")
    args = parser.parse_args()

    from unruffled.grading import GradeOptions, grade

    assignment = args.assignment or sorted(p.name for p in (ROOT / "solutions").iterdir() if p.is_dir())[0]
    cores = os.cpu_count() or 1
    jobs_list = args.jobs or [cores]
    work = Path(tempfile.mkdtemp(prefix="bench-grading-"))
    try:
        template = work / "template"
        make_course(template, assignment, args.students)
        variants = [(j, True) for j in jobs_list] + [(j, False) for j in args.plain]
        copies = {}
        for name in ["sequential", *[f"jobs{j}-{'pool' if pool else 'plain'}" for j, pool in variants]]:
            copies[name] = work / name
            shutil.copytree(template, copies[name])
        print(f"{args.students} synthetic submissions of {assignment} on {cores} core(s)", file=sys.stderr)

        rows = []
        t0, c0 = time.perf_counter(), cpu_seconds()
        proc = nbgrader(copies["sequential"], "autograde", assignment, "--force")
        seq = time.perf_counter() - t0
        if proc.returncode:
            sys.exit(f"nbgrader autograde failed:\n{proc.stderr[-2000:]}")
        reference = scores(copies["sequential"], assignment)
        rows.append(("nbgrader autograde (sequential)", seq, cpu_seconds() - c0, os.getloadavg()[0], True))
        print(_row(rows[-1], args.students, seq, None), file=sys.stderr)
        for j, pool in variants:
            root = copies[f"jobs{j}-{'pool' if pool else 'plain'}"]
            t0, c0 = time.perf_counter(), cpu_seconds()
            report = grade(assignment, root, GradeOptions(jobs=j, progress=False, kernel_pool=pool))
            wall = time.perf_counter() - t0
            same = scores(root, assignment) == reference and len(reference) > 0
            regraded = sum(s.regraded for s in report.submissions)
            label = f"unruffled grade --jobs {j}" + ("" if pool else " --no-kernel-pool")
            rows.append((label + (f" ({regraded} regraded)" if regraded else ""), wall, cpu_seconds() - c0,
                         os.getloadavg()[0], same))
            print(_row(rows[-1], args.students, seq, None), file=sys.stderr)
        floor = kernel_floor(template, assignment, args.floor_samples)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    n = args.students
    print(f"\nGrading {n} submissions of {assignment} ({cores} cores); kernel floor {floor:.2f} s per notebook "
          f"(start kernel, run with nbclient, stop; mean of {args.floor_samples})\n")
    head = (f"{'method':<52} {'wall s':>7} {'s/sub':>6} {'speed-up':>8} {'x floor':>7} {'CPU s':>6} "
            f"{'CPU/sub':>7} {'load1':>5} {'same scores':>11}")
    print(head)
    print("-" * len(head))
    for row in rows:
        print(_row(row, n, seq, floor))
    print(f"{'bare kernel floor (sequential)':<52} {floor * n:>7.1f} {floor:>6.2f} {seq / (floor * n):>7.2f}x {1:>7.2f}")
    print(f"\nload average (1, 5, 15 min) at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0 if all(row[-1] for row in rows) else 1


def _row(row: tuple, n: int, seq: float, floor: float | None) -> str:
    label, wall, cpu, load, same = row
    x_floor = f"{wall / n / floor:>7.2f}" if floor else f"{'':>7}"
    return (f"{label:<52} {wall:>7.1f} {wall / n:>6.2f} {seq / wall:>7.2f}x {x_floor} {cpu:>6.1f} "
            f"{cpu / n:>7.2f} {load:>5.2f} {str(same):>11}")


if __name__ == "__main__":
    sys.exit(main())
