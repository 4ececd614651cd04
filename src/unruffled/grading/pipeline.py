"""``unruffled grade``: pre-flight checks, parallel autograde, completeness check, report.

The pipeline is a declared list of small steps (like nbgrader's preprocessors);
each takes the shared :class:`GradingRun` and adds to it. One bad submission
never stops the others: it is flagged, and ungradable ones are left out of the
autograde run instead of being silently scored 0.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from . import checks, shards
from .course import CourseLayout, GradingError
from .report import GradingReport, SubmissionResult


@dataclass
class GradeOptions:
    """How to grade: ``jobs`` parallel nbgrader processes (default: one per core).

    ``kernel_pool`` runs nbgrader's executor with pre-started kernels and background
    shutdowns (``unruffled.grading.kernels``); off, each shard is plain nbgrader.
    """

    jobs: int = 0
    sequential: bool = False
    timeout: int | None = None
    progress: bool = True
    write_report: bool = True
    kernel_pool: bool = True

    def effective_jobs(self) -> int:
        """Number of shards to run."""
        if self.sequential:
            return 1
        return self.jobs if self.jobs and self.jobs > 0 else (os.cpu_count() or 1)


@dataclass
class GradingRun:
    """State shared by the steps of one grading run."""

    course: CourseLayout
    assignment: str
    options: GradeOptions
    workdir: Path
    release: dict[str, NotebookNode] = field(default_factory=dict)
    results: dict[str, SubmissionResult] = field(default_factory=dict)
    submitted: dict[str, dict[str, NotebookNode]] = field(default_factory=dict)
    started: float = 0.0
    log_lines: list[str] = field(default_factory=list)
    report: GradingReport | None = None

    def gradable(self) -> list[str]:
        """Students whose submissions go to nbgrader."""
        return sorted(s for s, r in self.results.items() if r.gradable)

    def note(self, line: str) -> None:
        """Add a line to the run's log (saved next to the report)."""
        self.log_lines.append(line)


def load_release(run: GradingRun) -> None:
    """The released notebooks are the reference for names and locked cells."""
    folder = run.course.release / run.assignment
    run.release = {p.stem: nbformat.read(p, as_version=4) for p in sorted(folder.glob("*.ipynb"))}
    if not run.release:
        known = sorted(p.name for p in run.course.release.iterdir() if p.is_dir()) if run.course.release.is_dir() else []
        raise GradingError(f"no released notebooks for '{run.assignment}' in {_rel(run, folder)}"
                           + (f"; assignments released: {', '.join(known)}" if known else ""))


def find_submissions(run: GradingRun) -> None:
    """Every ``submitted/<student>/<assignment>/`` folder is one submission."""
    sub = run.course.submitted
    students = sorted(p.parent.name for p in sub.glob(f"*/{run.assignment}") if p.is_dir()) if sub.is_dir() else []
    if not students:
        first = next(iter(run.release), "<notebook>")
        raise GradingError(f"no submissions for '{run.assignment}' in {_rel(run, sub)}; expected "
                           f"{_rel(run, sub)}/<student>/{run.assignment}/{first}.ipynb")
    for s in students:
        run.results[s] = SubmissionResult(s, run.assignment)


def check_files(run: GradingRun) -> None:
    """Empty folders, missing or misnamed notebooks and invalid JSON are ungradable."""
    for s, result in run.results.items():
        run.submitted[s] = checks.check_files(result, run.course.submitted / s / run.assignment, list(run.release))


def check_locked_cells(run: GradingRun) -> None:
    """Locked and test cells must match the release (checked by checksum)."""
    for s, notebooks in run.submitted.items():
        for name, nb in notebooks.items():
            checks.check_locked_cells(run.results[s], name, nb, run.release[name])


