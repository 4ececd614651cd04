"""Assignment 02 (your side of the counter) under the real nbgrader: the solution earns every
autograded point, the blank release earns none, and the written answer waits for a person."""

from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook

from .conftest import filled_submission

pytestmark = pytest.mark.nbgrader

ROOT = Path(__file__).resolve().parents[2]
A = "02-your-side-of-the-counter"
SOURCE = ROOT / "solutions" / A / f"{A}.ipynb"
FULL, BLANK = "m02full", "m02blank"
MANUAL = "part6-answer"


def _graded_cells() -> dict[str, tuple[str, float]]:
    nb = nbformat.read(SOURCE, as_version=4)
    return {c.metadata["nbgrader"]["grade_id"]: (c.cell_type, c.metadata["nbgrader"]["points"])
            for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")}


@pytest.fixture(scope="module")
def gradebook(released_course):
    course = released_course
    release = course.root / "exercises" / A / f"{A}.ipynb"
    course.submit(FULL, A, filled_submission(release, course.root / "solutions" / A / f"{A}.ipynb"))
    course.submit(BLANK, A, nbformat.read(release, as_version=4))
    course.nbgrader("autograde", A)  # one run grades both submissions
    with Gradebook(f"sqlite:///{course.root / 'grading' / 'gradebook.db'}") as gb:
        yield gb


def _grades(gb: Gradebook, student: str) -> dict[str, object]:
    return {gid: gb.find_grade(gid, A, A, student) for gid in _graded_cells()}


def test_points_are_in_range_and_one_answer_is_graded_by_hand():
    cells = _graded_cells()
    assert 10 <= sum(p for _, p in cells.values()) <= 20
    assert [gid for gid, (kind, _) in cells.items() if kind == "markdown"] == [MANUAL]


def test_solution_scores_every_autograded_point(gradebook):
    for gid, grade in _grades(gradebook, FULL).items():
        if gid != MANUAL:
            assert grade.auto_score == grade.max_score > 0, f"{gid}: {grade.auto_score}/{grade.max_score}"


def test_blank_release_scores_zero(gradebook):
    for gid, grade in _grades(gradebook, BLANK).items():
        assert grade.score == 0, f"{gid} gives {grade.score} points for a blank answer"


def test_written_answer_needs_manual_grading(gradebook):
    grade = gradebook.find_grade(MANUAL, A, A, FULL)
    assert grade.needs_manual_grade and grade.auto_score is None
    assert gradebook.find_submission_notebook(A, A, FULL).needs_manual_grade


def test_rubric_and_model_answer_stay_in_the_instructor_copy():
    release = (ROOT / "exercises" / A / f"{A}.ipynb").read_text()
    for secret in ("Instructor notes", "Rubric", "Model answer", "Diva\\\" I'll ask"):
        assert secret not in release, f"{secret!r} reached the student release"


def test_every_autograded_answer_declares_the_ideas_it_exercises():
    nb = nbformat.read(SOURCE, as_version=4)
    exercised = {sid for c in nb.cells for sid in c.metadata.get("unruffled", {}).get("exercises", [])}
    assert {"SELF-1", "SELF-2", "SELF-3", "SELF-6", "SELF-7"} <= exercised
