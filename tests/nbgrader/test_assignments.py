"""Every assignment in solutions/ under the real nbgrader: 10-20 points with one answer graded
by hand; the instructor's solution earns every autograded point, the blank release earns none,
and the written answer waits for a person."""

from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook

from .conftest import filled_submission

pytestmark = pytest.mark.nbgrader

ROOT = Path(__file__).resolve().parents[2]
ASSIGNMENTS = sorted(p.name for p in (ROOT / "solutions").iterdir() if p.is_dir())
FULL, BLANK = "solution-learner", "blank-learner"


def graded_cells(assignment: str) -> dict[str, tuple[str, float]]:
    nb = nbformat.read(ROOT / "solutions" / assignment / f"{assignment}.ipynb", as_version=4)
    return {c.metadata["nbgrader"]["grade_id"]: (c.cell_type, c.metadata["nbgrader"]["points"])
            for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")}


def manual_cells(assignment: str) -> list[str]:
    return [gid for gid, (kind, _) in graded_cells(assignment).items() if kind == "markdown"]


@pytest.fixture(scope="module")
def gradebook(released_course):
    course = released_course
    for a in ASSIGNMENTS:
        release = course.root / "exercises" / a / f"{a}.ipynb"
        course.submit(FULL, a, filled_submission(release, course.root / "solutions" / a / f"{a}.ipynb"))
        course.submit(BLANK, a, nbformat.read(release, as_version=4))
        course.nbgrader("autograde", a, "--student", "*-learner")
    with Gradebook(f"sqlite:///{course.root / 'grading' / 'gradebook.db'}", course_id="unruffled") as gb:
        yield gb


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_assignment_has_10_to_20_points_and_one_answer_graded_by_hand(assignment):
    assert 10 <= sum(p for _, p in graded_cells(assignment).values()) <= 20
    assert len(manual_cells(assignment)) == 1


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_solution_scores_every_autograded_point(gradebook, assignment):
    for gid in graded_cells(assignment):
        if gid not in manual_cells(assignment):
            grade = gradebook.find_grade(gid, assignment, assignment, FULL)
            assert grade.auto_score == grade.max_score > 0, f"{gid}: {grade.auto_score}/{grade.max_score}"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_blank_release_scores_zero(gradebook, assignment):
    for gid in graded_cells(assignment):
        grade = gradebook.find_grade(gid, assignment, assignment, BLANK)
        assert grade.score == 0, f"{gid} gives {grade.score} points for a blank answer"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_written_answer_needs_manual_grading(gradebook, assignment):
    grade = gradebook.find_grade(manual_cells(assignment)[0], assignment, assignment, FULL)
    assert grade.needs_manual_grade and grade.auto_score is None


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_instructor_rubric_and_model_answer_stay_out_of_the_release(assignment):
    source = (ROOT / "solutions" / assignment / f"{assignment}.ipynb").read_text()
    release = (ROOT / "exercises" / assignment / f"{assignment}.ipynb").read_text()
    assert "Rubric" in source or "rubric" in source, "the source should carry a grading rubric for the instructor"
    for secret in ("Rubric", "Model answer", "Instructor notes"):
        assert secret not in release, f"{secret!r} reached the student release"