def ensure_assignment_in_gradebook(run: GradingRun) -> None:
    """autograde needs the assignment's cells in the gradebook.

    The gradebook is git-ignored, so on a fresh clone it is empty. nbgrader
    records the cells when it generates the release; do that into a scratch
    folder so the committed ``exercises/`` is left untouched.
    """
    from nbgrader.api import MissingEntry

    with run.course.gradebook() as gb:
        try:
            present = {nb.name for nb in gb.find_assignment(run.assignment).notebooks}
        except MissingEntry:
            present = set()
    if set(run.release) <= present:
        return
    if not (run.course.source / run.assignment).is_dir():
        raise GradingError(f"'{run.assignment}' is not in the gradebook and {_rel(run, run.course.source / run.assignment)} "
                           "does not exist, so nbgrader cannot learn its cells")
    scratch = Path(tempfile.mkdtemp(prefix="release-", dir=run.workdir))
    proc = run.course.nbgrader("generate_assignment", run.assignment, "--force",
                               f"--CourseDirectory.release_directory={scratch}", log=run.workdir / "generate.log")
    if proc.returncode != 0:
        raise GradingError(f"could not record '{run.assignment}' in the gradebook: nbgrader generate_assignment failed; "
                           f"see {run.workdir / 'generate.log'}")
    run.note(f"recorded '{run.assignment}' in the gradebook from {_rel(run, run.course.source)} (exercises/ untouched)")


def autograde(run: GradingRun) -> None:
    """nbgrader autograde, in parallel shards, for every gradable submission."""
    students = run.gradable()
    if not students:
        run.note("nothing to autograde: every submission is ungradable")
        return
    run.started = time.time()
    _autograde_groups(run, shards.split(students, run.options.effective_jobs()), "autograde")


def check_gradebook_complete(run: GradingRun) -> None:
    """Every graded student must have grades for every notebook; regrade alone those that do not.

    A parallel shard once silently left a student without a score (a kernel
    start timing out, most likely), so this is checked, not assumed.
    """
    missing = _incomplete(run, run.gradable())
    if not missing:
        return
    run.note(f"no grades after the parallel run for: {', '.join(missing)}; regrading them sequentially")
    print(f"Regrading sequentially (no grades after the parallel run): {', '.join(missing)}", file=sys.stderr)
    _autograde_groups(run, [missing], "regrade")
    for s in missing:
        run.results[s].regraded = True
    for s in _incomplete(run, missing):
        run.results[s].flag("ungradable", "nbgrader recorded no grades for it, even when regraded on its own; see the log")


def check_outputs(run: GradingRun) -> None:
    """Timeouts and learners' own errors, read from the autograded notebooks."""
    for s in run.gradable():
        for name in run.release:
            path = run.course.autograded / s / run.assignment / f"{name}.ipynb"
            if path.is_file():
                checks.check_outputs(run.results[s], name, nbformat.read(path, as_version=4), run.release[name],
                                     run.options.timeout or _configured_timeout(run))


def read_scores(run: GradingRun) -> None:
    """Scores from the gradebook (what the formgrader and ``nbgrader export`` show)."""
    from nbgrader.api import MissingEntry

    with run.course.gradebook() as gb:
        try:
            max_score = gb.find_assignment(run.assignment).max_score
        except MissingEntry:
            max_score = None
        for s, result in run.results.items():
            result.max_score = max_score
            if not result.gradable:
                continue
            try:
                sub = gb.find_submission(run.assignment, s)
            except MissingEntry:
                continue
            result.score, result.needs_manual_grade = sub.score, bool(sub.needs_manual_grade)


def write_report(run: GradingRun) -> None:
    """``grading/reports/<assignment>.csv``, ``.html`` and ``.log``."""
    run.report = GradingReport(run.assignment, list(run.results.values()), jobs=run.options.effective_jobs())
    if not run.options.write_report:
        return
    run.course.reports.mkdir(parents=True, exist_ok=True)
    log = run.course.reports / f"{run.assignment}.log"
    with open(log, "w") as out:
        out.writelines(line + "\n" for line in run.log_lines)
        for f in sorted(run.workdir.glob("*.log")):
            out.write(f"\n===== {f.name}\n{f.read_text(errors='replace')}")
    run.report.log = log


Step = Callable[[GradingRun], None]

STEPS: list[Step] = [
    load_release,
    find_submissions,
    check_files,
    check_locked_cells,
    ensure_assignment_in_gradebook,
    autograde,
    check_gradebook_complete,
    check_outputs,
    read_scores,
    write_report,
]
"""The grading pipeline, in order."""


