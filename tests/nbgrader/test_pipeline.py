"""The real nbgrader cycle on assignment 01: generate, submit, autograde, feedback, export."""

import html
import re
from pathlib import Path

import nbformat
import pytest

from .conftest import filled_submission

pytestmark = pytest.mark.nbgrader

ROOT = Path(__file__).resolve().parents[2]
A = "01-who-is-difficult"


@pytest.fixture(scope="module")
def graded(released_course):
    course = released_course
    release = course.root / "exercises" / A / f"{A}.ipynb"
    source = course.root / "solutions" / A / f"{A}.ipynb"
    course.submit("good", A, filled_submission(release, source))
    course.submit("blank", A, nbformat.read(release, as_version=4))
    course.nbgrader("autograde", A)
    course.nbgrader("generate_feedback", A)
    return course


def _autograded_max() -> float:
    nb = nbformat.read(ROOT / "solutions" / A / f"{A}.ipynb", as_version=4)
    return sum(c.metadata["nbgrader"].get("points", 0) for c in nb.cells
               if c.metadata.get("nbgrader", {}).get("grade") and c.cell_type == "code")


def _max() -> float:
    nb = nbformat.read(ROOT / "solutions" / A / f"{A}.ipynb", as_version=4)
    return sum(c.metadata.get("nbgrader", {}).get("points", 0) for c in nb.cells)


def test_complete_submission_scores_every_autograded_point(graded):
    rows = graded.export_rows()
    assert float(rows[(A, "good")]["score"]) == _autograded_max() > 0


def test_blank_submission_scores_zero(graded):
    rows = graded.export_rows()
    assert float(rows[(A, "blank")]["score"]) == 0.0


def test_export_reports_the_assignment_maximum(graded):
    rows = graded.export_rows()
    assert float(rows[(A, "good")]["max_score"]) == _max()


def test_feedback_is_written_for_each_student(graded):
    for student in ("good", "blank"):
        assert (graded.root / "grading" / "feedback" / student / A / f"{A}.html").is_file()


def _visible_text(path: Path) -> str:
    # Code in feedback is split into highlighting spans; compare the text a reader sees.
    return html.unescape(re.sub(r"<[^>]+>", "", path.read_text()))


def test_feedback_shows_visible_tests_but_not_hidden_ones(graded):
    text = _visible_text(graded.root / "grading" / "feedback" / "good" / A / f"{A}.html")
    assert 'assert reasons["a"] == "impatient"' in text
    assert 'assert reasons["b"] == "indecisive"' not in text
