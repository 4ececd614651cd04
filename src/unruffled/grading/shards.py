"""Run nbgrader's real ``autograde`` on disjoint groups of students at once.

nbgrader's ``--student`` takes one glob, which cannot name an arbitrary set of
students (nor leave out the ungradable ones). So each shard gets its own
``submitted`` folder: a temporary folder of symlinks to the chosen students'
real submission folders, passed as ``--CourseDirectory.submitted_directory``.
Everything else (autograded folder, gradebook, config) is the course's own, so
each shard is exactly ``nbgrader autograde`` on a subset of the class.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .course import CourseLayout


def split(students: Sequence[str], jobs: int) -> list[list[str]]:
    """``jobs`` disjoint, evenly sized groups (round robin keeps them balanced)."""
    jobs = max(1, min(jobs, len(students)))
    return [list(students[i::jobs]) for i in range(jobs)] if students else []


@dataclass
class ShardRun:
    """One finished ``nbgrader autograde`` process."""

    students: list[str]
    returncode: int
    seconds: float
    log: Path


def autograde(course: CourseLayout, assignment: str, groups: list[list[str]], workdir: Path,
              timeout: int | None = None, on_poll: Callable[[], None] | None = None,
              preprocessors: list[str] | None = None) -> list[ShardRun]:
    """Run one ``nbgrader autograde --force`` per group, all at once, and wait for them.

    ``preprocessors`` replaces ``Autograde.autograde_preprocessors`` on each
    shard's command line (how the kernel pool is switched on, see ``kernels``).
    ``on_poll`` is called about twice a second while they run (for a progress bar).
    """
    procs = []
    for i, group in enumerate(groups):
        view = Path(tempfile.mkdtemp(prefix=f"shard{i}-", dir=workdir))
        for student in group:
            os.symlink(course.submitted / student, view / student)
        args = ["autograde", assignment, "--force", f"--CourseDirectory.submitted_directory={view}"]
        if timeout:
            args.append(f"--ExecutePreprocessor.timeout={int(timeout)}")
        args += [f"--Autograde.autograde_preprocessors={p}" for p in preprocessors or []]
        log = workdir / f"shard{i}.log"
        procs.append((group, time.monotonic(), course.popen_nbgrader(*args, log=log), log))
    runs: list[ShardRun] = []
    pending = list(procs)
    while pending:
        for item in list(pending):
            group, t0, proc, log = item
            if proc.poll() is not None:
                proc.log_handle.close()
                runs.append(ShardRun(group, proc.returncode, time.monotonic() - t0, log))
                pending.remove(item)
        if on_poll:
            on_poll()
        if pending:
            time.sleep(0.5)
    return runs
