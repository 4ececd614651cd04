"""A small synthetic class, graded once per session with the real nbgrader CLI.

Two identical copies of the course are built: one graded by ``unruffled grade``
in parallel, the other by a plain sequential ``nbgrader autograde``, so the
scores can be compared cell by cell.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest

from unruffled.grading import GradeOptions, grade
from unruffled.grading.export import per_question_scores
from unruffled.grading.feedback import generate_feedback
from unruffled.grading.synthetic import build_class

from ..nbgrader.conftest import ROOT, Course

A = "01-who-is-difficult"
TIMEOUT = 5  # seconds: the endless loop must not hold the test run up for the course's 60 s


def hidden_fail_submission(release: Path) -> nbformat.NotebookNode:
    """Answers that pass assignment 01's visible tests but fail its hidden ones."""
    nb = nbformat.read(release, as_version=4)
    for cell in nb.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        if gid == "part1-answer":
            cell.source = ('reasons = {"a": "impatient", "b": "quiet", "c": "quiet", "d": "quiet", '
                           '"e": "quiet", "f": "quiet", "g": "quiet", "h": "quiet"}')
        elif gid == "part2-answer":
            cell.source = 'depends_on = ["the trade"]\npolite_can_be_difficult = False'
    return nb


def source_points() -> dict[str, tuple[str, float]]:
    """grade id -> (cell type, points) of assignment 01's graded cells, read from the instructor's source."""
    nb = nbformat.read(ROOT / "solutions" / A / f"{A}.ipynb", as_version=4)
    return {c.metadata["nbgrader"]["grade_id"]: (c.cell_type, c.metadata["nbgrader"]["points"])
            for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")}


def autograded_max() -> float:
    return sum(p for kind, p in source_points().values() if kind == "code")


def total_max() -> float:
    return sum(p for _, p in source_points().values())


def make_course(root: Path) -> Course:
    """A copy of the course with a short cell timeout and assignment 01 released by nbgrader."""
    shutil.copy(ROOT / "nbgrader_config.py", root)
    with open(root / "nbgrader_config.py", "a") as fh:
        fh.write(f"\nc.ExecutePreprocessor.timeout = {TIMEOUT}\n")
    shutil.copytree(ROOT / "solutions" / A, root / "solutions" / A, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    course = Course(root)
    course.nbgrader("generate_assignment", A, "--force")
    return course


@pytest.fixture(scope="session")
def released_template(tmp_path_factory) -> Path:
    """A course folder with assignment 01 released and no submissions (copy it, do not change it)."""
    return make_course(tmp_path_factory.mktemp("grading-template")).root


@pytest.fixture(scope="session")
def synthetic_class(released_template, tmp_path_factory) -> tuple[Path, Path, dict[str, str]]:
    """Two identical course copies holding every kind of synthetic submission, and the roster."""
    first = tmp_path_factory.mktemp("class") / "parallel"
    shutil.copytree(released_template, first)
    roster = build_class(first, A)
    Course(first).submit("hiddenfail", A, hidden_fail_submission(first / "exercises" / A / f"{A}.ipynb"))
    roster["hiddenfail"] = "hiddenfail"
    second = first.parent / "sequential"
    shutil.copytree(first, second)
    # The copied config points at its own folder (ROOT = Path(__file__).parent), so the gradebooks are separate.
    return first, second, roster


@pytest.fixture(scope="session")
def parallel_report(synthetic_class):
    """The class graded by ``unruffled grade`` with two shards and the kernel pool."""
    root, _, _ = synthetic_class
    return grade(A, root, GradeOptions(jobs=2, progress=False, kernel_pool=True))


@pytest.fixture(scope="session")
def sequential_scores(synthetic_class) -> dict[tuple[str, str], float]:
    """Per-cell scores from one plain ``nbgrader autograde`` of the same class."""
    _, root, _ = synthetic_class
    Course(root).nbgrader("autograde", A, "--force", check=False)  # exits 1 for the invalid-JSON submission
    return {(r["student_id"], r["grade_id"]): r["score"]
            for r in per_question_scores(f"sqlite:///{root / 'grading' / 'gradebook.db'}", A)}


@pytest.fixture(scope="session")
def feedback(synthetic_class, parallel_report):
    """Feedback generated for the parallel-graded class."""
    root, _, _ = synthetic_class
    return generate_feedback(A, root)