def grade(assignment: str, root: Path | str = ".", options: GradeOptions | None = None,
          steps: list[Step] | None = None) -> GradingReport:
    """Grade every submission of ``assignment`` and return (and write) the report.

    Raises :class:`GradingError` for an instructor's mistake (unknown
    assignment, no submissions), never for a learner's.
    """
    options = options or GradeOptions()
    course = CourseLayout.load(root)
    t0 = time.monotonic()
    workdir = Path(tempfile.mkdtemp(prefix=f"unruffled-grade-{assignment}-"))
    run = GradingRun(course, assignment, options, workdir)
    try:
        for step in steps or STEPS:
            step(run)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    assert run.report is not None
    run.report.seconds = time.monotonic() - t0
    if options.write_report:
        run.report.to_csv(course.reports / f"{assignment}.csv")
        run.report.to_html(course.reports / f"{assignment}.html")
    return run.report


# --- helpers --------------------------------------------------------------

def _rel(run: GradingRun, path: Path) -> str:
    try:
        return str(path.relative_to(run.course.root))
    except ValueError:
        return str(path)


def _course_config(run: GradingRun):
    from traitlets.config.loader import PyFileConfigLoader

    return PyFileConfigLoader("nbgrader_config.py", path=str(run.course.root)).load_config()


def _configured_timeout(run: GradingRun) -> int | None:
    from nbgrader.preprocessors import Execute

    return Execute(config=_course_config(run)).timeout


def _pooled_preprocessors(run: GradingRun) -> list[str] | None:
    from .kernels import pooled_preprocessors

    names = pooled_preprocessors(_course_config(run))
    if names is None:
        run.note("kernel pool off: Autograde.autograde_preprocessors has no plain nbgrader Execute to replace")
    return names


def _autograded_paths(run: GradingRun, student: str) -> list[Path]:
    return [run.course.autograded / student / run.assignment / f"{n}.ipynb" for n in run.release]


def _done_count(run: GradingRun, students: list[str], since: float) -> int:
    n = 0
    for s in students:
        for p in _autograded_paths(run, s):
            try:
                n += p.stat().st_mtime >= since - 1
            except FileNotFoundError:
                pass
    return n


def _autograde_groups(run: GradingRun, groups: list[list[str]], label: str) -> None:
    students = [s for g in groups for s in g]
    since = time.time()
    bar = None
    if run.options.progress:
        from tqdm import tqdm

        bar = tqdm(total=len(students) * len(run.release), desc=f"{label} {run.assignment}", unit="nb",
                   file=sys.stderr, dynamic_ncols=True)

    def poll() -> None:
        if bar is not None:
            done = _done_count(run, students, since)
            if done != bar.n:
                bar.update(done - bar.n)

    sub = Path(tempfile.mkdtemp(prefix=f"{label}-", dir=run.workdir))
    preprocessors = _pooled_preprocessors(run) if run.options.kernel_pool else None
    shard_runs = shards.autograde(run.course, run.assignment, groups, sub, run.options.timeout, poll, preprocessors)
    if bar is not None:
        poll()
        bar.close()
    for i, sr in enumerate(shard_runs):
        target = run.workdir / f"{label}-shard{i}.log"
        shutil.copy(sr.log, target)
        run.note(f"{label} shard {i}: {len(sr.students)} students, exit {sr.returncode}, {sr.seconds:.1f} s")


def _incomplete(run: GradingRun, students: list[str]) -> list[str]:
    """Students without an autograded notebook from this run or without auto grades in the gradebook."""
    from nbgrader.api import MissingEntry

    missing = []
    with run.course.gradebook() as gb:
        for s in students:
            ok = True
            for name, path in zip(run.release, _autograded_paths(run, s)):
                if not path.is_file() or path.stat().st_mtime < run.started - 1:
                    ok = False
                    break
                present = {c.metadata.get("nbgrader", {}).get("grade_id") for c in nbformat.read(path, as_version=4).cells}
                try:
                    nb = gb.find_submission_notebook(name, run.assignment, s)
                except MissingEntry:
                    ok = False
                    break
                # A test cell the learner deleted has no auto score by design (reported as tampered).
                if any(g.auto_score is None for g in nb.grades if g.cell.cell_type == "code" and g.name in present):
                    ok = False
                    break
            if not ok:
                missing.append(s)
    return missing
