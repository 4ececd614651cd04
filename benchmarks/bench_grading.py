"""Benchmark: sequential ``nbgrader autograde`` vs ``unruffled grade`` on a synthetic class.

Builds a throwaway copy of the course, releases the assignment with nbgrader,
writes N synthetic submissions (good, partial and blank in turn, built by
``unruffled.grading.synthetic``, the same builder the tests use), grades
identical copies both ways in the same run and prints a table: wall time,
time per submission, speed-up, and the bare kernel floor (start a kernel, run
the notebook with nbclient, stop it). Scores must be identical cell by cell.

    .venv/bin/python benchmarks/bench_grading.py [--students 100] [--jobs 2 4]

Not part of the test run; 100 students take a few minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import os
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
    args = parser.parse_args()

    from unruffled.grading import GradeOptions, grade

    assignment = args.assignment or sorted(p.name for p in (ROOT / "solutions").iterdir() if p.is_dir())[0]
    cores = os.cpu_count() or 1
    jobs_list = args.jobs or [cores]
    work = Path(tempfile.mkdtemp(prefix="bench-grading-"))
    try:
        template = work / "template"
        make_course(template, assignment, args.students)
        copies = {}
        for name in ["sequential", *[f"jobs{j}" for j in jobs_list]]:
            copies[name] = work / name
            shutil.copytree(template, copies[name])
        print(f"{args.students} synthetic submissions of {assignment} on {cores} core(s)", file=sys.stderr)

        rows = []
        t0 = time.perf_counter()
        proc = nbgrader(copies["sequential"], "autograde", assignment, "--force")
        seq = time.perf_counter() - t0
        if proc.returncode:
            sys.exit(f"nbgrader autograde failed:\n{proc.stderr[-2000:]}")
        reference = scores(copies["sequential"], assignment)
        rows.append(("nbgrader autograde (sequential)", seq, True))
        for j in jobs_list:
            root = copies[f"jobs{j}"]
            t0 = time.perf_counter()
            report = grade(assignment, root, GradeOptions(jobs=j, progress=False))
            wall = time.perf_counter() - t0
            same = scores(root, assignment) == reference and len(reference) > 0
            regraded = sum(s.regraded for s in report.submissions)
            rows.append((f"unruffled grade --jobs {j}" + (f" ({regraded} regraded)" if regraded else ""), wall, same))
        floor = kernel_floor(template, assignment, args.floor_samples)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    n = args.students
    print(f"\nGrading {n} submissions of {assignment} ({cores} cores); kernel floor {floor:.2f} s per notebook "
          f"(start kernel, run with nbclient, stop; mean of {args.floor_samples})\n")
    head = f"{'method':<40} {'wall s':>8} {'s/sub':>7} {'speed-up':>9} {'x floor':>8} {'same scores':>12}"
    print(head)
    print("-" * len(head))
    for label, wall, same in rows:
        print(f"{label:<40} {wall:>8.1f} {wall / n:>7.2f} {seq / wall:>8.2f}x {wall / n / floor:>8.2f} {str(same):>12}")
    print(f"{'bare kernel floor (sequential)':<40} {floor * n:>8.1f} {floor:>7.2f} {seq / (floor * n):>8.2f}x {1:>8.2f} {'-':>12}")
    return 0 if all(same for _, _, same in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
